#pragma once

#include <QByteArray>
#include <QDateTime>

#include <optional>

namespace confero {

// When to try a platform request again, and after how long.
struct RetryPolicy
{
    int maxAttempts = 4; // first try included
    int initialBackoffMs = 500;
    int maxBackoffMs = 8'000;
    int maxRetryAfterMs = 60'000; // a longer Retry-After is not waited for

    // Exponential backoff with "equal jitter": half the step is fixed, half random, so that many
    // clients failing together do not come back together. `attempt` is the one that just failed (1..).
    int backoffMs(int attempt) const;

    // Retry-After as delta-seconds or an HTTP-date (RFC 9110 10.2.3); nullopt when absent or unreadable.
    static std::optional<qint64> retryAfterMs(const QByteArray &header, const QDateTime &nowUtc);
};

} // namespace confero
