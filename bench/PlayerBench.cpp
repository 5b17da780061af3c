#include "PlayerBench.h"

#include "MediaCache.h"
#include "PlayerWidget.h"
#include "Samples.h"

#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QTimer>
#include <QVideoFrame>
#include <QVideoSink>

#include <algorithm>
#include <optional>

using namespace Qt::StringLiterals;

namespace confero::bench {

namespace {

constexpr int kTimeoutMs = 30'000;

// ms from open() to the first valid frame on the sink, in a fresh player; nothing on a timeout or
// an error (said in `error`).
std::optional<double> firstFrameMs(const QString &file, QString *error)
{
    PlayerWidget player;
    player.resize(960, 540);
    player.show();
    QEventLoop loop;
    bool arrived = false;
    QObject::connect(player.videoSink(), &QVideoSink::videoFrameChanged, &loop, [&](const QVideoFrame &frame) {
        if (frame.isValid() && !arrived) {
            arrived = true;
            loop.quit();
        }
    });
    QObject::connect(&player, &PlayerWidget::errorShown, &loop, &QEventLoop::quit);
    QTimer::singleShot(kTimeoutMs, &loop, &QEventLoop::quit);
    QElapsedTimer clock;
    clock.start();
    player.open(file, {});
    if (!arrived && player.errorText().isEmpty())
        loop.exec();
    const double ms = double(clock.nsecsElapsed()) / 1e6;
    if (!arrived) {
        *error = player.errorText().isEmpty()
                     ? u"no frame of %1 within %2 s"_s.arg(file).arg(kTimeoutMs / 1000)
                     : player.errorText();
        return std::nullopt;
    }
    return ms;
}

} // namespace

PlayerBench::PlayerBench(Options options)
    : m_options(std::move(options))
{
}

QList<BenchFigure> PlayerBench::run(QString *error)
{
    sandbox::MediaCache cache(QDir(m_options.workDir).filePath(u"media"_s));
    if (!cache.ensure(error))
        return {};
    // A session's folder as the library holds it, with its chat and metadata files, so open()
    // reads what it reads for a downloaded recording.
    const QString folder = QDir(m_options.workDir).filePath(u"library/room/1"_s);
    QDir().mkpath(folder);
    const QString mp4 = folder + u"/out.mp4"_s;
    const QString mkv = folder + u"/u1.mkv"_s;
    QFile::remove(mp4);
    QFile::remove(mkv);
    QFile chat(folder + u"/chatdata.json"_s);
    QFile metadata(folder + u"/metadata.json"_s);
    if (!QFile::copy(cache.path(sandbox::MediaCache::Kind::Transcoded), mp4)
        || !QFile::copy(cache.path(sandbox::MediaCache::Kind::Recording), mkv) || !chat.open(QIODevice::WriteOnly)
        || !metadata.open(QIODevice::WriteOnly)) {
        *error = u"cannot lay out the recordings in "_s + folder;
        return {};
    }
    chat.write(R"({"messages":[{"offset_ms":1000,"name":"Ann","message":"hello"}]})");
    metadata.write(R"({"participants":[{"name":"Ann","join_offset_ms":0,"leave_offset_ms":12000}]})");
    chat.close();
    metadata.close();

    QList<BenchFigure> figures;
    const QString goal = u"<= 500 ms"_s;
    const std::optional<double> cold = firstFrameMs(mp4, error);
    if (!cold)
        return {};
    figures.append({u"player first frame, first open in a process (MP4, loads the media backend)"_s, *cold, u"ms"_s,
                    std::nullopt, goal});
    for (const auto &[name, file] : {std::pair{u"MP4"_s, mp4}, std::pair{u"Matroska"_s, mkv}}) {
        Samples samples;
        for (int i = 0; i < std::max(1, m_options.runs); ++i) {
            const std::optional<double> ms = firstFrameMs(file, error);
            if (!ms)
                return {};
            samples.add(*ms);
        }
        figures.append({u"player first frame (%1, median of %2)"_s.arg(name).arg(samples.size()), samples.median(),
                        u"ms"_s, std::nullopt, goal});
        figures.append({u"player first frame (%1, slowest)"_s.arg(name), samples.max(), u"ms"_s, std::nullopt, {}});
    }
    return figures;
}

} // namespace confero::bench
