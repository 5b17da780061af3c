#pragma once

#include <QSqlDatabase>
#include <QString>

namespace confero::relay {

// The relay's SQLite database: one file, WAL, every commit synced (synchronous=FULL) because a
// webhook is answered 200 only once its commit is on disk; numbered migrations from
// app/relay/migrations applied at open, in one transaction; a newer schema is refused.
class RelayDatabase
{
public:
    static constexpr int SchemaVersion = 1;

    // Opens (creating it when missing) `path` as the connection `connectionName` of the calling
    // thread; the connection is usable only on this thread. On failure `error` says why in words.
    static QSqlDatabase open(const QString &path, const QString &connectionName, QString *error);

    // Closes and removes a connection opened with open() on this thread.
    static void close(const QString &connectionName);

private:
    static bool migrate(QSqlDatabase &db, QString *error);
};

} // namespace confero::relay
