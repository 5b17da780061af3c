#pragma once

#include "HttpServerLimits.h"

#include <QString>

namespace confero::sandbox {

class SandboxOptions
{
public:
    QString appId;
    QString appKey;
    QString stateFile; // empty: state lives in memory only
    bool demoRooms = false; // seed four demo rooms when the state is empty
    bool strictSettings = true; // unknown settings keys -> 10009
    QString recordingUser; // recording-file Basic auth (empty: "recordings")
    QString recordingPassword; // empty: a random one, shown by GET /sandbox/archive/credentials
    QString mediaCacheDir; // empty: <generic cache>/confero-sandbox/media-v1
    http::HttpServerLimits limits; // body size, timeouts, connection cap (tests shorten the timeouts)
};

} // namespace confero::sandbox
