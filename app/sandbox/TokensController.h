#pragma once

#include "ApiReply.h"

#include <QByteArray>
#include <QString>

#include <optional>

namespace confero::sandbox {

class ObjectIdGenerator;
class RoomRecord;
class SandboxClock;
class SandboxState;

// POST /rooms/{id}/tokens (video-api.md 4.1-4.3) and the other half of a token's life: consuming it
// to join a live session (the control surface stands in for the signalling server).
class TokensController
{
public:
    TokensController(SandboxState &state, const SandboxClock &clock, ObjectIdGenerator &ids);

    // Where the token tells clients to connect: "127.0.0.1:PORT" and whether over TLS.
    void setSignalling(const QString &host, bool secure);

    ApiReply create(const QString &roomId, const QByteArray &body);
    // {"result":0,"room_id","conf_num","user":{...}} or the platform-style refusal.
    // `agent` and `ip` describe the joining client for its CDR row; empty: the sandbox's own
    // defaults ("confero-sandbox", 127.0.0.1) [INFERRED].
    ApiReply consume(const QByteArray &token, const QString &agent = {}, const QString &ip = {});

private:
    std::optional<SandboxError> checkWindow(const RoomRecord &record) const;
    std::optional<SandboxError> checkCapacity(const RoomRecord &record, const QString &role) const;

    SandboxState &m_state;
    const SandboxClock &m_clock;
    ObjectIdGenerator &m_ids;
    QString m_host = QStringLiteral("127.0.0.1");
    bool m_secure = false;
};

} // namespace confero::sandbox
