#pragma once

#include "ProjectUpkeep.h"
#include "store/StoreError.h"

#include <QObject>

namespace confero {

class Store;

// Reads and writes ProjectUpkeep in the store's `project_upkeep` table (migration 0004), one small
// statement at a time on the store's own connection. A project with no row has the defaults (keep
// forever, reconcile hourly over the last 3 days), so nothing needs to be written before it is read.
class ProjectUpkeepStore final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProjectUpkeepStore)

public:
    explicit ProjectUpkeepStore(Store *store, QObject *parent = nullptr);

    ProjectUpkeep upkeep(qint64 projectId) const;

    // The user's choices only (retention, interval, window); what upkeep did is kept by the calls below.
    StoreResult<bool> saveChoices(qint64 projectId, const ProjectUpkeep &choices);
    StoreResult<bool> recordBackup(qint64 projectId, const QDateTime &at, const QString &path);
    // Adds `found` to the project's count and remembers the pass.
    StoreResult<bool> recordReconcile(qint64 projectId, const QDateTime &at, qint64 found);

    // Limits the dialog offers and saveChoices() enforces.
    static constexpr int kMaxRetentionMonths = 1200;
    static constexpr int kMinIntervalMinutes = 5;
    static constexpr int kMaxIntervalMinutes = 7 * 24 * 60;
    static constexpr int kMaxWindowDays = 31;

Q_SIGNALS:
    void upkeepChanged(qint64 projectId);

private:
    StoreResult<bool> upsert(qint64 projectId, const QString &columns, const QString &conflictUpdate,
                             const QVariantList &values);

    Store *m_store;
};

} // namespace confero
