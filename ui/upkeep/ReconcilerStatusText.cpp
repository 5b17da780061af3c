#include "ReconcilerStatusText.h"

#include "sync/CdrReconciler.h"

#include <QLocale>

#include <algorithm>
#include <climits>

namespace confero {

QString ReconcilerStatusText::localTime(const QDateTime &utc)
{
    if (!utc.isValid())
        return {};
    const QDateTime local = utc.toLocalTime();
    const QLocale locale;
    const QString time = local.date() == QDate::currentDate() ? locale.toString(local.time(), QLocale::ShortFormat)
                                                              : locale.toString(local, QLocale::ShortFormat);
    return tr("%1 local time").arg(time);
}

QString ReconcilerStatusText::statusLine(const CdrReconciler *reconciler)
{
    if (!reconciler)
        return {};
    if (reconciler->isRunning())
        return tr("Reconciling call records…");
    if (!reconciler->lastRunAt().isValid())
        return tr("Call records: not reconciled yet");
    if (!reconciler->lastError().isEmpty())
        return tr("Call records: the last reconcile failed");
    const QString at =
        reconciler->lastRunAt().toLocalTime().time().toString(QLocale().timeFormat(QLocale::ShortFormat));
    if (reconciler->lastFound() == 0)
        return tr("Call records up to date (checked %1)").arg(at);
    return tr("Call records: %n found (checked %1)", nullptr, int(std::min<qint64>(reconciler->lastFound(), INT_MAX)))
        .arg(at);
}

QString ReconcilerStatusText::lastRun(const CdrReconciler *reconciler)
{
    if (!reconciler)
        return tr("Not running: the project is not connected.");
    if (reconciler->isRunning())
        return tr("Running now…");
    if (!reconciler->lastRunAt().isValid())
        return tr("Not yet.");
    if (!reconciler->lastError().isEmpty())
        return tr("%1, failed: %2").arg(localTime(reconciler->lastRunAt()), reconciler->lastError());
    return tr("%1, %n call record(s) found", nullptr, int(std::min<qint64>(reconciler->lastFound(), INT_MAX)))
        .arg(localTime(reconciler->lastRunAt()));
}

QString ReconcilerStatusText::nextRun(const CdrReconciler *reconciler)
{
    if (!reconciler || reconciler->isStopped())
        return tr("None planned.");
    if (reconciler->isRunning())
        return tr("After this one.");
    if (!reconciler->nextRunAt().isValid())
        return tr("None planned.");
    return localTime(reconciler->nextRunAt());
}

} // namespace confero
