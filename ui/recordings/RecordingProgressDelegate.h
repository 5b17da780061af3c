#pragma once

#include <QStyledItemDelegate>

namespace confero {

// The "Local copy" column of the Recordings page: a progress bar with the model's text for a file
// that is downloading or paused (grey), and the text alone otherwise, a failure in red.
class RecordingProgressDelegate final : public QStyledItemDelegate
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RecordingProgressDelegate)

public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
};

} // namespace confero
