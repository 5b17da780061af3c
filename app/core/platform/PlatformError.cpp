#include "PlatformError.h"

namespace confero {

using namespace Qt::StringLiterals;

namespace {

bool isClientResultCode(int code)
{
    // 10xxx are request/validation codes, 40xxx "not found / not allowed": retrying cannot help.
    return code >= 10000 && code < 50000;
}

QString statusText(int httpStatus, int resultCode)
{
    if (httpStatus > 0 && resultCode != 0)
        return PlatformError::tr("HTTP %1, result %2").arg(httpStatus).arg(resultCode);
    if (httpStatus > 0)
        return PlatformError::tr("HTTP %1").arg(httpStatus);
    if (resultCode != 0)
        return PlatformError::tr("result %1").arg(resultCode);
    return {};
}

} // namespace

PlatformError::Kind PlatformError::kindFor(int httpStatus, int resultCode)
{
    if (resultCode == 10000 || httpStatus == 401 || httpStatus == 403)
        return Kind::Auth;
    // 429 says "slow down" whatever code the body carries (the sandbox sends 10105 "server busy").
    if (httpStatus == 429)
        return Kind::RateLimited;
    if (resultCode == 40001 || resultCode == 10001)
        return Kind::NotFound;
    if (resultCode == 10030 || resultCode == 10106 || resultCode == 40002
        || (resultCode >= 10111 && resultCode <= 10114))
        return Kind::Conflict;
    if (resultCode == 10105)
        return Kind::Server;
    if (isClientResultCode(resultCode))
        return Kind::Validation;
    if (httpStatus == 404)
        return Kind::NotFound;
    if (httpStatus == 408)
        return Kind::Timeout;
    if (httpStatus == 429)
        return Kind::RateLimited;
    if (httpStatus == 409)
        return Kind::Conflict;
    if (httpStatus == 400 || httpStatus == 422)
        return Kind::Validation;
    if (httpStatus >= 500 || resultCode >= 50000)
        return Kind::Server;
    return Kind::Protocol;
}

PlatformError PlatformError::fromAnswer(int httpStatus, int resultCode, const QString &detail, const QString &operation)
{
    PlatformError error;
    error.kind = kindFor(httpStatus, resultCode);
    error.httpStatus = httpStatus;
    error.resultCode = resultCode;
    error.detail = detail;
    error.operation = operation;
    if (error.kind == Kind::Validation)
        error.field = fieldForResultCode(resultCode);
    return error;
}

QString PlatformError::message() const
{
    const QString status = statusText(httpStatus, resultCode);
    const QString inParens = status.isEmpty() ? QString() : u" ("_s + status + u')';
    QString sentence;
    switch (kind) {
    case Kind::Network:
        sentence = tr("Could not reach the video platform%1: the connection failed or was cut. "
                      "Check the network and the project's API address.")
                       .arg(inParens);
        break;
    case Kind::Timeout:
        sentence = tr("The video platform did not answer in time%1. Try again later.").arg(inParens);
        break;
    case Kind::Auth:
        sentence = tr("The platform refused the App ID or App Key%1. Check the project's credentials.").arg(inParens);
        break;
    case Kind::NotFound:
        sentence = tr("The platform does not know this room%1. It may have been deleted.").arg(inParens);
        break;
    case Kind::Validation:
        // Found before sending: `detail` is already the translated sentence about the field.
        if (httpStatus == 0 && resultCode == 0 && !detail.isEmpty())
            sentence = detail;
        else
            sentence = field.isEmpty()
                ? tr("The platform refused the request%1. Check the values and try again.").arg(inParens)
                : tr("The platform refused the value of \"%1\"%2. Correct it and try again.").arg(field, inParens);
        break;
    case Kind::RateLimited:
        sentence = tr("The platform is limiting requests%1 and still refused after retrying. "
                      "Wait a minute and try again.")
                       .arg(inParens);
        break;
    case Kind::Conflict:
        if (resultCode == 10030)
            sentence = tr("The platform does not allow this while the room has a live session%1. "
                          "Try again when the session has ended.")
                           .arg(inParens);
        else if (resultCode == 10106)
            sentence = tr("A room's type (mode, scheduled, ad hoc) cannot be changed after it is "
                          "created%1.")
                           .arg(inParens);
        else if (resultCode >= 10111 && resultCode <= 10114)
            sentence = tr("The platform refused a token for this room now%1: it is over, not yet "
                          "open, or full.")
                           .arg(inParens);
        else
            sentence = tr("The platform does not allow this in the room's current state%1.").arg(inParens);
        break;
    case Kind::Server:
        sentence = tr("The platform had an internal problem%1. Try again later.").arg(inParens);
        break;
    case Kind::Protocol:
        sentence = tr("The platform's answer was not in the documented format%1. Check that the "
                      "project's API address points to the Video API.")
                       .arg(inParens);
        break;
    case Kind::Cancelled:
        sentence = tr("The request was cancelled.");
        break;
    }
    if (operation.isEmpty())
        return sentence;
    QString what = operation;
    what[0] = what.at(0).toUpper();
    return tr("%1 failed. %2").arg(what, sentence);
}

bool PlatformError::isTransient() const
{
    if (kind == Kind::RateLimited)
        return true;
    if (isClientResultCode(resultCode))
        return false;
    switch (kind) {
    case Kind::Network:
    case Kind::Timeout:
    case Kind::RateLimited:
    case Kind::Server:
        return true;
    default:
        return false;
    }
}

QString PlatformError::kindName(Kind kind)
{
    switch (kind) {
    case Kind::Network:
        return u"network"_s;
    case Kind::Timeout:
        return u"timeout"_s;
    case Kind::Auth:
        return u"auth"_s;
    case Kind::NotFound:
        return u"not_found"_s;
    case Kind::Validation:
        return u"validation"_s;
    case Kind::RateLimited:
        return u"rate_limited"_s;
    case Kind::Conflict:
        return u"conflict"_s;
    case Kind::Server:
        return u"server"_s;
    case Kind::Protocol:
        return u"protocol"_s;
    case Kind::Cancelled:
        return u"cancelled"_s;
    }
    return {};
}

QString PlatformError::fieldForResultCode(int code)
{
    switch (code) {
    case 10001:
        return u"room_id"_s;
    case 10002:
        return u"name"_s;
    case 10003:
        return u"settings.scheduled"_s;
    case 10004:
    case 10005:
    case 10006:
        return u"settings.scheduled_time"_s;
    case 10007:
        return u"settings.participants"_s;
    case 10008:
        return u"settings.auto_recording"_s;
    case 10009:
        return u"settings"_s;
    case 10010:
        return u"owner_ref"_s;
    case 10011:
        return u"settings.duration"_s;
    case 10012:
        return u"settings.active_talker"_s;
    case 10013:
        return u"settings.wait_moderator"_s;
    case 10014:
    case 10021:
        return u"settings.quality"_s;
    case 10015:
        return u"sip.uri"_s;
    case 10016:
    case 10017:
        return u"settings.adhoc"_s;
    case 10019:
    case 10020:
        return u"settings.mode"_s;
    case 10022:
    case 10023:
        return u"settings.moderators"_s;
    case 10024:
        return u"settings.peep"_s;
    case 10025:
        return u"settings.knock"_s;
    case 10026:
        return u"settings.aor"_s;
    case 10101:
        return u"name"_s;
    case 10102:
        return u"user_ref"_s;
    case 10103:
    case 10104:
        return u"role"_s;
    default:
        return {};
    }
}

} // namespace confero
