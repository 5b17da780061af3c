#include "UpkeepTestBackend.h"
#include "config/ProjectUpkeepStore.h"
#include "store/Store.h"

#include <QSignalSpy>
#include <QSqlQuery>
#include <QTest>
#include <QTimeZone>

using namespace confero;
using namespace confero::test;
using namespace Qt::StringLiterals;

// Per-project upkeep settings (migration 0004) on SQLite and PostgreSQL.
class TestProjectUpkeep : public QObject
{
    Q_OBJECT

    UpkeepTestBackend m_backend;
    std::unique_ptr<Store> m_store;
    qint64 m_projectId = 0;

    bool open()
    {
        QFETCH(bool, postgres);
        if (postgres && !m_backend.hasPostgres()) {
            QTest::qSkip("SKIPPED: set CONFERO_TEST_PG_URL to run on PostgreSQL", __FILE__, __LINE__);
            return false;
        }
        QString error;
        m_store = m_backend.open(postgres, &m_projectId, &error);
        if (!m_store)
            qWarning().noquote() << error;
        return m_store != nullptr;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QString error;
        QVERIFY2(m_backend.init(&error), qPrintable(error));
    }

    void cleanup()
    {
        m_store.reset();
        QString error;
        QVERIFY2(m_backend.cleanup(&error), qPrintable(error));
    }

    void aNewProjectKeepsEverythingAndReconcilesHourly_data() { UpkeepTestBackend::addRows(); }
    void aNewProjectKeepsEverythingAndReconcilesHourly()
    {
        if (!open())
            return;
        QVERIFY(m_store->schemaVersion() >= 4); // later migrations add their own tables
        QCOMPARE(m_store->schemaVersion(), Store::latestSchemaVersion());
        ProjectUpkeepStore upkeepStore(m_store.get());
        const ProjectUpkeep upkeep = upkeepStore.upkeep(m_projectId);
        QVERIFY(upkeep.keepsForever());
        QCOMPARE(upkeep.retentionMonths, 0);
        QCOMPARE(upkeep.reconcileIntervalMinutes, 60);
        QCOMPARE(upkeep.reconcileWindowDays, 3);
        QVERIFY(!upkeep.lastBackupAt.isValid());
        QVERIFY(!upkeep.lastReconcileAt.isValid());
        QCOMPARE(upkeep.foundByReconciler, 0);
    }

    void choicesAreSavedAndWhatUpkeepDidIsKeptApart_data() { UpkeepTestBackend::addRows(); }
    void choicesAreSavedAndWhatUpkeepDidIsKeptApart()
    {
        if (!open())
            return;
        ProjectUpkeepStore upkeepStore(m_store.get());
        QSignalSpy changed(&upkeepStore, &ProjectUpkeepStore::upkeepChanged);
        const QDateTime backupAt(QDate(2026, 11, 2), QTime(8, 30, 0), QTimeZone::utc());
        QVERIFY(upkeepStore.recordBackup(m_projectId, backupAt, u"/backups/one.sqlite"_s).ok());

        ProjectUpkeep choices;
        choices.retentionMonths = 18;
        choices.reconcileIntervalMinutes = 15;
        choices.reconcileWindowDays = 7;
        choices.lastBackupPath = u"ignored: not a choice"_s;
        QVERIFY(upkeepStore.saveChoices(m_projectId, choices).ok());
        QCOMPARE(changed.size(), 2);
        QCOMPARE(changed.constLast().constFirst().toLongLong(), m_projectId);

        // Another store object on the same database reads the same.
        ProjectUpkeepStore again(m_store.get());
        const ProjectUpkeep read = again.upkeep(m_projectId);
        QCOMPARE(read.retentionMonths, 18);
        QVERIFY(!read.keepsForever());
        QCOMPARE(read.reconcileIntervalMinutes, 15);
        QCOMPARE(read.reconcileWindowDays, 7);
        QCOMPARE(read.lastBackupAt, backupAt);
        QCOMPARE(read.lastBackupPath, u"/backups/one.sqlite"_s);

        // Back to forever.
        choices.retentionMonths = ProjectUpkeep::kForever;
        QVERIFY(upkeepStore.saveChoices(m_projectId, choices).ok());
        QVERIFY(upkeepStore.upkeep(m_projectId).keepsForever());
        QCOMPARE(upkeepStore.upkeep(m_projectId).lastBackupPath, u"/backups/one.sqlite"_s);
    }

    void choicesOutOfRangeAreRefusedInWords_data() { UpkeepTestBackend::addRows(); }
    void choicesOutOfRangeAreRefusedInWords()
    {
        if (!open())
            return;
        ProjectUpkeepStore upkeepStore(m_store.get());
        ProjectUpkeep choices;
        choices.retentionMonths = -3;
        StoreResult<bool> saved = upkeepStore.saveChoices(m_projectId, choices);
        QVERIFY(!saved);
        QVERIFY2(saved.error().message.contains(u"months"_s), qPrintable(saved.error().message));
        choices = {};
        choices.reconcileIntervalMinutes = 1;
        saved = upkeepStore.saveChoices(m_projectId, choices);
        QVERIFY(!saved);
        QVERIFY2(saved.error().message.contains(u"minutes"_s), qPrintable(saved.error().message));
        choices = {};
        choices.reconcileWindowDays = 0;
        QVERIFY(!upkeepStore.saveChoices(m_projectId, choices));
        QCOMPARE(upkeepStore.upkeep(m_projectId).retentionMonths, 0);
    }

    void reconcilerFindingsAddUpPerProject_data() { UpkeepTestBackend::addRows(); }
    void reconcilerFindingsAddUpPerProject()
    {
        if (!open())
            return;
        const qint64 other = UpkeepTestBackend::addProject(*m_store, u"Other"_s);
        QVERIFY(other != 0);
        ProjectUpkeepStore upkeepStore(m_store.get());
        const QDateTime first(QDate(2026, 11, 1), QTime(10, 0), QTimeZone::utc());
        QVERIFY(upkeepStore.recordReconcile(m_projectId, first, 12).ok());
        QVERIFY(upkeepStore.recordReconcile(m_projectId, first.addSecs(3600), 0).ok());
        QVERIFY(upkeepStore.recordReconcile(m_projectId, first.addSecs(7200), 5).ok());
        QVERIFY(upkeepStore.recordReconcile(other, first, 40).ok());

        const ProjectUpkeep upkeep = upkeepStore.upkeep(m_projectId);
        QCOMPARE(upkeep.foundByReconciler, 17);
        QCOMPARE(upkeep.lastReconcileFound, 5);
        QCOMPARE(upkeep.lastReconcileAt, first.addSecs(7200));
        QCOMPARE(upkeepStore.upkeep(other).foundByReconciler, 40);
    }

    void removingAProjectRemovesItsUpkeep_data() { UpkeepTestBackend::addRows(); }
    void removingAProjectRemovesItsUpkeep()
    {
        if (!open())
            return;
        ProjectUpkeepStore upkeepStore(m_store.get());
        ProjectUpkeep choices;
        choices.retentionMonths = 6;
        QVERIFY(upkeepStore.saveChoices(m_projectId, choices).ok());
        QSqlQuery query(m_store->database());
        query.prepare(u"DELETE FROM projects WHERE id = ?"_s);
        query.addBindValue(m_projectId);
        QVERIFY(query.exec());
        QVERIFY(query.exec(u"SELECT COUNT(*) FROM project_upkeep"_s) && query.next());
        QCOMPARE(query.value(0).toInt(), 0);
    }
};

QTEST_GUILESS_MAIN(TestProjectUpkeep)
#include "tst_projectupkeep.moc"
