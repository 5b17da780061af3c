#pragma once

#include <QByteArray>
#include <QString>

#include <optional>

namespace confero::protocol {

// What `confero-relay subscribers add` prints once and a console keeps in its keychain:
//   crs_<secret>.<key>
// both base64url without padding. The relay knows the token only by its SHA-256 and authenticates
// the whole string; the key part is the subscriber's signing key (FrameSignature), so the console
// can verify frames without ever holding the relay's master key.
struct SubscriberToken
{
    QByteArray secret; // 32 random bytes
    QByteArray key; // FrameSignature::deriveSubscriberKey(master, subscriber name)

    QString toString() const;
    static std::optional<SubscriberToken> parse(QStringView text);
};

} // namespace confero::protocol
