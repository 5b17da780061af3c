#pragma once

namespace confero::sandbox {

class RoomsController;
class SandboxClock;

// Four realistic rooms for the embedded console's first start, created through the same route
// handler a client uses, so they carry the same defaults as any other room.
class DemoRoomSeeder
{
public:
    // Returns how many rooms were created.
    static int seed(RoomsController &rooms, const SandboxClock &clock);
};

} // namespace confero::sandbox
