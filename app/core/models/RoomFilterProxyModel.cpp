#include "RoomFilterProxyModel.h"

#include "RoomTableModel.h"

namespace confero {

RoomFilterProxyModel::RoomFilterProxyModel(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setSortRole(RoomTableModel::SortRole);
    setSortCaseSensitivity(Qt::CaseInsensitive);
    setDynamicSortFilter(true);
}

QString RoomFilterProxyModel::filterText() const
{
    return m_filterText;
}

void RoomFilterProxyModel::setFilterText(const QString &text)
{
    if (text == m_filterText)
        return;
    m_filterText = text;
    m_words = text.simplified().split(u' ', Qt::SkipEmptyParts);
    invalidateFilter();
}

bool RoomFilterProxyModel::hidesPendingDeletion() const
{
    return m_hidePendingDeletion;
}

void RoomFilterProxyModel::setHidePendingDeletion(bool hide)
{
    if (hide == m_hidePendingDeletion)
        return;
    m_hidePendingDeletion = hide;
    invalidateFilter();
}

bool RoomFilterProxyModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
    if (m_hidePendingDeletion && index.data(RoomTableModel::PendingDeletionRole).toBool())
        return false;
    if (m_words.isEmpty())
        return true;
    const QString haystack = index.data(RoomTableModel::SearchTextRole).toString();
    for (const QString &word : m_words) {
        if (!haystack.contains(word, Qt::CaseInsensitive))
            return false;
    }
    return true;
}

} // namespace confero
