// Fuzzes the readers of a session's chat data and metadata files (ChatTranscript, ParticipantMarks):
// the files come from the network with the recordings. Whatever the bytes: either a refusal with a
// sentence, or messages within the bounds, in time order, none before the start, each with text;
// the position lookup agrees with the order; marks never leave before they join.

#include "FuzzCheck.h"

#include "review/ChatTranscript.h"
#include "review/ParticipantMarks.h"

#include <cstddef>
#include <cstdint>

using confero::ChatMessage;
using confero::ChatTranscript;
using confero::ParticipantMarks;
using confero::ParticipantSpan;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QByteArray text = QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size));
    // A start time in 2025, so messages with only a `time` are placed too.
    constexpr qint64 kStartMs = 1'736'499'600'000;
    QString error;
    const std::optional<ChatTranscript> chat = ChatTranscript::parse(text, kStartMs, &error);
    if (!chat) {
        CONFERO_FUZZ_CHECK(!error.isEmpty());
    } else {
        CONFERO_FUZZ_CHECK(chat->messages.size() <= ChatTranscript::MaxMessages);
        qint64 previous = 0;
        for (qsizetype i = 0; i < chat->messages.size(); ++i) {
            const ChatMessage &message = chat->messages.at(i);
            CONFERO_FUZZ_CHECK(message.offsetMs >= previous);
            CONFERO_FUZZ_CHECK(!message.text.isEmpty() && message.text.size() <= ChatTranscript::MaxTextLength);
            CONFERO_FUZZ_CHECK(message.name.size() <= ChatTranscript::MaxNameLength);
            CONFERO_FUZZ_CHECK(chat->indexAt(message.offsetMs) >= i);
            previous = message.offsetMs;
        }
        CONFERO_FUZZ_CHECK(chat->indexAt(-1) == -1);
    }

    error.clear();
    const std::optional<ParticipantMarks> marks = ParticipantMarks::fromMetadata(text, &error);
    if (!marks) {
        CONFERO_FUZZ_CHECK(!error.isEmpty());
        return 0;
    }
    CONFERO_FUZZ_CHECK(marks->spans.size() <= ParticipantMarks::MaxParticipants);
    for (const ParticipantSpan &span : marks->spans)
        CONFERO_FUZZ_CHECK(span.joinMs >= 0 && span.leaveMs >= span.joinMs);
    return 0;
}
