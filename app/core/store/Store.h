#pragma once

#include "StoreError.h"

#include <QSqlDatabase>
#include <QString>

#include <memory>

struct sqlite3;

namespace confero {

class CdrChanges;

// The console's database: SQLite (WAL, foreign keys on) by default, PostgreSQL (QPSQL) when given a
// postgresql:// URL. Opening runs the numbered migrations of store/migrations in one transaction,
// after a backup (VACUUM INTO on SQLite); a schema newer than this program knows is refused.
class Store
{
public:
    Store();
    ~Store();
    Store(const Store &) = delete;
    Store &operator=(const Store &) = delete;

    // `location`: a file path (SQLite) or postgresql://user@host:port/db?... URL.
    StoreResult<bool> open(const QString &location);
    void close();
    bool isOpen() const;
    bool isPostgres() const;

    QSqlDatabase database() const; // the connection of the thread that opened it
    QString location() const;
    int schemaVersion() const;
    static int latestSchemaVersion();

    // Another connection to the same database, named `connectionName`, for a worker thread:
    // QSqlDatabase connections belong to the thread that made them, so call this on that thread
    // and QSqlDatabase::removeDatabase() there when done.
    StoreResult<QSqlDatabase> openConnection(const QString &connectionName) const;

    // Announces changes of the stored call records (CdrSync, CdrRetention announce; views listen).
    CdrChanges *cdrChanges() const;

    // The connection's own sqlite3 handle when it is Qt's SQLite driver, else null: the bulk
    // ingest and the page reads step prepared statements on it directly (QSqlQuery costs a
    // QVariant per value), inside whatever transaction QSqlDatabase opened.
    static sqlite3 *sqliteHandle(const QSqlDatabase &db);

    // Default location inside the data folder: <data>/confero.sqlite
    static QString defaultLocation(const QString &dataDir);

private:
    StoreResult<bool> migrate(bool existingFile);

    QString m_connectionName;
    QString m_location;
    bool m_postgres = false;
    int m_schemaVersion = 0;
    std::unique_ptr<CdrChanges> m_cdrChanges;
};

} // namespace confero
