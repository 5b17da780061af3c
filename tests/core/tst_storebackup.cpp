#include "UpkeepTestBackend.h"
#include "store/Store.h"
#include "store/StoreBackup.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

using namespace confero;
using namespace confero::test;
using namespace Qt::StringLiterals;

namespace {
constexpr int kWaitMs = 30'000;
}

// "Back up now": VACUUM INTO a new file on SQLite (on its own worker connection), never over an
// existing file, a refusal in words for a folder that cannot be written; the pg_dump guidance on
// PostgreSQL.
class TestStoreBackup : public QObject
{
    Q_OBJECT

    UpkeepTestBackend m_backend;
    QTemporaryDir m_dir;
    std::unique_ptr<Store> m_store;
    qint64 m_projectId = 0;

    bool openSqlite()
    {
        QString error;
        m_store = m_backend.open(false, &m_projectId, &error);
        if (!m_store)
            qWarning().noquote() << error;
        return m_store != nullptr;
    }

    // Backs up and waits; the finished() result, or the failed() message in `failure`.
    std::optional<StoreBackup::Result> backUp(StoreBackup &backup, const QString &path, QString *failure)
    {
        QSignalSpy finished(&backup, &StoreBackup::finished);
        QSignalSpy failed(&backup, &StoreBackup::failed);
        if (!backup.start(path)) {
            *failure = u"refused to start"_s;
            return std::nullopt;
        }
        if (!QTest::qWaitFor([&] { return finished.size() + failed.size() > 0; }, kWaitMs)) {
            *failure = u"did not end"_s;
            return std::nullopt;
        }
        if (!failed.isEmpty()) {
            *failure = failed.constFirst().constFirst().toString();
            return std::nullopt;
        }
        return finished.constFirst().constFirst().value<StoreBackup::Result>();
    }

    static qint64 projectsIn(const QString &file)
    {
        qint64 count = -1;
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"backup-check"_s);
            db.setDatabaseName(file);
            db.setConnectOptions(u"QSQLITE_OPEN_READONLY"_s);
            if (db.open()) {
                QSqlQuery query(db);
                if (query.exec(u"SELECT COUNT(*) FROM projects"_s) && query.next())
                    count = query.value(0).toLongLong();
            }
        }
        QSqlDatabase::removeDatabase(u"backup-check"_s);
        return count;
    }

    // A folder that cannot be written for real: a read-only folder, or, for root (who writes through
    // permissions), /proc, where nobody can create a file.
    QString unwritableFolder()
    {
        QString folder = m_dir.filePath(u"read-only"_s);
        QDir().mkpath(folder);
        QFile::setPermissions(folder, QFileDevice::ReadOwner | QFileDevice::ExeOwner);
        QFile probe(QDir(folder).filePath(u"probe"_s));
        if (!probe.open(QIODevice::WriteOnly))
            return folder;
        probe.close();
        probe.remove();
        return u"/proc"_s;
    }

private Q_SLOTS:
    void initTestCase()
    {
        qRegisterMetaType<StoreBackup::Result>();
        QVERIFY(m_dir.isValid());
        QString error;
        QVERIFY2(m_backend.init(&error), qPrintable(error));
    }

    void cleanup()
    {
        m_store.reset();
        QString error;
        QVERIFY2(m_backend.cleanup(&error), qPrintable(error));
    }

    void cleanupTestCase()
    {
        QFile::setPermissions(m_dir.filePath(u"read-only"_s),
                              QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    }

    void theDefaultIsATimestampedFileInTheDataFolder()
    {
        QVERIFY(openSqlite());
        StoreBackup backup(m_store.get(), u"/data/confero"_s);
        QVERIFY(backup.makesFiles());
        QCOMPARE(backup.defaultPath(QDateTime(QDate(2026, 11, 28), QTime(2, 5, 9), QTimeZone::utc())),
                 u"/data/confero/backups/confero-20261128T020509Z.sqlite"_s);
        QCOMPARE(backup.displayLocation(), QDir::toNativeSeparators(m_store->location()));
        QVERIFY(backup.pgDumpCommand().isEmpty());
    }

    void backUpNowWritesAWholeCopyAndMeasuresTheStore()
    {
        QVERIFY(openSqlite());
        QVERIFY(UpkeepTestBackend::addProject(*m_store, u"Second"_s) != 0);
        StoreBackup backup(m_store.get(), m_dir.filePath(u"data-1"_s));
        QSignalSpy measured(&backup, &StoreBackup::sizeMeasured);
        backup.measureSize();
        QVERIFY(measured.wait(kWaitMs));
        QVERIFY(measured.constFirst().constFirst().toLongLong() >= QFileInfo(m_store->location()).size());

        const QString path = backup.defaultPath();
        QVERIFY(!QFileInfo::exists(path));
        QString failure;
        const std::optional<StoreBackup::Result> result = backUp(backup, path, &failure);
        QVERIFY2(result, qPrintable(failure));
        QCOMPARE(result->path, path);
        QVERIFY(result->bytes > 0);
        QCOMPARE(result->bytes, QFileInfo(path).size());
        QVERIFY(result->at.isValid());
        QCOMPARE(projectsIn(path), 2);
        // No temporary piece is left beside it.
        QCOMPARE(QDir(QFileInfo(path).absolutePath()).entryList(QDir::Files | QDir::Hidden),
                 {QFileInfo(path).fileName()});
    }

    void anExistingFileIsNeverOverwritten()
    {
        QVERIFY(openSqlite());
        StoreBackup backup(m_store.get(), m_dir.path());
        const QString path = m_dir.filePath(u"precious.sqlite"_s);
        QFile precious(path);
        QVERIFY(precious.open(QIODevice::WriteOnly));
        precious.write("someone else's file");
        precious.close();

        QString failure;
        QVERIFY(!backUp(backup, path, &failure));
        QVERIFY2(failure.contains(u"already exists"_s) && failure.contains(u"never overwrites"_s), qPrintable(failure));
        QVERIFY(precious.open(QIODevice::ReadOnly));
        QCOMPARE(precious.readAll(), QByteArray("someone else's file"));
    }

    void anUnwritableFolderIsRefusedInWords()
    {
        QVERIFY(openSqlite());
        StoreBackup backup(m_store.get(), m_dir.filePath(u"data-2"_s));
        const QString folder = unwritableFolder();
        const QString path = QDir(folder).filePath(u"confero-backup.sqlite"_s);
        QString failure;
        QVERIFY(!backUp(backup, path, &failure));
        QVERIFY2(failure.contains(u"cannot write to the folder"_s), qPrintable(failure));
        QVERIFY2(failure.contains(QDir::toNativeSeparators(folder)), qPrintable(failure));
        QVERIFY(!QFileInfo::exists(path));
        QVERIFY(!QFileInfo::exists(QDir(folder).filePath(u".confero-backup.sqlite.part"_s)));

        // The same backup object works again afterwards.
        const std::optional<StoreBackup::Result> result = backUp(backup, backup.defaultPath(), &failure);
        QVERIFY2(result, qPrintable(failure));
    }

    void oneBackupAtATimeAndAnEmptyNameIsRefused()
    {
        QVERIFY(openSqlite());
        StoreBackup backup(m_store.get(), m_dir.path());
        QSignalSpy finished(&backup, &StoreBackup::finished);
        QVERIFY(backup.start(m_dir.filePath(u"one.sqlite"_s)));
        QVERIFY(backup.isRunning());
        QVERIFY(!backup.start(m_dir.filePath(u"two.sqlite"_s)));
        QVERIFY(finished.wait(kWaitMs));
        QVERIFY(!QFileInfo::exists(m_dir.filePath(u"two.sqlite"_s)));

        QString failure;
        QVERIFY(!backUp(backup, u"  "_s, &failure));
        QVERIFY2(failure.contains(u"Choose a file"_s), qPrintable(failure));
    }

    void postgresGetsThePgDumpCommandWithoutThePassword()
    {
        if (!m_backend.hasPostgres())
            QSKIP("SKIPPED: set CONFERO_TEST_PG_URL to run on PostgreSQL");
        QString error;
        m_store = m_backend.open(true, &m_projectId, &error);
        QVERIFY2(m_store, qPrintable(error));
        // The same server with a password in the URL: the fixture trusts loopback, so it is accepted.
        QUrl withPassword(m_store->location());
        withPassword.setPassword(u"s3cret-pw"_s);
        Store store;
        QVERIFY(store.open(withPassword.toString()).ok());

        StoreBackup backup(&store, u"/data/confero"_s);
        QVERIFY(!backup.makesFiles());
        QVERIFY(!backup.start(m_dir.filePath(u"pg.sqlite"_s)));
        QVERIFY(!backup.displayLocation().contains(u"s3cret-pw"_s));
        const QString command = backup.pgDumpCommand(u"/tmp/confero.dump"_s);
        QVERIFY2(!command.contains(u"s3cret-pw"_s), qPrintable(command));
        const QUrl url(m_store->location());
        QVERIFY2(command.startsWith(u"pg_dump --format=custom --file=/tmp/confero.dump --dbname='postgresql://"_s),
                 qPrintable(command));
        QVERIFY2(command.contains(u"%1@%2:%3%4"_s.arg(url.userName(), url.host()).arg(url.port()).arg(url.path())),
                 qPrintable(command));
        QVERIFY(backup.pgDumpCommand().contains(u"/data/confero/backups/confero-"_s));
        // The fixture keeps each store in a schema of its own: the dump is of that schema alone, so other
        // stores of the same database (created and dropped meanwhile by other tests) neither join it nor
        // make it fail.
        QSqlQuery current(m_store->database());
        QVERIFY(current.exec(u"SELECT current_schema()"_s) && current.next());
        const QString schema = current.value(0).toString();
        QVERIFY2(command.endsWith(u" --schema="_s + schema), qPrintable(command));

        QSignalSpy measured(&backup, &StoreBackup::sizeMeasured);
        backup.measureSize();
        QVERIFY(measured.wait(kWaitMs));
        QVERIFY(measured.constFirst().constFirst().toLongLong() > 0);

        // The command works: pg_dump, where installed, saves the store with it.
        const QString pgDump = QStandardPaths::findExecutable(u"pg_dump"_s);
        if (pgDump.isEmpty())
            return;
        const QString file = m_dir.filePath(u"store.dump"_s);
        QProcess shell;
        shell.start(u"/bin/sh"_s, {u"-c"_s, backup.pgDumpCommand(file)});
        QVERIFY(shell.waitForFinished(kWaitMs));
        QVERIFY2(shell.exitCode() == 0, shell.readAllStandardError().constData());
        QVERIFY(QFileInfo(file).size() > 0);
        const QString pgRestore = QStandardPaths::findExecutable(u"pg_restore"_s);
        if (pgRestore.isEmpty())
            return;
        QProcess list;
        list.start(pgRestore, {u"--list"_s, file});
        QVERIFY(list.waitForFinished(kWaitMs));
        const QString contents = QString::fromUtf8(list.readAllStandardOutput());
        QVERIFY2(contents.contains(u"TABLE "_s + schema + u" participants"_s), qPrintable(contents));
        QVERIFY2(!contents.contains(u"TABLE public "_s), qPrintable(contents));
    }
};

QTEST_GUILESS_MAIN(TestStoreBackup)
#include "tst_storebackup.moc"
