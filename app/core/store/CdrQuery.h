#pragma once

#include "CdrFilter.h"
#include "CdrPage.h"
#include "CdrSort.h"
#include "StoreError.h"

#include <QObject>

#include <functional>
#include <optional>

namespace confero {

class Store;
class StoreWorker;

// The participants of one project as the views, conferoctl and the bench read them: filters,
// a sort on any column both ways, keyset pages, and an exact count on a worker thread. Pages are
// read on the calling thread's connection (the store's); counts never block it.
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

    StoreResult<CdrPage> page(const CdrFilter &filter, const CdrSort &sort, int limit,
                              const std::optional<CdrPageKey> &after = std::nullopt) const;

    // Exact count of the rows the filter selects, computed on the worker; `done` runs on this
    // object's thread, not after it is destroyed.
    void count(const CdrFilter &filter, std::function<void(StoreResult<qint64>)> done);
    // The same, synchronously on the caller's connection.
    StoreResult<qint64> countNow(const CdrFilter &filter) const;

    // The SQL WHERE clause (after "WHERE") and its values, for the filter on this backend.
    static QString whereClause(const CdrFilter &filter, bool postgres, QVariantList *values);

private:
    Store *m_store;
    qint64 m_projectId;
    StoreWorker *m_worker;
};

} // namespace confero
