#pragma once

#include <QtGlobal>

namespace confero::http {

// Defaults are sized for a public webhook endpoint; the sandbox and relay set their own.
struct HttpServerLimits
{
    qsizetype maxHeaderBytes = 16 * 1024; // request line + headers; more -> 431
    qsizetype maxBodyBytes = 1024 * 1024; // Content-Length or chunked total; more -> 413
    int idleTimeoutMs = 30'000; // keep-alive connection with no request in progress
    int headerTimeoutMs = 10'000; // whole header block must arrive within this
    int bodyTimeoutMs = 30'000; // whole body must arrive within this (slow senders)
    int maxConnections = 1000; // beyond this, new connections get 503 and close
    int maxPipelinedRequests = 16; // parsed-but-unanswered requests per connection
};

} // namespace confero::http
