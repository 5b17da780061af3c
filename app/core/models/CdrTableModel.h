#pragma once

#include "store/CdrFilter.h"
#include "store/CdrPage.h"
#include "store/CdrSort.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QList>
#include <QMap>
#include <QSet>

#include <optional>

namespace confero {

class CdrQuery;
class Store;
class StoreWorker;

// The participant rows (CDRs) of one project, filtered and sorted, as a table of any size that is
// never loaded whole: a windowed model instead of fetchMore, so the scrollbar spans every row and can
// be dragged to any of them.
//
// - Row count: CdrQuery's exact count, run on its worker. Until it is known the model has no rows
//   and isCounting() is true (countingChanged tells the view to say "counting…"); then the rows are
//   inserted at once.
// - Rows: pages of pageSize() rows read with keyset paging, kept in an LRU of at most
//   maxCachedPages() pages, so memory is bounded whatever the view visits. data() for a row whose
//   page is not in memory answers a placeholder (empty text, LoadingRole true) and schedules the
//   page; when it is read, dataChanged covers the page's rows.
//   pageSize() * maxCachedPages() must exceed the rows a view shows at once (4,000 by default),
//   or the pages of one screen would evict each other.
// - Where a page starts: keyset paging reads "the N rows after key K", it cannot skip. The model
//   keeps a sparse index of page-start keys: every page read teaches where the next one starts, so
//   scrolling page by page costs one indexed query per page, on the calling thread. A page whose
//   start is not known (a jump: scrollbar dragged to row 999,999) is found with one query
//   `... ORDER BY <sort>, id LIMIT 1 OFFSET n`, counted from the nearest known page start before
//   it. OFFSET walks n index entries, so that query runs on the model's own StoreWorker (not the
//   count's, so a slow count never delays it) and the GUI thread only reads the page itself, again
//   one indexed query. The index holds one key per page ever located (at most count / pageSize).
// - setFilter() resets the model and restarts the count. setSort() (and sort()) resets the model
//   but keeps a known count: the same rows in another order have the same number.
//
// The store and the project must outlive the model.
class CdrTableModel final : public QAbstractTableModel
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

    static constexpr int kDefaultPageSize = 200;
    static constexpr int kDefaultMaxCachedPages = 20;

    CdrTableModel(Store *store, qint64 projectId, QObject *parent = nullptr);
    ~CdrTableModel() override;

    int rowCount(const QModelIndex &parent = {}) const override;
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

    // Resets the model. Values below 1 are taken as 1.
    void setPaging(int pageSize, int maxCachedPages);
    int pageSize() const;
    int maxCachedPages() const;

    bool isCounting() const;
    // The exact count of the filter's rows once known, else -1.
    qint64 totalCount() const;

    // The row when its page is in memory (the detail pane reads it), else nothing (nor a load).
    std::optional<CdrStoredRow> storedRow(int row) const;
    int cachedPageCount() const;
    bool isPageCached(int page) const;

    // The last error, for a person (empty when none since the last reset).
    QString errorString() const;

Q_SIGNALS:
    void countingChanged(bool counting);
    // A count, page or jump could not be read; the rows concerned stay placeholders until a reset.
    void errorOccurred(const QString &message);

private:
    void reset(bool recount);
    void startCount();
    void requestPage(int page) const;
    void loadRequested();
    void loadPage(int page);
    void locatePage(int page);
    void cachePage(int page, const QList<CdrStoredRow> &rows);
    void fail(int page, const QString &message, const QString &detail);
    const QList<CdrStoredRow> *cachedPage(int page) const;
    QVariant displayData(const CdrRow &row, int column) const;
    static QVariant sortData(const CdrStoredRow &stored, int column);

    Store *m_store;
    qint64 m_projectId;
    CdrQuery *m_query;
    StoreWorker *m_locator; // runs the jump queries
    CdrFilter m_filter;
    CdrSort m_sort;
    int m_pageSize = kDefaultPageSize;
    int m_maxCachedPages = kDefaultMaxCachedPages;
    quint64 m_generation = 0; // bumped by every reset; pages and jumps of an older one are dropped
    quint64 m_countGeneration = 0; // bumped by every new count (a filter); older counts are dropped
    bool m_counting = false;
    qint64 m_total = -1;
    int m_rows = 0;
    QString m_error;

    // data() is const but is where the view says what it needs: the cache and the wants are
    // bookkeeping of what is shown, not of what the model is.
    mutable QHash<int, QList<CdrStoredRow>> m_pages;
    mutable QList<int> m_recent; // cached pages, most recently used last
    mutable QSet<int> m_wanted; // requested and not yet read (queued or being located)
    mutable QList<int> m_queue; // requested, waiting for loadRequested()
    mutable bool m_loadScheduled = false;
    QSet<int> m_failed; // not requested again until a reset
    QMap<int, CdrPageKey> m_pageStarts; // page -> key of the row before its first row
};

} // namespace confero
