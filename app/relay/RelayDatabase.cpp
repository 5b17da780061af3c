#include "RelayDatabase.h"

#include "DatabaseLocation.h"

#include "Logging.h"
#include "PrivateFolder.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QSqlError>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace confero::relay {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("confero::relay::RelayDatabase", text);
}

// Held while migrating on PostgreSQL ("confero" in ASCII, then 2 for the relay).
constexpr qint64 MigrationLockKey = 0x636f6e6665726f02;

// A migration's statements for one backend: a statement after a line "-- sqlite only" or
// "-- postgres only" is run on that backend alone; other comment lines are skipped.
QStringList statementsFor(const QString &script, bool postgres)
{
    QStringList statements;
    QString statement;
    QString only;
    for (const QString &line : script.split(u'\n')) {
        const QString trimmed = line.trimmed();
        if (trimmed.startsWith("--"_L1)) {
            if (trimmed == "-- sqlite only"_L1 || trimmed == "-- postgres only"_L1)
                only = trimmed;
            continue;
        }
        statement += line + u'\n';
        if (!trimmed.endsWith(u';'))
            continue;
        if (only.isEmpty() || (only == "-- postgres only"_L1) == postgres)
            statements.append(statement.trimmed());
        statement.clear();
        only.clear();
    }
    return statements;
}

} // namespace

bool RelayDatabase::setLockTimeout(QSqlDatabase &db, int milliseconds, QString *error)
{
    QSqlQuery query(db);
    const bool postgres = db.driverName() == "QPSQL"_L1;
    if (query.exec(postgres ? u"SET lock_timeout = %1"_s.arg(milliseconds)
                            : u"PRAGMA busy_timeout=%1"_s.arg(milliseconds)))
        return true;
    *error = query.lastError().text();
    return false;
}

QSqlDatabase RelayDatabase::open(const QString &location, const QString &connectionName, QString *error)
{
    const bool postgres = DatabaseLocation::isPostgres(location);
    if (!postgres && !ensurePrivateFolderOf(location, error))
        return {};
    QSqlDatabase db = QSqlDatabase::addDatabase(postgres ? u"QPSQL"_s : u"QSQLITE"_s, connectionName);
    if (postgres) {
        DatabaseLocation::configurePostgres(db, location);
    } else {
        db.setDatabaseName(location);
    }
    if (!db.open()) {
        *error = tr("Could not open the relay database %1: %2")
                     .arg(DatabaseLocation::display(location), db.lastError().text());
        return {};
    }
    QSqlQuery setup(db);
    // On PostgreSQL a commit returns once its WAL is flushed only with synchronous_commit on: set
    // here, whatever the server's default, since a 200 is answered from the commit.
    const QStringList statements = postgres
        ? QStringList{u"SET synchronous_commit = on"_s, u"SET lock_timeout = 5000"_s,
                      u"SET client_min_messages = warning"_s} // no NOTICE of a table already there on stderr
        : QStringList{u"PRAGMA journal_mode=WAL"_s, u"PRAGMA synchronous=FULL"_s, u"PRAGMA busy_timeout=5000"_s};
    for (const QString &statement : statements) {
        if (!setup.exec(statement)) {
            *error = tr("Could not set up the relay database %1: %2")
                         .arg(DatabaseLocation::display(location), setup.lastError().text());
            return {};
        }
    }
    if (!migrate(db, error))
        return {};
    return db;
}

void RelayDatabase::close(const QString &connectionName)
{
    {
        QSqlDatabase db = QSqlDatabase::database(connectionName, false);
        db.close();
    }
    QSqlDatabase::removeDatabase(connectionName);
}

bool RelayDatabase::migrate(QSqlDatabase &db, QString *error)
{
    const bool postgres = db.driverName() == "QPSQL"_L1;
    QSqlQuery query(db);
    // Relays that start together on one PostgreSQL database migrate one after the other; the
    // second then finds the schema current. (Released with the connection, should this fail.)
    if (postgres && !query.exec(u"SELECT pg_advisory_lock(%1)"_s.arg(MigrationLockKey))) {
        *error = tr("Could not lock the relay database for its migrations: %1").arg(query.lastError().text());
        return false;
    }
    const bool migrated = migrateLocked(db, postgres, error);
    if (postgres)
        query.exec(u"SELECT pg_advisory_unlock(%1)"_s.arg(MigrationLockKey));
    return migrated;
}

bool RelayDatabase::migrateLocked(QSqlDatabase &db, bool postgres, QString *error)
{
    QSqlQuery query(db);
    if (!query.exec(
            u"CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL)"_s)
        || !query.exec(u"SELECT COALESCE(MAX(version), 0) FROM schema_version"_s) || !query.next()) {
        *error = tr("Could not read the relay database's schema version: %1").arg(query.lastError().text());
        return false;
    }
    const int current = query.value(0).toInt();
    if (current > SchemaVersion) {
        *error = tr("The relay database has schema %1, newer than this confero-relay knows (%2): "
                    "use the newer program, or another database file.")
                     .arg(current)
                     .arg(SchemaVersion);
        return false;
    }
    for (int version = current + 1; version <= SchemaVersion; ++version) {
        // Files are named NNNN_what.sql.
        const QStringList named = QDir(u":/confero-relay/migrations"_s)
                                      .entryList({u"%1_*.sql"_s.arg(version, 4, 10, QLatin1Char('0'))}, QDir::Files);
        QFile file(named.isEmpty() ? QString() : u":/confero-relay/migrations/"_s + named.constFirst());
        if (!file.open(QIODevice::ReadOnly)) {
            *error = tr("The relay's migration %1 is missing from the program.").arg(version);
            return false;
        }
        if (!db.transaction()) {
            *error = tr("Could not start migration %1: %2").arg(version).arg(db.lastError().text());
            return false;
        }
        bool ok = true;
        for (const QString &statement : statementsFor(QString::fromUtf8(file.readAll()), postgres)) {
            if (!query.exec(statement)) {
                ok = false;
                break;
            }
        }
        if (ok) {
            query.prepare(u"INSERT INTO schema_version (version, applied_at) VALUES (?, ?)"_s);
            query.addBindValue(version);
            query.addBindValue(QDateTime::currentMSecsSinceEpoch());
            ok = query.exec();
        }
        if (!ok || !db.commit()) {
            *error = tr("Migration %1 of the relay database failed: %2").arg(version).arg(query.lastError().text());
            db.rollback();
            return false;
        }
        qCInfo(lcRelay) << "relay database at schema" << version;
    }
    return true;
}

} // namespace confero::relay
