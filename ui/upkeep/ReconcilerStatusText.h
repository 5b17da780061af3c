#pragma once

#include <QCoreApplication>
#include <QDateTime>
#include <QString>

namespace confero {

class CdrReconciler;

// The reconciler's state in words, shared by the status bar and the Data and backups dialog. Times are
// shown in local time, and say so.
class ReconcilerStatusText
{
    Q_DECLARE_TR_FUNCTIONS(confero::ReconcilerStatusText)

public:
    // One short line for the status bar; empty without a reconciler.
    static QString statusLine(const CdrReconciler *reconciler);
    static QString lastRun(const CdrReconciler *reconciler);
    static QString nextRun(const CdrReconciler *reconciler);
    static QString localTime(const QDateTime &utc);
};

} // namespace confero
