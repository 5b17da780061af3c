#include "ProcessMemory.h"

#include <QByteArray>
#include <QFile>

namespace confero::bench {

namespace {

qint64 statusField(const char *field)
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray prefix = QByteArray(field) + ':';
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (!line.startsWith(prefix))
            continue;
        // "VmRSS:\t  123456 kB"
        const QByteArray kilobytes = line.mid(prefix.size()).trimmed().split(' ').value(0);
        return kilobytes.toLongLong() * 1024;
    }
    return -1;
}

} // namespace

qint64 ProcessMemory::residentBytes()
{
    return statusField("VmRSS");
}

qint64 ProcessMemory::peakResidentBytes()
{
    return statusField("VmHWM");
}

bool ProcessMemory::resetPeak()
{
    QFile clear(QStringLiteral("/proc/self/clear_refs"));
    return clear.open(QIODevice::WriteOnly) && clear.write("5") == 1;
}

} // namespace confero::bench
