#pragma once

#include "Fault.h"

#include <optional>

namespace confero::sandbox {

// What the faults make of one request: a delay before answering, a pace for its body, and at most one
// fault that changes the answer (a status, a 429, or a drop mid-body).
class FaultPlan
{
public:
    int latencyMs = 0;
    qint64 bytesPerSecond = 0; // 0: not slowed
    std::optional<Fault> outcome;
};

} // namespace confero::sandbox
