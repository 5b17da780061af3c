#include "HttpResponderState.h"

#include <utility>

namespace confero::http {

HttpResponder::State::State(Deliver deliver, Connected connected)
    : m_deliver(std::move(deliver))
    , m_connected(std::move(connected))
{
}

bool HttpResponder::State::complete(HttpResponse &&response)
{
    if (m_answered)
        return false;
    m_answered = true;
    // Dropped even if the deliverer runs code that copies this state: answer once, then forget.
    Deliver deliver = std::exchange(m_deliver, {});
    if (deliver)
        deliver(std::move(response));
    return true;
}

bool HttpResponder::State::isAnswered() const
{
    return m_answered;
}

bool HttpResponder::State::isConnected() const
{
    return m_connected ? m_connected() : false;
}

HttpResponder::HttpResponder(std::shared_ptr<State> state)
    : m_state(std::move(state))
{
}

void HttpResponder::respond(HttpResponse response) const
{
    if (m_state)
        m_state->complete(std::move(response));
}

bool HttpResponder::isConnected() const
{
    return m_state && m_state->isConnected();
}

} // namespace confero::http
