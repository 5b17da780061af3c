#include "SandboxState.h"

#include "JsonBody.h"
#include "Logging.h"

#include <QJsonArray>
#include <QRandomGenerator>

using namespace Qt::StringLiterals;

namespace confero::sandbox {

namespace {

constexpr int StateFormatVersion = 1;

QByteArray randomBytes(int count)
{
    QByteArray bytes(count, '\0');
    for (int i = 0; i < count; ++i)
        bytes[i] = char(QRandomGenerator::system()->bounded(256));
    return bytes;
}

} // namespace

SandboxState::SandboxState(QObject *parent)
    : QObject(parent)
    , m_secret(randomBytes(32))
    , m_serviceId(QString::fromLatin1(randomBytes(12).toHex()))
{
}

const QList<RoomRecord> &SandboxState::rooms() const
{
    return m_rooms;
}

const RoomRecord *SandboxState::room(const QString &roomId) const
{
    for (const RoomRecord &record : m_rooms) {
        if (record.roomId() == roomId)
            return &record;
    }
    return nullptr;
}

RoomRecord *SandboxState::mutableRoom(const QString &roomId)
{
    for (RoomRecord &record : m_rooms) {
        if (record.roomId() == roomId)
            return &record;
    }
    return nullptr;
}

void SandboxState::addRoom(const RoomRecord &record)
{
    m_rooms.append(record);
    Q_EMIT changed();
}

void SandboxState::replaceRoomDefinition(const QString &roomId, const QJsonObject &room)
{
    if (RoomRecord *record = mutableRoom(roomId)) {
        record->room = room;
        Q_EMIT changed();
    }
}

bool SandboxState::removeRoom(const QString &roomId)
{
    const qsizetype removed = m_rooms.removeIf([&](const RoomRecord &record) { return record.roomId() == roomId; });
    if (removed == 0)
        return false;
    m_users.removeIf([&](const LiveUser &user) { return user.roomId == roomId; });
    Q_EMIT changed();
    return true;
}

const QList<TokenRecord> &SandboxState::tokens() const
{
    return m_tokens;
}

const TokenRecord *SandboxState::token(const QString &tokenId) const
{
    for (const TokenRecord &record : m_tokens) {
        if (record.tokenId == tokenId)
            return &record;
    }
    return nullptr;
}

void SandboxState::addToken(const TokenRecord &record)
{
    m_tokens.append(record);
    Q_EMIT changed();
}

void SandboxState::markTokenUsed(const QString &tokenId, const QDateTime &when)
{
    for (TokenRecord &record : m_tokens) {
        if (record.tokenId == tokenId) {
            record.usedAt = when;
            Q_EMIT changed();
            return;
        }
    }
}

void SandboxState::forgetTokensIssuedBefore(const QDateTime &cutoff)
{
    if (m_tokens.removeIf([&](const TokenRecord &record) { return record.issuedAt < cutoff; }) > 0)
        Q_EMIT changed();
}

const QList<LiveUser> &SandboxState::users() const
{
    return m_users;
}

QList<LiveUser> SandboxState::usersIn(const QString &roomId) const
{
    QList<LiveUser> inRoom;
    for (const LiveUser &user : m_users) {
        if (user.roomId == roomId)
            inRoom.append(user);
    }
    return inRoom;
}

QString SandboxState::join(LiveUser user, const QDateTime &now)
{
    RoomRecord *record = mutableRoom(user.roomId);
    if (!record)
        return {};
    bool started = false;
    if (!record->isLive()) {
        record->liveConfNum = QString::number(m_nextConfNum++);
        ++record->sessionCount;
        if (!record->firstSessionStart.isValid())
            record->firstSessionStart = now;
        started = true;
    }
    user.confNum = record->liveConfNum;
    m_users.append(user);
    const QString roomId = record->roomId();
    const QString confNum = record->liveConfNum;
    if (started) {
        qCInfo(lcSandbox) << "session" << confNum << "started in room" << roomId;
        Q_EMIT sessionStarted(roomId, confNum);
    }
    Q_EMIT changed();
    return confNum;
}

bool SandboxState::leave(const QString &roomId, const QString &userRef)
{
    const qsizetype index = std::find_if(m_users.cbegin(), m_users.cend(), [&](const LiveUser &user) {
                                return user.roomId == roomId && user.userRef == userRef;
                            }) - m_users.cbegin();
    if (index >= m_users.size())
        return false;
    m_users.removeAt(index);
    RoomRecord *record = mutableRoom(roomId);
    if (record && usersIn(roomId).isEmpty()) {
        const QString confNum = record->liveConfNum;
        record->liveConfNum.clear();
        qCInfo(lcSandbox) << "session" << confNum << "ended in room" << roomId;
        const QJsonObject settings = record->settings();
        const bool usedUp = settings.value(u"adhoc").toBool()
            && JsonBody::wholeNumber(settings.value(u"duration")).value_or(0) <= 0;
        Q_EMIT sessionEnded(roomId, confNum);
        if (usedUp) {
            qCInfo(lcSandbox) << "ad-hoc room" << roomId << "used up and removed";
            m_rooms.removeIf([&](const RoomRecord &room) { return room.roomId() == roomId; });
        }
    }
    Q_EMIT changed();
    return true;
}

QByteArray SandboxState::signingSecret() const
{
    return m_secret;
}

QString SandboxState::serviceId() const
{
    return m_serviceId;
}

void SandboxState::reset()
{
    m_rooms.clear();
    m_tokens.clear();
    m_users.clear();
    m_nextConfNum = 1;
    Q_EMIT changed();
}

bool SandboxState::isEmpty() const
{
    return m_rooms.isEmpty() && m_tokens.isEmpty() && m_users.isEmpty();
}

QJsonObject SandboxState::toJson() const
{
    QJsonArray rooms;
    for (const RoomRecord &record : m_rooms)
        rooms.append(record.toJson());
    QJsonArray tokens;
    for (const TokenRecord &record : m_tokens)
        tokens.append(record.toJson());
    return QJsonObject{{u"version"_s, StateFormatVersion},
                       {u"signing_secret"_s, QString::fromLatin1(m_secret.toBase64())},
                       {u"service_id"_s, m_serviceId},
                       {u"next_conf_num"_s, m_nextConfNum},
                       {u"rooms"_s, rooms},
                       {u"tokens"_s, tokens}};
}

bool SandboxState::loadJson(const QJsonObject &object, QString *error)
{
    const int version = object.value(u"version").toInt(-1);
    if (version != StateFormatVersion) {
        *error = u"the state file has format version %1; this sandbox reads version %2"_s.arg(version).arg(
            StateFormatVersion);
        return false;
    }
    const QByteArray secret = QByteArray::fromBase64(object.value(u"signing_secret").toString().toLatin1());
    if (secret.size() < 16) {
        *error = u"the state file has no usable signing secret"_s;
        return false;
    }
    QList<RoomRecord> rooms;
    for (const QJsonValue &value : object.value(u"rooms").toArray()) {
        RoomRecord record = RoomRecord::fromJson(value.toObject());
        if (record.roomId().isEmpty()) {
            *error = u"the state file has a room without a room_id"_s;
            return false;
        }
        rooms.append(record);
    }
    QList<TokenRecord> tokens;
    for (const QJsonValue &value : object.value(u"tokens").toArray())
        tokens.append(TokenRecord::fromJson(value.toObject()));

    m_secret = secret;
    m_serviceId = object.value(u"service_id").toString(m_serviceId);
    m_nextConfNum = qMax<qint64>(1, object.value(u"next_conf_num").toInteger(1));
    m_rooms = rooms;
    m_tokens = tokens;
    m_users.clear();
    return true;
}

} // namespace confero::sandbox
