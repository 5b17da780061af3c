#pragma once

#include "CdrFilter.h"
#include "CdrPage.h"
#include "CdrSort.h"
#include "StoreError.h"

#include <QObject>
#include <QSqlDatabase>

#include <functional>
#include <optional>

namespace confero {

class Store;
class StoreWorker;

// The participants of one project as the views, conferoctl and the bench read them: filters,
// a sort on any column both ways, keyset pages, and an exact count on a worker thread. page() reads
// on the calling thread's connection (the store's), pageOn() on the one given; counts never block it.
class CdrQuery final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CdrQuery)

public:
    CdrQuery(Store *store, qint64 projectId, QObject *parent = nullptr);
    ~CdrQuery() override;

    // The sortable columns, by their names in the store (and in conferoctl's --sort).
    static QStringList columns();
    static bool isColumn(const QString &name);

    // What a page carries: every stored field, or all but the row as received (raw_json, most of a
    // row's bytes), for readers that never show it (an export).
    enum class Content { Whole, WithoutRawJson };

    StoreResult<CdrPage> page(const CdrFilter &filter, const CdrSort &sort, int limit,
                              const std::optional<CdrPageKey> &after = std::nullopt,
                              Content content = Content::Whole) const;
    // The same on any connection to the store (a worker's), for the model's page reads.
    static StoreResult<CdrPage> pageOn(const QSqlDatabase &db, bool postgres, qint64 projectId, const CdrFilter &filter,
                                       const CdrSort &sort, int limit,
                                       const std::optional<CdrPageKey> &after = std::nullopt,
                                       Content content = Content::Whole);
    // How a page's filter terms are written. SortIndex writes them so no index can serve them
    // (`+column`): SQLite then walks the sort column's index in order and stops after the page.
    // Debian's SQLite has no STAT4, so it guesses every range to hold a small share of the rows and
    // would otherwise read a whole year through the join-time index and sort it for one page.
    enum class Plan { Planner, SortIndex };
    // The SQL of a page (its first value the project id, then `values`); empty for an unknown
    // column. For checking the query plans.
    static QString pageSql(const CdrFilter &filter, const CdrSort &sort, bool postgres, int limit,
                           const std::optional<CdrPageKey> &after, QVariantList *values,
                           Content content = Content::Whole, Plan plan = Plan::Planner);
    // Whether a page on SQLite first tries Plan::SortIndex (for SortIndexBudgetMs, then the
    // planner's plan): a filter of dates, room, role or duration with another sort than join time.
    static bool triesSortIndex(const CdrFilter &filter, const CdrSort &sort);
    static constexpr int SortIndexBudgetMs = 10;

    // Exact count of the rows the filter selects, computed on the worker; `done` runs on this
    // object's thread, not after it is destroyed.
    void count(const CdrFilter &filter, std::function<void(StoreResult<qint64>)> done);
    // The same, synchronously on the caller's connection.
    StoreResult<qint64> countNow(const CdrFilter &filter) const;

    // The SQL WHERE clause (after "WHERE") and its values, for the filter on this backend.
    static QString whereClause(const CdrFilter &filter, bool postgres, QVariantList *values, Plan plan = Plan::Planner);

private:
    Store *m_store;
    qint64 m_projectId;
    StoreWorker *m_worker;
};

} // namespace confero
