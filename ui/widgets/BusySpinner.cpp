#include "BusySpinner.h"

#include <QPainter>
#include <QPen>

namespace confero {

namespace {
constexpr int frameMs = 50;
constexpr int stepDegrees = 30;
} // namespace

BusySpinner::BusySpinner(QWidget *parent)
    : QWidget(parent)
{
    setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed);
    m_timer.setInterval(frameMs);
    connect(&m_timer, &QTimer::timeout, this, [this] {
        m_angle = (m_angle + stepDegrees) % 360;
        update();
    });
    hide();
}

bool BusySpinner::isRunning() const
{
    return m_timer.isActive();
}

QSize BusySpinner::sizeHint() const
{
    const int side = fontMetrics().height();
    return {side, side};
}

void BusySpinner::start()
{
    setRunning(true);
}

void BusySpinner::stop()
{
    setRunning(false);
}

void BusySpinner::setRunning(bool running)
{
    if (running == isRunning())
        return;
    if (running)
        m_timer.start();
    else
        m_timer.stop();
    setVisible(running);
}

void BusySpinner::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    const int side = qMin(width(), height()) - 4;
    const QRectF box((width() - side) / 2.0, (height() - side) / 2.0, side, side);
    QPen pen(palette().color(QPalette::Highlight), 2.0);
    pen.setCapStyle(Qt::RoundCap);
    painter.setPen(pen);
    // Qt measures arcs in 1/16 degree, counter-clockwise: a 270-degree arc turning clockwise.
    painter.drawArc(box, -m_angle * 16, 270 * 16);
}

} // namespace confero
