#include "ChatTranscript.h"

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
    const auto refuse = [error](const QString &why) {
        if (error)
            *error = why;
        return std::optional<ChatTranscript>();
    };
    if (json.size() > MaxDocumentBytes)
        return refuse(QCoreApplication::translate("ChatTranscript", "The chat file is larger than %1 MB.")
                          .arg(MaxDocumentBytes / (1024 * 1024)));
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return refuse(QCoreApplication::translate("ChatTranscript", "The chat file is not JSON (%1 at byte %2).")
                          .arg(parseError.errorString())
                          .arg(parseError.offset));
    if (!document.isObject())
        return refuse(QCoreApplication::translate("ChatTranscript", "The chat file is not a JSON object."));
    const QJsonObject root = document.object();
    const QJsonValue list = root.value(u"messages");
    if (!list.isArray() && !list.isUndefined() && !list.isNull())
        return refuse(QCoreApplication::translate("ChatTranscript", "The chat file's \"messages\" is not a list."));
    const QJsonArray messages = list.toArray();
    if (messages.size() > MaxMessages)
        return refuse(QCoreApplication::translate("ChatTranscript", "The chat file has more than %1 messages.")
                          .arg(MaxMessages));

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
