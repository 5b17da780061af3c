#pragma once

#include "CdrLog.h"
#include "CdrSimulatedRoom.h"
#include "CdrSimulationPlan.h"
#include "DeterministicRandom.h"

#include <QList>

#include <memory>
#include <vector>

namespace confero::sandbox {

// Generates CDR history with the distributions stated in app/sandbox/README.md ("CDR simulator"):
// the same plan and rooms give the same rows, byte for byte.
class CdrSimulator
{
public:
    // conf_num of the first simulated session; simulated sessions count up from it, far from the
    // numbers real sessions get (which count from 1) [INFERRED].
    static constexpr quint32 FirstConfNum = 10'000'000;
    static constexpr int MaxParticipants = 50;

    static std::shared_ptr<const CdrLog> generate(const CdrSimulationPlan &plan, const QList<CdrSimulatedRoom> &rooms);

    // One session of `participants` distinct users (first one the moderator, there from start to
    // end), late joiners and rejoins included, added to `log`. Used by the history generator and by
    // POST /sandbox/sessions/simulate.
    static void addSession(CdrLog &log, DeterministicRandom &random, quint32 room, bool lecture, quint32 confNum,
                           qint64 startMs, qint64 durationMs, int participants);

    // Participants of one session: 2 + geometric(1/2) for 92 %, log-uniform 6..50 for 8 %; capped at 50.
    static int drawParticipants(DeterministicRandom &random);
    // Session length in ms: lognormal, median 25 min, sigma 0.8, kept within 2 min .. 8 h.
    static qint64 drawDurationMs(DeterministicRandom &random);
};

} // namespace confero::sandbox
