#include "FrameSignature.h"

#include "Digest.h"

namespace confero::protocol {

namespace {
constexpr QByteArrayView Version = "v1,";
} // namespace

QByteArray FrameSignature::deriveSubscriberKey(QByteArrayView masterKey, const QString &subscriberId)
{
    return Digest::hmacSha256(masterKey, subscriberId.toUtf8());
}

QByteArray FrameSignature::signedText(const StreamEvent &event)
{
    QByteArray text = event.id.toUtf8();
    text.reserve(text.size() + event.body.size() + 24);
    text += '.';
    text += QByteArray::number(event.receivedAtMs);
    text += '.';
    text += event.body;
    return text;
}

QByteArray FrameSignature::sign(QByteArrayView key, const StreamEvent &event)
{
    const QByteArray mac = Digest::hmacSha256(key, signedText(event));
    return Version.toByteArray() + mac.toBase64();
}

bool FrameSignature::verify(QByteArrayView key, const StreamEvent &event, QByteArrayView signature)
{
    return constantTimeEquals(sign(key, event), signature);
}

bool FrameSignature::constantTimeEquals(QByteArrayView a, QByteArrayView b)
{
    if (a.size() != b.size())
        return false;
    unsigned char difference = 0;
    for (qsizetype i = 0; i < a.size(); ++i)
        difference |= static_cast<unsigned char>(a[i] ^ b[i]);
    return difference == 0;
}

} // namespace confero::protocol
