#include "RecordingProgressDelegate.h"

#include "models/RecordingTableModel.h"

#include <QApplication>
#include <QPainter>

namespace confero {

void RecordingProgressDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                                      const QModelIndex &index) const
{
    using LocalState = RecordingTableModel::LocalState;
    const auto state = LocalState(index.data(RecordingTableModel::StateRole).toInt());
    if (state != LocalState::Downloading && state != LocalState::Paused) {
        QStyleOptionViewItem text(option);
        initStyleOption(&text, index);
        if (state == LocalState::Failed && !(option.state & QStyle::State_Selected))
            text.palette.setColor(QPalette::Text, QColor(0xb0, 0x2a, 0x1c));
        const QWidget *widget = option.widget;
        (widget ? widget->style() : QApplication::style())->drawControl(QStyle::CE_ItemViewItem, &text, painter, widget);
        return;
    }
    // The selection's background first, so a selected row still reads as selected.
    QStyleOptionViewItem background(option);
    initStyleOption(&background, index);
    background.text.clear();
    const QWidget *widget = option.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &background, painter, widget);

    const double fraction = index.data(RecordingTableModel::FractionRole).toDouble();
    QStyleOptionProgressBar bar;
    bar.rect = option.rect.adjusted(2, 3, -2, -3);
    bar.state = option.state | QStyle::State_Horizontal;
    bar.direction = option.direction;
    bar.fontMetrics = option.fontMetrics;
    bar.palette = option.palette;
    if (state == LocalState::Paused) // grey: nothing is moving
        bar.palette.setColor(QPalette::Highlight, option.palette.color(QPalette::Disabled, QPalette::Dark));
    bar.minimum = 0;
    bar.maximum = 1000;
    bar.progress = fraction >= 0 ? qRound(fraction * 1000) : 0;
    bar.text = index.data(Qt::DisplayRole).toString();
    bar.textVisible = true;
    bar.textAlignment = Qt::AlignCenter;
    style->drawControl(QStyle::CE_ProgressBar, &bar, painter, widget);
}

} // namespace confero
