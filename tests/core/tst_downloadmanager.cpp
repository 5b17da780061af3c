// DownloadManager over a real SQLite store and the real sandbox: files land in
// <library>/<room_id>/<conf_num>/<file> with at most N at once; an expired link is renewed from the
// archive route; pause, resume and cancel; a new manager over the same store continues a download
// from its .part.

#include "SandboxFixture.h"
#include "config/ProjectStore.h"
#include "platform/EnableXPlatform.h"
#include "recordings/DownloadManager.h"
#include "store/Store.h"

#include <QNetworkAccessManager>
#include <QTemporaryDir>
#include <QtTest>

using namespace Qt::StringLiterals;
using namespace confero;

namespace {

const QString FileUser = u"recordings-test"_s;
const QString FilePassword = u"file-password-0123"_s;

} // namespace

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
    QList<ArchiveEntry> entries();
    std::unique_ptr<DownloadManager> makeManager();
    bool setFaults(const QJsonArray &faults);

    test::SandboxFixture m_sandbox;
    QNetworkAccessManager m_network;
    std::unique_ptr<EnableXPlatform> m_platform;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Store> m_store;
    qint64 m_projectId = 0;
};

void tst_DownloadManager::initTestCase()
{
    QString error;
    QVERIFY2(m_sandbox.start(&error), qPrintable(error));
    m_platform = std::make_unique<EnableXPlatform>(&m_network, m_sandbox.apiBaseUrl(),
                                                   QString::fromLatin1(test::SandboxFixture::kAppId),
                                                   QString::fromLatin1(test::SandboxFixture::kAppKey));
    QCOMPARE(m_sandbox
                 .control("POST", u"archive/credentials"_s,
                          QJsonDocument(QJsonObject{{u"username"_s, FileUser}, {u"password"_s, FilePassword}}).toJson())
                 .value(u"result")
                 .toInt(-1),
             0);
    if (m_sandbox.control("POST", u"archive/media"_s).value(u"result").toInt(-1) != 0)
        QSKIP("the sandbox cannot make its media (is ffmpeg installed?)");
    QCOMPARE(
        m_sandbox
            .control("POST", u"cdr/simulate"_s,
                     QJsonDocument(QJsonObject{{u"days"_s, 2}, {u"sessions_per_day"_s, 10}, {u"seed"_s, 3}}).toJson())
            .value(u"result")
            .toInt(-1),
        0);
}

void tst_DownloadManager::init()
{
    QVERIFY(setFaults({}));
    m_dir = std::make_unique<QTemporaryDir>();
    m_store = std::make_unique<Store>();
    const StoreResult<bool> opened = m_store->open(m_dir->filePath(u"store.sqlite"_s));
    QVERIFY2(opened.ok(), opened.ok() ? "" : qPrintable(opened.error().message));
    ProjectStore projects(m_store.get());
    m_projectId =
        projects.ensureSandboxProject(m_sandbox.apiBaseUrl(), QString::fromLatin1(test::SandboxFixture::kAppId)).id;
    QVERIFY(m_projectId > 0);
}

void tst_DownloadManager::cleanup()
{
    m_store.reset();
    m_dir.reset();
}

bool tst_DownloadManager::setFaults(const QJsonArray &faults)
{
    return m_sandbox.setFaults(QJsonDocument(QJsonObject{{u"faults"_s, faults}}).toJson());
}

QList<ArchiveEntry> tst_DownloadManager::entries()
{
    QList<ArchiveEntry> found;
    bool done = false;
    const QDate today = QDateTime::currentDateTimeUtc().date();
    m_platform->archiveByPeriod(today.addDays(-3), today, this, [&](const PlatformResult<QList<ArchiveEntry>> &result) {
        if (result.ok())
            found = result.value();
        done = true;
    });
    if (!QTest::qWaitFor([&] { return done; }, 20000))
        qWarning("the archive route did not answer");
    return found;
}

std::unique_ptr<DownloadManager> tst_DownloadManager::makeManager()
{
    auto manager = std::make_unique<DownloadManager>(&m_network, m_platform.get(), m_store.get(), m_projectId,
                                                     m_dir->filePath(u"library"_s));
    manager->setCredentials(FileUser, FilePassword);
    DownloadTask::Settings settings;
    settings.initialBackoffMs = 20;
    settings.maxBackoffMs = 200;
    settings.readBufferBytes = 32 * 1024;
    manager->setTaskSettings(settings);
    return manager;
}

void tst_DownloadManager::filesLandInTheLibraryAtMostNAtOnce()
{
    const QList<ArchiveEntry> all = entries();
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
        const QString folder = m_dir->filePath(u"library/%1/%2"_s.arg(entry.roomId, entry.confNum));
        for (const QString &name : {u"out.mp4"_s, u"chatdata.json"_s, u"metadata.json"_s})
            QVERIFY2(QFileInfo(folder + u'/' + name).size() > 0, qPrintable(folder + u'/' + name));
        QVERIFY(QDir(folder).entryList({u"*.part"_s}, QDir::Files).isEmpty());
    }
    // The store says the same.
    const StoreResult<QList<DownloadRecord>> stored = DownloadStore(m_store.get()).list(m_projectId);
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
    QVERIFY(setFaults({QJsonObject{{u"kind"_s, u"expire_links"_s}, {u"ttl_s"_s, 0}, {u"status"_s, 404}}}));
    const QList<ArchiveEntry> listed = entries(); // their links are already expired
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
    const StoreResult<QList<DownloadRecord>> stored = DownloadStore(m_store.get()).list(m_projectId);
    QVERIFY(stored.ok());
    QCOMPARE(stored.value().first().url, manager->download(id)->url);
}

void tst_DownloadManager::pauseResumeAndCancel()
{
    // Every file answer waits a second, so the pause and the cancel land while it is in flight.
    QVERIFY(setFaults(
        {QJsonObject{{u"kind"_s, u"latency"_s}, {u"ms"_s, 1000}, {u"count"_s, -1}, {u"match"_s, u"/files/"_s}}}));
    const QList<ArchiveEntry> all = entries();
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
    QVERIFY(setFaults({}));
    manager->resume(paused);
    QTRY_COMPARE_WITH_TIMEOUT(manager->download(paused)->state, DownloadRecord::State::Done, 60000);
    QVERIFY(QFileInfo(manager->download(paused)->localPath).size() > 0);
}

void tst_DownloadManager::aNewManagerContinuesFromThePart()
{
    // The first transfer is cut at 40 % and every later request waits three seconds: the manager goes
    // away (a quit, a crash) while its resume waits, leaving the part and the row.
    QVERIFY(setFaults(
        {QJsonObject{{u"kind"_s, u"drop"_s}, {u"after_fraction"_s, 0.4}, {u"match"_s, u"/files/"_s}},
         QJsonObject{{u"kind"_s, u"latency"_s}, {u"ms"_s, 3000}, {u"count"_s, -1}, {u"match"_s, u"/files/"_s}}}));
    const QList<ArchiveEntry> listed = entries();
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
    QVERIFY(setFaults({}));

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
