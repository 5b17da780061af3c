#include "ApiActivityIndicator.h"

#include "BusySpinner.h"
#include "platform/VideoPlatform.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QTime>

namespace confero {

ApiActivityIndicator::ApiActivityIndicator(QWidget *parent)
    : QWidget(parent)
    , m_spinner(new BusySpinner(this))
    , m_text(new QLabel(this))
{
    m_text->setObjectName(QStringLiteral("activityText"));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_spinner);
    layout->addWidget(m_text);
    refresh();
}

void ApiActivityIndicator::setPlatform(VideoPlatform *platform)
{
    if (m_platform)
        disconnect(m_platform, nullptr, this, nullptr);
    m_platform = platform;
    m_inFlight = 0;
    m_last.clear();
    if (platform) {
        connect(platform, &VideoPlatform::requestStarted, this, &ApiActivityIndicator::onRequestStarted);
        connect(platform, &VideoPlatform::requestFinished, this, &ApiActivityIndicator::onRequestFinished);
    }
    refresh();
}

int ApiActivityIndicator::requestsInFlight() const
{
    return m_inFlight;
}

QString ApiActivityIndicator::text() const
{
    return m_text->text();
}

void ApiActivityIndicator::onRequestStarted(const QString &)
{
    ++m_inFlight;
    refresh();
}

void ApiActivityIndicator::onRequestFinished(const QString &operation, bool ok, int elapsedMs)
{
    m_inFlight = qMax(0, m_inFlight - 1);
    const QString time = QLocale().toString(QTime::currentTime(), QLocale::ShortFormat);
    m_last = ok ? tr("Last request: %1, done in %2 ms at %3").arg(operation).arg(elapsedMs).arg(time)
                : tr("Last request: %1, failed after %2 ms at %3").arg(operation).arg(elapsedMs).arg(time);
    refresh();
}

void ApiActivityIndicator::refresh()
{
    m_spinner->setRunning(m_inFlight > 0);
    if (m_inFlight > 0)
        m_text->setText(m_inFlight == 1 ? tr("1 request in flight") : tr("%1 requests in flight").arg(m_inFlight));
    else if (!m_last.isEmpty())
        m_text->setText(m_last);
    else
        m_text->setText(m_platform ? tr("No requests yet") : tr("Not connected"));
}

} // namespace confero
