#include "JoinToken.h"

#include <QCoreApplication>
#include <QJsonDocument>

namespace confero {

using namespace Qt::StringLiterals;

namespace {

class TokenText
{
    Q_DECLARE_TR_FUNCTIONS(confero::JoinToken)
};

} // namespace

QJsonObject TokenRequest::toJson() const
{
    QJsonObject body{
        {u"name"_s, name.trimmed()},
        {u"role"_s, role.trimmed().toLower()},
        {u"user_ref"_s, userRef.trimmed()},
    };
    if (!data.isEmpty())
        body.insert(u"data"_s, data);
    return body;
}

QList<FieldError> TokenRequest::validate() const
{
    QList<FieldError> errors;
    if (name.trimmed().isEmpty())
        errors.append({u"name"_s, TokenText::tr("The token needs the name of the person joining.")});
    const QString normalisedRole = role.trimmed().toLower();
    if (normalisedRole.isEmpty())
        errors.append({u"role"_s, TokenText::tr("The token needs a role.")});
    else if (normalisedRole != u"moderator" && normalisedRole != u"participant" && normalisedRole != u"viewer"
             && normalisedRole != u"audience")
        errors.append({u"role"_s, TokenText::tr("The role must be moderator, participant, viewer or audience.")});
    if (userRef.trimmed().isEmpty())
        errors.append({u"user_ref"_s, TokenText::tr("The token needs a user reference.")});
    if (data.size() > 5)
        errors.append({u"data"_s, TokenText::tr("A token carries at most 5 custom data keys.")});
    return errors;
}

std::optional<JoinToken> JoinToken::decode(const QString &raw)
{
    const QByteArray text = raw.trimmed().toLatin1();
    if (text.isEmpty())
        return std::nullopt;
    const auto bytes =
        QByteArray::fromBase64Encoding(text, QByteArray::Base64Encoding | QByteArray::AbortOnBase64DecodingErrors);
    if (!bytes)
        return std::nullopt;
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(*bytes, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject())
        return std::nullopt;

    JoinToken token;
    token.raw = raw.trimmed();
    token.decoded = document.object();
    token.tokenId = token.decoded.value(u"tokenId").toString();
    if (token.tokenId.isEmpty())
        return std::nullopt;
    // Current SDKs carry the stored room as `roomMeta`; the older variant (S6 appendix) as `room`.
    QJsonObject room = token.decoded.value(u"roomMeta").toObject();
    if (room.isEmpty())
        room = token.decoded.value(u"room").toObject();
    token.roomId = room.value(u"_id").toString();
    if (token.roomId.isEmpty())
        token.roomId = room.value(u"room_id").toString();
    token.roomName = room.value(u"name").toString();
    token.host = token.decoded.value(u"host").toString();
    return token;
}

} // namespace confero
