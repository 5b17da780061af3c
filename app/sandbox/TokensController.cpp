#include "TokensController.h"

#include "JsonBody.h"
#include "Logging.h"
#include "ObjectIdGenerator.h"
#include "RoomDefinitionValidator.h"
#include "RoomsController.h"
#include "SandboxClock.h"
#include "SandboxState.h"
#include "TokenCodec.h"

#include <QJsonArray>
#include <QRandomGenerator>

using namespace Qt::StringLiterals;

namespace confero::sandbox {

namespace {

bool isNonEmptyString(const QJsonValue &value)
{
    return value.isString() && !value.toString().trimmed().isEmpty();
}

SandboxError tokenDenied(const QString &error, const QString &desc)
{
    // [INFERRED] The platform has one documented code for a refused token, 40002 "unauthorized";
    // the `error` text tells a reused, an expired and a forged token apart.
    return SandboxError{ResultCode::TokenUnauthorized, error, desc};
}

QString logId()
{
    static const QByteArray alphabet = "abcdefghijklmnopqrstuvwxyz0123456789"_ba;
    QString id;
    for (int i = 0; i < 6; ++i)
        id.append(QChar::fromLatin1(alphabet.at(QRandomGenerator::global()->bounded(int(alphabet.size())))));
    return id;
}

} // namespace

TokensController::TokensController(SandboxState &state, const SandboxClock &clock, ObjectIdGenerator &ids)
    : m_state(state)
    , m_clock(clock)
    , m_ids(ids)
{
}

void TokensController::setSignalling(const QString &host, bool secure)
{
    m_host = host;
    m_secure = secure;
}

std::optional<SandboxError> TokensController::checkWindow(const RoomRecord &record) const
{
    const QJsonObject settings = record.settings();
    const QDateTime now = m_clock.now();
    const qint64 minutes = JsonBody::wholeNumber(settings.value(u"duration")).value_or(0);
    if (settings.value(u"scheduled").toBool()) {
        // Joinable from 15 minutes before the start until the duration has elapsed; a session still
        // running at the end may continue and be joined (video-api.md 3.1, 4.2).
        const QDateTime start =
            RoomDefinitionValidator::parseScheduledTime(settings.value(u"scheduled_time").toString());
        if (start.isValid() && now < start.addSecs(-15 * 60))
            return SandboxError{ResultCode::RoomNotActive, u"Token denied. Room not active"_s,
                                u"The scheduled room opens 15 minutes before %1 UTC."_s.arg(
                                    settings.value(u"scheduled_time").toString())};
        if (start.isValid() && now >= start.addSecs(minutes * 60) && !record.isLive())
            return SandboxError{ResultCode::BeyondCutOff, u"Token denied. Beyond permissible cut-off time"_s,
                                u"The scheduled room's window has ended and nobody is in it."_s};
    } else if (settings.value(u"adhoc").toBool() && minutes > 0 && record.firstSessionStart.isValid()
               && now >= record.firstSessionStart.addSecs(minutes * 60) && !record.isLive()) {
        return SandboxError{ResultCode::ConferenceOver, u"Token denied. Conference over"_s,
                            u"The ad-hoc room's %1 minutes since its first session have passed."_s.arg(minutes)};
    }
    return std::nullopt;
}

std::optional<SandboxError> TokensController::checkCapacity(const RoomRecord &record, const QString &role) const
{
    const QJsonObject settings = record.settings();
    // [INFERRED] `participants` counts everyone who is not a moderator and not HLS audience
    // (participants and viewers); 0 means unlimited. Audience is limited by `audiences` when set.
    qint64 limit = 0;
    QStringList counted;
    if (role == u"moderator") {
        limit = JsonBody::wholeNumber(settings.value(u"moderators")).value_or(1);
        counted = {u"moderator"_s};
    } else if (role == u"audience") {
        limit = JsonBody::wholeNumber(settings.value(u"audiences")).value_or(0);
        counted = {u"audience"_s};
    } else {
        limit = JsonBody::wholeNumber(settings.value(u"participants")).value_or(0);
        counted = {u"participant"_s, u"viewer"_s};
    }
    if (limit <= 0)
        return std::nullopt;
    qint64 present = 0;
    for (const LiveUser &user : m_state.usersIn(record.roomId())) {
        if (counted.contains(user.role))
            ++present;
    }
    if (present >= limit)
        return SandboxError{ResultCode::RoomFull, u"Token denied. Room is full"_s,
                            u"The room allows %1 %2 at a time and has that many connected."_s.arg(limit).arg(
                                role == u"moderator" ? u"moderator(s)"_s : u"%1(s)"_s.arg(role))};
    return std::nullopt;
}

ApiReply TokensController::create(const QString &roomId, const QByteArray &body)
{
    const RoomRecord *record = m_state.room(roomId);
    if (!record)
        return ApiReply::failure(RoomsController::roomNotFound(roomId));
    SandboxError error;
    const std::optional<QJsonObject> request = JsonBody::parseObject(body, &error);
    if (!request)
        return ApiReply::failure(error);
    if (!isNonEmptyString(request->value(u"name")))
        return ApiReply::failure({ResultCode::TokenNameMissing, u"Name missing"_s,
                                  u"The token needs a non-empty string \"name\" (the display name)."_s});
    if (!isNonEmptyString(request->value(u"user_ref")))
        return ApiReply::failure({ResultCode::TokenUserRefMissing, u"user_ref missing"_s,
                                  u"The token needs a non-empty string \"user_ref\", your id for the user."_s});
    if (!request->contains(u"role"))
        return ApiReply::failure({ResultCode::TokenRoleMissing, u"Role missing"_s,
                                  u"The token needs a \"role\": moderator, participant, viewer or audience."_s});
    const QString role = request->value(u"role").toString();
    static const QStringList roles{u"moderator"_s, u"participant"_s, u"viewer"_s, u"audience"_s};
    if (!roles.contains(role))
        return ApiReply::failure({ResultCode::TokenInvalidRole, u"Invalid role"_s,
                                  u"\"role\" must be moderator, participant, viewer or audience (lower-case)."_s});
    if (std::optional<SandboxError> closed = checkWindow(*record))
        return ApiReply::failure(*closed);

    const QDateTime now = m_clock.now();
    TokenRecord token;
    token.tokenId = m_ids.next(now);
    token.roomId = roomId;
    token.name = request->value(u"name").toString();
    token.role = role;
    token.userRef = request->value(u"user_ref").toString();
    token.data = request->value(u"data");
    token.issuedAt = now;

    QJsonObject roomMeta = record->room;
    roomMeta.remove(u"room_id"_s);
    roomMeta.insert(u"_id"_s, roomId);
    roomMeta.insert(u"service_id"_s, m_state.serviceId());
    const QJsonValue userData = request->value(u"data");
    const QJsonObject payload{
        {u"tokenId"_s, token.tokenId},
        {u"roomMeta"_s, roomMeta},
        {u"host"_s, m_host},
        {u"secure"_s, m_secure},
        {u"logId"_s, logId()},
        {u"currentRoomMode"_s, record->settings().value(u"mode").toString(u"group"_s)},
        {u"gateway"_s, QString()},
        {u"data"_s, userData.isUndefined() ? QJsonValue(QJsonArray()) : userData},
        {u"eventServer"_s, QJsonObject{{u"url"_s, m_host}}},
    };
    // [INFERRED] A day after issue a token is long expired and only clutters the state.
    m_state.forgetTokensIssuedBefore(now.addDays(-1));
    m_state.addToken(token);
    qCInfo(lcSandbox) << "token" << token.tokenId << "issued for room" << roomId << "role" << role;
    const QByteArray encoded = TokenCodec(m_state.signingSecret()).encode(payload);
    return ApiReply::success({{u"token"_s, QString::fromLatin1(encoded)}});
}

ApiReply TokensController::consume(const QByteArray &tokenText, const QString &agent, const QString &ip)
{
    const std::optional<QJsonObject> payload = TokenCodec(m_state.signingSecret()).decode(tokenText);
    if (!payload)
        return ApiReply::failure(tokenDenied(u"Token denied. Unauthorized"_s,
                                             u"The token is malformed or was not signed by this sandbox."_s));
    const QString tokenId = payload->value(u"tokenId").toString();
    const TokenRecord *token = m_state.token(tokenId);
    if (!token)
        return ApiReply::failure(
            tokenDenied(u"Token denied. Unauthorized"_s,
                        u"This sandbox has no record of token %1 (was it reset?)."_s.arg(tokenId)));
    const QDateTime now = m_clock.now();
    if (token->isUsed())
        return ApiReply::failure(tokenDenied(u"Token denied. Token already used"_s,
                                             u"A token joins once; ask for a new token for every join."_s));
    if (token->isExpired(now))
        return ApiReply::failure(tokenDenied(u"Token denied. Token expired"_s,
                                             u"A token must be used within 15 minutes of being issued."_s));
    const RoomRecord *record = m_state.room(token->roomId);
    if (!record)
        return ApiReply::failure(RoomsController::roomNotFound(token->roomId));
    if (std::optional<SandboxError> closed = checkWindow(*record))
        return ApiReply::failure(*closed);
    if (std::optional<SandboxError> full = checkCapacity(*record, token->role))
        return ApiReply::failure(*full);

    LiveUser user;
    user.roomId = token->roomId;
    user.clientId = m_ids.next(now);
    user.tokenId = token->tokenId;
    user.name = token->name;
    user.userRef = token->userRef;
    user.role = token->role;
    user.data = token->data;
    user.joinedAt = now;
    user.agent = agent.isEmpty() ? u"confero-sandbox"_s : agent;
    user.ip = ip.isEmpty() ? u"127.0.0.1"_s : ip;
    const QString roomId = token->roomId;
    m_state.markTokenUsed(tokenId, now);
    user.confNum = m_state.join(user, now);
    qCInfo(lcSandbox) << user.userRef << "joined room" << roomId << "as" << user.role;
    return ApiReply::success({{u"room_id"_s, roomId}, {u"conf_num"_s, user.confNum}, {u"user"_s, user.toStateJson()}});
}

} // namespace confero::sandbox
