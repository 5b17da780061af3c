#pragma once

#include "BenchFigure.h"

#include <QList>
#include <QString>

namespace confero::bench {

// Issue 5's "time to first frame after opening a local recording" (goal <= 500 ms): the console's
// own PlayerWidget (offscreen) opens the sandbox's media (made by ffmpeg, MediaCache) as a
// recording of a session (with its chat and metadata files beside it), and the time runs from
// open() until the first decoded frame reaches the video widget's sink. The first open in the
// process also loads the media backend (GStreamer's registry, plugins): it is its own figure
// ("cold"); the others are medians of `runs` opens in fresh players, for MP4 and Matroska.
class PlayerBench
{
public:
    struct Options
    {
        QString workDir;
        int runs = 5;
    };

    explicit PlayerBench(Options options);
    QList<BenchFigure> run(QString *error);

private:
    Options m_options;
};

} // namespace confero::bench
