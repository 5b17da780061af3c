#pragma once

#include <QSqlDatabase>
#include <QString>

namespace confero::relay {

// The relay's database: a SQLite file (WAL, every commit synced: synchronous=FULL), or a PostgreSQL
// server given as a postgresql:// URL (synchronous_commit on), which several relays behind one load
// balancer share. A webhook is answered 200 only once its commit is on disk either way. Numbered
// migrations from app/relay/migrations are applied at open, in one transaction (on PostgreSQL under
// an advisory lock, so relays starting together migrate once); a newer schema is refused.
class RelayDatabase
{
public:
    static constexpr int SchemaVersion = 1;
    // PostgreSQL: the channel each commit of the event log is announced on, with its last seq.
    static constexpr const char *CommitChannel = "confero_relay_events";


    // Opens (creating it when missing) `location` as the connection `connectionName` of the calling
    // thread; the connection is usable only on this thread. On failure `error` says why in words.
    static QSqlDatabase open(const QString &location, const QString &connectionName, QString *error);

    // How long a statement waits for a lock another connection holds before it fails.
    static bool setLockTimeout(QSqlDatabase &db, int milliseconds, QString *error);

    // Closes and removes a connection opened with open() on this thread.
    static void close(const QString &connectionName);

private:
    static bool migrate(QSqlDatabase &db, QString *error);
    static bool migrateLocked(QSqlDatabase &db, bool postgres, QString *error);
};

} // namespace confero::relay
