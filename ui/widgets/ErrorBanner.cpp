#include "ErrorBanner.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>

namespace confero {

ErrorBanner::ErrorBanner(QWidget *parent)
    : QFrame(parent)
    , m_message(new QLabel(this))
    , m_retry(new QPushButton(tr("Retry"), this))
    , m_dismiss(new QPushButton(tr("Dismiss"), this))
{
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    setStyleSheet(
        QStringLiteral("confero--ErrorBanner { background: #fdecea; border: 1px solid #e0a09a; border-radius: 4px; }"
                       "confero--ErrorBanner QLabel { color: #7a1c12; }"));
    m_message->setObjectName(QStringLiteral("message"));
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_retry->setObjectName(QStringLiteral("retryButton"));
    m_dismiss->setObjectName(QStringLiteral("dismissButton"));
    m_dismiss->setFlat(true);

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(10, 6, 6, 6);
    layout->addWidget(m_message, 1);
    layout->addWidget(m_retry);
    layout->addWidget(m_dismiss);

    connect(m_retry, &QPushButton::clicked, this, &ErrorBanner::retryRequested);
    connect(m_dismiss, &QPushButton::clicked, this, &ErrorBanner::clear);
    hide();
}

QString ErrorBanner::message() const
{
    return isHidden() ? QString() : m_message->text();
}

void ErrorBanner::showError(const QString &message, bool retryable)
{
    m_message->setText(message);
    m_retry->setVisible(retryable);
    show();
}

void ErrorBanner::clear()
{
    m_message->clear();
    hide();
}

} // namespace confero
