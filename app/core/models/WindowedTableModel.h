#pragma once

#include "store/CdrPage.h"
#include "store/StoreError.h"

#include <QAbstractTableModel>
#include <QList>
#include <QMap>
#include <QSet>
#include <QSqlDatabase>

#include <functional>
#include <optional>

namespace confero {

class Store;
class StoreWorker;

// The windowing that CdrTableModel and SessionTableModel share: a table of any size that is never
// loaded whole (a windowed model instead of fetchMore, so the scrollbar spans every row and can be
// dragged to any of them). WindowedRowsModel<Row> keeps the rows; subclasses say how to count, read
// a page and locate a page's start.
//
// - Row count: the subclass's exact count, run on a worker. Until it is known the model has no rows
//   and isCounting() is true (countingChanged tells the view to say "counting…"); then the rows are
//   inserted at once.
// - Rows: pages of pageSize() rows read with keyset paging, kept in an LRU of at most
//   maxCachedPages() pages, so memory is bounded whatever the view visits. A row whose page is not
//   in memory is a placeholder (the subclass answers empty text and LoadingRole true) and its page
//   is scheduled; pages are read on the model's reader StoreWorker (its own connection), never on
//   the GUI thread, and when one arrives dataChanged covers its rows.
//   pageSize() * maxCachedPages() must exceed the rows a view shows at once (4,000 by default),
//   or the pages of one screen would evict each other.
// - Where a page starts: keyset paging reads "the N rows after key K", it cannot skip. The model
//   keeps a sparse index of page-start keys: every page read teaches where the next one starts, so
//   scrolling page by page costs one indexed query per page (a page wanted right after one being
//   read waits for it instead of being located). A page whose
//   start is not known (a jump: scrollbar dragged to row 999,999) is found with one query
//   `... ORDER BY <sort>, id LIMIT 1 OFFSET n`, counted from the nearest known page start before
//   it or from the last row backwards (the opposite order), whichever is nearer. OFFSET walks n
//   index entries, so that query runs on the model's locator StoreWorker (not
//   the count's nor the reader's, so a slow count or jump never delays the pages of the screen),
//   and the page itself is then read on the reader. The index holds one key per page ever located
//   (at most count / pageSize).
// - reset(true) (a new filter) restarts the count; reset(false) (a new sort, new paging) keeps a
//   known count: the same rows in another order have the same number.
class WindowedTableModel : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WindowedTableModel)

public:
    static constexpr int kDefaultPageSize = 200;
    static constexpr int kDefaultMaxCachedPages = 20;

    ~WindowedTableModel() override;

    int rowCount(const QModelIndex &parent = {}) const override;

    // Resets the model. Values below 1 are taken as 1.
    void setPaging(int pageSize, int maxCachedPages);
    int pageSize() const;
    int maxCachedPages() const;

    bool isCounting() const;
    // The exact count of the filter's rows once known, else -1.
    qint64 totalCount() const;

    int cachedPageCount() const;
    bool isPageCached(int page) const;

    // The last error, for a person (empty when none since the last reset).
    QString errorString() const;

Q_SIGNALS:
    void countingChanged(bool counting);
    // A count, page or jump could not be read; the rows concerned stay placeholders until a reset.
    void errorOccurred(const QString &message);

protected:
    using KeyResult = StoreResult<std::optional<CdrPageKey>>;
    using KeyJob = std::function<KeyResult(QSqlDatabase &)>;

    WindowedTableModel(Store *store, QObject *parent);

    // Subclasses call this at the end of their constructor (the count is a virtual call).
    void startCount();
    void reset(bool recount);
    void fail(int page, const QString &message, const QString &detail);

    // True when the page is in memory (and marks it recently used); otherwise schedules it.
    bool pageReady(int page) const;
    // A row's LoadingRole: true while its page is wanted and not yet read (false once read, or
    // when it could not be read).
    bool rowLoading(int row) const;

    // Counts the rows of the current filter on a worker; `done` runs on this object's thread.
    virtual void countRows(std::function<void(StoreResult<qint64>)> done) = 0;
    // Starts reading the page starting after `after` (from the first row without it) on reader();
    // when it is read, keeps its rows and calls pageRead() with where the next page starts (nothing
    // on the last page), unless generation() has changed meanwhile (then it keeps nothing).
    virtual void readPage(int page, const std::optional<CdrPageKey> &after, int limit) = 0;
    void pageRead(int page, const KeyResult &read);
    // Bumped by every reset: a page read for an older one is dropped.
    quint64 generation() const;
    // The worker (with its own connection) that reads the pages.
    StoreWorker *reader() const;
    // A job for the locator worker: the key of the row `seek` names in the current sort, nothing
    // when there are not that many rows. It runs on another thread, so it must carry copies of what
    // it needs and not touch the model.
    virtual KeyJob keyJob(const CdrRowSeek &seek) const = 0;
    // The rows of a page: keep none (it has no rows), forget one, forget all.
    virtual void keepEmptyPage(int page) = 0;
    virtual void dropPage(int page) = 0;
    virtual void dropAllPages() = 0;

private:
    void requestPage(int page) const;
    void loadRequested();
    void loadPage(int page);
    void locatePage(int page);
    void pageArrived(int page);

    StoreWorker *m_locator; // runs the jump queries
    StoreWorker *m_reader; // reads the pages
    int m_pageSize = kDefaultPageSize;
    int m_maxCachedPages = kDefaultMaxCachedPages;
    quint64 m_generation = 0; // bumped by every reset; pages and jumps of an older one are dropped
    quint64 m_countGeneration = 0; // bumped by every new count (a filter); older counts are dropped
    bool m_counting = false;
    qint64 m_total = -1;
    int m_rows = 0;
    QString m_error;

    // data() is const but is where the view says what it needs: the cache order and the wants are
    // bookkeeping of what is shown, not of what the model is.
    mutable QList<int> m_recent; // cached pages, most recently used last
    mutable QSet<int> m_wanted; // requested and not yet read (queued or being located)
    mutable QList<int> m_queue; // requested, waiting for loadRequested()
    QSet<int> m_reading; // being read on the reader
    QSet<int> m_afterRead; // wanted, and waiting for the page before them to say where they start
    mutable bool m_loadScheduled = false;
    QSet<int> m_failed; // not requested again until a reset
    QMap<int, CdrPageKey> m_pageStarts; // page -> key of the row before its first row
};

} // namespace confero
