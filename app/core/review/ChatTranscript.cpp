#include "ChatTranscript.h"

#include "ReviewDocument.h"

#include "domain/JsonRead.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <cmath>
#include <limits>

using namespace Qt::StringLiterals;

namespace confero {

namespace {

// offset_ms as a number or a string of digits; nothing for anything else, or a time that is
// negative or beyond any recording (a year), which would only put a line off the end.
std::optional<qint64> offsetOf(const QJsonValue &value)
{
    constexpr double kMaxMs = 366.0 * 24 * 3600 * 1000;
    double ms = std::numeric_limits<double>::quiet_NaN();
    if (value.isDouble()) {
        ms = value.toDouble();
    } else if (value.isString()) {
        bool ok = false;
        const qlonglong parsed = value.toString().trimmed().toLongLong(&ok);
        if (ok)
            ms = double(parsed);
    }
    if (!std::isfinite(ms) || ms < 0 || ms > kMaxMs)
        return std::nullopt;
    return qint64(ms);
}

QString text(const QJsonValue &value, qsizetype maxLength)
{
    return json::toString(value).left(maxLength);
}

} // namespace

std::optional<ChatTranscript> ChatTranscript::parse(const QByteArray &json, qint64 sessionStartMs, QString *error)
{
    std::optional<ReviewDocument> document =
        ReviewDocument::read(json, MaxDocumentBytes, u"messages"_s, MaxMessages,
                             QCoreApplication::translate("ChatTranscript", "The chat file"),
                             QCoreApplication::translate("ChatTranscript", "messages"), error);
    if (!document)
        return {};
    const QJsonObject &root = document->root;
    const QJsonArray &messages = document->list;

    ChatTranscript transcript;
    transcript.confNum = text(root.value(u"conf_num"), MaxNameLength);
    transcript.roomId = text(root.value(u"room_id"), MaxNameLength);
    transcript.messages.reserve(messages.size());
    for (const auto &item : messages) {
        const QJsonObject object = item.toObject();
        std::optional<qint64> offset = offsetOf(object.value(u"offset_ms"));
        if (!offset && sessionStartMs > 0) {
            const QDateTime at = json::toUtcDateTime(object.value(u"time"));
            if (at.isValid())
                offset = offsetOf(QJsonValue(double(at.toMSecsSinceEpoch() - sessionStartMs)));
        }
        ChatMessage message;
        message.text = text(object.value(u"message"), MaxTextLength);
        if (!offset || message.text.isEmpty()) {
            ++transcript.skipped;
            continue;
        }
        message.offsetMs = *offset;
        message.name = text(object.value(u"name"), MaxNameLength);
        message.userRef = text(object.value(u"user_ref"), MaxNameLength);
        transcript.messages.append(message);
    }
    std::stable_sort(transcript.messages.begin(), transcript.messages.end(),
                     [](const ChatMessage &a, const ChatMessage &b) { return a.offsetMs < b.offsetMs; });
    return transcript;
}

int ChatTranscript::indexAt(qint64 positionMs) const
{
    const auto after = std::upper_bound(messages.cbegin(), messages.cend(), positionMs,
                                        [](qint64 position, const ChatMessage &m) { return position < m.offsetMs; });
    return int(after - messages.cbegin()) - 1;
}

} // namespace confero
