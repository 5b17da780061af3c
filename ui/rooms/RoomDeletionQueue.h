#pragma once

#include "domain/Room.h"
#include "platform/PlatformError.h"

#include <QDeadlineTimer>
#include <QList>
#include <QPointer>
#include <QTimer>

namespace confero {

class VideoPlatform;

// Deleting rooms with a way back. The platform cannot restore a deleted room, so nothing is sent
// while the user can still undo: rooms wait here for `undoWindowMs`, then one DELETE per room goes
// out. Deleting more rooms while some wait adds them to the same batch and restarts the window.
// `commitNow()` sends at once (the window closes, the project changes).
class RoomDeletionQueue final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RoomDeletionQueue)

public:
    static constexpr int defaultUndoWindowMs = 8'000;

    explicit RoomDeletionQueue(QObject *parent = nullptr);

    // Deletes go to the platform current when they are sent.
    void setPlatform(VideoPlatform *platform);
    void setUndoWindowMs(int ms);
    int undoWindowMs() const;

    void schedule(const QList<Room> &rooms);
    // Gives back the waiting rooms (not the ones already sent).
    QList<Room> undo();
    void commitNow();

    QList<Room> waiting() const;
    QStringList waitingIds() const;
    QStringList sendingIds() const;
    QDeadlineTimer deadline() const;
    // Nothing waiting and nothing sent without an answer yet.
    bool isIdle() const;

Q_SIGNALS:
    void waitingChanged();
    void roomDeleted(const QString &roomId);
    void deleteFailed(const confero::Room &room, const confero::PlatformError &error);
    // The last answer of the last batch arrived.
    void settled();

private:
    void send();

    QPointer<VideoPlatform> m_platform;
    QTimer m_timer;
    QDeadlineTimer m_deadline;
    QList<Room> m_waiting;
    QList<Room> m_sending;
};

} // namespace confero
