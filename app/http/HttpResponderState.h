#pragma once

#include "HttpServer.h"

#include <functional>

namespace confero::http {

// What an HttpResponder completes. The server builds one per request; a test of a handler can build
// one around its own callback to capture the response without a socket:
//   HttpResponder responder(std::make_shared<HttpResponder::State>(
//       [&](HttpResponse &&r) { captured = std::move(r); }));
class HttpResponder::State
{
public:
    using Deliver = std::function<void(HttpResponse &&)>;
    using Connected = std::function<bool()>;

    explicit State(Deliver deliver, Connected connected = {});

    // Delivers the first response only; false when this state was already answered.
    bool complete(HttpResponse &&response);
    bool isAnswered() const;
    bool isConnected() const;

private:
    Deliver m_deliver;
    Connected m_connected;
    bool m_answered = false;
};

} // namespace confero::http
