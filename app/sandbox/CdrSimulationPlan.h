#pragma once

#include <QDate>

namespace confero::sandbox {

// What `--simulate-days D --sessions-per-day N --seed S` and POST /sandbox/cdr/simulate ask for:
// D days of history ending with `endDate` (inclusive, UTC), N sessions started on each day.
class CdrSimulationPlan
{
public:
    int days = 0;
    int sessionsPerDay = 0;
    quint64 seed = 0;
    QDate endDate;
};

} // namespace confero::sandbox
