#pragma once

#include "ApiReply.h"

#include <QByteArray>
#include <QHostAddress>

#include <functional>

namespace confero::sandbox {

class FaultInjector;
class SandboxClock;
class SandboxState;
class TokensController;

// The sandbox's own routes under /sandbox/ (DESIGN.md "The sandbox"): reset, state, clock, faults,
// token consumption, leaving and simulated sessions. Loopback peers only, no Basic auth; answers use the same
// {"result":0,...} envelope as the platform routes.
class ControlController
{
public:
    ControlController(SandboxState &state, SandboxClock &clock, FaultInjector &faults, TokensController &tokens);

    // Called after a reset has emptied the state (the embedded console re-seeds its demo rooms).
    void setAfterReset(std::function<void()> afterReset);

    static bool acceptsPeer(const QHostAddress &peer);
    static ApiReply refusePeer(const QHostAddress &peer);

    ApiReply reset();
    ApiReply state() const;
    ApiReply setClock(const QByteArray &body);
    ApiReply consumeToken(const QByteArray &body);
    ApiReply leave(const QByteArray &body);
    // {"room_id", "participants", "duration_s", "recorded"}: a whole session in an idle room, ended
    // now; answers {"conf_num"}. Its CDR rows are published at once.
    ApiReply simulateSession(const QByteArray &body);
    ApiReply setFaults(const QByteArray &body);
    ApiReply clearFaults();

private:
    SandboxState &m_state;
    SandboxClock &m_clock;
    FaultInjector &m_faults;
    TokensController &m_tokens;
    std::function<void()> m_afterReset;
};

} // namespace confero::sandbox
