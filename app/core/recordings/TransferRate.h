#pragma once

#include <QList>
#include <QtGlobal>

namespace confero {

// A download's rate in bytes per second over the last few seconds of progress. The owner passes the
// time with every sample (milliseconds from any fixed origin), so the figure does not depend on how
// often progress arrives and a test can drive it with its own clock. Bytes that go backwards (the
// server's file changed and the part started over) begin a new measurement.
class TransferRate
{
public:
    static constexpr qint64 WindowMs = 3000;
    // Below this span the figure would mostly be noise of the first chunks: no rate yet.
    static constexpr qint64 MinimumSpanMs = 300;

    void add(qint64 bytes, qint64 nowMs);
    // Bytes per second; -1 while there is not enough to say, 0 when nothing arrived for WindowMs.
    double bytesPerSecond(qint64 nowMs) const;
    void clear();

private:
    struct Sample
    {
        qint64 ms = 0;
        qint64 bytes = 0;
    };
    QList<Sample> m_samples; // oldest first, at most WindowMs old (plus one before it)
};

} // namespace confero
