// DownloadTask against the real sandbox over loopback: drops at 10 %, 50 % and 99 % resumed to a file
// equal to the source; a part from another file or another size started over cleanly; 403/404 and
// expired links renewed through the archive route; a full disk (a file size limit) stopping with a
// clear error and the part kept, then resumed; a task deleted mid-download (as a crash) continued by
// a new one from the .part; a slow server waited for (bytes keep coming), paused and resumed.

#include "SandboxFixture.h"
#include "platform/EnableXPlatform.h"
#include "recordings/DownloadTask.h"

#include <QCryptographicHash>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QtTest>

#include <csignal>
#include <sys/resource.h>

using namespace Qt::StringLiterals;
using namespace confero;

namespace {

const QString FileUser = u"recordings-test"_s;
const QString FilePassword = u"file-password-0123"_s;

QByteArray sha256Of(const QString &path)
{
    QFile file(path);
    QCryptographicHash hash(QCryptographicHash::Sha256);
    if (!file.open(QIODevice::ReadOnly) || !hash.addData(&file))
        return {};
    return hash.result();
}

} // namespace

class tst_DownloadTask final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();

    void downloadsAWholeFile();
    void dropsAreResumed_data();
    void dropsAreResumed();
    void aForeignPartIsStartedOverCleanly();
    void anotherSizeOnResumeRestartsCleanly();
    void expiredLinksAreRenewed_data();
    void expiredLinksAreRenewed();
    void aLinkExpiringMidFileIsRenewedAndResumed();
    void wrongCredentialsFailInWords();
    void aFullDiskStopsWithTheReasonAndKeepsThePart();
    void aNewTaskContinuesFromThePart();
    void aSlowServerIsWaitedForAndPausesCleanly();
    void aLinkNobodyAnswersIsRenewed();

private:
    ArchiveEntry entry();
    QUrl transcodedUrl();
    DownloadRequest requestFor(const QUrl &url, const QString &name);
    // Runs the task until it finishes or fails; answers link renewals from the archive route.
    bool run(DownloadTask &task, int *renewals = nullptr);

    test::SandboxFixture m_sandbox;
    QNetworkAccessManager m_network;
    std::unique_ptr<EnableXPlatform> m_platform;
    QTemporaryDir m_dir;
    QString m_confNum;
    QByteArray m_sourceSha;
    qint64 m_sourceSize = 0;
};

void tst_DownloadTask::initTestCase()
{
    QString error;
    QVERIFY2(m_sandbox.start(&error), qPrintable(error));
    m_platform = std::make_unique<EnableXPlatform>(&m_network, m_sandbox.apiBaseUrl(),
                                                   QString::fromLatin1(test::SandboxFixture::kAppId),
                                                   QString::fromLatin1(test::SandboxFixture::kAppKey));
    const QJsonObject set = m_sandbox.control(
        "POST", u"archive/credentials"_s,
        QJsonDocument(QJsonObject{{u"username"_s, FileUser}, {u"password"_s, FilePassword}}).toJson());
    QCOMPARE(set.value(u"result").toInt(-1), 0);
    const QJsonObject media = m_sandbox.control("POST", u"archive/media"_s);
    if (media.value(u"result").toInt(-1) != 0)
        QSKIP("the sandbox cannot make its media (is ffmpeg installed?)");
    const QJsonObject simulated = m_sandbox.control(
        "POST", u"cdr/simulate"_s,
        QJsonDocument(QJsonObject{{u"days"_s, 2}, {u"sessions_per_day"_s, 10}, {u"seed"_s, 3}}).toJson());
    QCOMPARE(simulated.value(u"result").toInt(-1), 0);

    bool done = false;
    const QDate today = QDateTime::currentDateTimeUtc().date();
    m_platform->archiveByPeriod(today.addDays(-3), today, this, [&](const PlatformResult<QList<ArchiveEntry>> &result) {
        QVERIFY2(result.ok(), result.ok() ? "" : qPrintable(result.error().message()));
        QVERIFY(!result.value().isEmpty());
        m_confNum = result.value().first().confNum;
        done = true;
    });
    QTRY_VERIFY_WITH_TIMEOUT(done, 20000);

    // The reference: the same file fetched in one plain GET.
    QNetworkRequest request(transcodedUrl());
    request.setRawHeader("Authorization", "Basic " + (FileUser + u':' + FilePassword).toUtf8().toBase64());
    std::unique_ptr<QNetworkReply> reply(m_network.get(request));
    QTRY_VERIFY_WITH_TIMEOUT(reply->isFinished(), 20000);
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    const QByteArray body = reply->readAll();
    m_sourceSize = body.size();
    QVERIFY(m_sourceSize > 100'000);
    m_sourceSha = QCryptographicHash::hash(body, QCryptographicHash::Sha256);
}

void tst_DownloadTask::init()
{
    QVERIFY(m_sandbox.setFaults(R"({"faults":[]})"));
}

ArchiveEntry tst_DownloadTask::entry()
{
    ArchiveEntry found;
    bool done = false;
    m_platform->archiveByConference(m_confNum, this, [&](const PlatformResult<QList<ArchiveEntry>> &result) {
        if (result.ok() && !result.value().isEmpty())
            found = result.value().first();
        done = true;
    });
    if (!QTest::qWaitFor([&] { return done; }, 20000))
        qWarning("the archive route did not answer");
    return found;
}

QUrl tst_DownloadTask::transcodedUrl()
{
    for (const ArchiveFile &file : entry().files) {
        if (file.kind == ArchiveFile::Kind::Transcoded)
            return file.url;
    }
    return {};
}

DownloadRequest tst_DownloadTask::requestFor(const QUrl &url, const QString &name)
{
    DownloadRequest request;
    request.url = url;
    request.targetPath = m_dir.filePath(name);
    request.user = FileUser;
    request.password = FilePassword;
    return request;
}

bool tst_DownloadTask::run(DownloadTask &task, int *renewals)
{
    DownloadTask::Settings settings;
    settings.initialBackoffMs = 20;
    settings.maxBackoffMs = 200;
    settings.readBufferBytes = 16 * 1024;
    task.setSettings(settings);
    int renewed = 0;
    connect(&task, &DownloadTask::linkRenewalNeeded, this, [this, &task, &renewed] {
        ++renewed;
        const QUrl url = transcodedUrl();
        if (url.isEmpty())
            task.renewalFailed(u"no archive entry"_s);
        else
            task.renewLink(url);
    });
    QSignalSpy finished(&task, &DownloadTask::finished);
    QSignalSpy failed(&task, &DownloadTask::failed);
    task.start();
    const bool ended = QTest::qWaitFor([&] { return !finished.isEmpty() || !failed.isEmpty(); }, 60000);
    if (renewals)
        *renewals = renewed;
    return ended && !finished.isEmpty();
}

void tst_DownloadTask::downloadsAWholeFile()
{
    DownloadTask task(&m_network, requestFor(transcodedUrl(), u"whole.mp4"_s));
    QSignalSpy progress(&task, &DownloadTask::progress);
    QVERIFY2(run(task), qPrintable(task.error().message()));
    QCOMPARE(sha256Of(task.request().targetPath), m_sourceSha);
    QCOMPARE(task.bytesTotal(), m_sourceSize);
    QVERIFY(!QFile::exists(DownloadTask::partPath(task.request().targetPath)));
    QVERIFY(progress.size() > 2); // a bounded buffer: the file arrives in many pieces
}

void tst_DownloadTask::dropsAreResumed_data()
{
    QTest::addColumn<double>("fraction");
    QTest::newRow("10 %") << 0.1;
    QTest::newRow("50 %") << 0.5;
    QTest::newRow("99 %") << 0.99;
}

void tst_DownloadTask::dropsAreResumed()
{
    QFETCH(double, fraction);
    const QUrl url = transcodedUrl();
    QVERIFY(m_sandbox.setFaults(QJsonDocument(QJsonObject{{u"faults"_s,
                                                           QJsonArray{QJsonObject{
                                                               {u"kind"_s, u"drop"_s},
                                                               {u"after_fraction"_s, fraction},
                                                               {u"match"_s, u"/files/"_s},
                                                           }}}})
                                    .toJson()));
    const QString name = u"drop-%1.mp4"_s.arg(int(fraction * 100));
    DownloadTask task(&m_network, requestFor(url, name));
    qint64 largestBeforeDrop = 0;
    connect(&task, &DownloadTask::progress, this, [&](qint64 done, qint64) {
        if (largestBeforeDrop >= 0 && done < largestBeforeDrop)
            largestBeforeDrop = -1; // went backwards: the part was thrown away
        else if (largestBeforeDrop >= 0)
            largestBeforeDrop = done;
    });
    QVERIFY2(run(task), qPrintable(task.error().message()));
    QCOMPARE(sha256Of(task.request().targetPath), m_sourceSha);
    QVERIFY(largestBeforeDrop > 0); // resumed, never started over
    const QJsonArray faults = m_sandbox.control("GET", u"state"_s).value(u"faults").toArray();
    QCOMPARE(faults.first().toObject().value(u"applied").toInt(), 1);
}

void tst_DownloadTask::aForeignPartIsStartedOverCleanly()
{
    // A part that is not the beginning of this file (another download's bytes): the resumed file's
    // checksum differs from the server's, so it is fetched again whole and matches.
    DownloadRequest request = requestFor(transcodedUrl(), u"foreign.mp4"_s);
    QFile part(DownloadTask::partPath(request.targetPath));
    QVERIFY(part.open(QIODevice::WriteOnly));
    part.write(QByteArray(5000, 'x'));
    part.close();
    DownloadTask task(&m_network, request);
    QVERIFY2(run(task), qPrintable(task.error().message()));
    QCOMPARE(sha256Of(request.targetPath), m_sourceSha);
    QVERIFY(!QFile::exists(part.fileName()));
}

void tst_DownloadTask::anotherSizeOnResumeRestartsCleanly()
{
    // The earlier run was told another size: the file changed on the server, and the part's bytes
    // belong to the old one.
    DownloadRequest request = requestFor(transcodedUrl(), u"resized.mp4"_s);
    request.expectedSize = m_sourceSize + 4096;
    QFile part(DownloadTask::partPath(request.targetPath));
    QVERIFY(part.open(QIODevice::WriteOnly));
    part.write(QByteArray(7000, 'y'));
    part.close();
    DownloadTask task(&m_network, request);
    QList<qint64> offsets;
    connect(&task, &DownloadTask::progress, this, [&](qint64 done, qint64) { offsets.append(done); });
    QVERIFY2(run(task), qPrintable(task.error().message()));
    QCOMPARE(sha256Of(request.targetPath), m_sourceSha);
    QCOMPARE(task.bytesTotal(), m_sourceSize);
    QVERIFY(!offsets.isEmpty());
    QCOMPARE(offsets.first(), 0); // restarted from zero before any byte was appended
}

void tst_DownloadTask::expiredLinksAreRenewed_data()
{
    QTest::addColumn<int>("status");
    QTest::newRow("403") << 403;
    QTest::newRow("404") << 404;
}

void tst_DownloadTask::expiredLinksAreRenewed()
{
    QFETCH(int, status);
    QVERIFY(m_sandbox.setFaults(QJsonDocument(QJsonObject{{u"faults"_s,
                                                           QJsonArray{QJsonObject{{u"kind"_s, u"expire_links"_s},
                                                                                  {u"ttl_s"_s, 0},
                                                                                  {u"status"_s, status},
                                                                                  {u"match"_s, u"/archive/"_s}}}}})
                                    .toJson()));
    const QUrl expired = transcodedUrl(); // valid for 0 s
    DownloadTask task(&m_network, requestFor(expired, u"renewed-%1.mp4"_s.arg(status)));
    int renewals = 0;
    QVERIFY2(run(task, &renewals), qPrintable(task.error().message()));
    QCOMPARE(renewals, 1);
    QVERIFY(task.request().url != expired);
    QCOMPARE(sha256Of(task.request().targetPath), m_sourceSha);
}

void tst_DownloadTask::aLinkExpiringMidFileIsRenewedAndResumed()
{
    // One use per link, and the first transfer dropped halfway: the resuming request meets an expired
    // link, the archive gives a new one, and the download continues from the part.
    QVERIFY(m_sandbox.setFaults(
        QJsonDocument(
            QJsonObject{
                {u"faults"_s,
                 QJsonArray{
                     QJsonObject{{u"kind"_s, u"expire_links"_s}, {u"uses"_s, 1}, {u"match"_s, u"/archive/"_s}},
                     QJsonObject{{u"kind"_s, u"drop"_s}, {u"after_fraction"_s, 0.5}, {u"match"_s, u"/files/"_s}}}}})
            .toJson()));
    DownloadTask task(&m_network, requestFor(transcodedUrl(), u"midfile.mp4"_s));
    qint64 smallest = std::numeric_limits<qint64>::max();
    bool sawHalf = false;
    connect(&task, &DownloadTask::progress, this, [&](qint64 done, qint64) {
        if (sawHalf)
            smallest = qMin(smallest, done);
        if (done >= m_sourceSize / 3)
            sawHalf = true;
    });
    int renewals = 0;
    QVERIFY2(run(task, &renewals), qPrintable(task.error().message()));
    QCOMPARE(renewals, 1);
    QVERIFY(smallest >= m_sourceSize / 3); // never went back to zero
    QCOMPARE(sha256Of(task.request().targetPath), m_sourceSha);
}

void tst_DownloadTask::wrongCredentialsFailInWords()
{
    DownloadRequest request = requestFor(transcodedUrl(), u"denied.mp4"_s);
    request.password = u"not-the-password"_s;
    DownloadTask task(&m_network, request);
    QVERIFY(!run(task));
    QCOMPARE(task.error().kind, DownloadError::Kind::Auth);
    QVERIFY(task.error().message().contains(u"password"));
    QVERIFY(!QFile::exists(request.targetPath));
}

void tst_DownloadTask::aFullDiskStopsWithTheReasonAndKeepsThePart()
{
    // A file size limit stands in for a full disk (mounting a small tmpfs needs privileges): writes
    // past it fail with EFBIG, as they would with ENOSPC, and SIGXFSZ is ignored so the write returns.
    const qint64 limit = 200 * 1024;
    rlimit saved{};
    QCOMPARE(getrlimit(RLIMIT_FSIZE, &saved), 0);
    const auto previous = std::signal(SIGXFSZ, SIG_IGN);
    rlimit small = saved;
    small.rlim_cur = rlim_t(limit);
    QCOMPARE(setrlimit(RLIMIT_FSIZE, &small), 0);
    DownloadRequest request = requestFor(transcodedUrl(), u"full.mp4"_s);
    DownloadTask task(&m_network, request);
    const bool ok = run(task);
    setrlimit(RLIMIT_FSIZE, &saved);
    std::signal(SIGXFSZ, previous);
    QVERIFY(!ok);
    QCOMPARE(task.error().kind, DownloadError::Kind::DiskFull);
    QVERIFY2(task.error().message().contains(u"disk is full"), qPrintable(task.error().message()));
    QVERIFY(!QFile::exists(request.targetPath));
    const qint64 kept = QFileInfo(DownloadTask::partPath(request.targetPath)).size();
    QVERIFY(kept > 0 && kept <= limit);

    // Space again: the same task resumes from the part and the file is whole.
    DownloadTask again(&m_network, request);
    QVERIFY2(run(again), qPrintable(again.error().message()));
    QCOMPARE(sha256Of(request.targetPath), m_sourceSha);
}

void tst_DownloadTask::aNewTaskContinuesFromThePart()
{
    DownloadRequest request = requestFor(transcodedUrl(), u"crash.mp4"_s);
    {
        auto first = std::make_unique<DownloadTask>(&m_network, request);
        DownloadTask::Settings settings;
        settings.readBufferBytes = 16 * 1024;
        first->setSettings(settings);
        auto stop = std::make_shared<bool>(false);
        DownloadTask *task = first.get();
        connect(task, &DownloadTask::progress, this, [stop, task, this](qint64 done, qint64) {
            // Stopped at once (loopback is faster than any polling), as the program quitting would.
            if (done >= m_sourceSize / 4 && !*stop) {
                *stop = true;
                task->pause();
            }
        });
        first->start();
        QTRY_VERIFY_WITH_TIMEOUT(*stop, 20000);
        // The task goes away mid-transfer, as with a quit or a crash: only the part remains.
    }
    const qint64 kept = QFileInfo(DownloadTask::partPath(request.targetPath)).size();
    QVERIFY2(kept >= m_sourceSize / 4, qPrintable(u"%1 of %2"_s.arg(kept).arg(m_sourceSize)));
    QVERIFY(!QFile::exists(request.targetPath));
    DownloadTask second(&m_network, request);
    QList<qint64> offsets;
    connect(&second, &DownloadTask::progress, this, [&](qint64 done, qint64) { offsets.append(done); });
    QVERIFY2(run(second), qPrintable(second.error().message()));
    QVERIFY(!offsets.isEmpty());
    QVERIFY(offsets.first() > kept); // the first bytes it reported came after the part's
    QCOMPARE(sha256Of(request.targetPath), m_sourceSha);
}

void tst_DownloadTask::aSlowServerIsWaitedForAndPausesCleanly()
{
    // The whole file in about two seconds, in a twentieth of a second's steps: slower than loopback
    // by far, yet never silent for as long as the transfer timeout.
    QVERIFY(m_sandbox.setFaults(QJsonDocument(QJsonObject{{u"faults"_s,
                                                           QJsonArray{QJsonObject{
                                                               {u"kind"_s, u"slow"_s},
                                                               {u"bytes_per_s"_s, m_sourceSize / 2},
                                                               {u"match"_s, u"/files/"_s},
                                                               {u"count"_s, -1},
                                                           }}}})
                                    .toJson()));
    DownloadTask task(&m_network, requestFor(transcodedUrl(), u"slow.mp4"_s));
    DownloadTask::Settings settings;
    settings.readBufferBytes = 16 * 1024;
    settings.transferTimeoutMs = 1000;
    task.setSettings(settings);
    QSignalSpy finished(&task, &DownloadTask::finished);
    QSignalSpy failed(&task, &DownloadTask::failed);
    int updates = 0;
    connect(&task, &DownloadTask::progress, this, [&](qint64 done, qint64) {
        ++updates;
        if (done >= m_sourceSize / 4 && task.state() == DownloadTask::State::Running && finished.isEmpty()
            && updates < 1'000'000)
            task.pause();
    });
    task.start();
    QTRY_COMPARE_WITH_TIMEOUT(task.state(), DownloadTask::State::Paused, 20000);
    const qint64 kept = QFileInfo(DownloadTask::partPath(task.request().targetPath)).size();
    QVERIFY2(kept >= m_sourceSize / 4 && kept < m_sourceSize, qPrintable(u"%1 of %2"_s.arg(kept).arg(m_sourceSize)));
    QVERIFY(updates > 3); // it came in pieces, at the server's pace
    QVERIFY(failed.isEmpty());

    updates = 1'000'000; // no more pausing
    task.start();
    QVERIFY(QTest::qWaitFor([&] { return !finished.isEmpty() || !failed.isEmpty(); }, 60000));
    QVERIFY2(failed.isEmpty(), qPrintable(task.error().message()));
    QCOMPARE(sha256Of(task.request().targetPath), m_sourceSha);
    const QJsonArray faults = m_sandbox.control("GET", u"state"_s).value(u"faults").toArray();
    QCOMPARE(faults.first().toObject().value(u"applied").toInt(), 2); // the first request and the resume
}

void tst_DownloadTask::aLinkNobodyAnswersIsRenewed()
{
    // The link of an emulator that ran on another port: nothing listens there any more.
    quint16 closedPort = 0;
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        closedPort = probe.serverPort();
    }
    QUrl stale = transcodedUrl();
    stale.setPort(closedPort);
    DownloadTask task(&m_network, requestFor(stale, u"refused.mp4"_s));
    int renewals = 0;
    QVERIFY2(run(task, &renewals), qPrintable(task.error().message()));
    QCOMPARE(renewals, 1); // at once, not after the retries
    QCOMPARE(sha256Of(task.request().targetPath), m_sourceSha);
}

QTEST_GUILESS_MAIN(tst_DownloadTask)
#include "tst_downloadtask.moc"
