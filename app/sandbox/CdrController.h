#pragma once

#include "ApiReply.h"
#include "CdrSimulationPlan.h"

#include <QByteArray>
#include <QString>

#include <optional>

namespace confero::sandbox {

class RoomsController;
class SandboxClock;
class SandboxState;

// The platform's /cdr routes (video-api.md 5, endpoint rows 8-11) and the CDR simulator's control
// route. Answers are streamed: {"result":"0","cdr":[...]}, the whole window, no pagination.
class CdrController
{
public:
    // The most sessions one simulation may generate: a year at about 4,000 a day, which stays
    // under 300 MB of rows (README, "CDR simulator").
    static constexpr qint64 MaxSimulatedSessions = 1'500'000;

    CdrController(SandboxState &state, const SandboxClock &clock, RoomsController &rooms, QString appId);

    // Missing parameters arrive as empty strings: each route answers its own 1020x code.
    ApiReply period(const QString &from, const QString &to) const;
    ApiReply room(const QString &roomId) const;
    ApiReply roomPeriod(const QString &roomId, const QString &from, const QString &to) const;
    ApiReply conference(const QString &confNum) const;

    // POST /sandbox/cdr/simulate {"days","sessions_per_day","seed","end_date"}.
    ApiReply simulate(const QByteArray &body);
    // Replaces the simulated history (creating three rooms when the sandbox has none). Returns the
    // number of rows generated, or an error.
    std::optional<qsizetype> simulate(const CdrSimulationPlan &plan, QString *error);

    // A YYYY-MM-DD date (UTC), or nothing.
    static std::optional<QDate> parseDate(const QString &text);

private:
    ApiReply window(const QString &roomId, const QString &from, const QString &to) const;
    void createSimulationRooms(const CdrSimulationPlan &plan);

    SandboxState &m_state;
    const SandboxClock &m_clock;
    RoomsController &m_rooms;
    QString m_appId;
};

} // namespace confero::sandbox
