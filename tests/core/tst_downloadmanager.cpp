// DownloadManager over a real SQLite store and the real sandbox: files land in
// <library>/<room_id>/<conf_num>/<file> with at most N at once; an expired link is renewed from the
// archive route; pause, resume and cancel; a new manager over the same store continues a download
// from its .part. The storage policy's part: the quota stops what would not fit (and keeps its part),
// the policy's queueing takes only files it never saw, retention deletes old copies and leaves their
// rows "removed", and the disk-usage view adds up what is on disk by room and month.

#include "RecordingsEnvironment.h"
#include "config/ProjectStore.h"
#include "platform/EnableXPlatform.h"
#include "recordings/DownloadManager.h"
#include "recordings/LibraryUsage.h"
#include "store/Store.h"

#include <QNetworkAccessManager>
#include <QTemporaryDir>
#include <QtTest>

using namespace Qt::StringLiterals;
using namespace confero;

class tst_DownloadManager final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void filesLandInTheLibraryAtMostNAtOnce();
    void expiredLinksAreRenewedFromTheArchive();
    void pauseResumeAndCancel();
    void aNewManagerContinuesFromThePart();
    void theQuotaStopsWhatWouldNotFitAndKeepsThePart();
    void thePolicyQueuesOnlyFilesItNeverSaw();
    void retentionDeletesOldCopiesAndKeepsTheirRows();
    void usageAddsUpByRoomAndMonth();
    void aPersonsFilesGoBeforeThePolicys();

private:
    std::unique_ptr<DownloadManager> makeManager();
    // Queues the entries' transcoded files and waits until they are whole; their ids.
    QList<qint64> downloadAll(DownloadManager *manager, const QList<ArchiveEntry> &entries);

    test::RecordingsEnvironment m_env;
};

void tst_DownloadManager::initTestCase()
{
    QString error;
    const test::RecordingsEnvironment::Started started = m_env.start(3, &error);
    if (started == test::RecordingsEnvironment::Started::NoMedia)
        QSKIP(qPrintable(error));
    QVERIFY2(started == test::RecordingsEnvironment::Started::Ready, qPrintable(error));
}

void tst_DownloadManager::init()
{
    QVERIFY(m_env.setFaults({}));
    QString error;
    QVERIFY2(m_env.openStore(&error), qPrintable(error));
}

void tst_DownloadManager::cleanup()
{
    m_env.closeStore();
}

std::unique_ptr<DownloadManager> tst_DownloadManager::makeManager()
{
    auto manager = std::make_unique<DownloadManager>(&m_env.network(), m_env.platform(), m_env.store(),
                                                     m_env.projectId(), m_env.dir()->filePath(u"library"_s));
    manager->setCredentials(test::RecordingsEnvironment::fileUser(), test::RecordingsEnvironment::filePassword());
    DownloadTask::Settings settings;
    settings.initialBackoffMs = 20;
    settings.maxBackoffMs = 200;
    settings.readBufferBytes = 32 * 1024;
    manager->setTaskSettings(settings);
    return manager;
}

void tst_DownloadManager::filesLandInTheLibraryAtMostNAtOnce()
{
    const QList<ArchiveEntry> all = m_env.entries();
    QVERIFY(all.size() >= 2);
    auto manager = makeManager();
    manager->setMaxConcurrent(2);
    int most = 0;
    connect(manager.get(), &DownloadManager::downloadChanged, this,
            [&most, &manager](qint64) { most = qMax(most, manager->activeCount()); });
    QList<qint64> ids;
    for (const ArchiveEntry &entry : all.first(2)) {
        const StoreResult<QList<qint64>> queued = manager->enqueue(
            entry, {ArchiveFile::Kind::Transcoded, ArchiveFile::Kind::ChatData, ArchiveFile::Kind::Metadata});
        QVERIFY(queued.ok());
        QCOMPARE(queued.value().size(), 3);
        ids += queued.value();
    }
    QTRY_VERIFY_WITH_TIMEOUT(
        std::all_of(ids.cbegin(), ids.cend(),
                    [&](qint64 id) { return manager->download(id)->state == DownloadRecord::State::Done; }),
        60000);
    QCOMPARE(most, 2);
    QCOMPARE(manager->totalDone(), manager->totalSize());
    for (const ArchiveEntry &entry : all.first(2)) {
        const QString folder = m_env.dir()->filePath(u"library/%1/%2"_s.arg(entry.roomId, entry.confNum));
        for (const QString &name : {u"out.mp4"_s, u"chatdata.json"_s, u"metadata.json"_s})
            QVERIFY2(QFileInfo(folder + u'/' + name).size() > 0, qPrintable(folder + u'/' + name));
        QVERIFY(QDir(folder).entryList({u"*.part"_s}, QDir::Files).isEmpty());
    }
    // The store says the same.
    const StoreResult<QList<DownloadRecord>> stored = DownloadStore(m_env.store()).list(m_env.projectId());
    QVERIFY(stored.ok());
    QCOMPARE(stored.value().size(), 6);
    for (const DownloadRecord &record : stored.value()) {
        QCOMPARE(record.state, DownloadRecord::State::Done);
        QVERIFY(record.bytesDone > 0);
        QCOMPARE(record.bytesDone, record.bytesTotal);
    }
}

void tst_DownloadManager::expiredLinksAreRenewedFromTheArchive()
{
    QVERIFY(m_env.setFaults({QJsonObject{{u"kind"_s, u"expire_links"_s}, {u"ttl_s"_s, 0}, {u"status"_s, 404}}}));
    const QList<ArchiveEntry> listed = m_env.entries(); // their links are already expired
    QVERIFY(!listed.isEmpty());
    const ArchiveEntry &entry = listed.first();
    auto manager = makeManager();
    const StoreResult<QList<qint64>> queued = manager->enqueue(entry, {ArchiveFile::Kind::Transcoded});
    QVERIFY(queued.ok());
    const qint64 id = queued.value().first();
    QTRY_COMPARE_WITH_TIMEOUT(manager->download(id)->state, DownloadRecord::State::Done, 60000);
    for (const ArchiveFile &file : entry.files) {
        if (file.kind == ArchiveFile::Kind::Transcoded)
            QVERIFY(manager->download(id)->url != file.url); // the renewed link, kept in the row
    }
    const StoreResult<QList<DownloadRecord>> stored = DownloadStore(m_env.store()).list(m_env.projectId());
    QVERIFY(stored.ok());
    QCOMPARE(stored.value().first().url, manager->download(id)->url);
}

void tst_DownloadManager::pauseResumeAndCancel()
{
    // Every file answer waits a second, so the pause and the cancel land while it is in flight.
    QVERIFY(m_env.setFaults(
        {QJsonObject{{u"kind"_s, u"latency"_s}, {u"ms"_s, 1000}, {u"count"_s, -1}, {u"match"_s, u"/files/"_s}}}));
    const QList<ArchiveEntry> all = m_env.entries();
    auto manager = makeManager();
    const qint64 paused = manager->enqueue(all.at(0), {ArchiveFile::Kind::Transcoded}).value().first();
    const qint64 cancelled = manager->enqueue(all.at(1), {ArchiveFile::Kind::Transcoded}).value().first();
    manager->pause(paused);
    QCOMPARE(manager->download(paused)->state, DownloadRecord::State::Paused);
    manager->cancel(cancelled);
    QTRY_COMPARE_WITH_TIMEOUT(manager->download(cancelled)->state, DownloadRecord::State::Cancelled, 20000);
    const QString cancelledPath = manager->download(cancelled)->localPath;
    QVERIFY(!QFile::exists(cancelledPath));
    QVERIFY(!QFile::exists(DownloadTask::partPath(cancelledPath)));
    QCOMPARE(manager->activeCount(), 0);
    QVERIFY(m_env.setFaults({}));
    manager->resume(paused);
    QTRY_COMPARE_WITH_TIMEOUT(manager->download(paused)->state, DownloadRecord::State::Done, 60000);
    QVERIFY(QFileInfo(manager->download(paused)->localPath).size() > 0);
}

void tst_DownloadManager::aNewManagerContinuesFromThePart()
{
    // The first transfer is cut at 40 % and every later request waits three seconds: the manager goes
    // away (a quit, a crash) while its resume waits, leaving the part and the row.
    QVERIFY(m_env.setFaults(
        {QJsonObject{{u"kind"_s, u"drop"_s}, {u"after_fraction"_s, 0.4}, {u"match"_s, u"/files/"_s}},
         QJsonObject{{u"kind"_s, u"latency"_s}, {u"ms"_s, 3000}, {u"count"_s, -1}, {u"match"_s, u"/files/"_s}}}));
    const QList<ArchiveEntry> listed = m_env.entries();
    QVERIFY(!listed.isEmpty());
    const ArchiveEntry &entry = listed.first();
    qint64 id = 0;
    QString path;
    {
        auto first = makeManager();
        id = first->enqueue(entry, {ArchiveFile::Kind::Transcoded}).value().first();
        path = first->download(id)->localPath;
        QTRY_VERIFY_WITH_TIMEOUT(QFileInfo(DownloadTask::partPath(path)).size() > 100'000, 30000);
    }
    const qint64 kept = QFileInfo(DownloadTask::partPath(path)).size();
    QVERIFY(!QFile::exists(path));
    QVERIFY(m_env.setFaults({}));

    auto second = makeManager();
    QList<qint64> reported;
    connect(second.get(), &DownloadManager::downloadChanged, this, [&](qint64 changed) {
        if (changed == id && second->download(id)->bytesDone > 0)
            reported.append(second->download(id)->bytesDone);
    });
    QString error;
    QVERIFY2(second->restore(&error), qPrintable(error));
    QTRY_COMPARE_WITH_TIMEOUT(second->download(id)->state, DownloadRecord::State::Done, 60000);
    QVERIFY(!reported.isEmpty());
    QVERIFY2(reported.first() > kept, qPrintable(u"%1 <= %2"_s.arg(reported.first()).arg(kept)));
    QCOMPARE(QFileInfo(path).size(), second->download(id)->bytesTotal);
}

QList<qint64> tst_DownloadManager::downloadAll(DownloadManager *manager, const QList<ArchiveEntry> &entries)
{
    QList<qint64> ids;
    for (const ArchiveEntry &entry : entries) {
        const StoreResult<QList<qint64>> queued = manager->enqueue(entry, {ArchiveFile::Kind::Transcoded});
        if (!queued.ok() || queued.value().size() != 1) {
            qWarning("the transcoded file was not queued");
            return {};
        }
        ids += queued.value();
    }
    const bool done = QTest::qWaitFor(
        [&] {
            return std::all_of(ids.cbegin(), ids.cend(),
                               [&](qint64 id) { return manager->download(id)->state == DownloadRecord::State::Done; });
        },
        60000);
    if (!done)
        qWarning("the downloads did not finish");
    return done ? ids : QList<qint64>();
}

void tst_DownloadManager::theQuotaStopsWhatWouldNotFitAndKeepsThePart()
{
    const QList<ArchiveEntry> all = m_env.entries();
    QVERIFY(all.size() >= 3);
    auto manager = makeManager();
    const QList<qint64> first = downloadAll(manager.get(), all.first(1));
    QCOMPARE(first.size(), 1);
    const qint64 size = manager->download(first.first())->bytesTotal;
    QVERIFY(size > 0);
    QCOMPARE(manager->libraryBytes(), size);

    // Room for half another file: the second one starts (its size is not known yet), and stops as
    // soon as the server says how big it is.
    manager->setQuota(size + size / 2);
    QSignalSpy failed(manager.get(), &DownloadManager::downloadFailed);
    const qint64 second = manager->enqueue(all.at(1), {ArchiveFile::Kind::Transcoded}).value().first();
    QTRY_COMPARE_WITH_TIMEOUT(manager->download(second)->state, DownloadRecord::State::Failed, 20000);
    QCOMPARE(manager->download(second)->errorKind, DownloadError::Kind::QuotaReached);
    QVERIFY2(manager->download(second)->error.contains(u"quota"_s), qPrintable(manager->download(second)->error));
    QCOMPARE(failed.size(), 1);
    QCOMPARE(failed.first().at(1).value<DownloadError>().kind, DownloadError::Kind::QuotaReached);
    QCOMPARE(manager->activeCount(), 0);
    const QString secondPath = manager->download(second)->localPath;
    QVERIFY(!QFile::exists(secondPath));
    QVERIFY(QFile::exists(DownloadTask::partPath(secondPath))); // kept for the resume

    // A library already over its quota starts nothing: the third file fails before any request.
    manager->setQuota(size / 2);
    const qint64 third = manager->enqueue(all.at(2), {ArchiveFile::Kind::Transcoded}).value().first();
    QCOMPARE(manager->download(third)->state, DownloadRecord::State::Failed);
    QCOMPARE(manager->download(third)->errorKind, DownloadError::Kind::QuotaReached);
    QVERIFY(!QFile::exists(DownloadTask::partPath(manager->download(third)->localPath)));

    // The quota lifted, both resume and complete; the store has the same.
    manager->setQuota(0);
    manager->resume(second);
    manager->resume(third);
    QTRY_VERIFY_WITH_TIMEOUT(manager->download(second)->state == DownloadRecord::State::Done
                                 && manager->download(third)->state == DownloadRecord::State::Done,
                             60000);
    QCOMPARE(QFileInfo(secondPath).size(), size);
    QCOMPARE(manager->libraryBytes(), 3 * size);
}

void tst_DownloadManager::thePolicyQueuesOnlyFilesItNeverSaw()
{
    const QList<ArchiveEntry> all = m_env.entries();
    QVERIFY(!all.isEmpty());
    auto manager = makeManager();
    const StoreResult<QList<qint64>> queued =
        manager->enqueue(all.first(), {ArchiveFile::Kind::Transcoded}, DownloadManager::Origin::Policy);
    QVERIFY(queued.ok());
    QCOMPARE(queued.value().size(), 1);
    const qint64 id = queued.value().first();
    QTRY_COMPARE_WITH_TIMEOUT(manager->download(id)->state, DownloadRecord::State::Done, 60000);
    QCOMPARE(manager->download(id)->sessionAt, all.first().transDate);
    QVERIFY(manager->download(id)->completedAt.isValid());
    // Known: the policy leaves it alone.
    QVERIFY(manager->enqueue(all.first(), {ArchiveFile::Kind::Transcoded}, DownloadManager::Origin::Policy)
                .value()
                .isEmpty());

    QString error;
    QVERIFY2(manager->removeLocalCopy(id, u"deleted for the test"_s, &error), qPrintable(error));
    QCOMPARE(manager->download(id)->state, DownloadRecord::State::Removed);
    QVERIFY(!QFile::exists(manager->download(id)->localPath));
    QCOMPARE(manager->libraryBytes(), qint64(0));
    QVERIFY(!manager->removeLocalCopy(id, {}, &error)); // nothing left to delete
    // Removed stays removed for the policy ...
    QVERIFY(manager->enqueue(all.first(), {ArchiveFile::Kind::Transcoded}, DownloadManager::Origin::Policy)
                .value()
                .isEmpty());
    QCOMPARE(manager->download(id)->state, DownloadRecord::State::Removed);
    // ... and a person brings it back.
    QCOMPARE(manager->enqueue(all.first(), {ArchiveFile::Kind::Transcoded}).value(), QList<qint64>{id});
    QTRY_COMPARE_WITH_TIMEOUT(manager->download(id)->state, DownloadRecord::State::Done, 60000);
    QVERIFY(QFileInfo(manager->download(id)->localPath).size() > 0);
}

void tst_DownloadManager::retentionDeletesOldCopiesAndKeepsTheirRows()
{
    const QList<ArchiveEntry> all = m_env.entries();
    QVERIFY(all.size() >= 2);
    auto manager = makeManager();
    const QList<qint64> ids = downloadAll(manager.get(), all.first(2));
    QCOMPARE(ids.size(), 2);
    const qint64 bytes = manager->libraryBytes();
    const QDateTime now = QDateTime::currentDateTimeUtc();

    QCOMPARE(manager->applyRetention(0, now.addDays(400)).files, 0); // 0: kept for ever
    QCOMPARE(manager->applyRetention(3, now.addDays(2)).files, 0); // not old enough yet
    const DownloadManager::RetentionSummary summary = manager->applyRetention(3, now.addDays(4));
    QCOMPARE(summary.files, 2);
    QCOMPARE(summary.bytes, bytes);
    QVERIFY(summary.failures.isEmpty());
    for (const qint64 id : ids) {
        QCOMPARE(manager->download(id)->state, DownloadRecord::State::Removed);
        QVERIFY(!QFile::exists(manager->download(id)->localPath));
        QVERIFY2(manager->download(id)->error.contains(u"storage policy"_s), qPrintable(manager->download(id)->error));
    }
    // The store keeps the rows, removed: a new manager (the next start) sees the same.
    auto again = makeManager();
    QString error;
    QVERIFY2(again->restore(&error), qPrintable(error));
    for (const qint64 id : ids)
        QCOMPARE(again->download(id)->state, DownloadRecord::State::Removed);
    QCOMPARE(again->libraryBytes(), qint64(0));
}

void tst_DownloadManager::usageAddsUpByRoomAndMonth()
{
    const QList<ArchiveEntry> all = m_env.entries();
    QVERIFY(all.size() >= 3);
    auto manager = makeManager();
    const QList<qint64> ids = downloadAll(manager.get(), all.first(3));
    QCOMPARE(ids.size(), 3);
    // A file paused on the way counts as unfinished, with the bytes it holds.
    QVERIFY(m_env.setFaults({QJsonObject{
        {u"kind"_s, u"slow"_s}, {u"bytes_per_s"_s, 100'000}, {u"count"_s, -1}, {u"match"_s, u"/files/"_s}}}));
    manager->setMaxConcurrent(1);
    const QList<qint64> recordings = manager->enqueue(all.first(), {ArchiveFile::Kind::Recording}).value();
    QVERIFY(!recordings.isEmpty());
    QTRY_VERIFY_WITH_TIMEOUT(manager->download(recordings.first())->bytesDone > 0, 20000);
    for (const qint64 id : recordings)
        manager->pause(id);
    QVERIFY(m_env.setFaults({}));

    const QList<DownloadRecord> records = manager->downloads();
    const QList<LibraryUsage::Row> rows = LibraryUsage::byRoomAndMonth(records);
    QCOMPARE(LibraryUsage::totalBytes(rows), manager->libraryBytes());
    // Every file is in its room's row of its session's month.
    for (const DownloadRecord &record : records) {
        if (record.bytesDone <= 0)
            continue;
        const QDate day = record.sessionAt.toUTC().date();
        const auto row = std::find_if(rows.cbegin(), rows.cend(), [&](const LibraryUsage::Row &candidate) {
            return candidate.roomId == record.roomId && candidate.month == QDate(day.year(), day.month(), 1);
        });
        QVERIFY2(row != rows.cend(), qPrintable(record.roomId));
    }
    int files = 0;
    int unfinished = 0;
    for (const LibraryUsage::Row &row : rows) {
        files += row.files;
        unfinished += row.partial;
        QVERIFY(row.bytes > 0);
    }
    QVERIFY(unfinished >= 1);
    QCOMPARE(unfinished, int(std::count_if(records.cbegin(), records.cend(), [](const DownloadRecord &record) {
                 return record.state == DownloadRecord::State::Paused && record.bytesDone > 0;
             })));
    QCOMPARE(files, 3);
    // Ordered by room, newest month first.
    for (qsizetype i = 1; i < rows.size(); ++i)
        QVERIFY(rows.at(i - 1).roomId < rows.at(i).roomId
                || (rows.at(i - 1).roomId == rows.at(i).roomId && rows.at(i - 1).month > rows.at(i).month));
}

void tst_DownloadManager::aPersonsFilesGoBeforeThePolicys()
{
    const QList<ArchiveEntry> all = m_env.entries();
    QVERIFY(all.size() >= 3);
    // One at a time, each file answer held half a second: the order they start in is the queue's.
    QVERIFY(m_env.setFaults(
        {QJsonObject{{u"kind"_s, u"latency"_s}, {u"ms"_s, 500}, {u"count"_s, -1}, {u"match"_s, u"/files/"_s}}}));
    auto manager = makeManager();
    manager->setMaxConcurrent(1);
    QList<qint64> started;
    connect(manager.get(), &DownloadManager::downloadChanged, this, [&](qint64 id) {
        if (manager->download(id)->state == DownloadRecord::State::Running && !started.contains(id))
            started.append(id);
    });
    QList<qint64> policy;
    for (const ArchiveEntry &entry : all.first(3))
        policy += manager->enqueue(entry, {ArchiveFile::Kind::Transcoded}, DownloadManager::Origin::Policy).value();
    QCOMPARE(policy.size(), 3);
    const QList<qint64> person = manager->enqueue(all.first(), {ArchiveFile::Kind::ChatData}).value();
    QCOMPARE(person.size(), 1);
    QTRY_VERIFY_WITH_TIMEOUT(started.size() == 4, 60000);
    // The policy's first file was already running; the person's comes next, then the policy's rest.
    QCOMPARE(started, (QList<qint64>{policy.at(0), person.first(), policy.at(1), policy.at(2)}));
}

QTEST_GUILESS_MAIN(tst_DownloadManager)
#include "tst_downloadmanager.moc"
