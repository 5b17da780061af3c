#pragma once

#include <QJsonObject>
#include <QString>

#include <optional>

namespace confero::sandbox {

// One injected misbehaviour of the platform routes, as POSTed to /sandbox/faults:
//   {"kind":"status","status":503,"result":50000,"count":2,"match":"/rooms"}
//   {"kind":"rate_limit","retry_after_s":1,"count":1}
//   {"kind":"drop","after_bytes":10,"count":1}
//   {"kind":"latency","ms":300,"count":-1}
//   {"kind":"drop","after_fraction":0.5,"match":"/files/"}      (a share of a body of known length)
//   {"kind":"expire_links","ttl_s":5,"uses":1,"status":404,"match":"/archive/"}
//   {"kind":"slow","bytes_per_s":65536,"match":"/files/","count":-1}
// slow does not change an answer either: its body is sent at no more than bytes_per_s (a server or
// a link that is slow, where a download must keep going rather than time out).
// expire_links does not change an answer: archive answers taken while it applies carry file links
// valid for ttl_s seconds (sandbox clock) and/or `uses` downloads, refused with `status` afterwards.
// `match` is a substring of the request path (absent: every platform route); `count` is how many
// matching requests it still applies to, -1 until cleared.
class Fault
{
public:
    enum class Kind { Status, RateLimit, Drop, Latency, ExpireLinks, Slow };

    Kind kind = Kind::Status;
    int status = 503;
    int result = 50000;
    int retryAfterSeconds = 1;
    qint64 afterBytes = 0;
    double afterFraction = -1; // drop: 0..1 of a body of known length instead of after_bytes
    int linkTtlSeconds = -1; // expire_links: -1 = the default lifetime
    int linkUses = -1; // expire_links: -1 = unlimited
    int latencyMs = 0;
    qint64 bytesPerSecond = 0; // slow
    int count = 1;
    QString match;
    int applied = 0;

    bool matches(const QString &path) const;
    bool isExhausted() const;
    void consume();
    // The byte after which a drop cuts a body of `bodyLength` bytes (-1: unknown length).
    qint64 dropPoint(qint64 bodyLength) const;

    QJsonObject toJson() const;
    // The fault, or nullopt with `error` saying which field is wrong and why.
    static std::optional<Fault> fromJson(const QJsonObject &object, QString *error);
};

} // namespace confero::sandbox
