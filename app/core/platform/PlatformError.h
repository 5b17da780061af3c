#pragma once

#include <QCoreApplication>
#include <QString>

namespace confero {

// An error from the Video platform (or from reaching it), as a value the UI can show.
// `message()` is written for a person; `detail` keeps the platform's own words for the log.
class PlatformError
{
    Q_DECLARE_TR_FUNCTIONS(PlatformError)

public:
    enum class Kind {
        Network, // could not connect, connection dropped, TLS failure
        Timeout, // no answer in time
        Auth, // 401/403 or result 10000: wrong App ID / App Key
        NotFound, // 404 or 40001
        Validation, // 10xxx: a field the platform refused (see `field`)
        RateLimited, // 429 after retries ran out
        Conflict, // 10030 and friends: not allowed in the current state
        Server, // 5xx or 5xxxx
        Protocol, // an answer that is not the documented JSON envelope
        Cancelled, // the caller went away
    };

    Kind kind = Kind::Protocol;
    int httpStatus = 0; // 0 when no HTTP answer arrived
    int resultCode = 0; // the envelope's `result` when present and non-zero
    QString field; // for Validation: the request field, e.g. "settings.moderators"
    QString detail; // the platform's `error` / `desc` or the transport's text, untranslated
    QString operation; // what was being done, e.g. "creating room \"Daily stand-up\""

    // One sentence for a person: what failed, why, and what to do about it.
    QString message() const;
    // Retrying the same request could succeed (network, timeout, 408, 429, 5xx).
    bool isTransient() const;

    static QString kindName(Kind kind);
    // How an answer is classified: HTTP status plus the envelope's `result` (0 when absent).
    static Kind kindFor(int httpStatus, int resultCode);
    // Builds the error for a non-success answer (fills kind and field).
    static PlatformError fromAnswer(int httpStatus, int resultCode, const QString &detail, const QString &operation);
    // The request field a 10xxx result code refers to ("" when it names none).
    static QString fieldForResultCode(int code);
};

} // namespace confero
