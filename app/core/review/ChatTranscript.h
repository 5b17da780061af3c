#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>

namespace confero {

// One line of a session's chat: when it was said, as an offset from the session's start (where
// the recording starts), and by whom.
struct ChatMessage
{
    qint64 offsetMs = 0;
    QString name;
    QString userRef;
    QString text;

    friend bool operator==(const ChatMessage &, const ChatMessage &) = default;
};

// A session's chat transcript, read from the archive's chat data file (video-api.md 6; the platform
// documents no format, the sandbox writes {"conf_num","room_id","messages":[{"time","offset_ms",
// "name","user_ref","message"}]}). The file comes from the network, so reading is bounded and a
// message that cannot be placed in time is skipped (counted), not guessed.
class ChatTranscript
{
public:
    static constexpr qsizetype MaxDocumentBytes = 64LL * 1024 * 1024;
    static constexpr qsizetype MaxMessages = 100'000;
    static constexpr qsizetype MaxTextLength = 10'000; // longer messages are cut
    static constexpr qsizetype MaxNameLength = 256;

    // `sessionStartMs` (UTC Unix ms, 0 when unknown) places a message that has only its `time`.
    // Nothing, with `error` set, when the bytes are not a chat data object; a message list may be
    // empty.
    static std::optional<ChatTranscript> parse(const QByteArray &json, qint64 sessionStartMs, QString *error);

    QString confNum;
    QString roomId;
    QList<ChatMessage> messages; // by offset, the file's order among equal offsets
    int skipped = 0; // messages without a usable time or text

    // The last message said at or before `positionMs`, -1 when none has been yet.
    int indexAt(qint64 positionMs) const;
};

} // namespace confero
