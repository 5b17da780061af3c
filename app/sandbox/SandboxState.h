#pragma once

#include "LiveUser.h"
#include "RoomRecord.h"
#include "TokenRecord.h"

#include <QByteArray>
#include <QList>
#include <QObject>

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
    QString join(LiveUser user, const QDateTime &now);
    // Removes the first user of that room with that user_ref. When the last one leaves the session
    // ends, and an ad-hoc room without a duration is used up and removed (video-api.md 3.1).
    bool leave(const QString &roomId, const QString &userRef);

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

    QList<RoomRecord> m_rooms;
    QList<TokenRecord> m_tokens;
    QList<LiveUser> m_users;
    QByteArray m_secret;
    QString m_serviceId;
    qint64 m_nextConfNum = 1;
};

} // namespace confero::sandbox
