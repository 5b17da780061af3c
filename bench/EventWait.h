#pragma once

#include <functional>

namespace confero::bench {

// Runs the event loop until `done` says so (checked every millisecond) or `timeoutMs` passes; true
// when done. The loop keeps serving timers meanwhile, the heartbeat included.
bool waitFor(const std::function<bool()> &done, int timeoutMs);

} // namespace confero::bench
