#include "Fault.h"

#include "JsonBody.h"

using namespace Qt::StringLiterals;

namespace confero::sandbox {

namespace {

QString kindName(Fault::Kind kind)
{
    switch (kind) {
    case Fault::Kind::Status:
        return u"status"_s;
    case Fault::Kind::RateLimit:
        return u"rate_limit"_s;
    case Fault::Kind::Drop:
        return u"drop"_s;
    case Fault::Kind::Latency:
        return u"latency"_s;
    case Fault::Kind::ExpireLinks:
        return u"expire_links"_s;
    case Fault::Kind::Slow:
        return u"slow"_s;
    }
    return {};
}

// A whole number in [low, high] under `key`, `fallback` when absent; nullopt (with error) otherwise.
std::optional<qint64> readNumber(const QJsonObject &object, const QString &key, qint64 low, qint64 high,
                                 std::optional<qint64> fallback, QString *error)
{
    if (!object.contains(key)) {
        if (!fallback)
            *error = u"\"%1\" is required"_s.arg(key);
        return fallback;
    }
    const std::optional<qint64> number = JsonBody::wholeNumber(object.value(key));
    if (!number || *number < low || *number > high) {
        *error = u"\"%1\" must be a whole number from %2 to %3"_s.arg(key).arg(low).arg(high);
        return std::nullopt;
    }
    return number;
}

} // namespace

bool Fault::matches(const QString &path) const
{
    return !isExhausted() && (match.isEmpty() || path.contains(match));
}

bool Fault::isExhausted() const
{
    return count == 0;
}

void Fault::consume()
{
    ++applied;
    if (count > 0)
        --count;
}

qint64 Fault::dropPoint(qint64 bodyLength) const
{
    if (afterFraction < 0 || bodyLength < 0)
        return afterBytes;
    return qint64(double(bodyLength) * afterFraction);
}

QJsonObject Fault::toJson() const
{
    QJsonObject object{{u"kind"_s, kindName(kind)}, {u"count"_s, count}, {u"applied"_s, applied}};
    if (!match.isEmpty())
        object.insert(u"match"_s, match);
    switch (kind) {
    case Kind::Status:
        object.insert(u"status"_s, status);
        object.insert(u"result"_s, result);
        break;
    case Kind::RateLimit:
        object.insert(u"retry_after_s"_s, retryAfterSeconds);
        break;
    case Kind::Drop:
        if (afterFraction >= 0)
            object.insert(u"after_fraction"_s, afterFraction);
        else
            object.insert(u"after_bytes"_s, afterBytes);
        break;
    case Kind::Latency:
        object.insert(u"ms"_s, latencyMs);
        break;
    case Kind::ExpireLinks:
        object.insert(u"ttl_s"_s, linkTtlSeconds);
        object.insert(u"uses"_s, linkUses);
        object.insert(u"status"_s, status);
        break;
    case Kind::Slow:
        object.insert(u"bytes_per_s"_s, bytesPerSecond);
        break;
    }
    return object;
}

std::optional<Fault> Fault::fromJson(const QJsonObject &object, QString *error)
{
    Fault fault;
    const QString kind = object.value(u"kind").toString();
    if (kind == u"status")
        fault.kind = Kind::Status;
    else if (kind == u"rate_limit")
        fault.kind = Kind::RateLimit;
    else if (kind == u"drop")
        fault.kind = Kind::Drop;
    else if (kind == u"latency")
        fault.kind = Kind::Latency;
    else if (kind == u"expire_links")
        fault.kind = Kind::ExpireLinks;
    else if (kind == u"slow")
        fault.kind = Kind::Slow;
    else {
        *error = u"\"kind\" must be \"status\", \"rate_limit\", \"drop\", \"latency\", \"expire_links\" or "
                 "\"slow\""_s;
        return std::nullopt;
    }
    // [INFERRED] count defaults to 1; 0 would be a fault that never applies, so it is refused.
    const std::optional<qint64> count = readNumber(object, u"count"_s, -1, 1'000'000, 1, error);
    if (!count)
        return std::nullopt;
    if (*count == 0) {
        *error = u"\"count\" must be -1 (until cleared) or at least 1"_s;
        return std::nullopt;
    }
    fault.count = int(*count);
    if (object.contains(u"match")) {
        if (!object.value(u"match").isString()) {
            *error = u"\"match\" must be a string (a substring of the request path)"_s;
            return std::nullopt;
        }
        fault.match = object.value(u"match").toString();
    }
    switch (fault.kind) {
    case Kind::Status: {
        const std::optional<qint64> status = readNumber(object, u"status"_s, 200, 599, 503, error);
        const std::optional<qint64> result =
            status ? readNumber(object, u"result"_s, 0, 99'999, 50000, error) : std::nullopt;
        if (!status || !result)
            return std::nullopt;
        fault.status = int(*status);
        fault.result = int(*result);
        break;
    }
    case Kind::RateLimit: {
        const std::optional<qint64> seconds = readNumber(object, u"retry_after_s"_s, 0, 86'400, 1, error);
        if (!seconds)
            return std::nullopt;
        fault.retryAfterSeconds = int(*seconds);
        break;
    }
    case Kind::Drop: {
        if (object.contains(u"after_fraction")) {
            const double fraction = object.value(u"after_fraction").toDouble(-1);
            if (!object.value(u"after_fraction").isDouble() || fraction < 0 || fraction > 1) {
                *error = u"\"after_fraction\" must be a number from 0 to 1"_s;
                return std::nullopt;
            }
            fault.afterFraction = fraction;
            break;
        }
        const std::optional<qint64> bytes = readNumber(object, u"after_bytes"_s, 0, 1LL << 40, 0, error);
        if (!bytes)
            return std::nullopt;
        fault.afterBytes = *bytes;
        break;
    }
    case Kind::Latency: {
        const std::optional<qint64> ms = readNumber(object, u"ms"_s, 0, 600'000, std::nullopt, error);
        if (!ms)
            return std::nullopt;
        fault.latencyMs = int(*ms);
        break;
    }
    case Kind::ExpireLinks: {
        const std::optional<qint64> ttl = readNumber(object, u"ttl_s"_s, -1, 86'400 * 365, -1, error);
        const std::optional<qint64> uses = ttl ? readNumber(object, u"uses"_s, -1, 1'000'000, -1, error) : std::nullopt;
        const std::optional<qint64> status =
            uses ? readNumber(object, u"status"_s, 403, 404, 403, error) : std::nullopt;
        if (!ttl || !uses || !status)
            return std::nullopt;
        if (*uses == 0 || (*ttl < 0 && *uses < 0)) {
            *error = u"expire_links needs \"ttl_s\" (0 or more) or \"uses\" (1 or more)"_s;
            return std::nullopt;
        }
        fault.linkTtlSeconds = int(*ttl);
        fault.linkUses = int(*uses);
        fault.status = int(*status);
        break;
    }
    case Kind::Slow: {
        // Up to 10 GB/s: above that loopback is the limit, not the fault.
        const std::optional<qint64> rate =
            readNumber(object, u"bytes_per_s"_s, 1, 10'000'000'000LL, std::nullopt, error);
        if (!rate)
            return std::nullopt;
        fault.bytesPerSecond = *rate;
        break;
    }
    }
    return fault;
}

} // namespace confero::sandbox
