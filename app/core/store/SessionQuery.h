#pragma once

#include "CdrFilter.h"
#include "SessionPage.h"
#include "SessionSort.h"
#include "StoreError.h"

#include <QObject>
#include <QSqlDatabase>

#include <functional>
#include <optional>

namespace confero {

class Store;
class StoreWorker;

// The sessions of one project as the Sessions page reads them: a CdrFilter read for sessions, a sort
// on any column both ways, keyset pages, and an exact count on a worker thread. page() reads on the
// calling thread's connection (the store's), pageOn() on the one given; counts and the room list
// never block it.
//
// The filter, for a session: `from`/`to` are UTC days of its start (first join); `roomId` and
// `confNum` its own; `minDurationS` its duration (first join to last leave); `text` (a substring of
// a participant's name or user ref) and `role` hold when at least one participant row of the
// session matches both (EXISTS over participants, with CdrQuery's matching: the trigram index on
// SQLite, ILIKE on PostgreSQL).
class SessionQuery final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SessionQuery)

public:
    SessionQuery(Store *store, qint64 projectId, QObject *parent = nullptr);
    ~SessionQuery() override;

    // The sortable columns, by their names in the store.
    static QStringList columns();
    static bool isColumn(const QString &name);

    StoreResult<SessionPage> page(const CdrFilter &filter, const SessionSort &sort, int limit,
                                  const std::optional<CdrPageKey> &after = std::nullopt) const;
    // The same on any connection to the store (a worker's), for the model's page reads.
    static StoreResult<SessionPage> pageOn(const QSqlDatabase &db, bool postgres, qint64 projectId,
                                           const CdrFilter &filter, const SessionSort &sort, int limit,
                                           const std::optional<CdrPageKey> &after = std::nullopt);
    // The SQL of a page and its values (the project id first); empty for an unknown column. For
    // checking the query plans.
    static QString pageSql(qint64 projectId, const CdrFilter &filter, const SessionSort &sort, bool postgres, int limit,
                           const std::optional<CdrPageKey> &after, QVariantList *values);

    // Exact count of the sessions the filter selects, computed on the worker; `done` runs on this
    // object's thread, not after it is destroyed.
    void count(const CdrFilter &filter, std::function<void(StoreResult<qint64>)> done);
    // The same, synchronously on the caller's connection.
    StoreResult<qint64> countNow(const CdrFilter &filter) const;

    // The rooms that have sessions, by name (the sessions' own, else the last room listing's), read
    // on the worker.
    void rooms(std::function<void(StoreResult<QList<SessionRoom>>)> done);

    // The key of the session a jump looks for (see CdrRowSeek), nothing when there are not that
    // many: where a windowed view's page starts. Runs on any connection to the store (a worker's).
    static StoreResult<std::optional<CdrPageKey>> keyAt(const QSqlDatabase &db, bool postgres, qint64 projectId,
                                                        const CdrFilter &filter, const SessionSort &sort,
                                                        const CdrRowSeek &seek);

    // Where session `sessionId` is in the filter's sessions in the sort's order (its row), -1 when
    // the filter does not select it (or it is gone); on the worker, after any count asked before.
    void rowOf(const CdrFilter &filter, const SessionSort &sort, qint64 sessionId,
               std::function<void(StoreResult<qint64>)> done);
    static StoreResult<qint64> rowOfOn(const QSqlDatabase &db, bool postgres, qint64 projectId, const CdrFilter &filter,
                                       const SessionSort &sort, qint64 sessionId);

    // The SQL WHERE clause over `sessions` (after "WHERE") and its values, for the filter on this backend.
    static QString whereClause(const CdrFilter &filter, bool postgres, QVariantList *values);

private:
    Store *m_store;
    qint64 m_projectId;
    StoreWorker *m_worker;
};

} // namespace confero
