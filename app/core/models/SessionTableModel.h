#pragma once

#include "WindowedRowsModel.h"
#include "store/CdrFilter.h"
#include "store/SessionPage.h"
#include "store/SessionSort.h"

#include <optional>

namespace confero {

class SessionQuery;
class Store;

// The sessions of one project, filtered (SessionQuery's reading of a CdrFilter) and sorted, one row
// per session, as a table of any size that is never loaded whole: SessionQuery's count and keyset
// pages through WindowedTableModel, like CdrTableModel.
//
// setFilter() resets the model and restarts the count. setSort() (and sort()) resets the model but
// keeps a known count. The store and the project must outlive the model.
class SessionTableModel final : public WindowedRowsModel<SessionRow>
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SessionTableModel)

public:
    enum Column { Room, ConfNum, Start, End, Duration, Participants, PeakConcurrency, Recorded, ColumnCount };
    Q_ENUM(Column)

    enum Role {
        SortRole = Qt::UserRole + 1, // the stored value of the column (ms, seconds, counts, text)
        LoadingRole, // bool: the row's page is being read; the other roles are empty meanwhile
        RowIdRole, // qint64: sessions.id
        ConfNumRole, // the session's conf number, for the detail pane
        StartMsRole, // qint64: first join, UTC Unix ms
        EndMsRole, // qint64: last leave, UTC Unix ms
    };

    SessionTableModel(Store *store, qint64 projectId, QObject *parent = nullptr);
    ~SessionTableModel() override;

    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;
    // Sorts in the store (a header click), through setSort().
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

    // The query's column name for a model column (SessionQuery::columns()), empty for ColumnCount.
    static QString sortColumnName(int column);
    // The model column sorted by a query column, -1 when none shows it.
    static int columnForSort(const QString &name);

    const CdrFilter &filter() const;
    void setFilter(const CdrFilter &filter);
    const SessionSort &sortOrder() const;
    // An unknown column (see SessionQuery::columns()) is refused with errorOccurred and changes nothing.
    void setSort(const SessionSort &sort);

    // The session when its page is in memory (the detail pane reads it), else nothing (nor a load).
    std::optional<SessionRow> session(int row) const;

    // The rooms that have stored sessions (for a room filter), read on the worker at construction
    // and by refresh(); roomsChanged says when they arrive. Their names also label sessions stored
    // without a room name (the Room column shows the id until then).
    QList<SessionRoom> rooms() const;
    // After new rows were stored (a sync): recounts, rereads the rooms, keeps filter and sort.
    void refresh();
    // The same, then finds where session `sessionId` now is: sessionFound tells its row (-1 when
    // the filter no longer selects it), after the count.
    void refreshKeeping(qint64 sessionId);

Q_SIGNALS:
    void roomsChanged();
    // The project's stored call records changed (Store::cdrChanges()): a sync or the reconciler
    // stored new rows, or retention deleted some. The model does not reload by itself (a view
    // chooses when, and what to keep selected).
    void storedRowsChanged();
    void sessionFound(qint64 sessionId, int row);

protected:
    void countRows(std::function<void(StoreResult<qint64>)> done) override;
    PageJob pageJob(const std::optional<CdrPageKey> &after, int limit) const override;
    KeyJob keyJob(const CdrRowSeek &seek) const override;

private:
    QVariant displayData(const SessionRow &row, int column) const;
    static QVariant sortData(const SessionRow &row, int column);
    void readRooms();

    Store *m_store;
    qint64 m_projectId;
    SessionQuery *m_query;
    CdrFilter m_filter;
    SessionSort m_sort;
    QList<SessionRoom> m_rooms;
    QHash<QString, QString> m_roomNames; // room id -> name, for sessions stored without one
};

} // namespace confero
