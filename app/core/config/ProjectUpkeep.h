#pragma once

#include <QDateTime>
#include <QString>

namespace confero {

// What store upkeep keeps per project (`project_upkeep`): the user's choices (retention, how often and how
// far back the CDR reconciler looks) and what upkeep last did (backup, reconciler).
struct ProjectUpkeep
{
    static constexpr int kForever = 0;
    static constexpr int kDefaultIntervalMinutes = 60;
    static constexpr int kDefaultWindowDays = 3;

    int retentionMonths = kForever; // keep call records this many months; kForever keeps them all
    int reconcileIntervalMinutes = kDefaultIntervalMinutes;
    int reconcileWindowDays = kDefaultWindowDays;

    QDateTime lastBackupAt; // UTC; invalid when never
    QString lastBackupPath;
    qint64 foundByReconciler = 0; // over every pass
    QDateTime lastReconcileAt; // UTC; invalid when never
    qint64 lastReconcileFound = 0;

    bool keepsForever() const { return retentionMonths <= kForever; }
};

} // namespace confero
