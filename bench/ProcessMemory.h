#pragma once

#include <QtGlobal>

namespace confero::bench {

// This process's resident memory, from /proc/self/status (Linux).
class ProcessMemory
{
public:
    static qint64 residentBytes(); // VmRSS
    static qint64 peakResidentBytes(); // VmHWM: the most resident since start or resetPeak()
    // Starts VmHWM again from the current RSS (writes 5 to /proc/self/clear_refs); false when the
    // kernel refuses, and then peakResidentBytes() is the peak since start.
    static bool resetPeak();
};

} // namespace confero::bench
