#pragma once

#include <QSortFilterProxyModel>

namespace confero {

// Sorts a RoomTableModel by its SortRole and filters it by text (name, room id, owner ref,
// description; case-insensitive, every word must match), optionally hiding rooms pending deletion.
class RoomFilterProxyModel final : public QSortFilterProxyModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RoomFilterProxyModel)

public:
    explicit RoomFilterProxyModel(QObject *parent = nullptr);

    QString filterText() const;
    void setFilterText(const QString &text);

    bool hidesPendingDeletion() const;
    void setHidePendingDeletion(bool hide);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    QString m_filterText;
    QStringList m_words;
    bool m_hidePendingDeletion = false;
};

} // namespace confero
