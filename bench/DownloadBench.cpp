#include "DownloadBench.h"

#include "NginxReference.h"
#include "ProcessMemory.h"
#include "Samples.h"
#include "platform/EnableXPlatform.h"
#include "recordings/DownloadTask.h"

#include <QDate>
#include <QDeadlineTimer>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QNetworkAccessManager>
#include <QProcess>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QThread>
#include <QTimer>

#include <cstdio>
#include <memory>
#include <vector>

namespace confero::bench {

using namespace Qt::StringLiterals;

namespace {

constexpr double kMegabyte = 1'000'000.0;
constexpr qint64 kMebibyte = 1024 * 1024;
const QString kAppId = u"bench-app"_s;
const QString kAppKey = u"bench-key-0123456789"_s;
const QString kFileUser = u"bench-files"_s;
const QString kFilePassword = u"bench-file-password"_s;

void say(const QString &line)
{
    std::fprintf(stderr, "confero-bench: %s\n", qPrintable(line));
}

// The sandbox as a child process, so that its serving and our downloading do not share a thread.
class SandboxChild
{
public:
    ~SandboxChild()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.terminate();
            if (!m_process.waitForFinished(10'000)) {
                m_process.kill();
                m_process.waitForFinished(5'000);
            }
        }
    }

    // The API base URL ("http://127.0.0.1:PORT/video/v2/"), or empty with `error`.
    QUrl start(const QString &program, const QString &mediaFolder, QString *error)
    {
        m_process.setProcessChannelMode(QProcess::SeparateChannels);
        m_process.start(program,
                        {u"--listen"_s, u"127.0.0.1:0"_s, u"--app-id"_s, kAppId, u"--app-key"_s, kAppKey,
                         u"--recording-user"_s, kFileUser, u"--recording-password"_s, kFilePassword, u"--media-cache"_s,
                         mediaFolder, u"--simulate-days"_s, u"2"_s, u"--sessions-per-day"_s, u"6"_s});
        if (!m_process.waitForStarted(10'000)) {
            *error = program + u": "_s + m_process.errorString();
            return {};
        }
        static const QRegularExpression listening(u"listening on (https?://\\S+)"_s);
        QByteArray output;
        const QDeadlineTimer deadline(30'000);
        while (!deadline.hasExpired() && m_process.state() == QProcess::Running) {
            m_process.waitForReadyRead(200);
            output += m_process.readAllStandardOutput();
            const QRegularExpressionMatch match = listening.match(QString::fromUtf8(output));
            if (match.hasMatch())
                return QUrl(match.captured(1) + u"/video/v2/"_s);
        }
        *error = u"the sandbox did not start: "_s + QString::fromLocal8Bit(m_process.readAllStandardError()).trimmed();
        return {};
    }

private:
    QProcess m_process;
};

// The first recorded session's transcoded file, from the sandbox's archive route as the console asks.
QUrl transcodedLink(QNetworkAccessManager *network, const QUrl &apiBase, QString *error)
{
    EnableXPlatform platform(network, apiBase, kAppId, kAppKey);
    QEventLoop loop;
    QUrl found;
    const QDate today = QDateTime::currentDateTimeUtc().date();
    platform.archiveByPeriod(today.addDays(-4), today, &loop, [&](const PlatformResult<QList<ArchiveEntry>> &result) {
        if (!result.ok()) {
            *error = result.error().message();
        } else {
            for (const ArchiveEntry &entry : result.value()) {
                for (const ArchiveFile &file : entry.files) {
                    if (file.kind == ArchiveFile::Kind::Transcoded && found.isEmpty())
                        found = file.url;
                }
            }
            if (found.isEmpty())
                *error = u"the sandbox's archive lists no transcoded file"_s;
        }
        loop.quit();
    });
    QTimer::singleShot(30'000, &loop, &QEventLoop::quit);
    loop.exec();
    if (found.isEmpty() && error->isEmpty())
        *error = u"the archive route did not answer"_s;
    return found;
}

double rate(qint64 bytes, double seconds)
{
    return seconds > 0 ? double(bytes) / kMegabyte / seconds : 0;
}

} // namespace

DownloadBench::DownloadBench(Options options)
    : m_options(std::move(options))
{
}

bool DownloadBench::prepareFile(QString *error)
{
    // The sandbox serves its media cache's transcoded.mp4 as every session's transcoded file: a cache
    // folder that already holds one is used as it is (ffmpeg is not run). Random bytes: nothing on the
    // way can compress them.
    m_served = QDir(m_options.workDir).filePath(u"download-served"_s);
    if (!QDir().mkpath(m_served)) {
        *error = u"cannot create "_s + m_served;
        return false;
    }
    m_bytes = m_options.fileMiB * kMebibyte;
    QFile file(QDir(m_served).filePath(u"transcoded.mp4"_s));
    if (file.size() != m_bytes) {
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
            *error = file.fileName() + u": "_s + file.errorString();
            return false;
        }
        QByteArray block(4 * kMebibyte, Qt::Uninitialized);
        for (qint64 written = 0; written < m_bytes; written += block.size()) {
            QRandomGenerator::global()->fillRange(reinterpret_cast<quint32 *>(block.data()),
                                                  block.size() / qsizetype(sizeof(quint32)));
            const qint64 want = qMin<qint64>(block.size(), m_bytes - written);
            if (file.write(block.constData(), want) != want) {
                *error = file.fileName() + u": "_s + file.errorString();
                return false;
            }
        }
        file.close();
    }
    QFile recording(QDir(m_served).filePath(u"recording.mkv"_s));
    if (!recording.exists() && (!recording.open(QIODevice::WriteOnly) || recording.write("not used") < 0)) {
        *error = recording.fileName() + u": "_s + recording.errorString();
        return false;
    }
    return true;
}

double DownloadBench::curlSeconds(const Source &source, const QString &output, QString *error) const
{
    QStringList arguments{u"--silent"_s, u"--show-error"_s, u"--fail"_s, u"--output"_s, output};
    if (!source.user.isEmpty())
        arguments << u"--user"_s << source.user + u':' + source.password;
    arguments << source.url.toString();
    QProcess curl;
    QElapsedTimer clock;
    clock.start();
    curl.start(m_curl, arguments);
    if (!curl.waitForStarted(10'000) || !curl.waitForFinished(-1)) {
        *error = u"curl: "_s + curl.errorString();
        return -1;
    }
    const double seconds = double(clock.nsecsElapsed()) / 1e9;
    if (curl.exitStatus() != QProcess::NormalExit || curl.exitCode() != 0) {
        *error = u"curl failed (exit %1): %2"_s.arg(curl.exitCode())
                     .arg(QString::fromLocal8Bit(curl.readAllStandardError()).trimmed());
        return -1;
    }
    return seconds;
}

double DownloadBench::conferoSeconds(QNetworkAccessManager *network, const Source &source, int count, bool stallWriter,
                                     QString *error)
{
    std::vector<std::unique_ptr<DownloadTask>> tasks;
    int running = count;
    QEventLoop loop;
    for (int i = 0; i < count; ++i) {
        DownloadRequest request;
        request.url = source.url;
        request.targetPath = QDir(m_options.workDir).filePath(u"download-confero-%1.bin"_s.arg(i));
        request.user = source.user;
        request.password = source.password;
        QFile::remove(request.targetPath);
        QFile::remove(DownloadTask::partPath(request.targetPath));
        auto task = std::make_unique<DownloadTask>(network, request);
        DownloadTask *raw = task.get();
        // The connections end with `loop`, their context, before the count and the tasks go.
        QEventLoop *waiting = &loop;
        int *left = &running;
        QObject::connect(raw, &DownloadTask::finished, &loop, [waiting, left] {
            if (--*left == 0)
                waiting->quit();
        });
        QObject::connect(raw, &DownloadTask::failed, &loop, [waiting, error, raw](const DownloadError &failure) {
            *error = raw->request().targetPath + u": "_s + failure.message();
            waiting->quit();
        });
        tasks.push_back(std::move(task));
    }
    // Held back as behind a slow disk: the writes happen on this thread, which sleeps 8 ms of every 10.
    QTimer stall;
    if (stallWriter) {
        QObject::connect(&stall, &QTimer::timeout, &loop, [] { QThread::msleep(8); });
        stall.start(10);
    }
    QElapsedTimer clock;
    clock.start();
    for (const auto &task : tasks)
        task->start();
    loop.exec();
    const double seconds = double(clock.nsecsElapsed()) / 1e9;
    stall.stop();
    bool whole = error->isEmpty();
    for (const auto &task : tasks) {
        whole = whole && QFileInfo(task->request().targetPath).size() == m_bytes;
        QFile::remove(task->request().targetPath);
        QFile::remove(DownloadTask::partPath(task->request().targetPath));
    }
    if (!whole) {
        if (error->isEmpty())
            *error = u"a download ended with another size than the file's"_s;
        return -1;
    }
    return seconds;
}

bool DownloadBench::measureSource(QNetworkAccessManager *network, const Source &source, QList<BenchFigure> *figures,
                                  QString *error)
{
    say(u"download from %1: %2 MiB, %3 pairs..."_s.arg(source.name).arg(m_options.fileMiB).arg(m_options.runs));
    // The server's ceiling, also the warm-up (the sandbox hashes the file on its first request).
    Samples ceiling;
    for (int i = 0; i < 3; ++i) {
        const double seconds = curlSeconds(source, u"/dev/null"_s, error);
        if (seconds < 0)
            return false;
        ceiling.add(rate(m_bytes, seconds));
    }
    const QString curlTarget = QDir(m_options.workDir).filePath(u"download-curl.bin"_s);
    Samples curl;
    Samples ours;
    Samples ratios;
    for (int i = 0; i < m_options.runs; ++i) {
        double curlRate = 0;
        double ourRate = 0;
        // Alternating who goes first: neither always meets the page cache the other left behind.
        for (int turn = 0; turn < 2; ++turn) {
            if ((turn == 0) == (i % 2 == 0)) {
                const double seconds = curlSeconds(source, curlTarget, error);
                QFile::remove(curlTarget);
                if (seconds < 0)
                    return false;
                curlRate = rate(m_bytes, seconds);
            } else {
                const double seconds = conferoSeconds(network, source, 1, false, error);
                if (seconds < 0)
                    return false;
                ourRate = rate(m_bytes, seconds);
            }
        }
        curl.add(curlRate);
        ours.add(ourRate);
        ratios.add(ourRate / curlRate);
    }
    const QString prefix = u"download from %1, %2 MiB"_s.arg(source.name).arg(m_options.fileMiB);
    figures->append({prefix + u": Confero, median (vs curl -o)"_s, ours.median(), u"MB/s"_s, curl.median(), {}});
    figures->append({prefix + u": Confero / curl -o, median of %1 pair ratios"_s.arg(ratios.size()), ratios.median(),
                     u"x"_s, std::nullopt, u">= 0.9 x"_s});
    figures->append(
        {prefix + u": server ceiling (curl to /dev/null)"_s, ceiling.median(), u"MB/s"_s, std::nullopt, {}});
    // Under twice the client's rate, the server sets the pace and the ratio says little.
    const bool serverBound = ceiling.median() < 2 * curl.median();
    figures->append({prefix + u": server-bound (1 = yes)"_s, serverBound ? 1.0 : 0.0, u"flag"_s, std::nullopt, {}});
    if (serverBound)
        say(u"download from %1: server-bound (its ceiling %2 MB/s is under twice curl's %3 MB/s)"_s.arg(source.name)
                .arg(ceiling.median(), 0, 'f', 0)
                .arg(curl.median(), 0, 'f', 0));
    return true;
}

bool DownloadBench::measureMemory(QNetworkAccessManager *network, const Source &source, QList<BenchFigure> *figures,
                                  QString *error)
{
    say(u"download memory from %1..."_s.arg(source.name));
    const auto growth = [&](int count, bool stalled) -> double {
        const qint64 before = ProcessMemory::residentBytes();
        const bool reset = ProcessMemory::resetPeak();
        if (conferoSeconds(network, source, count, stalled, error) < 0)
            return -1;
        if (!reset)
            say(u"the kernel refused to reset the peak RSS: the growth is since the bench started"_s);
        return double(qMax<qint64>(0, ProcessMemory::peakResidentBytes() - before)) / kMegabyte;
    };
    const double one = growth(1, false);
    const double held = one < 0 ? -1 : growth(1, true);
    const double four = held < 0 ? -1 : growth(4, false);
    if (four < 0)
        return false;
    const QString size = u"%1 MiB"_s.arg(m_options.fileMiB);
    figures->append({u"download: RSS growth, one %1 file"_s.arg(size), one, u"MB"_s, std::nullopt, u"< 30 MB"_s});
    figures->append({u"download: RSS growth, one %1 file, writer held back"_s.arg(size), held, u"MB"_s, std::nullopt,
                     u"< 30 MB"_s});
    figures->append({u"download: RSS growth, four %1 files at once"_s.arg(size), four, u"MB"_s, std::nullopt,
                     u"<= %1 MB (1.2 x one + 10 MB)"_s.arg(1.2 * one + 10, 0, 'f', 1)});
    return true;
}

QList<BenchFigure> DownloadBench::run(QString *error)
{
    m_curl = QStandardPaths::findExecutable(u"curl"_s);
    if (m_curl.isEmpty()) {
        *error = u"curl is not installed (it is the reference client)"_s;
        return {};
    }
    if (!prepareFile(error))
        return {};
    QNetworkAccessManager network;
    QList<BenchFigure> figures;

    std::vector<Source> sources;
    NginxReference nginx;
    if (const QString program = NginxReference::findProgram(); program.isEmpty()) {
        say(u"nginx is not installed: no reference server"_s);
    } else {
        nginx.setStaticRoot(m_served);
        if (!nginx.start(program, QDir(m_options.workDir).filePath(u"download-nginx"_s), error))
            return {};
        sources.push_back({u"nginx"_s, QUrl(u"http://127.0.0.1:%1/static/transcoded.mp4"_s.arg(nginx.port())), {}, {}});
    }
    SandboxChild sandbox;
    const QUrl apiBase = sandbox.start(m_options.sandboxProgram, m_served, error);
    if (apiBase.isEmpty())
        return {};
    const QUrl link = transcodedLink(&network, apiBase, error);
    if (link.isEmpty())
        return {};
    sources.push_back({u"the sandbox"_s, link, kFileUser, kFilePassword});

    for (const Source &source : sources) {
        if (!measureSource(&network, source, &figures, error))
            return {};
    }
    if (!measureMemory(&network, sources.front(), &figures, error))
        return {};
    return figures;
}

} // namespace confero::bench
