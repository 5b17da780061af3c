#pragma once

#include "store/CdrReport.h"

#include <QCoreApplication>

class QChart;

namespace confero {

// The Reports page's four charts, built from a CdrReport. Every chart is new (the caller owns it),
// so the page swaps a finished chart in at once and the previous one stays until then.
// Days are UTC days; a day's point sits at 12:00 UTC so that its date reads the same on a date axis
// shown in any local time zone from UTC-12 to UTC+12.
class ReportCharts
{
    Q_DECLARE_TR_FUNCTIONS(confero::ReportCharts)

public:
    static QChart *minutesPerDay(const CdrReport &report);
    static QChart *sessionsPerRoom(const CdrReport &report);
    static QChart *peakPerDay(const CdrReport &report);
    static QChart *sessionLengths(const CdrReport &report);

    // "under 5 min", "5-15 min", ..., "4 h or more".
    static QString bucketLabel(const CdrReport::LengthBucket &bucket);
};

} // namespace confero
