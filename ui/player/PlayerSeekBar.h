#pragma once

#include "review/ParticipantMarks.h"

#include <QList>
#include <QWidget>

namespace confero {

// The player's seek bar: the recording's length as a groove with what has played filled in; above
// it a tick where each participant joined (green, pointing down) and left (red, pointing up); below
// it the reviewer's notes (amber). A click or drag asks to seek there; hovering a mark says who
// joined or left, or what the note says.
class PlayerSeekBar final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PlayerSeekBar)

public:
    struct Mark
    {
        enum class Kind { Join, Leave, Note };
        Kind kind = Kind::Join;
        qint64 positionMs = 0;
        QString text; // for the tooltip
    };

    explicit PlayerSeekBar(QWidget *parent = nullptr);

    void setDuration(qint64 ms);
    qint64 duration() const;
    void setPosition(qint64 ms);
    qint64 position() const;
    // Join and leave marks from the spans; marks past the end of the recording are not drawn.
    void setSpans(const QList<ParticipantSpan> &spans);
    void setNotes(const QList<QPair<qint64, QString>> &notes);
    // The marks drawn (within the duration), in position order.
    QList<Mark> marks() const;

    // Where `ms` is drawn, and the other way round (widget x).
    int xFor(qint64 ms) const;
    qint64 positionAt(int x) const;
    // The tooltip text at `point`, empty when no mark is near.
    QString toolTipAt(const QPoint &point) const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

Q_SIGNALS:
    void seekRequested(qint64 ms);

protected:
    bool event(QEvent *event) override;
    void paintEvent(QPaintEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;

private:
    QRect grooveRect() const;

    qint64 m_duration = 0;
    qint64 m_position = 0;
    QList<Mark> m_spanMarks;
    QList<Mark> m_noteMarks;
    bool m_dragging = false;
};

} // namespace confero
