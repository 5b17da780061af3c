#include "EventIdGenerator.h"

#include <QDateTime>
#include <QRandomGenerator>
#include <QUuid>

namespace confero::relay {

namespace {
// The 12 bits after the version are a counter within one millisecond (RFC 9562, method 1). It
// starts at a random value below half its range so that a burst still has room to count up.
constexpr quint32 CounterLimit = 1u << 12;
constexpr quint32 CounterStartLimit = CounterLimit / 2;
} // namespace

QString EventIdGenerator::next()
{
    return nextAt(QDateTime::currentMSecsSinceEpoch());
}

QString EventIdGenerator::nextAt(qint64 unixMs)
{
    // A clock that steps back, or more than 4,096 ids in one ms, borrows from the next ms: the
    // order of ids stays the order they were made.
    if (unixMs > m_lastMs) {
        m_lastMs = unixMs;
        m_counter = QRandomGenerator::global()->bounded(CounterStartLimit);
    } else if (++m_counter >= CounterLimit) {
        ++m_lastMs;
        m_counter = QRandomGenerator::global()->bounded(CounterStartLimit);
    }
    const quint64 ms = quint64(m_lastMs) & 0xFFFF'FFFF'FFFFull;
    const quint64 random = QRandomGenerator::global()->generate64();
    QByteArray bytes(16, Qt::Uninitialized);
    for (int i = 0; i < 6; ++i)
        bytes[i] = char(ms >> (8 * (5 - i)));
    bytes[6] = char(0x70 | (m_counter >> 8));
    bytes[7] = char(m_counter & 0xFF);
    bytes[8] = char(0x80 | (random & 0x3F));
    for (int i = 9; i < 16; ++i)
        bytes[i] = char(random >> (8 * (i - 8)));
    return QUuid::fromRfc4122(bytes).toString(QUuid::WithoutBraces);
}

} // namespace confero::relay
