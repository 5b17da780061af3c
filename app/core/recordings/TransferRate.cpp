#include "TransferRate.h"

namespace confero {

void TransferRate::add(qint64 bytes, qint64 nowMs)
{
    if (!m_samples.isEmpty() && bytes < m_samples.constLast().bytes)
        m_samples.clear();
    m_samples.append({nowMs, bytes});
    // One sample older than the window stays, so the span always covers the whole window.
    while (m_samples.size() > 2 && nowMs - m_samples.at(1).ms >= WindowMs)
        m_samples.removeFirst();
}

double TransferRate::bytesPerSecond(qint64 nowMs) const
{
    if (m_samples.size() < 2)
        return -1;
    const Sample &last = m_samples.constLast();
    if (nowMs - last.ms >= WindowMs)
        return 0;
    const Sample &first = m_samples.constFirst();
    const qint64 span = last.ms - first.ms;
    if (span < MinimumSpanMs)
        return -1;
    return double(last.bytes - first.bytes) * 1000.0 / double(span);
}

void TransferRate::clear()
{
    m_samples.clear();
}

} // namespace confero
