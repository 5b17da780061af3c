#include "SandboxError.h"

namespace confero::sandbox {

int SandboxError::httpStatus() const
{
    // video-api.md 1.3 [INFERRED emulator rule]: 401 auth, 404 room not found, 400 for 10xxx
    // validation and token denials, 500 for 5xxxx. 40002 (token unauthorized) and the control
    // surface's loopback refusal are 403: the request was understood and refused.
    switch (result) {
    case ResultCode::ApplicationNotFound:
        return 401;
    case ResultCode::RoomNotFound:
    case ResultCode::RouteNotFound:
    case ResultCode::UserNotInRoom:
        return 404;
    case ResultCode::TokenUnauthorized:
    case ResultCode::Forbidden:
        return 403;
    case ResultCode::ServerBusy:
        return 429;
    default:
        break;
    }
    if (result >= 50000)
        return 500;
    return 400;
}

} // namespace confero::sandbox
