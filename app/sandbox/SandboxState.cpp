#include "SandboxState.h"

#include "CdrSimulator.h"
#include "JsonBody.h"
#include "Logging.h"

#include <QCryptographicHash>
#include <QHostAddress>
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
    , m_realCdr(std::make_shared<CdrLog>(QRandomGenerator::system()->generate()))
    , m_simulatedCdr(std::make_shared<const CdrLog>())
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
    m_closedConnections.removeIf([&](const auto &entry) {
        return !entry.value().isEmpty() && entry.value().constFirst().first.roomId == roomId;
    });
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

QString SandboxState::join(const LiveUser &user, const QDateTime &now)
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
    LiveUser joined = user;
    joined.confNum = record->liveConfNum;
    m_users.append(std::move(joined));
    const QString roomId = record->roomId();
    QString confNum = record->liveConfNum;
    if (started) {
        qCInfo(lcSandbox) << "session" << confNum << "started in room" << roomId;
        Q_EMIT sessionStarted(roomId, confNum);
    }
    Q_EMIT changed();
    return confNum;
}

bool SandboxState::leave(const QString &roomId, const QString &userRef, const QDateTime &now)
{
    const qsizetype index =
        std::find_if(m_users.cbegin(), m_users.cend(),
                     [&](const LiveUser &user) { return user.roomId == roomId && user.userRef == userRef; })
        - m_users.cbegin();
    if (index >= m_users.size())
        return false;
    const LiveUser user = m_users.takeAt(index);
    m_closedConnections[user.confNum].append({user, now});
    RoomRecord *record = mutableRoom(roomId);
    if (record && usersIn(roomId).isEmpty())
        endSession(*record, true);
    Q_EMIT changed();
    return true;
}

CdrLog &SandboxState::writableRealCdr()
{
    // A response still streaming the old rows keeps its copy; this one becomes ours to change.
    if (m_realCdr.use_count() > 1)
        m_realCdr = std::make_shared<CdrLog>(*m_realCdr);
    return *m_realCdr;
}

void SandboxState::publishCdr(const RoomRecord &record, const QString &confNum,
                              const QList<std::pair<LiveUser, QDateTime>> &connections)
{
    CdrLog &log = writableRealCdr();
    const quint32 room = log.addRoom(record.toCdrRoom());
    std::vector<CdrRow> rows;
    for (const auto &[user, leftAt] : connections) {
        CdrRow row;
        row.connectMs = user.joinedAt.toMSecsSinceEpoch();
        row.durationMs = quint32(std::clamp<qint64>(leftAt.toMSecsSinceEpoch() - row.connectMs, 0, 0xffffffffLL));
        row.confNum = confNum.toUInt();
        row.room = room;
        row.name = log.intern(user.name.toUtf8());
        row.ref = log.intern(user.userRef.toUtf8());
        row.agent = log.intern(user.agent.toUtf8());
        row.ip = QHostAddress(user.ip).toIPv4Address();
        row.transDelayMs = 250;
        static const QStringList roles{u"moderator"_s, u"participant"_s, u"viewer"_s, u"audience"_s};
        row.role = quint8(std::max<qsizetype>(0, roles.indexOf(user.role)));
        // What a browser joining with camera and microphone publishes; viewers publish nothing.
        if (row.role == CdrRow::Moderator || row.role == CdrRow::Participant)
            row.flags = CdrRow::PublishedAudio | CdrRow::PublishedVideo | CdrRow::PublishedData;
        // No media flows in the sandbox; the quality figures are a stable function of the client.
        row.quality = quint8(QCryptographicHash::hash(user.clientId.toUtf8(), QCryptographicHash::Sha256).at(0));
        rows.push_back(row);
    }
    std::stable_sort(rows.begin(), rows.end(),
                     [](const CdrRow &a, const CdrRow &b) { return a.connectMs < b.connectMs; });
    for (std::size_t i = 0; i < rows.size(); ++i)
        rows[i].callNum = quint16(i + 1);
    log.appendSession(std::move(rows));
}

void SandboxState::endSession(RoomRecord &record, bool publishConnections)
{
    const QString roomId = record.roomId();
    const QString confNum = record.liveConfNum;
    record.liveConfNum.clear();
    qCInfo(lcSandbox) << "session" << confNum << "ended in room" << roomId;

    const QList<std::pair<LiveUser, QDateTime>> connections = m_closedConnections.take(confNum);
    if (publishConnections)
        publishCdr(record, confNum, connections);

    const QJsonObject settings = record.settings();

    const bool usedUp =
        settings.value(u"adhoc").toBool() && JsonBody::wholeNumber(settings.value(u"duration")).value_or(0) <= 0;
    Q_EMIT sessionEnded(roomId, confNum);
    if (usedUp) {
        qCInfo(lcSandbox) << "ad-hoc room" << roomId << "used up and removed";
        m_rooms.removeIf([&](const RoomRecord &other) { return other.roomId() == roomId; });
    }
}

QString SandboxState::simulateSession(const QString &roomId, int participants, qint64 durationMs, const QDateTime &now)
{
    RoomRecord *record = mutableRoom(roomId);
    if (!record || record->isLive())
        return {};
    QString confNum = QString::number(m_nextConfNum++);
    const QDateTime start = now.addMSecs(-durationMs);
    ++record->sessionCount;
    if (!record->firstSessionStart.isValid())
        record->firstSessionStart = start;
    record->liveConfNum = confNum;
    Q_EMIT sessionStarted(roomId, confNum);

    CdrLog &log = writableRealCdr();
    const quint32 room = log.addRoom(record->toCdrRoom());
    DeterministicRandom random(quint64(log.salt()) << 32 ^ confNum.toULongLong());
    CdrSimulator::addSession(log, random, room, record->isLecture(), confNum.toUInt(), start.toMSecsSinceEpoch(),
                             durationMs, participants);
    // The rows are already in; ending it publishes nothing more, but removes a used-up ad-hoc room.
    m_closedConnections.remove(confNum);
    endSession(*record, false);
    Q_EMIT changed();
    return confNum;
}

std::shared_ptr<const CdrLog> SandboxState::realCdr() const
{
    return m_realCdr;
}

std::shared_ptr<const CdrLog> SandboxState::simulatedCdr() const
{
    return m_simulatedCdr;
}

void SandboxState::setSimulatedCdr(std::shared_ptr<const CdrLog> log)
{
    m_simulatedCdr = std::move(log);
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
    // A new salt: rows of sessions after the reset must not repeat the cdr_ids of forgotten ones.
    m_realCdr = std::make_shared<CdrLog>(QRandomGenerator::system()->generate());
    m_simulatedCdr = std::make_shared<const CdrLog>();
    m_closedConnections.clear();
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
                       {u"tokens"_s, tokens},
                       {u"cdr"_s, m_realCdr->toJson()}};
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
    const QJsonArray roomValues = object.value(u"rooms").toArray();
    for (const auto &value : roomValues) {
        RoomRecord record = RoomRecord::fromJson(value.toObject());
        if (record.roomId().isEmpty()) {
            *error = u"the state file has a room without a room_id"_s;
            return false;
        }
        rooms.append(record);
    }
    QList<TokenRecord> tokens;
    const QJsonArray tokenValues = object.value(u"tokens").toArray();
    for (const auto &value : tokenValues)
        tokens.append(TokenRecord::fromJson(value.toObject()));

    // A state file from before CDR has no "cdr": its sessions simply have no rows.
    std::optional<CdrLog> cdr = object.contains(u"cdr") ? CdrLog::fromJson(object.value(u"cdr").toObject(), error)
                                                        : std::optional<CdrLog>(CdrLog(m_realCdr->salt()));
    if (!cdr)
        return false;

    m_secret = secret;
    m_realCdr = std::make_shared<CdrLog>(std::move(*cdr));
    m_closedConnections.clear();
    m_serviceId = object.value(u"service_id").toString(m_serviceId);
    m_nextConfNum = qMax<qint64>(1, object.value(u"next_conf_num").toInteger(1));
    m_rooms = rooms;
    m_tokens = tokens;
    m_users.clear();
    return true;
}

} // namespace confero::sandbox
