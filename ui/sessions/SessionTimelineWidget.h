#pragma once

#include "SessionTimelineLane.h"

#include <QWidget>

namespace confero {

// A session drawn on a time axis: one line per person with a bar for each connection (join to
// leave), so a rejoin shows as several bars on one line. The axis is in local time; hovering a bar
// tells who it is, when they joined and left, and for how long.
class SessionTimelineWidget final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SessionTimelineWidget)

public:
    explicit SessionTimelineWidget(QWidget *parent = nullptr);

    // `startMs`..`endMs` (UTC Unix ms) is the span the axis covers: the session's.
    void setSession(const QList<SessionTimelineLane> &lanes, qint64 startMs, qint64 endMs);
    void clear();
    const QList<SessionTimelineLane> &lanes() const;

    // Where a bar is drawn (widget coordinates); empty when there is no such bar.
    QRect barRect(int lane, int bar) const;
    // The tooltip text of the bar at `position`, empty when none is there.
    QString toolTipAt(const QPoint &position) const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    bool event(QEvent *event) override;
    void paintEvent(QPaintEvent *event) override;

private:
    int labelWidth() const;
    int laneHeight() const;
    int axisHeight() const;
    QRect plotRect() const;
    int xFor(qint64 ms) const;

    QList<SessionTimelineLane> m_lanes;
    qint64 m_startMs = 0;
    qint64 m_endMs = 0;
};

} // namespace confero
