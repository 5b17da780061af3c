#pragma once

#include <QByteArrayView>
#include <QString>

namespace confero::relay {

// What ingress accepts as a webhook (docs/ARCHITECTURE.md, the relay): at most 1 MiB, valid UTF-8,
// a JSON object with a string "type". Nothing else is asked of it: the platform documents no
// Content-Type and may add fields or event types, and the console, not the relay, interprets them.
class WebhookCheck
{
public:
    static constexpr qsizetype MaxBodyBytes = 1024 * 1024;

    struct Result
    {
        int status = 200; // 200 when accepted, else 400 or 413
        QString type; // the event's "type" when accepted
        QString error; // for the sender and the log, when refused

        bool accepted() const { return status == 200; }
    };

    static Result check(QByteArrayView body);
};

} // namespace confero::relay
