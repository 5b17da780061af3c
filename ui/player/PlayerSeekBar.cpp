#include "PlayerSeekBar.h"

#include "PlayerTime.h"

#include <QHelpEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QToolTip>

#include <algorithm>
#include <cmath>

namespace confero {

using namespace Qt::StringLiterals;

namespace {

constexpr int kMargin = 8; // px left and right, so the ends stay clickable
constexpr int kTick = 9; // px a mark's triangle
constexpr int kGroove = 6;
constexpr int kHitDistance = 4; // px within which a mark is "under" the pointer

QPainterPath triangle(int x, int tipY, int baseY)
{
    QPainterPath path;
    path.moveTo(x, tipY);
    path.lineTo(x - kTick / 2.0, baseY);
    path.lineTo(x + kTick / 2.0, baseY);
    path.closeSubpath();
    return path;
}

} // namespace

PlayerSeekBar::PlayerSeekBar(QWidget *parent)
    : QWidget(parent)
{
    setMouseTracking(true);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    setFocusPolicy(Qt::NoFocus);
    setAccessibleName(tr("Seek bar"));
}

void PlayerSeekBar::setDuration(qint64 ms)
{
    m_duration = std::max<qint64>(0, ms);
    update();
}

qint64 PlayerSeekBar::duration() const
{
    return m_duration;
}

void PlayerSeekBar::setPosition(qint64 ms)
{
    if (m_dragging)
        return; // the pointer decides while dragging
    m_position = ms;
    update();
}

qint64 PlayerSeekBar::position() const
{
    return m_position;
}

void PlayerSeekBar::setSpans(const QList<ParticipantSpan> &spans)
{
    m_spanMarks.clear();
    for (const ParticipantSpan &span : spans) {
        m_spanMarks.append({Mark::Kind::Join, span.joinMs,
                            tr("%1 joined at %2").arg(span.name, PlayerTime::text(span.joinMs))});
        m_spanMarks.append({Mark::Kind::Leave, span.leaveMs,
                            tr("%1 left at %2").arg(span.name, PlayerTime::text(span.leaveMs))});
    }
    std::stable_sort(m_spanMarks.begin(), m_spanMarks.end(),
                     [](const Mark &a, const Mark &b) { return a.positionMs < b.positionMs; });
    update();
}

void PlayerSeekBar::setNotes(const QList<QPair<qint64, QString>> &notes)
{
    m_noteMarks.clear();
    for (const auto &[position, text] : notes)
        m_noteMarks.append({Mark::Kind::Note, position, tr("Note at %1: %2").arg(PlayerTime::text(position), text)});
    update();
}

QList<PlayerSeekBar::Mark> PlayerSeekBar::marks() const
{
    QList<Mark> shown;
    for (const QList<Mark> *list : {&m_spanMarks, &m_noteMarks}) {
        for (const Mark &mark : *list) {
            if (m_duration > 0 && mark.positionMs <= m_duration)
                shown.append(mark);
        }
    }
    std::stable_sort(shown.begin(), shown.end(), [](const Mark &a, const Mark &b) { return a.positionMs < b.positionMs; });
    return shown;
}

QRect PlayerSeekBar::grooveRect() const
{
    const int top = kTick + 3;
    return {kMargin, top, std::max(1, width() - 2 * kMargin), kGroove};
}

int PlayerSeekBar::xFor(qint64 ms) const
{
    const QRect groove = grooveRect();
    if (m_duration <= 0)
        return groove.left();
    const double fraction = std::clamp(double(ms) / double(m_duration), 0.0, 1.0);
    return groove.left() + int(std::lround(fraction * groove.width()));
}

qint64 PlayerSeekBar::positionAt(int x) const
{
    const QRect groove = grooveRect();
    const double fraction = std::clamp(double(x - groove.left()) / double(groove.width()), 0.0, 1.0);
    return qint64(std::llround(fraction * double(m_duration)));
}

QString PlayerSeekBar::toolTipAt(const QPoint &point) const
{
    QStringList lines;
    const QRect groove = grooveRect();
    const bool above = point.y() < groove.top() + kGroove / 2;
    for (const Mark &mark : marks()) {
        if ((mark.kind == Mark::Kind::Note) == above)
            continue;
        if (std::abs(xFor(mark.positionMs) - point.x()) <= kHitDistance)
            lines.append(mark.text);
    }
    if (lines.isEmpty() && m_duration > 0 && groove.adjusted(0, -kTick, 0, kTick).contains(point))
        return PlayerTime::text(positionAt(point.x()));
    return lines.join(u'\n');
}

QSize PlayerSeekBar::sizeHint() const
{
    return {400, minimumSizeHint().height()};
}

QSize PlayerSeekBar::minimumSizeHint() const
{
    return {120, 2 * (kTick + 3) + kGroove};
}

bool PlayerSeekBar::event(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(event);
        const QString text = toolTipAt(help->pos());
        if (text.isEmpty())
            QToolTip::hideText();
        else
            QToolTip::showText(help->globalPos(), text, this);
        return true;
    }
    return QWidget::event(event);
}

void PlayerSeekBar::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    const QRect groove = grooveRect();
    const QPalette pal = palette();
    painter.setPen(Qt::NoPen);
    painter.setBrush(pal.color(isEnabled() ? QPalette::Active : QPalette::Disabled, QPalette::Mid));
    painter.drawRoundedRect(groove, kGroove / 2.0, kGroove / 2.0);
    if (m_duration > 0) {
        QRect played = groove;
        played.setRight(xFor(m_position));
        painter.setBrush(pal.color(QPalette::Highlight));
        painter.drawRoundedRect(played, kGroove / 2.0, kGroove / 2.0);
    }
    const QColor joinColor(0x2e, 0x9e, 0x44);
    const QColor leaveColor(0xc6, 0x28, 0x28);
    const QColor noteColor(0xe0, 0x9a, 0x00);
    for (const Mark &mark : marks()) {
        const int x = xFor(mark.positionMs);
        switch (mark.kind) {
        case Mark::Kind::Join:
            painter.setBrush(joinColor);
            painter.drawPath(triangle(x, groove.top() - 1, groove.top() - 1 - kTick));
            break;
        case Mark::Kind::Leave:
            painter.setBrush(leaveColor);
            painter.drawPath(triangle(x, groove.top() - 1 - kTick, groove.top() - 1));
            break;
        case Mark::Kind::Note:
            painter.setBrush(noteColor);
            painter.drawPath(triangle(x, groove.bottom() + 2, groove.bottom() + 2 + kTick));
            break;
        }
    }
    if (m_duration > 0) {
        // The handle: where playback is.
        const int x = xFor(m_position);
        painter.setBrush(pal.color(QPalette::Button));
        painter.setPen(QPen(pal.color(QPalette::Dark), 1));
        painter.drawEllipse(QPointF(x, groove.center().y() + 0.5), kGroove, kGroove);
    }
}

void PlayerSeekBar::mousePressEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton || m_duration <= 0)
        return QWidget::mousePressEvent(event);
    m_dragging = true;
    m_position = positionAt(event->position().toPoint().x());
    update();
    emit seekRequested(m_position);
}

void PlayerSeekBar::mouseMoveEvent(QMouseEvent *event)
{
    if (!m_dragging)
        return QWidget::mouseMoveEvent(event);
    const qint64 at = positionAt(event->position().toPoint().x());
    if (at != m_position) {
        m_position = at;
        update();
        emit seekRequested(m_position);
    }
}

void PlayerSeekBar::mouseReleaseEvent(QMouseEvent *event)
{
    if (event->button() == Qt::LeftButton)
        m_dragging = false;
    QWidget::mouseReleaseEvent(event);
}

} // namespace confero
