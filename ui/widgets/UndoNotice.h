#pragma once

#include <QDeadlineTimer>
#include <QFrame>
#include <QTimer>

class QLabel;
class QPushButton;

namespace confero {

// A non-modal bar at the bottom of a page: "2 rooms will be deleted. [Undo]" with a countdown.
// It only presents: whoever owns the pending action owns the deadline and hides the notice when
// the action is carried out or undone. Children: "message" (QLabel), "countdown" (QLabel),
// "undoButton".
class UndoNotice final : public QFrame
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(UndoNotice)

public:
    explicit UndoNotice(QWidget *parent = nullptr);

    void showNotice(const QString &message, QDeadlineTimer deadline);
    void dismiss();
    QString message() const;

Q_SIGNALS:
    void undoRequested();

private:
    void updateCountdown();

    QLabel *m_message;
    QLabel *m_countdown;
    QPushButton *m_undo;
    QTimer m_tick;
    QDeadlineTimer m_deadline;
};

} // namespace confero
