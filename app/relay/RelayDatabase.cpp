#include "RelayDatabase.h"

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

} // namespace

QSqlDatabase RelayDatabase::open(const QString &path, const QString &connectionName, QString *error)
{
    if (!ensurePrivateFolderOf(path, error))
        return {};
    QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, connectionName);
    db.setDatabaseName(path);
    if (!db.open()) {
        *error = tr("Could not open the relay database %1: %2").arg(path, db.lastError().text());
        return {};
    }
    QSqlQuery pragma(db);
    for (const QString &statement :
         {u"PRAGMA journal_mode=WAL"_s, u"PRAGMA synchronous=FULL"_s, u"PRAGMA busy_timeout=5000"_s}) {
        if (!pragma.exec(statement)) {
            *error = tr("Could not set up the relay database %1: %2").arg(path, pragma.lastError().text());
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
        const QString script = QString::fromUtf8(file.readAll());
        if (!db.transaction()) {
            *error = tr("Could not start migration %1: %2").arg(version).arg(db.lastError().text());
            return false;
        }
        bool ok = true;
        // Statements are separated by ";" at a line's end; comments are whole lines starting "--".
        QString statement;
        for (const QString &line : script.split(u'\n')) {
            if (line.trimmed().startsWith("--"_L1))
                continue;
            statement += line + u'\n';
            if (!line.trimmed().endsWith(u';'))
                continue;
            if (!query.exec(statement.trimmed())) {
                ok = false;
                break;
            }
            statement.clear();
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
