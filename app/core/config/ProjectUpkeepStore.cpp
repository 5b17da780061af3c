#include "ProjectUpkeepStore.h"

#include "Logging.h"
#include "store/Store.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QTimeZone>

namespace confero {

using namespace Qt::StringLiterals;

namespace {

QDateTime fromMs(qint64 ms)
{
    return ms > 0 ? QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::utc()) : QDateTime();
}

} // namespace

ProjectUpkeepStore::ProjectUpkeepStore(Store *store, QObject *parent)
    : QObject(parent)
    , m_store(store)
{
}

ProjectUpkeep ProjectUpkeepStore::upkeep(qint64 projectId) const
{
    ProjectUpkeep upkeep;
    QSqlQuery query(m_store->database());
    query.prepare(u"SELECT retention_months, reconcile_interval_min, reconcile_window_days, last_backup_at, "
                  "last_backup_path, found_by_reconciler, last_reconcile_at, last_reconcile_found "
                  "FROM project_upkeep WHERE project_id = ?"_s);
    query.addBindValue(projectId);
    if (!query.exec()) {
        qCWarning(lcConfig) << "reading store upkeep failed:" << query.lastError().text();
        return upkeep;
    }
    if (!query.next())
        return upkeep;
    upkeep.retentionMonths = query.value(0).toInt();
    upkeep.reconcileIntervalMinutes = query.value(1).toInt();
    upkeep.reconcileWindowDays = query.value(2).toInt();
    upkeep.lastBackupAt = fromMs(query.value(3).toLongLong());
    upkeep.lastBackupPath = query.value(4).toString();
    upkeep.foundByReconciler = query.value(5).toLongLong();
    upkeep.lastReconcileAt = fromMs(query.value(6).toLongLong());
    upkeep.lastReconcileFound = query.value(7).toLongLong();
    return upkeep;
}

StoreResult<bool> ProjectUpkeepStore::saveChoices(qint64 projectId, const ProjectUpkeep &choices)
{
    if (choices.retentionMonths < 0 || choices.retentionMonths > kMaxRetentionMonths)
        return StoreError{tr("Keep call records between 1 and %1 months, or forever.").arg(kMaxRetentionMonths), {}};
    if (choices.reconcileIntervalMinutes < kMinIntervalMinutes
        || choices.reconcileIntervalMinutes > kMaxIntervalMinutes)
        return StoreError{tr("Reconcile between every %1 minutes and once a week.").arg(kMinIntervalMinutes), {}};
    if (choices.reconcileWindowDays < 1 || choices.reconcileWindowDays > kMaxWindowDays)
        return StoreError{tr("The reconciler looks back between 1 and %1 days.").arg(kMaxWindowDays), {}};
    return upsert(projectId, u"retention_months, reconcile_interval_min, reconcile_window_days"_s,
                  u"retention_months = excluded.retention_months, reconcile_interval_min = "
                  "excluded.reconcile_interval_min, reconcile_window_days = excluded.reconcile_window_days"_s,
                  {choices.retentionMonths, choices.reconcileIntervalMinutes, choices.reconcileWindowDays});
}

StoreResult<bool> ProjectUpkeepStore::recordBackup(qint64 projectId, const QDateTime &at, const QString &path)
{
    return upsert(projectId, u"last_backup_at, last_backup_path"_s,
                  u"last_backup_at = excluded.last_backup_at, last_backup_path = excluded.last_backup_path"_s,
                  {at.toMSecsSinceEpoch(), path});
}

StoreResult<bool> ProjectUpkeepStore::recordReconcile(qint64 projectId, const QDateTime &at, qint64 found)
{
    return upsert(projectId, u"last_reconcile_at, last_reconcile_found, found_by_reconciler"_s,
                  u"last_reconcile_at = excluded.last_reconcile_at, last_reconcile_found = "
                  "excluded.last_reconcile_found, found_by_reconciler = project_upkeep.found_by_reconciler + "
                  "excluded.found_by_reconciler"_s,
                  {at.toMSecsSinceEpoch(), found, found});
}

// INSERT ... ON CONFLICT DO UPDATE reads the same on SQLite (3.24+) and PostgreSQL, and keeps the
// columns this call does not name as they were.
StoreResult<bool> ProjectUpkeepStore::upsert(qint64 projectId, const QString &columns, const QString &conflictUpdate,
                                             const QVariantList &values)
{
    QStringList marks;
    for (qsizetype i = 0; i < values.size(); ++i)
        marks.append(u"?"_s);
    QSqlQuery query(m_store->database());
    query.prepare(u"INSERT INTO project_upkeep (project_id, updated_at, "_s + columns + u") VALUES (?, ?, "_s
                  + marks.join(u", "_s)
                  + u") ON CONFLICT (project_id) DO UPDATE SET updated_at = excluded.updated_at, "_s + conflictUpdate);
    query.addBindValue(projectId);
    query.addBindValue(QDateTime::currentMSecsSinceEpoch());
    for (const QVariant &value : values)
        query.addBindValue(value);
    if (!query.exec()) {
        qCWarning(lcConfig) << "writing store upkeep failed:" << query.lastError().text();
        return StoreError{tr("Could not save the project's data and backup settings."), query.lastError().text()};
    }
    Q_EMIT upkeepChanged(projectId);
    return true;
}

} // namespace confero
