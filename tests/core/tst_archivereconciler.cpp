// ArchiveReconciler over a real SQLite store and the real sandbox: the first pass queues the policy's
// kinds (transcoded only, by default) of the last days and the files arrive; the mark is the last
// whole day; a second pass queues nothing again; a kind turned on later queues that kind; a person's
// cancel is respected; nothing is queued without kinds; retention runs after the pass (the clock moved
// on); an archive route that fails is said, the mark stays, and retention still runs.

#include "RecordingsEnvironment.h"
#include "platform/EnableXPlatform.h"
#include "recordings/DownloadManager.h"
#include "recordings/RecordingSettingsStore.h"
#include "sync/ArchiveReconciler.h"

#include <QtTest>

using namespace Qt::StringLiterals;
using namespace confero;

class tst_ArchiveReconciler final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void theFirstPassQueuesThePolicysKinds();
    void aKindTurnedOnLaterIsQueuedAndCancelsAreKept();
    void noKindsQueueNothingAndMoveTheMark();
    void retentionRunsAfterThePass();
    void aFailingArchiveIsSaidAndTheMarkStays();

private:
    std::unique_ptr<DownloadManager> makeManager();
    // Runs one pass; its summary, or nothing when it did not end.
    std::optional<ArchiveReconciler::Summary> pass(ArchiveReconciler &reconciler, QString *error = nullptr);
    int countOf(ArchiveFile::Kind kind) const;
    int transcodedCount() const { return countOf(ArchiveFile::Kind::Transcoded); }

    test::RecordingsEnvironment m_env;
    QList<ArchiveEntry> m_entries; // of the last three days
};

void tst_ArchiveReconciler::initTestCase()
{
    QString error;
    const test::RecordingsEnvironment::Started started = m_env.start(5, &error);
    if (started == test::RecordingsEnvironment::Started::NoMedia)
        QSKIP(qPrintable(error));
    QVERIFY2(started == test::RecordingsEnvironment::Started::Ready, qPrintable(error));
    m_entries = m_env.entries();
    QVERIFY(m_entries.size() >= 2);
}

void tst_ArchiveReconciler::init()
{
    QVERIFY(m_env.setFaults({}));
    QString error;
    QVERIFY2(m_env.openStore(&error), qPrintable(error));
}

void tst_ArchiveReconciler::cleanup()
{
    m_env.closeStore();
}

std::unique_ptr<DownloadManager> tst_ArchiveReconciler::makeManager()
{
    auto manager = std::make_unique<DownloadManager>(&m_env.network(), m_env.platform(), m_env.store(),
                                                     m_env.projectId(), m_env.dir()->filePath(u"library"_s));
    manager->setCredentials(test::RecordingsEnvironment::fileUser(), test::RecordingsEnvironment::filePassword());
    manager->setMaxConcurrent(4);
    return manager;
}

std::optional<ArchiveReconciler::Summary> tst_ArchiveReconciler::pass(ArchiveReconciler &reconciler, QString *error)
{
    QSignalSpy finished(&reconciler, &ArchiveReconciler::finished);
    QSignalSpy failed(&reconciler, &ArchiveReconciler::failed);
    if (!reconciler.reconcileNow() && !reconciler.isRunning())
        reconciler.start();
    if (!finished.wait(30000) && finished.isEmpty())
        return std::nullopt;
    if (error)
        *error = failed.isEmpty() ? QString() : failed.first().first().toString();
    return finished.first().first().value<ArchiveReconciler::Summary>();
}

int tst_ArchiveReconciler::countOf(ArchiveFile::Kind kind) const
{
    int count = 0;
    for (const ArchiveEntry &entry : m_entries) {
        for (const ArchiveFile &file : entry.files)
            count += file.kind == kind ? 1 : 0;
    }
    return count;
}

void tst_ArchiveReconciler::theFirstPassQueuesThePolicysKinds()
{
    auto manager = makeManager();
    RecordingSettingsStore settings(m_env.store());
    ArchiveReconciler reconciler(m_env.platform(), manager.get(), &settings, m_env.projectId());
    const QDate dayBefore = QDateTime::currentDateTimeUtc().date();
    const std::optional<ArchiveReconciler::Summary> first = pass(reconciler);
    QVERIFY(first);
    // The pass's own day (it may cross midnight UTC): the window ends on it.
    const QDate today = first->to;
    QVERIFY(today == dayBefore || today == QDateTime::currentDateTimeUtc().date());
    QCOMPARE(first->from, today.addDays(1 - ArchiveReconciler::FirstPassDays));
    // The simulated days lie within the first pass's week: every transcoded file, nothing else.
    QCOMPARE(first->sessions, m_entries.size());
    QCOMPARE(first->queued, transcodedCount());
    QCOMPARE(settings.archiveThrough(m_env.projectId()), today.addDays(-1));
    QTRY_VERIFY_WITH_TIMEOUT(manager->activeCount() == 0, 60000);
    const QList<DownloadRecord> records = manager->downloads();
    QCOMPARE(records.size(), transcodedCount());
    for (const DownloadRecord &record : records) {
        QCOMPARE(record.kind, ArchiveFile::Kind::Transcoded);
        QCOMPARE(record.state, DownloadRecord::State::Done);
        QVERIFY(QFileInfo(record.localPath).size() > 0);
    }

    // Again: a day of overlap is read, and nothing new is queued.
    const std::optional<ArchiveReconciler::Summary> second = pass(reconciler);
    QVERIFY(second);
    QCOMPARE(second->from, today.addDays(-2));
    QCOMPARE(second->queued, 0);
    QCOMPARE(manager->downloads().size(), transcodedCount());
}

void tst_ArchiveReconciler::aKindTurnedOnLaterIsQueuedAndCancelsAreKept()
{
    auto manager = makeManager();
    RecordingSettingsStore settings(m_env.store());
    ArchiveReconciler reconciler(m_env.platform(), manager.get(), &settings, m_env.projectId());
    QVERIFY(pass(reconciler));
    // A person cancels one file before it finishes: the policy does not bring it back.
    QVERIFY(m_env.setFaults(
        {QJsonObject{{u"kind"_s, u"latency"_s}, {u"ms"_s, 2000}, {u"count"_s, -1}, {u"match"_s, u"/files/"_s}}}));
    RecordingSettings policy = settings.settings(m_env.projectId());
    policy.autoKinds = {ArchiveFile::Kind::Transcoded, ArchiveFile::Kind::ChatData};
    QVERIFY(settings.save(m_env.projectId(), policy).ok());
    const std::optional<ArchiveReconciler::Summary> withChat = pass(reconciler);
    QVERIFY(withChat);
    QVERIFY(countOf(ArchiveFile::Kind::ChatData) > 0);
    QCOMPARE(withChat->queued, countOf(ArchiveFile::Kind::ChatData));
    qint64 cancelled = 0;
    for (const DownloadRecord &record : manager->downloads()) {
        if (record.kind == ArchiveFile::Kind::ChatData && record.state != DownloadRecord::State::Done) {
            cancelled = record.id;
            break;
        }
    }
    QVERIFY(cancelled != 0);
    manager->cancel(cancelled);
    QTRY_COMPARE_WITH_TIMEOUT(manager->download(cancelled)->state, DownloadRecord::State::Cancelled, 20000);
    QVERIFY(m_env.setFaults({}));
    const std::optional<ArchiveReconciler::Summary> again = pass(reconciler);
    QVERIFY(again);
    QCOMPARE(again->queued, 0);
    QCOMPARE(manager->download(cancelled)->state, DownloadRecord::State::Cancelled);
}

void tst_ArchiveReconciler::noKindsQueueNothingAndMoveTheMark()
{
    auto manager = makeManager();
    RecordingSettingsStore settings(m_env.store());
    RecordingSettings policy;
    policy.autoKinds.clear();
    QVERIFY(settings.save(m_env.projectId(), policy).ok());
    ArchiveReconciler reconciler(m_env.platform(), manager.get(), &settings, m_env.projectId());
    const QDate dayBefore = QDateTime::currentDateTimeUtc().date();
    const std::optional<ArchiveReconciler::Summary> summary = pass(reconciler);
    const QDate dayAfter = QDateTime::currentDateTimeUtc().date();
    QVERIFY(summary);
    QCOMPARE(summary->queued, 0);
    QVERIFY(manager->downloads().isEmpty());
    // Turned on later, only what comes from then on (and the day of overlap) is read. The mark is
    // the day before the pass's; a pass that crosses midnight UTC may take either day (a run at
    // 00:00 once failed on comparing with the day after).
    const QDate mark = settings.archiveThrough(m_env.projectId());
    QVERIFY2(mark == dayBefore.addDays(-1) || mark == dayAfter.addDays(-1), qPrintable(mark.toString(Qt::ISODate)));
}

void tst_ArchiveReconciler::retentionRunsAfterThePass()
{
    auto manager = makeManager();
    RecordingSettingsStore settings(m_env.store());
    ArchiveReconciler reconciler(m_env.platform(), manager.get(), &settings, m_env.projectId());
    QVERIFY(pass(reconciler));
    QTRY_VERIFY_WITH_TIMEOUT(manager->activeCount() == 0, 60000);
    const qint64 bytes = manager->libraryBytes();
    QVERIFY(bytes > 0);
    RecordingSettings policy = settings.settings(m_env.projectId());
    policy.keepDays = 2;
    QVERIFY(settings.save(m_env.projectId(), policy).ok());
    // Three days later: every copy is older than two days. The pass still reads the sessions (the day
    // of overlap) but knows their files, so nothing is queued again.
    reconciler.setClock([] { return QDateTime::currentDateTimeUtc().addDays(3); });
    const std::optional<ArchiveReconciler::Summary> later = pass(reconciler);
    QVERIFY(later);
    QCOMPARE(later->retention.files, transcodedCount());
    QCOMPARE(later->retention.bytes, bytes);
    QCOMPARE(later->queued, 0);
    QCOMPARE(manager->libraryBytes(), qint64(0));
    for (const DownloadRecord &record : manager->downloads())
        QCOMPARE(record.state, DownloadRecord::State::Removed);
}

void tst_ArchiveReconciler::aFailingArchiveIsSaidAndTheMarkStays()
{
    auto manager = makeManager();
    RecordingSettingsStore settings(m_env.store());
    ArchiveReconciler reconciler(m_env.platform(), manager.get(), &settings, m_env.projectId());
    QVERIFY(m_env.setFaults({QJsonObject{{u"kind"_s, u"status"_s},
                                         {u"status"_s, 400},
                                         {u"result"_s, 1401},
                                         {u"count"_s, -1},
                                         {u"match"_s, u"/archive/"_s}}}));
    QString error;
    const std::optional<ArchiveReconciler::Summary> failed = pass(reconciler, &error);
    QVERIFY(failed);
    QVERIFY(!error.isEmpty());
    QCOMPARE(reconciler.lastError(), error);
    QVERIFY(!settings.archiveThrough(m_env.projectId()).isValid());
    QVERIFY(manager->downloads().isEmpty());
    QVERIFY(failed->at.isValid()); // the pass ended, retention included
    QVERIFY(m_env.setFaults({}));
    const std::optional<ArchiveReconciler::Summary> next = pass(reconciler, &error);
    QVERIFY(next);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(next->queued, transcodedCount());
}

QTEST_GUILESS_MAIN(tst_ArchiveReconciler)
#include "tst_archivereconciler.moc"
