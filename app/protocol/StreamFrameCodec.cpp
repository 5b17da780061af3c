#include "StreamFrameCodec.h"

#include "FrameSignature.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QStringDecoder>

using namespace Qt::StringLiterals;

namespace confero::protocol {

namespace {

// Reads a whole number in [minimum, MaxInteger]; JSON has no integer type, so 3.0 counts and 3.5
// does not.
std::optional<qint64> readInteger(const QJsonObject &object, QLatin1StringView key, qint64 minimum)
{
    const QJsonValue value = object.value(key);
    if (!value.isDouble())
        return std::nullopt;
    const double number = value.toDouble();
    if (!(number >= double(minimum) && number <= double(StreamFrameCodec::MaxInteger)))
        return std::nullopt;
    const auto whole = static_cast<qint64>(number);
    if (double(whole) != number)
        return std::nullopt;
    return whole;
}

std::optional<QString> readText(const QJsonObject &object, QLatin1StringView key, qsizetype maxLength)
{
    const QJsonValue value = object.value(key);
    if (!value.isString())
        return std::nullopt;
    QString text = value.toString();
    if (text.size() > maxLength)
        return std::nullopt;
    return text;
}

QString tr(const char *text)
{
    return QCoreApplication::translate("confero::protocol::StreamFrameCodec", text);
}

StreamFrameCodec::Decoded fail(const QString &error)
{
    return {std::nullopt, error};
}

StreamFrameCodec::Decoded decodeEvent(const QJsonObject &object)
{
    const std::optional<qint64> seq = readInteger(object, "seq"_L1, 1);
    if (!seq)
        return fail(tr("an event frame needs \"seq\", a whole number from 1 to 2^53"));
    const std::optional<QString> id = readText(object, "id"_L1, StreamFrameCodec::MaxIdLength);
    if (!id || id->isEmpty())
        return fail(tr("an event frame needs \"id\", a text of 1 to 256 characters"));
    const std::optional<QString> project = readText(object, "project"_L1, StreamFrameCodec::MaxIdLength);
    if (!project || project->isEmpty())
        return fail(tr("an event frame needs \"project\", a text of 1 to 256 characters"));
    const std::optional<qint64> receivedAt = readInteger(object, "received_at"_L1, 0);
    if (!receivedAt)
        return fail(tr("an event frame needs \"received_at\", Unix milliseconds"));
    const std::optional<QString> body = readText(object, "body"_L1, StreamFrameCodec::MaxBodyBytes);
    if (!body)
        return fail(tr("an event frame needs \"body\", a text of at most 1 MiB"));
    const std::optional<QString> signature = readText(object, "sig"_L1, 128);
    if (!signature || !signature->startsWith("v1,"_L1))
        return fail(tr("an event frame needs \"sig\" in the form v1,<base64>"));

    EventFrame frame;
    frame.event.seq = *seq;
    frame.event.id = *id;
    frame.event.project = *project;
    frame.event.receivedAtMs = *receivedAt;
    frame.event.body = body->toUtf8();
    if (frame.event.body.size() > StreamFrameCodec::MaxBodyBytes)
        return fail(tr("an event frame needs \"body\", a text of at most 1 MiB"));
    frame.signature = signature->toLatin1();
    return {StreamFrame(std::move(frame)), {}};
}

} // namespace

bool StreamFrameCodec::isValidUtf8(QByteArrayView bytes)
{
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    const QString text = decoder.decode(bytes);
    Q_UNUSED(text);
    return !decoder.hasError();
}

std::optional<QByteArray> StreamFrameCodec::encodeEvent(const StreamEvent &event, QByteArrayView subscriberKey)
{
    if (event.body.size() > MaxBodyBytes || !isValidUtf8(event.body))
        return std::nullopt;
    QJsonObject object;
    object.insert("seq"_L1, event.seq);
    object.insert("id"_L1, event.id);
    object.insert("project"_L1, event.project);
    object.insert("received_at"_L1, event.receivedAtMs);
    object.insert("body"_L1, QString::fromUtf8(event.body));
    object.insert("sig"_L1, QString::fromLatin1(FrameSignature::sign(subscriberKey, event)));
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QByteArray StreamFrameCodec::encodeHeartbeat(const HeartbeatFrame &heartbeat)
{
    QJsonObject object;
    object.insert("heartbeat"_L1, heartbeat.sentAtMs);
    object.insert("head"_L1, heartbeat.head);
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QByteArray StreamFrameCodec::encodeAck(const AckFrame &ack)
{
    QJsonObject object;
    object.insert("ack"_L1, ack.seq);
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

StreamFrameCodec::Decoded StreamFrameCodec::decode(QByteArrayView text)
{
    if (text.size() > MaxFrameBytes)
        return fail(tr("the frame is larger than %1 bytes").arg(MaxFrameBytes));
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(text.toByteArray(), &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return fail(tr("the frame is not JSON: %1 at byte %2").arg(parseError.errorString()).arg(parseError.offset));
    if (!document.isObject())
        return fail(tr("the frame is not a JSON object"));
    const QJsonObject object = document.object();

    const int kinds =
        int(object.contains("seq"_L1)) + int(object.contains("heartbeat"_L1)) + int(object.contains("ack"_L1));
    if (kinds != 1)
        return fail(kinds == 0 ? tr("the frame is neither an event, a heartbeat nor an ack")
                               : tr("the frame mixes the keys of several kinds of frame"));
    if (object.contains("seq"_L1))
        return decodeEvent(object);
    if (object.contains("heartbeat"_L1)) {
        const std::optional<qint64> sentAt = readInteger(object, "heartbeat"_L1, 0);
        const std::optional<qint64> head = readInteger(object, "head"_L1, 0);
        if (!sentAt || !head)
            return fail(tr("a heartbeat needs \"heartbeat\" (Unix ms) and \"head\" (a seq), whole numbers"));
        return {StreamFrame(HeartbeatFrame{*sentAt, *head}), {}};
    }
    const std::optional<qint64> seq = readInteger(object, "ack"_L1, 0);
    if (!seq)
        return fail(tr("an ack needs \"ack\", a whole number from 0 to 2^53"));
    return {StreamFrame(AckFrame{*seq}), {}};
}

} // namespace confero::protocol
