#pragma once

#include "StreamEvent.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

namespace confero::protocol {

// The signature that lets a console trust a frame that came through proxies and reconnects:
//   sig = "v1," + base64(HMAC-SHA256(key, id + "." + received_at + "." + body))
// with received_at in decimal and body the exact bytes received. The key is the subscriber's own,
// derived from the relay's master key, so the relay's database alone cannot forge frames and one
// subscriber's key says nothing about another's.
class FrameSignature
{
public:
    // HMAC-SHA256(masterKey, subscriberId in UTF-8): 32 raw bytes.
    static QByteArray deriveSubscriberKey(QByteArrayView masterKey, const QString &subscriberId);

    static QByteArray sign(QByteArrayView key, const StreamEvent &event);
    // True when `signature` is what sign() gives; compares in constant time.
    static bool verify(QByteArrayView key, const StreamEvent &event, QByteArrayView signature);

    // Equal length and bytes, in time that depends only on the length (for secrets and MACs).
    static bool constantTimeEquals(QByteArrayView a, QByteArrayView b);

private:
    static QByteArray signedText(const StreamEvent &event);
};

} // namespace confero::protocol
