#pragma once

#include <QString>

namespace confero::sandbox {

// Result codes of video-api.md section 8, plus the few this emulator had to choose itself where the
// platform documents none (marked [INFERRED]).
namespace ResultCode {
inline constexpr int Success = 0;
inline constexpr int ApplicationNotFound = 10000; // bad or missing Basic credentials
inline constexpr int RoomIdMissing = 10001;
inline constexpr int NameMissing = 10002;
inline constexpr int InvalidScheduled = 10003;
inline constexpr int ScheduledTimeMissing = 10004;
inline constexpr int ScheduledTimeFormat = 10005;
inline constexpr int ScheduledTimeIllegible = 10006;
inline constexpr int InvalidParticipants = 10007;
inline constexpr int InvalidAutoRecording = 10008;
inline constexpr int UnknownSettingsKey = 10009;
inline constexpr int OwnerRefMissing = 10010;
inline constexpr int InvalidDuration = 10011;
inline constexpr int InvalidActiveTalker = 10012;
inline constexpr int InvalidWaitModerator = 10013;
inline constexpr int InvalidQuality = 10014;
inline constexpr int SipUriMissing = 10015;
inline constexpr int InvalidAdhoc = 10016;
inline constexpr int IllegibleAdhoc = 10017;
inline constexpr int NotValidForRoomType = 10018;
inline constexpr int InvalidMode = 10019;
inline constexpr int IllegibleMode = 10020;
inline constexpr int InvalidModerators = 10022;
inline constexpr int IllegibleModerators = 10023;
inline constexpr int IllegiblePeep = 10024;
inline constexpr int IllegibleKnock = 10025;
inline constexpr int InvalidAor = 10026;
inline constexpr int UpdateOnActiveRoom = 10030;
inline constexpr int TokenNameMissing = 10101;
inline constexpr int TokenUserRefMissing = 10102;
inline constexpr int TokenRoleMissing = 10103;
inline constexpr int TokenInvalidRole = 10104;
inline constexpr int ServerBusy = 10105;
inline constexpr int RoomTypeUpdate = 10106;
inline constexpr int ConferenceOver = 10111;
inline constexpr int BeyondCutOff = 10112;
inline constexpr int RoomNotActive = 10113;
inline constexpr int RoomFull = 10114;
inline constexpr int RoomNotFound = 40001;
inline constexpr int TokenUnauthorized = 40002;
inline constexpr int InternalError = 50000;
// [INFERRED] The platform documents no code for a body that is not a JSON object, for a path that
// matches no route, for a refused control-surface peer or for leaving a room one is not in; these
// four are the emulator's own.
inline constexpr int MalformedRequest = 40000;
inline constexpr int RouteNotFound = 40400;
inline constexpr int Forbidden = 40300;
inline constexpr int UserNotInRoom = 40404;
// CDR (video-api.md 5, 8): which of each documented pair a route answers is [INFERRED].
inline constexpr int CdrConfNumMissing = 10201; // /cdr/conf without a conf_num
inline constexpr int CdrRoomIdMissing = 10202; // /cdr/room without a room_id
inline constexpr int CdrToDateMissing = 10203; // a period route without its dates
inline constexpr int CdrPeriodRoomIdMissing = 10204; // /cdr/room-period without a room_id
inline constexpr int CdrConfNumInvalid = 10205; // a conf_num that is not a number
// [INFERRED] The platform documents no code for an unreadable date or a window whose end comes
// before its start; this is the emulator's own, in its 40xxx family.
inline constexpr int InvalidDate = 40010;
} // namespace ResultCode

// A refusal as the platform words it: `result` (non-zero), a short `error` and a longer `desc`.
class SandboxError
{
public:
    int result = ResultCode::InternalError;
    QString error;
    QString desc;

    // The one place mapping a result code to an HTTP status (video-api.md 1.3, emulator rule).
    int httpStatus() const;
};

} // namespace confero::sandbox
