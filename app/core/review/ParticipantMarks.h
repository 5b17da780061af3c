#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>

namespace confero {

struct CdrRow;

// One connection of a participant on the recording's time line: joined at `joinMs` and left at
// `leaveMs`, both offsets from the session's start (where the recording starts). A rejoin is a
// second span of the same person.
struct ParticipantSpan
{
    QString person; // who: user ref, else name (a rejoin has the same person)
    QString name;
    QString role;
    qint64 joinMs = 0;
    qint64 leaveMs = 0;

    friend bool operator==(const ParticipantSpan &, const ParticipantSpan &) = default;
};

// The join and leave marks of a session, from the stored CDR rows (the session starts at the first
// join) or from the archive's metadata file (the platform documents no format; the sandbox writes
// {"conf_num","room_id","start","end","participants":[{"name","user_ref","role","call_num","join",
// "leave","join_offset_ms","leave_offset_ms"}]}).
class ParticipantMarks
{
public:
    static constexpr qsizetype MaxDocumentBytes = 16LL * 1024 * 1024;
    static constexpr qsizetype MaxParticipants = 10'000;

    static ParticipantMarks fromCdrRows(const QList<CdrRow> &rows);
    // Nothing, with `error` set, when the bytes are not a metadata object; a participant without a
    // usable join time is skipped (counted).
    static std::optional<ParticipantMarks> fromMetadata(const QByteArray &json, QString *error);

    qint64 sessionStartMs = 0; // UTC Unix ms, 0 when unknown
    qint64 sessionEndMs = 0;
    QList<ParticipantSpan> spans; // by join
    int skipped = 0;
};

} // namespace confero
