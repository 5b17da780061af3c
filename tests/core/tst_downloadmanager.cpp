// DownloadManager over a real SQLite store and the real sandbox: files land in
// <library>/<room_id>/<conf_num>/<file> with at most N at once; an expired link is renewed from the
// archive route; pause, resume and cancel; a new manager over the same store continues a download
// from its .part.

#include "RecordingsEnvironment.h"
#include "config/ProjectStore.h"
#include "platform/EnableXPlatform.h"
#include "recordings/DownloadManager.h"
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

private:
    std::unique_ptr<DownloadManager> makeManager();

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

QTEST_GUILESS_MAIN(tst_DownloadManager)
#include "tst_downloadmanager.moc"
