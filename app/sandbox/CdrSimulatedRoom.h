#pragma once

#include "CdrRoom.h"

namespace confero::sandbox {

// A room the simulator fills with sessions; in a lecture room most attendees are viewers.
class CdrSimulatedRoom
{
public:
    CdrRoom room;
    bool lecture = false;
};

} // namespace confero::sandbox
