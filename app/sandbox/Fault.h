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
// `match` is a substring of the request path (absent: every platform route); `count` is how many
// matching requests it still applies to, -1 until cleared.
class Fault
{
public:
    enum class Kind { Status, RateLimit, Drop, Latency };

    Kind kind = Kind::Status;
    int status = 503;
    int result = 50000;
    int retryAfterSeconds = 1;
    qint64 afterBytes = 0;
    int latencyMs = 0;
    int count = 1;
    QString match;
    int applied = 0;

    bool matches(const QString &path) const;
    bool isExhausted() const;
    void consume();

    QJsonObject toJson() const;
    // The fault, or nullopt with `error` saying which field is wrong and why.
    static std::optional<Fault> fromJson(const QJsonObject &object, QString *error);
};

} // namespace confero::sandbox
