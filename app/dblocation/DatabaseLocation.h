#pragma once

#include <QSqlDatabase>
#include <QString>

namespace confero {

// A database's location as a user gives it: a SQLite file path, or a
// postgresql://USER[:PASSWORD]@HOST[:PORT]/DB[?libpq options] URL (postgres:// too).
class DatabaseLocation
{
public:
    static bool isPostgres(const QString &location);
    // The location without its password or options, for messages and logs (a path with the platform's separators).
    static QString display(const QString &location);
    // Host, port (5432 by default), user, password, database and the query's options (as libpq
    // connect options) of a postgresql:// URL set on a QPSQL connection not yet open.
    static void configurePostgres(QSqlDatabase &db, const QString &location);
};

} // namespace confero
