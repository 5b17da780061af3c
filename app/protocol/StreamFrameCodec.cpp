#include "StreamFrameCodec.h"

#include "FrameSignature.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>

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

// Well-formed UTF-8 as RFC 3629 and Unicode define it: no overlong forms, no surrogates, nothing
// past U+10FFFF. It agrees with QStringDecoder's verdict (tst_streamframecodec compares them) without
// decoding into a QString: every webhook's body is checked at ingress and again for every frame.
bool StreamFrameCodec::isValidUtf8(QByteArrayView bytes)
{
    const auto *p = reinterpret_cast<const unsigned char *>(bytes.data());
    const auto *const end = p + bytes.size();
    while (p != end) {
        const unsigned char lead = *p;
        if (lead < 0x80) {
            ++p;
            continue;
        }
        int length = 0;
        unsigned char low = 0x80; // the range the second byte must fall in
        unsigned char high = 0xBF;
        if (lead >= 0xC2 && lead <= 0xDF) {
            length = 2;
        } else if (lead >= 0xE0 && lead <= 0xEF) {
            length = 3;
            if (lead == 0xE0)
                low = 0xA0; // overlong below U+0800
            else if (lead == 0xED)
                high = 0x9F; // U+D800..U+DFFF are surrogates
        } else if (lead >= 0xF0 && lead <= 0xF4) {
            length = 4;
            if (lead == 0xF0)
                low = 0x90; // overlong below U+10000
            else if (lead == 0xF4)
                high = 0x8F; // past U+10FFFF
        } else {
            return false; // a continuation byte, C0, C1 or F5..FF
        }
        if (end - p < length || p[1] < low || p[1] > high)
            return false;
        for (int i = 2; i < length; ++i) {
            if (p[i] < 0x80 || p[i] > 0xBF)
                return false;
        }
        p += length;
    }
    return true;
}

namespace {

// A JSON string of well-formed UTF-8, escaped exactly as QJsonDocument::toJson escapes it (the
// committed test vectors were made that way): quote, backslash and the C0 controls, the usual five
// as \b \f \n \r \t and the rest as \u00XX in lower case; everything else as it is.
void appendJsonString(QByteArray &out, QByteArrayView utf8)
{
    static constexpr char hex[] = "0123456789abcdef";
    out += '"';
    qsizetype runStart = 0;
    for (qsizetype i = 0; i < utf8.size(); ++i) {
        const auto c = static_cast<unsigned char>(utf8[i]);
        if (c >= 0x20 && c != '"' && c != '\\')
            continue;
        out.append(utf8.data() + runStart, i - runStart);
        runStart = i + 1;
        out += '\\';
        switch (c) {
        case '"': out += '"'; break;
        case '\\': out += '\\'; break;
        case '\b': out += 'b'; break;
        case '\f': out += 'f'; break;
        case '\n': out += 'n'; break;
        case '\r': out += 'r'; break;
        case '\t': out += 't'; break;
        default:
            out += "u00";
            out += hex[c >> 4];
            out += hex[c & 0xF];
        }
    }
    out.append(utf8.data() + runStart, utf8.size() - runStart);
    out += '"';
}

} // namespace

std::optional<QByteArray> StreamFrameCodec::encodeEvent(const StreamEvent &event, QByteArrayView subscriberKey)
{
    if (event.body.size() > MaxBodyBytes || !isValidUtf8(event.body))
        return std::nullopt;
    // Written directly rather than through QJsonObject: the relay encodes every event once per
    // subscriber, and building the object was most of that. The bytes are those QJsonDocument
    // writes for the same object (keys in its sorted order), which the test vectors check.
    const QByteArray id = event.id.toUtf8();
    const QByteArray project = event.project.toUtf8();
    const QByteArray signature = FrameSignature::sign(subscriberKey, event);
    QByteArray frame;
    frame.reserve(event.body.size() + id.size() + project.size() + signature.size() + 96);
    frame += "{\"body\":";
    appendJsonString(frame, event.body);
    frame += ",\"id\":";
    appendJsonString(frame, id);
    frame += ",\"project\":";
    appendJsonString(frame, project);
    frame += ",\"received_at\":";
    frame += QByteArray::number(event.receivedAtMs);
    frame += ",\"seq\":";
    frame += QByteArray::number(event.seq);
    frame += ",\"sig\":";
    appendJsonString(frame, signature);
    frame += '}';
    return frame;
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
