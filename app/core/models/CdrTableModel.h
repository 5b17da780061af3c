#pragma once

#include "store/CdrFilter.h"
#include "store/CdrPage.h"
#include "store/CdrSort.h"

#include "WindowedRowsModel.h"

#include <optional>

namespace confero {

class CdrQuery;
class Store;

// The participant rows (CDRs) of one project, filtered and sorted, as a table of any size that is
// never loaded whole: CdrQuery's count and keyset pages through WindowedTableModel (which says how
// the rows are windowed, counted and located after a jump).
//
// setFilter() resets the model and restarts the count. setSort() (and sort()) resets the model but
// keeps a known count. The store and the project must outlive the model.
class CdrTableModel final : public WindowedRowsModel<CdrStoredRow>
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CdrTableModel)

public:
    enum Column {
        Name,
        UserRef,
        Role,
        RoomName,
        ConfNum,
        Joined,
        Left,
        Duration,
        PublishedMinutes,
        SubscribedMinutes,
        ConnectMinutes,
        Agent,
        Ip,
        ColumnCount
    };
    Q_ENUM(Column)

    enum Role {
        SortRole = Qt::UserRole + 1, // the stored value of the column (ms, seconds, minutes, text)
        LoadingRole, // bool: the row's page is being read; the other roles are empty meanwhile
        RowIdRole, // qint64: participants.id, stable across filters and sorts
        ConfNumRole, // the row's session, for the detail pane
    };

    CdrTableModel(Store *store, qint64 projectId, QObject *parent = nullptr);
    ~CdrTableModel() override;

    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;
    // Sorts in the store (a header click), through setSort().
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

    // The query's column name for a model column (CdrQuery::columns()), empty for ColumnCount.
    static QString sortColumnName(int column);

    const CdrFilter &filter() const;
    void setFilter(const CdrFilter &filter);
    const CdrSort &sortOrder() const;
    // An unknown column (see CdrQuery::columns()) is refused with errorOccurred and changes nothing.
    void setSort(const CdrSort &sort);

    // The row when its page is in memory (the detail pane reads it), else nothing (nor a load).
    std::optional<CdrStoredRow> storedRow(int row) const;

protected:
    void countRows(std::function<void(StoreResult<qint64>)> done) override;
    PageJob pageJob(const std::optional<CdrPageKey> &after, int limit) const override;
    KeyJob keyJob(const CdrRowSeek &seek) const override;

private:
    QVariant displayData(const CdrRow &row, int column) const;
    static QVariant sortData(const CdrStoredRow &stored, int column);

    Store *m_store;
    qint64 m_projectId;
    CdrQuery *m_query;
    CdrFilter m_filter;
    CdrSort m_sort;
};

} // namespace confero
