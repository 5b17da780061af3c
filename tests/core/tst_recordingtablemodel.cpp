// RecordingTableModel over a real DownloadManager, SQLite store and the real sandbox: an archive
// listing shows each file not local; downloads move their rows through queued, downloading, paused
// and complete with the bytes on disk; a refused password shows the failure's sentence; a file
// already on disk is complete, a finished one deleted since is not. TransferRate with its own clock.

#include "RecordingsEnvironment.h"
#include "config/ProjectStore.h"
#include "models/RecordingTableModel.h"
#include "platform/EnableXPlatform.h"
#include "recordings/DownloadManager.h"
#include "store/Store.h"

#include <QAbstractItemModelTester>
#include <QNetworkAccessManager>
#include <QTemporaryDir>
#include <QtTest>

using namespace Qt::StringLiterals;
using namespace confero;

namespace {
using LocalState = RecordingTableModel::LocalState;

} // namespace

class tst_RecordingTableModel final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void aListingShowsEveryFileNotLocal();
    void downloadsMoveThroughTheirStatesToComplete();
    void pauseAndResume();
    void aRefusedPasswordShowsWhy();
    void whatIsOnDiskDecides();
    void transferRateOverItsWindow();

private:
    std::unique_ptr<DownloadManager> makeManager(bool withCredentials = true);
    static int rowOfKind(const RecordingTableModel &model, ArchiveFile::Kind kind, int skip = 0);

    test::RecordingsEnvironment m_env;
};

void tst_RecordingTableModel::initTestCase()
{
    QString error;
    const test::RecordingsEnvironment::Started started = m_env.start(5, &error);
    if (started == test::RecordingsEnvironment::Started::NoMedia)
        QSKIP(qPrintable(error));
    QVERIFY2(started == test::RecordingsEnvironment::Started::Ready, qPrintable(error));
}

void tst_RecordingTableModel::init()
{
    QVERIFY(m_env.setFaults({}));
    QString error;
    QVERIFY2(m_env.openStore(&error), qPrintable(error));
}

void tst_RecordingTableModel::cleanup()
{
    m_env.closeStore();
}

std::unique_ptr<DownloadManager> tst_RecordingTableModel::makeManager(bool withCredentials)
{
    auto manager = std::make_unique<DownloadManager>(&m_env.network(), m_env.platform(), m_env.store(),
                                                     m_env.projectId(), m_env.dir()->filePath(u"library"_s));
    if (withCredentials)
        manager->setCredentials(test::RecordingsEnvironment::fileUser(), test::RecordingsEnvironment::filePassword());
    DownloadTask::Settings settings;
    settings.initialBackoffMs = 20;
    settings.maxBackoffMs = 200;
    settings.readBufferBytes = 32 * 1024;
    manager->setTaskSettings(settings);
    return manager;
}

int tst_RecordingTableModel::rowOfKind(const RecordingTableModel &model, ArchiveFile::Kind kind, int skip)
{
    for (int row = 0; row < model.rowCount(); ++row) {
        if (model.entriesFor({row}).constFirst().files.constFirst().kind == kind && skip-- == 0)
            return row;
    }
    return -1;
}

void tst_RecordingTableModel::aListingShowsEveryFileNotLocal()
{
    const QList<ArchiveEntry> listed = m_env.entries();
    QVERIFY(listed.size() >= 2);
    auto manager = makeManager();
    RecordingTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setManager(manager.get());
    model.setEntries(listed);
    qsizetype files = 0;
    for (const ArchiveEntry &entry : listed)
        files += entry.files.size();
    QCOMPARE(model.rowCount(), int(files));
    QCOMPARE(model.columnCount(), int(RecordingTableModel::ColumnCount));
    for (int row = 0; row < model.rowCount(); ++row) {
        QCOMPARE(model.state(row), LocalState::NotLocal);
        QCOMPARE(model.index(row, RecordingTableModel::Progress).data().toString(), u"Not local"_s);
        QCOMPARE(model.downloadId(row), 0);
    }
    // Rows follow the listing: the first entry's files first, each with its session and its place.
    const ArchiveEntry &first = listed.constFirst();
    QCOMPARE(model.index(0, RecordingTableModel::Session).data().toString(), first.confNum);
    QCOMPARE(model.index(0, RecordingTableModel::Room).data().toString(), first.roomId);
    QCOMPARE(model.localPath(0), manager->localPathFor(first.roomId, first.confNum, first.files.constFirst().url));
    model.setRoomNames({{first.roomId, u"Daily stand-up"_s}});
    QCOMPARE(model.index(0, RecordingTableModel::Room).data().toString(), u"Daily stand-up"_s);
    // The rows of one session come back as that session's entry with only those files.
    const QList<ArchiveEntry> picked = model.entriesFor({1, 0, int(first.files.size())});
    QCOMPARE(picked.size(), 2);
    QCOMPARE(picked.at(0).confNum, first.confNum);
    QCOMPARE(picked.at(0).files.size(), 2);
    QCOMPARE(picked.at(1).confNum, listed.at(1).confNum);
    QCOMPARE(picked.at(1).files, QList<ArchiveFile>{listed.at(1).files.constFirst()});
    QCOMPARE(model.totalSize(), 0);
}

void tst_RecordingTableModel::downloadsMoveThroughTheirStatesToComplete()
{
    // Each file answer waits half a second, so with one download at a time the second is seen queued.
    QVERIFY(m_env.setFaults(
        {QJsonObject{{u"kind"_s, u"latency"_s}, {u"ms"_s, 500}, {u"count"_s, -1}, {u"match"_s, u"/files/"_s}}}));
    auto manager = makeManager();
    manager->setMaxConcurrent(1);
    RecordingTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setManager(manager.get());
    model.setEntries(m_env.entries());
    const int video = rowOfKind(model, ArchiveFile::Kind::Transcoded);
    const int recording = rowOfKind(model, ArchiveFile::Kind::Recording);
    QVERIFY(video >= 0 && recording >= 0);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QSignalSpy totals(&model, &RecordingTableModel::totalProgressChanged);
    QSet<LocalState> seen;
    connect(&model, &QAbstractItemModel::dataChanged, this,
            [&](const QModelIndex &from) { seen.insert(model.state(from.row())); });
    for (const ArchiveEntry &entry : model.entriesFor({video, recording})) {
        QVERIFY(manager->enqueue(entry, {ArchiveFile::Kind::Transcoded, ArchiveFile::Kind::Recording}).ok());
    }
    QCOMPARE(int(model.state(video)) + int(model.state(recording)),
             int(LocalState::Downloading) + int(LocalState::Queued));
    QVERIFY(!changed.isEmpty());
    QVERIFY(model.downloadId(video) > 0);
    QCOMPARE(model.unknownSizeCount(), 2); // nothing has answered yet
    QTRY_VERIFY_WITH_TIMEOUT(
        model.state(video) == LocalState::Complete && model.state(recording) == LocalState::Complete, 60000);
    QVERIFY(seen.contains(LocalState::Queued));
    QVERIFY(seen.contains(LocalState::Downloading));
    qint64 bytes = 0;
    for (const int row : {video, recording}) {
        const qint64 size = QFileInfo(model.localPath(row)).size();
        QVERIFY(size > 0);
        QCOMPARE(model.index(row, 0).data(RecordingTableModel::BytesDoneRole).toLongLong(), size);
        QCOMPARE(model.index(row, 0).data(RecordingTableModel::BytesTotalRole).toLongLong(), size);
        QCOMPARE(model.index(row, 0).data(RecordingTableModel::FractionRole).toDouble(), 1.0);
        QCOMPARE(model.index(row, RecordingTableModel::Progress).data().toString(), u"Complete"_s);
        QCOMPARE(model.index(row, RecordingTableModel::Size).data().toString(), QLocale().formattedDataSize(size));
        bytes += size;
    }
    QCOMPARE(model.totalDone(), bytes);
    QCOMPARE(model.totalSize(), bytes);
    QCOMPARE(model.unknownSizeCount(), 0);
    QVERIFY(!totals.isEmpty());
    QCOMPARE(totals.constLast().at(0).toLongLong(), bytes);
    QCOMPARE(totals.constLast().at(1).toLongLong(), bytes);
    // The other files are still not local.
    QCOMPARE(model.state(rowOfKind(model, ArchiveFile::Kind::ChatData)), LocalState::NotLocal);
}

void tst_RecordingTableModel::pauseAndResume()
{
    QVERIFY(m_env.setFaults(
        {QJsonObject{{u"kind"_s, u"latency"_s}, {u"ms"_s, 1000}, {u"count"_s, -1}, {u"match"_s, u"/files/"_s}}}));
    auto manager = makeManager();
    RecordingTableModel model;
    model.setManager(manager.get());
    model.setEntries(m_env.entries());
    const int row = rowOfKind(model, ArchiveFile::Kind::Transcoded);
    QVERIFY(manager->enqueue(model.entriesFor({row}).constFirst(), {ArchiveFile::Kind::Transcoded}).ok());
    QCOMPARE(model.state(row), LocalState::Downloading);
    manager->pause(model.downloadId(row));
    QCOMPARE(model.state(row), LocalState::Paused);
    QVERIFY(model.index(row, RecordingTableModel::Progress).data().toString().startsWith(u"Paused"_s));
    QCOMPARE(model.index(row, 0).data(RecordingTableModel::RateRole).toDouble(), -1.0);
    QVERIFY(m_env.setFaults({}));
    manager->resume(model.downloadId(row));
    QVERIFY(model.state(row) == LocalState::Queued || model.state(row) == LocalState::Downloading);
    QTRY_COMPARE_WITH_TIMEOUT(model.state(row), LocalState::Complete, 60000);
    QCOMPARE(QFileInfo(model.localPath(row)).size(), model.totalSize());
}

void tst_RecordingTableModel::aRefusedPasswordShowsWhy()
{
    auto manager = makeManager(false);
    RecordingTableModel model;
    model.setManager(manager.get());
    model.setEntries(m_env.entries());
    const int row = rowOfKind(model, ArchiveFile::Kind::ChatData);
    QVERIFY(manager->enqueue(model.entriesFor({row}).constFirst(), {ArchiveFile::Kind::ChatData}).ok());
    QTRY_COMPARE_WITH_TIMEOUT(model.state(row), LocalState::Failed, 30000);
    DownloadError expected;
    expected.kind = DownloadError::Kind::Auth;
    expected.fileName = u"chatdata.json"_s;
    QCOMPARE(model.index(row, 0).data(RecordingTableModel::ErrorRole).toString(), expected.message());
    QCOMPARE(model.index(row, RecordingTableModel::Progress).data().toString(), u"Failed: "_s + expected.message());
    QCOMPARE(model.index(row, RecordingTableModel::Progress).data(Qt::ToolTipRole).toString(), expected.message());
    QVERIFY(!QFile::exists(model.localPath(row)));
}

void tst_RecordingTableModel::whatIsOnDiskDecides()
{
    const QList<ArchiveEntry> listed = m_env.entries();
    auto manager = makeManager();
    RecordingTableModel model;
    model.setManager(manager.get());
    model.setEntries(listed);
    // A file put there by hand (or by an earlier list of downloads) is complete.
    const int chat = rowOfKind(model, ArchiveFile::Kind::ChatData);
    QVERIFY(QDir().mkpath(QFileInfo(model.localPath(chat)).path()));
    QFile file(model.localPath(chat));
    QVERIFY(file.open(QIODevice::WriteOnly));
    QCOMPARE(file.write("[]"), 2);
    file.close();
    model.setEntries(listed);
    QCOMPARE(model.state(chat), LocalState::Complete);
    QCOMPARE(model.index(chat, 0).data(RecordingTableModel::BytesDoneRole).toLongLong(), 2);
    // A finished download whose file was deleted since is not local any more.
    const int meta = rowOfKind(model, ArchiveFile::Kind::Metadata);
    QVERIFY(manager->enqueue(model.entriesFor({meta}).constFirst(), {ArchiveFile::Kind::Metadata}).ok());
    QTRY_COMPARE_WITH_TIMEOUT(model.state(meta), LocalState::Complete, 30000);
    QVERIFY(QFile::remove(model.localPath(meta)));
    model.setEntries(listed);
    QCOMPARE(model.state(meta), LocalState::NotLocal);
    QVERIFY(model.downloadId(meta) > 0);
    // Downloading it again fetches it again.
    const qint64 size = model.index(meta, 0).data(RecordingTableModel::BytesTotalRole).toLongLong();
    QVERIFY(manager->enqueue(model.entriesFor({meta}).constFirst(), {ArchiveFile::Kind::Metadata}).ok());
    QTRY_COMPARE_WITH_TIMEOUT(model.state(meta), LocalState::Complete, 30000);
    QCOMPARE(QFileInfo(model.localPath(meta)).size(), size);
}

void tst_RecordingTableModel::transferRateOverItsWindow()
{
    TransferRate rate;
    QCOMPARE(rate.bytesPerSecond(0), -1.0);
    rate.add(0, 1000);
    rate.add(100'000, 1100);
    QCOMPARE(rate.bytesPerSecond(1100), -1.0); // 100 ms say too little
    rate.add(500'000, 2000);
    QCOMPARE(rate.bytesPerSecond(2000), 500'000.0); // 500 KB in one second
    // Samples older than the window stop counting: the last three seconds at 1 MB/s.
    for (qint64 ms = 2500; ms <= 8000; ms += 500)
        rate.add(500'000 + (ms - 2000) * 1000, ms);
    QCOMPARE(rate.bytesPerSecond(8000), 1'000'000.0);
    // Nothing for a whole window: stalled.
    QCOMPARE(rate.bytesPerSecond(11'000), 0.0);
    // Bytes going backwards (the part started over) start a new measurement.
    rate.add(10, 11'100);
    QCOMPARE(rate.bytesPerSecond(11'100), -1.0);
}

QTEST_GUILESS_MAIN(tst_RecordingTableModel)
#include "tst_recordingtablemodel.moc"
