#pragma once

#include "CdrLog.h"
#include "LiveUser.h"
#include "RoomRecord.h"
#include "TokenRecord.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QObject>

#include <memory>
#include <vector>

namespace confero::sandbox {

// Everything the emulated platform knows: rooms in creation order, issued tokens, who is live in
// which room, and the per-sandbox signing secret. Emits changed() after every mutation so the owner
// can persist it. Live users are deliberately not persisted: a restart ends every session.
// Later work (CDR, archive, webhooks) adds its own collections here and to toJson()/loadJson().
class SandboxState final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SandboxState)

public:
    explicit SandboxState(QObject *parent = nullptr);

    const QList<RoomRecord> &rooms() const;
    const RoomRecord *room(const QString &roomId) const;
    void addRoom(const RoomRecord &record);
    void replaceRoomDefinition(const QString &roomId, const QJsonObject &room);
    bool removeRoom(const QString &roomId);

    const QList<TokenRecord> &tokens() const;
    const TokenRecord *token(const QString &tokenId) const;
    void addToken(const TokenRecord &record);
    void markTokenUsed(const QString &tokenId, const QDateTime &when);
    // Forgets tokens issued before `cutoff` (long expired): the state file is rewritten on every
    // change, so a console running for months must not carry every token it ever issued.
    void forgetTokensIssuedBefore(const QDateTime &cutoff);

    const QList<LiveUser> &users() const;
    QList<LiveUser> usersIn(const QString &roomId) const;
    // Joins `user` to its room, starting a session (a new conf_num) when the room was idle. Returns
    // the conf_num of the session joined.
    QString join(const LiveUser &user, const QDateTime &now);
    // Removes the first user of that room with that user_ref, keeping the connection for the CDR.
    // When the last one leaves the session ends: its CDR rows are published (one per connection),
    // and an ad-hoc room without a duration is used up and removed (video-api.md 3.1).
    bool leave(const QString &roomId, const QString &userRef, const QDateTime &now);
    // A whole session of `participants` people in an idle room that ended at `now` after
    // `durationMs` (POST /sandbox/sessions/simulate). Returns its conf_num.
    QString simulateSession(const QString &roomId, int participants, qint64 durationMs, const QDateTime &now);

    // CDR rows of sessions that ended in this sandbox (kept in the state file) and the simulated
    // history (regenerated from its seed at start, never saved). Shared, so that a response being
    // streamed keeps the rows it began with.
    std::shared_ptr<const CdrLog> realCdr() const;
    std::shared_ptr<const CdrLog> simulatedCdr() const;
    void setSimulatedCdr(std::shared_ptr<const CdrLog> log);

    QByteArray signingSecret() const;
    QString serviceId() const;

    // Forgets rooms, tokens and users; keeps the signing secret and service id.
    void reset();
    bool isEmpty() const;

    QJsonObject toJson() const;
    bool loadJson(const QJsonObject &object, QString *error);

Q_SIGNALS:
    void changed();
    void sessionStarted(const QString &roomId, const QString &confNum);
    void sessionEnded(const QString &roomId, const QString &confNum);

private:
    RoomRecord *mutableRoom(const QString &roomId);
    CdrLog &writableRealCdr();
    // The session's users have all left: publish their connections as CDR rows (unless the rows are
    // already in, as for a simulated session) and use up an ad-hoc room without a duration.
    void endSession(RoomRecord &record, bool publishConnections);
    void publishCdr(const RoomRecord &record, const QString &confNum,
                    const QList<std::pair<LiveUser, QDateTime>> &connections);

    QList<RoomRecord> m_rooms;
    QList<TokenRecord> m_tokens;
    QList<LiveUser> m_users;
    QByteArray m_secret;
    QString m_serviceId;
    qint64 m_nextConfNum = 1;
    std::shared_ptr<CdrLog> m_realCdr;
    std::shared_ptr<const CdrLog> m_simulatedCdr;
    // Connections that ended in a session still running, by conf_num: published when it ends.
    QHash<QString, QList<std::pair<LiveUser, QDateTime>>> m_closedConnections;
};

} // namespace confero::sandbox
