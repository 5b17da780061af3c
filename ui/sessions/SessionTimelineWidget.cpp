#include "SessionTimelineWidget.h"

#include <QDateTime>
#include <QHelpEvent>
#include <QPainter>
#include <QPainterPath>
#include <QToolTip>

#include <algorithm>
#include <array>

namespace confero {

using namespace Qt::StringLiterals;

namespace {

constexpr int kMargin = 8;
constexpr int kMinTickSpacing = 70; // px between axis labels

QString hms(qint64 ms)
{
    const qint64 s = (ms + 500) / 1000;
    return u"%1:%2:%3"_s.arg(s / 3600).arg(s / 60 % 60, 2, 10, QChar(u'0')).arg(s % 60, 2, 10, QChar(u'0'));
}

QString localClock(qint64 ms, bool seconds)
{
    return QDateTime::fromMSecsSinceEpoch(ms).toLocalTime().toString(seconds ? u"HH:mm:ss"_s : u"HH:mm"_s);
}

} // namespace

SessionTimelineWidget::SessionTimelineWidget(QWidget *parent)
    : QWidget(parent)
{
    setMouseTracking(true);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    setAccessibleName(tr("Session timeline"));
}

void SessionTimelineWidget::setSession(const QList<SessionTimelineLane> &lanes, qint64 startMs, qint64 endMs)
{
    m_lanes = lanes;
    m_startMs = startMs;
    m_endMs = std::max(endMs, startMs + 1000); // a zero-length session still has a visible axis
    updateGeometry();
    update();
}

void SessionTimelineWidget::clear()
{
    setSession({}, 0, 0);
}

const QList<SessionTimelineLane> &SessionTimelineWidget::lanes() const
{
    return m_lanes;
}

int SessionTimelineWidget::labelWidth() const
{
    int widest = 0;
    const QFontMetrics metrics = fontMetrics();
    for (const SessionTimelineLane &lane : m_lanes)
        widest = std::max(widest, metrics.horizontalAdvance(lane.label));
    // Long names are elided rather than squeezing the bars.
    return std::clamp(widest + 2 * kMargin, 80, std::max(80, width() / 3));
}

int SessionTimelineWidget::laneHeight() const
{
    return fontMetrics().height() + 8;
}

int SessionTimelineWidget::axisHeight() const
{
    return fontMetrics().height() + 10;
}

QRect SessionTimelineWidget::plotRect() const
{
    const int left = labelWidth();
    return QRect(left, axisHeight(), std::max(1, width() - left - kMargin),
                 static_cast<int>(m_lanes.size()) * laneHeight());
}

int SessionTimelineWidget::xFor(qint64 ms) const
{
    const QRect plot = plotRect();
    const double span = static_cast<double>(m_endMs - m_startMs);
    const double at = span > 0 ? static_cast<double>(ms - m_startMs) / span : 0.0;
    return plot.left() + static_cast<int>(std::clamp(at, 0.0, 1.0) * plot.width());
}

QRect SessionTimelineWidget::barRect(int lane, int bar) const
{
    if (lane < 0 || lane >= m_lanes.size() || bar < 0 || bar >= m_lanes.at(lane).bars.size())
        return {};
    const QPair<qint64, qint64> &span = m_lanes.at(lane).bars.at(bar);
    const int top = plotRect().top() + lane * laneHeight() + 3;
    const int left = xFor(span.first);
    // At least 3 px wide, so a short connection is still seen and can be hovered.
    const int right = std::max(xFor(span.second), left + 3);
    return QRect(QPoint(left, top), QPoint(right, top + laneHeight() - 7));
}

QString SessionTimelineWidget::toolTipAt(const QPoint &position) const
{
    for (int lane = 0; lane < m_lanes.size(); ++lane) {
        const SessionTimelineLane &line = m_lanes.at(lane);
        for (int bar = 0; bar < line.bars.size(); ++bar) {
            if (!barRect(lane, bar).adjusted(-1, -1, 1, 1).contains(position))
                continue;
            const QPair<qint64, qint64> &span = line.bars.at(bar);
            QString text = line.role.isEmpty() ? line.label : tr("%1 (%2)").arg(line.label, line.role);
            text += u'\n'
                + tr("Joined %1, left %2 (%3)")
                      .arg(localClock(span.first, true), localClock(span.second, true), hms(span.second - span.first));
            if (line.bars.size() > 1)
                text += u'\n' + tr("Connection %1 of %2").arg(bar + 1).arg(line.bars.size());
            return text;
        }
    }
    return {};
}

QSize SessionTimelineWidget::sizeHint() const
{
    return QSize(480, axisHeight() + static_cast<int>(std::max<qsizetype>(m_lanes.size(), 1)) * laneHeight() + kMargin);
}

QSize SessionTimelineWidget::minimumSizeHint() const
{
    return QSize(240, axisHeight() + laneHeight() + kMargin);
}

bool SessionTimelineWidget::event(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(event);
        const QString text = toolTipAt(help->pos());
        if (text.isEmpty()) {
            QToolTip::hideText();
            event->ignore();
        } else {
            QToolTip::showText(help->globalPos(), text, this);
        }
        return true;
    }
    return QWidget::event(event);
}

void SessionTimelineWidget::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    const QPalette &colors = palette();
    painter.fillRect(rect(), colors.color(QPalette::Base));
    if (m_lanes.isEmpty()) {
        painter.setPen(colors.color(QPalette::PlaceholderText));
        painter.drawText(rect(), Qt::AlignCenter, tr("Select a session to see who was there and when."));
        return;
    }
    const QRect plot = plotRect();
    const int lineHeight = laneHeight();

    // Alternate line backgrounds and the names, elided to the label column.
    const QFontMetrics metrics = fontMetrics();
    for (int lane = 0; lane < m_lanes.size(); ++lane) {
        const QRect line(0, plot.top() + lane * lineHeight, width(), lineHeight);
        if (lane % 2)
            painter.fillRect(line, colors.color(QPalette::AlternateBase));
        painter.setPen(colors.color(QPalette::Text));
        const QRect label(kMargin, line.top(), plot.left() - 2 * kMargin, lineHeight);
        painter.drawText(label, Qt::AlignVCenter | Qt::AlignLeft,
                         metrics.elidedText(m_lanes.at(lane).label, Qt::ElideRight, label.width()));
    }

    // Axis: ticks on round local times, far enough apart for their labels.
    static constexpr std::array<qint64, 13> steps{60'000,     120'000,    300'000,    600'000,    900'000,
                                                  1'800'000,  3'600'000,  7'200'000,  10'800'000, 21'600'000,
                                                  43'200'000, 86'400'000, 172'800'000};
    const double pxPerMs = static_cast<double>(plot.width()) / static_cast<double>(m_endMs - m_startMs);
    qint64 step = steps.back();
    for (const qint64 candidate : steps) {
        if (static_cast<double>(candidate) * pxPerMs >= kMinTickSpacing) {
            step = candidate;
            break;
        }
    }
    const qint64 offsetMs =
        static_cast<qint64>(QDateTime::fromMSecsSinceEpoch(m_startMs).toLocalTime().offsetFromUtc()) * 1000;
    qint64 tick = ((m_startMs + offsetMs + step - 1) / step) * step - offsetMs;
    const QColor gridColor = colors.color(QPalette::Mid);
    for (; tick <= m_endMs; tick += step) {
        const int x = xFor(tick);
        painter.setPen(QPen(gridColor, 1, Qt::DotLine));
        painter.drawLine(x, plot.top(), x, plot.bottom());
        painter.setPen(colors.color(QPalette::Text));
        const QString text = localClock(tick, false);
        const int textWidth = metrics.horizontalAdvance(text);
        painter.drawText(QRect(x - textWidth / 2 - 2, 2, textWidth + 4, axisHeight() - 4), Qt::AlignCenter, text);
    }
    painter.setPen(QPen(gridColor, 1));
    painter.drawLine(plot.left(), plot.top(), plot.right(), plot.top());

    // The bars: the highlight colour, a moderator's darker, so the host is found at a glance.
    const QColor barColor = colors.color(QPalette::Highlight);
    for (int lane = 0; lane < m_lanes.size(); ++lane) {
        const bool moderator = m_lanes.at(lane).role == u"moderator"_s;
        const QColor fill = moderator ? barColor.darker(130) : barColor;
        for (int bar = 0; bar < m_lanes.at(lane).bars.size(); ++bar) {
            QPainterPath path;
            path.addRoundedRect(QRectF(barRect(lane, bar)), 3, 3);
            painter.fillPath(path, fill);
        }
    }
}

} // namespace confero
