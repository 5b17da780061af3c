#include "Store.h"

#include "CdrIngest.h"
#include "DatabaseLocation.h"
#include "TrigramContains.h"

#include "CdrChanges.h"
#include "Logging.h"

#include <QAtomicInteger>
#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>

namespace confero {

using namespace Qt::StringLiterals;

namespace {

class StoreText
{
    Q_DECLARE_TR_FUNCTIONS(confero::Store)
};

struct Migration
{
    int version = 0;
    QString path;
};

QList<Migration> migrations()
{
    QList<Migration> list;
    const QDir dir(u":/confero/migrations"_s);
    const QStringList files = dir.entryList({u"*.sql"_s}, QDir::Files, QDir::Name);
    for (const QString &file : files) {
        const int version = file.section(u'_', 0, 0).toInt();
        if (version > 0)
            list.append({version, dir.filePath(file)});
    }
    return list;
}

// Splits a migration file into statements: comments dropped, one statement per ';' at a line end.
// A statement after a line "-- sqlite only" is left out on PostgreSQL (FTS5 has no equivalent
// there), one after "-- postgres only" on SQLite (an index in PostgreSQL's COLLATE "C", a name
// SQLite does not know); a trigger's body is written on one line so its inner ';' do not end it.
QStringList statements(const QString &script, bool postgres)
{
    QStringList result;
    QString current;
    bool sqliteOnly = false;
    bool postgresOnly = false;
    const auto wanted = [&] { return !(sqliteOnly && postgres) && !(postgresOnly && !postgres); };
    const QStringList lines = script.split(u'\n');
    for (const QString &line : lines) {
        const QString trimmed = line.trimmed();
        if (trimmed == u"-- sqlite only") {
            sqliteOnly = true;
            continue;
        }
        if (trimmed == u"-- postgres only") {
            postgresOnly = true;
            continue;
        }
        if (trimmed.startsWith(u"--") || trimmed.isEmpty())
            continue;
        current += line + u'\n';
        if (trimmed.endsWith(u';')) {
            if (wanted())
                result.append(current.trimmed().chopped(1));
            current.clear();
            sqliteOnly = false;
            postgresOnly = false;
        }
    }
    if (!current.trimmed().isEmpty() && wanted())
        result.append(current.trimmed());
    return result;
}

StoreError sqlError(const QString &message, const QSqlError &error)
{
    return StoreError{message, error.text()};
}

QAtomicInteger<int> s_connectionCounter;

} // namespace

Store::Store()
    : m_cdrChanges(std::make_unique<CdrChanges>())
{
}

CdrChanges *Store::cdrChanges() const
{
    return m_cdrChanges.get();
}

Store::~Store()
{
    close();
}

int Store::latestSchemaVersion()
{
    int latest = 0;
    for (const Migration &migration : migrations())
        latest = std::max(latest, migration.version);
    return latest;
}

QString Store::defaultLocation(const QString &dataDir)
{
    return QDir(dataDir).filePath(u"confero.sqlite"_s);
}

StoreResult<bool> Store::open(const QString &location)
{
    close();
    m_location = location;
    m_postgres = DatabaseLocation::isPostgres(location);
    m_connectionName = u"confero-store-%1"_s.arg(s_connectionCounter.fetchAndAddRelaxed(1));
    bool existingFile = false;

    if (!m_postgres) {
        const QFileInfo info(location);
        existingFile = info.exists() && info.size() > 0;
        QDir().mkpath(info.absolutePath());
    }
    {
        StoreResult<QSqlDatabase> connected = openConnection(m_connectionName);
        if (!connected) {
            const StoreError &error = connected.error();
            close();
            return error;
        }
    }

    StoreResult<bool> migrated = migrate(existingFile);
    if (!migrated) {
        close();
        return migrated;
    }
    qCInfo(lcStore).noquote() << "opened" << DatabaseLocation::display(location) << "schema" << m_schemaVersion;
    return true;
}

StoreResult<QSqlDatabase> Store::openConnection(const QString &connectionName) const
{
    QSqlDatabase db;
    if (m_postgres) {
        db = QSqlDatabase::addDatabase(u"QPSQL"_s, connectionName);
        DatabaseLocation::configurePostgres(db, m_location);
    } else {
        db = QSqlDatabase::addDatabase(u"QSQLITE"_s, connectionName);
        db.setDatabaseName(m_location);
        db.setConnectOptions(u"QSQLITE_BUSY_TIMEOUT=5000"_s);
    }
    if (!db.isValid() || !db.open()) {
        const StoreError error =
            sqlError(StoreText::tr("Could not open the database %1.").arg(DatabaseLocation::display(m_location)),
                     db.lastError());
        db = QSqlDatabase();
        QSqlDatabase::removeDatabase(connectionName);
        return error;
    }
    if (!m_postgres) {
        QSqlQuery pragma(db);
        // WAL lets the console read while a worker writes; foreign keys are off by default in
        // SQLite and the schema relies on ON DELETE CASCADE.
        // confero_contains(): the call-record search row by row (CdrQuery).
        QString searchError;
        sqlite3 *handle = sqliteHandle(db);
        if (!pragma.exec(u"PRAGMA journal_mode=WAL"_s) || !pragma.exec(u"PRAGMA foreign_keys=ON"_s)
            || !pragma.exec(u"PRAGMA busy_timeout=5000"_s)
            || (handle && !TrigramContains::install(handle, &searchError))) {
            const StoreError error = searchError.isEmpty()
                ? sqlError(
                    StoreText::tr("Could not prepare the database %1.").arg(DatabaseLocation::display(m_location)),
                    pragma.lastError())
                : StoreError{
                    StoreText::tr("Could not prepare the database %1.").arg(DatabaseLocation::display(m_location)),
                    searchError};
            pragma = QSqlQuery();
            db = QSqlDatabase();
            QSqlDatabase::removeDatabase(connectionName);
            return error;
        }
    }
    return db;
}

sqlite3 *Store::sqliteHandle(const QSqlDatabase &db)
{
    if (!db.driver())
        return nullptr;
    const QVariant handle = db.driver()->handle();
    if (!handle.isValid() || qstrcmp(handle.typeName(), "sqlite3*") != 0)
        return nullptr;
    return *static_cast<sqlite3 *const *>(handle.constData());
}

StoreResult<bool> Store::migrate(bool existingFile)
{
    QSqlDatabase db = database();
    int current = 0;
    bool versioned = false;
    if (m_postgres) {
        // QPSQL's tables() lists every schema; only the one this connection writes to counts.
        QSqlQuery probe(db);
        if (!probe.exec(u"SELECT 1 FROM information_schema.tables WHERE table_schema = current_schema() "
                        "AND table_name = 'schema_version'"_s))
            return sqlError(StoreText::tr("Could not read the database's schema version."), probe.lastError());
        versioned = probe.next();
    } else {
        versioned = db.tables().contains(u"schema_version"_s);
    }
    if (versioned) {
        QSqlQuery query(db);
        if (!query.exec(u"SELECT MAX(version) FROM schema_version"_s))
            return sqlError(StoreText::tr("Could not read the database's schema version."), query.lastError());
        if (query.next())
            current = query.value(0).toInt();
    }
    m_schemaVersion = current;
    const int latest = latestSchemaVersion();
    if (current > latest) {
        return StoreError{StoreText::tr("The database %1 was written by a newer Confero (schema %2; this version "
                                        "knows up to %3). Update Confero or choose another data folder.")
                              .arg(DatabaseLocation::display(m_location))
                              .arg(current)
                              .arg(latest),
                          {}};
    }
    if (current == latest)
        return true;

    if (!m_postgres && existingFile) {
        const QString backup = u"%1.bak-v%2-%3"_s.arg(
            m_location, QString::number(current), QDateTime::currentDateTimeUtc().toString(u"yyyyMMdd'T'HHmmss'Z'"_s));
        QSqlQuery vacuum(db);
        QString escaped = backup;
        escaped.replace(u"'"_s, u"''"_s);
        if (!vacuum.exec(u"VACUUM INTO '%1'"_s.arg(escaped)))
            return sqlError(StoreText::tr("Could not back up the database to %1 before upgrading it.")
                                .arg(QDir::toNativeSeparators(backup)),
                            vacuum.lastError());
        qCInfo(lcStore).noquote() << "backed up schema" << current << "to" << backup;
    }

    {
        QSqlQuery query(db);
        if (!query.exec(u"CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, "
                        "applied_at BIGINT NOT NULL)"_s))
            return sqlError(StoreText::tr("Could not create the schema version table."), query.lastError());
    }

    const QString idColumn = m_postgres ? u"BIGSERIAL PRIMARY KEY"_s : u"INTEGER PRIMARY KEY"_s;
    for (const Migration &migration : migrations()) {
        if (migration.version <= current)
            continue;
        QFile file(migration.path);
        if (!file.open(QIODevice::ReadOnly))
            return StoreError{StoreText::tr("Migration %1 is missing from this build.").arg(migration.version), {}};
        QString script = QString::fromUtf8(file.readAll());
        script.replace(u"{{ID}}"_s, idColumn);

        if (!db.transaction())
            return sqlError(StoreText::tr("Could not start upgrading the database."), db.lastError());
        QSqlQuery query(db);
        bool ok = true;
        for (const QString &statement : statements(script, m_postgres)) {
            if (!query.exec(statement)) {
                ok = false;
                break;
            }
        }
        if (ok) {
            query.prepare(u"INSERT INTO schema_version (version, applied_at) VALUES (?, ?)"_s);
            query.addBindValue(migration.version);
            query.addBindValue(QDateTime::currentMSecsSinceEpoch());
            ok = query.exec();
        }
        if (!ok || !db.commit()) {
            const QSqlError error = query.lastError().isValid() ? query.lastError() : db.lastError();
            db.rollback();
            return sqlError(StoreText::tr("Upgrading the database to schema %1 failed; it was left at "
                                          "schema %2.")
                                .arg(migration.version)
                                .arg(m_schemaVersion),
                            error);
        }
        m_schemaVersion = migration.version;
        qCInfo(lcStore) << "applied migration" << migration.version;
    }
    // Migrations 13 and 15 rebuilt the indexes the planner's statistics described: taken again, whole.
    if (!m_postgres && current > 0 && current < 15 && m_schemaVersion >= 15)
        CdrIngest::refreshStatistics(db, true);
    return true;
}

void Store::close()
{
    if (m_connectionName.isEmpty())
        return;
    {
        QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
        if (db.isOpen())
            db.close();
    }
    QSqlDatabase::removeDatabase(m_connectionName);
    m_connectionName.clear();
    m_schemaVersion = 0;
}

bool Store::isOpen() const
{
    return !m_connectionName.isEmpty() && QSqlDatabase::database(m_connectionName, false).isOpen();
}

bool Store::isPostgres() const
{
    return m_postgres;
}

QSqlDatabase Store::database() const
{
    return QSqlDatabase::database(m_connectionName, false);
}

QString Store::location() const
{
    return m_location;
}

int Store::schemaVersion() const
{
    return m_schemaVersion;
}

} // namespace confero
