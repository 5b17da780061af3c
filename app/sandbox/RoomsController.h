#pragma once

#include "ApiReply.h"
#include "RoomDefinitionValidator.h"

#include <QByteArray>
#include <QDateTime>
#include <QString>

namespace confero::sandbox {

class ObjectIdGenerator;
class SandboxClock;
class SandboxState;

// The platform's /rooms routes (video-api.md 3.2-3.7), socket-free: bytes and ids in, ApiReply out.
class RoomsController
{
public:
    RoomsController(SandboxState &state, const SandboxClock &clock, ObjectIdGenerator &ids, bool strictSettings);

    ApiReply create(const QByteArray &body);
    // The same with a chosen id and creation time: the CDR simulator's rooms must be the same on
    // every run for the same seed.
    ApiReply create(const QByteArray &body, const QString &roomId, const QDateTime &created);
    ApiReply list() const;
    ApiReply get(const QString &roomId) const;
    ApiReply update(const QString &roomId, const QByteArray &body);
    ApiReply remove(const QString &roomId);
    ApiReply users(const QString &roomId) const;

    static SandboxError roomNotFound(const QString &roomId);

private:
    SandboxState &m_state;
    const SandboxClock &m_clock;
    ObjectIdGenerator &m_ids;
    RoomDefinitionValidator m_validator;
};

} // namespace confero::sandbox
