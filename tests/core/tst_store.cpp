#include "config/ProjectStore.h"
#include "config/TokenLog.h"
#include "store/RoomCache.h"
#include "store/Store.h"

#include <QDir>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

using namespace confero;
using namespace Qt::StringLiterals;

namespace {

int count(const QSqlDatabase &db, const QString &sql)
{
    QSqlQuery query(db);
    if (!query.exec(sql) || !query.next())
        return -1;
    return query.value(0).toInt();
}

} // namespace

// The store on SQLite files, and the same behaviour on PostgreSQL when CONFERO_TEST_PG_URL names a
// database this test may fill (each run uses its own schema).
class TestStore : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_pgSchema;

    QString file(const QString &name) const { return m_dir.filePath(name); }

    void exercise(Store &store)
    {
        ProjectStore projects(&store);
        Project project;
        project.name = u"Acme, prod (EU)"_s;
        project.apiBaseUrl = QUrl(u"https://api.enablex.io/video/v2"_s);
        project.appId = u"64f0c0ffee0000000000a11d"_s;
        const StoreResult<Project> added = projects.add(project);
        QVERIFY2(added, added ? "" : qPrintable(added.error().message + u' ' + added.error().detail));
        QVERIFY(added.value().id > 0);
        QCOMPARE(added.value().apiBaseUrl.toString(), u"https://api.enablex.io/video/v2/"_s);
        QVERIFY(!projects.add(project)); // the name is unique

        projects.setCurrent(added.value().id);
        QCOMPARE(projects.current()->name, project.name);

        RoomCache cache(&store);
        Room room = *Room::fromJson(QJsonObject{{u"room_id"_s, u"r1"_s}, {u"name"_s, u"One"_s}});
        QVERIFY(cache.replace(added.value().id, {room}, QDateTime::currentDateTimeUtc()));
        QCOMPARE(cache.rooms(added.value().id).size(), 1);

        TokenLog log(&store);
        TokenRequest request;
        request.name = u"Alice"_s;
        request.role = u"moderator"_s;
        request.userRef = u"u-1"_s;
        JoinToken token;
        token.raw = u"c2VjcmV0LXRva2Vu"_s;
        QVERIFY(log.record(added.value().id, u"r1"_s, request, token, QDateTime::currentDateTimeUtc()));
        const QList<TokenLog::Entry> entries = log.entries(added.value().id);
        QCOMPARE(entries.size(), 1);
        QCOMPARE(entries.constFirst().tokenSha256, TokenLog::sha256Hex(token.raw));
        QCOMPARE(entries.constFirst().role, u"moderator"_s);

        // Removing a project cascades to its cached rooms and token log (foreign keys are on).
        QVERIFY(projects.remove(added.value().id));
        QVERIFY(!projects.current());
        QCOMPARE(cache.rooms(added.value().id).size(), 0);
        QCOMPARE(log.entries(added.value().id).size(), 0);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY(Store::latestSchemaVersion() >= 1);
    }

    void freshFileIsMigrated()
    {
        Store store;
        const StoreResult<bool> opened = store.open(file(u"fresh.sqlite"_s));
        QVERIFY2(opened, opened ? "" : qPrintable(opened.error().message + u' ' + opened.error().detail));
        QCOMPARE(store.schemaVersion(), Store::latestSchemaVersion());
        QVERIFY(!store.isPostgres());
        const QStringList tables = store.database().tables();
        for (const QString &table : {u"projects"_s, u"app_state"_s, u"rooms"_s, u"token_log"_s, u"schema_version"_s})
            QVERIFY2(tables.contains(table), qPrintable(table));
        // A new, empty file has nothing to back up.
        QCOMPARE(QDir(m_dir.path()).entryList({u"fresh.sqlite.bak-*"_s}).size(), 0);
    }

    void walAndForeignKeysAreOn()
    {
        Store store;
        QVERIFY(store.open(file(u"pragmas.sqlite"_s)));
        QSqlQuery query(store.database());
        QVERIFY(query.exec(u"PRAGMA journal_mode"_s) && query.next());
        QCOMPARE(query.value(0).toString().toLower(), u"wal"_s);
        QVERIFY(query.exec(u"PRAGMA foreign_keys"_s) && query.next());
        QCOMPARE(query.value(0).toInt(), 1);
    }

    void reopeningIsIdempotent()
    {
        const QString path = file(u"twice.sqlite"_s);
        {
            Store store;
            QVERIFY(store.open(path));
        }
        Store store;
        QVERIFY(store.open(path));
        QCOMPARE(store.schemaVersion(), Store::latestSchemaVersion());
        QCOMPARE(count(store.database(), u"SELECT COUNT(*) FROM schema_version"_s), Store::latestSchemaVersion());
        QCOMPARE(QDir(m_dir.path()).entryList({u"twice.sqlite.bak-*"_s}).size(), 0);
    }

    void olderFileIsBackedUpBeforeMigrating()
    {
        // A "version 0" file: an existing SQLite database that predates schema_version.
        const QString path = file(u"old.sqlite"_s);
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"old-maker"_s);
            db.setDatabaseName(path);
            QVERIFY(db.open());
            QSqlQuery query(db);
            QVERIFY(query.exec(u"CREATE TABLE legacy_notes (body TEXT)"_s));
            QVERIFY(query.exec(u"INSERT INTO legacy_notes VALUES ('kept')"_s));
            db.close();
        }
        QSqlDatabase::removeDatabase(u"old-maker"_s);

        Store store;
        QVERIFY(store.open(path));
        QCOMPARE(store.schemaVersion(), Store::latestSchemaVersion());
        const QStringList backups = QDir(m_dir.path()).entryList({u"old.sqlite.bak-v0-*"_s});
        QCOMPARE(backups.size(), 1);

        // The backup is the database as it was: the old table, no schema_version.
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"backup-reader"_s);
            db.setDatabaseName(file(backups.constFirst()));
            QVERIFY(db.open());
            QCOMPARE(count(db, u"SELECT COUNT(*) FROM legacy_notes"_s), 1);
            QVERIFY(!db.tables().contains(u"schema_version"_s));
            db.close();
        }
        QSqlDatabase::removeDatabase(u"backup-reader"_s);
        QCOMPARE(count(store.database(), u"SELECT COUNT(*) FROM legacy_notes"_s), 1);
    }

    void newerSchemaIsRefused()
    {
        const QString path = file(u"future.sqlite"_s);
        {
            Store store;
            QVERIFY(store.open(path));
            QSqlQuery query(store.database());
            QVERIFY(query.exec(u"INSERT INTO schema_version (version, applied_at) VALUES (%1, 0)"_s.arg(
                Store::latestSchemaVersion() + 1)));
        }
        Store store;
        const StoreResult<bool> opened = store.open(path);
        QVERIFY(!opened);
        QVERIFY2(opened.error().message.contains(u"newer Confero"_s), qPrintable(opened.error().message));
        QVERIFY(opened.error().message.contains(QString::number(Store::latestSchemaVersion() + 1)));
        QVERIFY(!store.isOpen());
        // Refusing changed nothing: no backup, no migration attempt.
        QCOMPARE(QDir(m_dir.path()).entryList({u"future.sqlite.bak-*"_s}).size(), 0);
    }

    void unopenableLocationIsAnError()
    {
        Store store;
        const StoreResult<bool> opened = store.open(u"/proc/confero-cannot-be-here/x.sqlite"_s);
        QVERIFY(!opened);
        QVERIFY(!opened.error().message.isEmpty());
    }

    void projectsRoomsAndTokenLogOnSqlite()
    {
        Store store;
        QVERIFY(store.open(file(u"data.sqlite"_s)));
        exercise(store);
    }

    void sameSchemaOnPostgres()
    {
        const QString url = qEnvironmentVariable("CONFERO_TEST_PG_URL");
        if (url.isEmpty())
            QSKIP("SKIPPED: set CONFERO_TEST_PG_URL=postgresql://user@host:port/db to run the store on PostgreSQL");
        if (!QSqlDatabase::isDriverAvailable(u"QPSQL"_s))
            QFAIL("CONFERO_TEST_PG_URL is set but the Qt PostgreSQL driver (QPSQL) is not installed");

        // A schema of its own, so runs never see each other's tables.
        m_pgSchema = u"confero_test_"_s + QUuid::createUuid().toString(QUuid::Id128).left(12);
        QSqlDatabase raw = QSqlDatabase::addDatabase(u"QPSQL"_s, u"pg-admin"_s);
        const QUrl parsed(url);
        raw.setHostName(parsed.host());
        raw.setPort(parsed.port(5432));
        raw.setUserName(parsed.userName());
        raw.setPassword(parsed.password());
        raw.setDatabaseName(parsed.path().mid(1));
        QVERIFY2(raw.open(), qPrintable(raw.lastError().text()));
        QSqlQuery query(raw);
        QVERIFY(query.exec(u"CREATE SCHEMA "_s + m_pgSchema));

        const QString scoped =
            url + (url.contains(u'?') ? u"&"_s : u"?"_s) + u"options=-csearch_path%3D"_s + m_pgSchema;
        {
            Store store;
            const StoreResult<bool> opened = store.open(scoped);
            QVERIFY2(opened, opened ? "" : qPrintable(opened.error().message + u' ' + opened.error().detail));
            QVERIFY(store.isPostgres());
            QCOMPARE(store.schemaVersion(), Store::latestSchemaVersion());
            exercise(store);
        }
        Store again;
        QVERIFY(again.open(scoped));
        QCOMPARE(again.schemaVersion(), Store::latestSchemaVersion());
        again.close();
        QVERIFY(query.exec(u"DROP SCHEMA "_s + m_pgSchema + u" CASCADE"_s));
        query = QSqlQuery();
        raw.close();
        raw = QSqlDatabase();
        QSqlDatabase::removeDatabase(u"pg-admin"_s);
    }
};

QTEST_GUILESS_MAIN(TestStore)
#include "tst_store.moc"
