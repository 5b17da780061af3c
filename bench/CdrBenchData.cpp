#include "CdrBenchData.h"

#include "CdrLog.h"
#include "CdrRowWriter.h"
#include "CdrSimulator.h"
#include "DeterministicRandom.h"

#include <QDateTime>
#include <QTimeZone>

#include <cmath>

namespace confero::bench {

using namespace Qt::StringLiterals;
using sandbox::CdrLog;
using sandbox::CdrSimulator;

namespace {

constexpr int kRooms = 12;
constexpr qint64 kDayMs = 86'400'000;
const QByteArray kAppId = "6650a000000000000000be4c";

QList<sandbox::CdrSimulatedRoom> simulatedRooms()
{
    QList<sandbox::CdrSimulatedRoom> rooms;
    const QStringList ids = CdrBenchData::roomIds();
    for (int i = 0; i < kRooms; ++i) {
        sandbox::CdrSimulatedRoom room;
        room.room.roomId = ids.at(i).toLatin1();
        room.room.name = "Bench room " + QByteArray::number(i + 1);
        // Every third room records, every fourth is a lecture: the columns and filters that read
        // them see both values.
        room.room.detailsJson = "{\"name\":\"" + room.room.name + "\",\"owner_ref\":\"owner-"
            + QByteArray::number(i + 1) + "\",\"settings\":{\"mode\":\"" + (i % 4 == 3 ? "lecture" : "group")
            + "\",\"auto_recording\":" + (i % 3 == 0 ? "true" : "false") + ",\"participants\":\"50\"}}";
        room.lecture = i % 4 == 3;
        rooms.append(room);
    }
    return rooms;
}

} // namespace

QStringList CdrBenchData::roomIds()
{
    QStringList ids;
    for (int i = 1; i <= kRooms; ++i)
        ids.append(u"6650aa0000000000000000%1"_s.arg(i, 2, 10, QLatin1Char('0')));
    return ids;
}

CdrBenchData::CdrBenchData(qint64 rows, qint64 busyRows, quint64 seed)
    : m_rows(std::max<qint64>(1, rows))
    , m_busyRows(std::max<qint64>(1, busyRows))
{
    const QList<sandbox::CdrSimulatedRoom> rooms = simulatedRooms();
    const QDate lastDay(Year, 12, 31);
    const int days = QDate(Year, 1, 1).daysTo(lastDay) + 1;

    // Rows per session follow the simulator's distributions; guess, then grow until there are enough.
    double rowsPerSession = 4.0;
    for (;;) {
        sandbox::CdrSimulationPlan plan;
        plan.days = days;
        plan.sessionsPerDay = int(std::ceil(double(m_rows) / days / rowsPerSession * 1.02)) + 1;
        plan.seed = seed;
        plan.endDate = lastDay;
        m_history = CdrSimulator::generate(plan, rooms);
        const auto made = qint64(m_history->rows().size());
        if (made >= m_rows)
            break;
        rowsPerSession = double(made) / double(m_history->sessions().size()) * 0.95;
    }

    // One window per day of session start; the cut at m_rows falls inside the last one.
    const std::vector<sandbox::CdrSession> &sessions = m_history->sessions();
    qint64 taken = 0;
    qint64 windowDay = -1;
    for (quint32 s = 0; s < sessions.size() && taken < m_rows; ++s) {
        const qint64 day = sessions[s].startMs / kDayMs;
        if (day != windowDay) {
            m_windows.push_back({s, 0});
            windowDay = day;
        }
        ++m_windows.back().sessionCount;
        taken += sessions[s].rowCount;
    }

    // The busy day: sessions all through 2026-01-01, numbered after the history's last one.
    sandbox::DeterministicRandom random(seed ^ 0x9e3779b97f4a7c15ULL);
    m_busy = std::make_shared<CdrLog>(quint32(random.next()));
    std::vector<quint32> roomIndexes;
    for (const sandbox::CdrSimulatedRoom &room : rooms)
        roomIndexes.push_back(m_busy->addRoom(room.room));
    const qint64 busyDayMs = QDateTime(lastDay.addDays(1), QTime(0, 0), QTimeZone::utc()).toMSecsSinceEpoch();
    quint32 confNum = sessions.empty() ? CdrSimulator::FirstConfNum : sessions.back().confNum + 1;
    std::vector<std::pair<qint64, quint32>> starts;
    while (qint64(m_busy->rows().size()) < m_busyRows) {
        const qint64 start = busyDayMs + qint64(random.uniform() * double(kDayMs - 1));
        const auto which = random.bounded(quint32(rooms.size()));
        CdrSimulator::addSession(*m_busy, random, roomIndexes[which], rooms.at(which).lecture, confNum++, start,
                                 CdrSimulator::drawDurationMs(random), CdrSimulator::drawParticipants(random));
    }
}

CdrBenchData::~CdrBenchData() = default;

qint64 CdrBenchData::rowCount() const
{
    return m_rows;
}

qint64 CdrBenchData::busyRowCount() const
{
    return m_busyRows;
}

qsizetype CdrBenchData::windowCount() const
{
    return qsizetype(m_windows.size());
}

QByteArray CdrBenchData::windowJson(qsizetype index, qint64 *rows) const
{
    const Window &window = m_windows.at(std::size_t(index));
    // Rows before this window (a log's rows are in session order), to stop at m_rows.
    const qint64 before = m_history->sessions().at(window.firstSession).firstRow;
    return json(*m_history, window.firstSession, window.sessionCount, m_rows - before, rows);
}

QByteArray CdrBenchData::busyDayJson() const
{
    return json(*m_busy, 0, quint32(m_busy->sessions().size()), m_busyRows, nullptr);
}

QByteArray CdrBenchData::json(const CdrLog &log, quint32 firstSession, quint32 sessionCount, qint64 rowLimit,
                              qint64 *rows) const
{
    const sandbox::CdrRowWriter writer(kAppId);
    QByteArray out;
    out.reserve(qsizetype(sessionCount) * 6 * 1400);
    out.append("{\"result\":\"0\",\"cdr\":[");
    qint64 written = 0;
    for (quint32 s = firstSession; s < firstSession + sessionCount && written < rowLimit; ++s) {
        const sandbox::CdrSession &session = log.sessions().at(s);
        for (quint32 r = 0; r < session.rowCount && written < rowLimit; ++r) {
            if (written > 0)
                out.append(',');
            writer.write(out, log, session, log.rows().at(session.firstRow + r));
            ++written;
        }
    }
    out.append("]}");
    if (rows)
        *rows = written;
    return out;
}

} // namespace confero::bench
