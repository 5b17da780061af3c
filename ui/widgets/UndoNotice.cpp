#include "UndoNotice.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>

namespace confero {

UndoNotice::UndoNotice(QWidget *parent)
    : QFrame(parent)
    , m_message(new QLabel(this))
    , m_countdown(new QLabel(this))
    , m_undo(new QPushButton(tr("Undo"), this))
{
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    setStyleSheet(QStringLiteral("confero--UndoNotice { background: #323232; border-radius: 4px; }"
                                 "confero--UndoNotice QLabel { color: #f0f0f0; }"));
    m_message->setObjectName(QStringLiteral("message"));
    m_countdown->setObjectName(QStringLiteral("countdown"));
    m_undo->setObjectName(QStringLiteral("undoButton"));

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(12, 6, 8, 6);
    layout->addWidget(m_message, 1);
    layout->addWidget(m_countdown);
    layout->addWidget(m_undo);

    m_tick.setInterval(250);
    connect(&m_tick, &QTimer::timeout, this, &UndoNotice::updateCountdown);
    connect(m_undo, &QPushButton::clicked, this, &UndoNotice::undoRequested);
    hide();
}

void UndoNotice::showNotice(const QString &message, QDeadlineTimer deadline)
{
    m_message->setText(message);
    m_deadline = deadline;
    updateCountdown();
    m_tick.start();
    show();
}

void UndoNotice::dismiss()
{
    m_tick.stop();
    hide();
}

QString UndoNotice::message() const
{
    return isHidden() ? QString() : m_message->text();
}

void UndoNotice::updateCountdown()
{
    // Round up, so the notice never shows "0 s" while Undo still works.
    const qint64 seconds = (m_deadline.remainingTime() + 999) / 1000;
    m_countdown->setText(tr("%n s", nullptr, int(qMax<qint64>(seconds, 0))));
}

} // namespace confero
