#include "RoomDeletionQueue.h"

#include "Logging.h"
#include "platform/VideoPlatform.h"

#include <algorithm>
#include <utility>

namespace confero {

RoomDeletionQueue::RoomDeletionQueue(QObject *parent)
    : QObject(parent)
{
    m_timer.setSingleShot(true);
    m_timer.setInterval(defaultUndoWindowMs);
    connect(&m_timer, &QTimer::timeout, this, &RoomDeletionQueue::send);
}

void RoomDeletionQueue::setPlatform(VideoPlatform *platform)
{
    m_platform = platform;
}

void RoomDeletionQueue::setUndoWindowMs(int ms)
{
    m_timer.setInterval(ms);
}

int RoomDeletionQueue::undoWindowMs() const
{
    return m_timer.interval();
}

void RoomDeletionQueue::schedule(const QList<Room> &rooms)
{
    for (const Room &room : rooms) {
        const bool known =
            std::any_of(m_waiting.cbegin(), m_waiting.cend(), [&](const Room &r) { return r.id == room.id; })
            || sendingIds().contains(room.id);
        if (!known)
            m_waiting.append(room);
    }
    m_timer.start();
    m_deadline = QDeadlineTimer(m_timer.interval());
    Q_EMIT waitingChanged();
}

QList<Room> RoomDeletionQueue::undo()
{
    m_timer.stop();
    QList<Room> restored = std::exchange(m_waiting, {});
    Q_EMIT waitingChanged();
    if (m_sending.isEmpty())
        Q_EMIT settled();
    return restored;
}

void RoomDeletionQueue::commitNow()
{
    if (m_waiting.isEmpty())
        return;
    m_timer.stop();
    send();
}

QList<Room> RoomDeletionQueue::waiting() const
{
    return m_waiting;
}

QStringList RoomDeletionQueue::waitingIds() const
{
    QStringList ids;
    for (const Room &room : m_waiting)
        ids << room.id;
    return ids;
}

QStringList RoomDeletionQueue::sendingIds() const
{
    QStringList ids;
    for (const Room &room : m_sending)
        ids << room.id;
    return ids;
}

QDeadlineTimer RoomDeletionQueue::deadline() const
{
    return m_deadline;
}

bool RoomDeletionQueue::isIdle() const
{
    return m_waiting.isEmpty() && m_sending.isEmpty();
}

void RoomDeletionQueue::send()
{
    const QList<Room> batch = std::exchange(m_waiting, {});
    Q_EMIT waitingChanged();
    if (batch.isEmpty())
        return;
    m_sending.append(batch);

    for (const Room &room : batch) {
        const auto finish = [this, room](const PlatformError *error) {
            m_sending.removeIf([&](const Room &r) { return r.id == room.id; });
            if (error)
                Q_EMIT deleteFailed(room, *error);
            else
                Q_EMIT roomDeleted(room.id);
            if (isIdle())
                Q_EMIT settled();
        };
        if (!m_platform) {
            PlatformError error;
            error.kind = PlatformError::Kind::Cancelled;
            error.operation = tr("deleting room \"%1\"").arg(room.name);
            finish(&error);
            continue;
        }
        qCInfo(lcUi) << "deleting room" << room.id;
        m_platform->deleteRoom(room.id, this, [finish](const PlatformResult<Done> &result) {
            finish(result.ok() ? nullptr : &result.error());
        });
    }
}

} // namespace confero
