#pragma once

#include "CdrFilter.h"
#include "CdrPage.h"
#include "CdrSort.h"
#include "StoreError.h"

#include <QObject>
#include <QSqlDatabase>

struct sqlite3;

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
    // How a page's SQL is written. SortIndex writes the filter terms so no index can serve them
    // (`+column`): SQLite then walks the sort column's index in order and stops after the page.
    // Debian's SQLite has no STAT4, so it guesses every range to hold a small share of the rows and
    // would otherwise read a whole year through the join-time index and sort it for one page.
    // FilterIndex writes the sort that way instead: the filter's index is read and its rows sorted
    // (the planner may otherwise walk a million rows of the sort index for a filter that keeps none).
    enum class Plan { Planner, SortIndex, FilterIndex };
    // The SQL of a page (its first value the project id, then `values`); empty for an unknown
    // column. For checking the query plans.
    static QString pageSql(const CdrFilter &filter, const CdrSort &sort, bool postgres, int limit,
                           const std::optional<CdrPageKey> &after, QVariantList *values,
                           Content content = Content::Whole, Plan plan = Plan::Planner, const QString &index = {});
    // The key of the row a jump looks for (see CdrRowSeek), nothing when there are not that many
    // rows: where a windowed view's page starts. Tried as a page is (the sort index first).
    static StoreResult<std::optional<CdrPageKey>> keyAtOn(const QSqlDatabase &db, bool postgres, qint64 projectId,
                                                          const CdrFilter &filter, const CdrSort &sort,
                                                          const CdrRowSeek &seek);
    // The plans a read on SQLite tries in turn, each for its budget (0: to the end; the last has
    // none), with the index it names: Plan::FilterIndex when the filter keeps few rows (fewer than
    // FewRows, probed for at most FewRowsBudgetMs on each index its terms start), else
    // Plan::SortIndex for a while and then the planner's own (see plansFor() for which when).
    struct PlanTry
    {
        Plan plan;
        QString index;
        int budgetMs;
    };
    static QList<PlanTry> plansFor(sqlite3 *handle, qint64 projectId, const CdrFilter &filter, const CdrSort &sort);
    static constexpr int SortIndexBudgetMs = 25;
    static constexpr int FewRows = 2000;
    static constexpr int FewRowsBudgetMs = 5;

    // Exact count of the rows the filter selects, computed on the worker; `done` runs on this
    // object's thread, not after it is destroyed.
    void count(const CdrFilter &filter, std::function<void(StoreResult<qint64>)> done);
    // The same, synchronously on the caller's connection.
    StoreResult<qint64> countNow(const CdrFilter &filter) const;

    // The SQL WHERE clause (after "WHERE") and its values, for the filter on this backend.
    static QString whereClause(const CdrFilter &filter, bool postgres, QVariantList *values, Plan plan = Plan::Planner);

private:
    // SELECT `selected` of the filter's rows in the sort's order, after `after`, read through
    // `index` when one is named (SQLite); no LIMIT.
    static QString orderedSql(const QString &selected, const CdrFilter &filter, const CdrSort &sort, bool postgres,
                              const std::optional<CdrPageKey> &after, QVariantList *values, Plan plan,
                              const QString &index = {});

    Store *m_store;
    qint64 m_projectId;
    StoreWorker *m_worker;
};

} // namespace confero
