#include "CdrReportQuery.h"

#include "CdrQuery.h"
#include "Store.h"
#include "StoreWorker.h"

#include <QCoreApplication>
#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>

namespace confero {

using namespace Qt::StringLiterals;

namespace {

class ReportText
{
    Q_DECLARE_TR_FUNCTIONS(confero::CdrReportQuery)
};

constexpr qint64 kDayMs = 86'400'000;
const QDate kEpoch(1970, 1, 1);

// The UTC day of a Unix time in ms, as days since 1970-01-01 (rounded down, also before 1970).
qint64 dayNumber(qint64 ms)
{
    return ms >= 0 ? ms / kDayMs : -((-ms + kDayMs - 1) / kDayMs);
}

QDate dayOf(qint64 ms)
{
    return kEpoch.addDays(dayNumber(ms));
}

bool run(QSqlQuery &query, const QString &sql, const QVariantList &values)
{
    query.setForwardOnly(true);
    if (!query.prepare(sql))
        return false;
    for (const QVariant &value : values)
        query.addBindValue(value);
    return query.exec();
}

StoreError failed(const QSqlQuery &query)
{
    return StoreError{ReportText::tr("Could not compute the report."), query.lastError().text()};
}

struct Selection
{
    QString participants; // "FROM participants WHERE ..." for the filter
    QString sessions; // "FROM sessions WHERE ..." for the sessions with a matching participant row
    QVariantList participantValues;
    QVariantList sessionValues;
};

Selection select(bool postgres, qint64 projectId, const CdrFilter &filter)
{
    Selection selection;
    QVariantList values;
    const QString where = CdrQuery::whereClause(filter, postgres, &values);
    selection.participants = u" FROM participants WHERE project_id = ? AND "_s + where;
    selection.participantValues = QVariantList{projectId} + values;
    selection.sessions =
        u" FROM sessions WHERE project_id = ? AND conf_num IN (SELECT conf_num"_s + selection.participants + u')';
    selection.sessionValues = QVariantList{projectId} + selection.participantValues;
    return selection;
}

} // namespace

CdrReportQuery::CdrReportQuery(const Store *store, qint64 projectId, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_projectId(projectId)
    , m_worker(new StoreWorker(store, this))
{
}

CdrReportQuery::~CdrReportQuery() = default;

void CdrReportQuery::compute(const CdrFilter &filter, int topRooms, std::function<void(StoreResult<CdrReport>)> done)
{
    const bool postgres = m_store->isPostgres();
    const qint64 projectId = m_projectId;
    StoreWorker *worker = m_worker;
    m_worker->run<StoreResult<CdrReport>>(
        [worker, postgres, projectId, filter, topRooms](QSqlDatabase &db) -> StoreResult<CdrReport> {
            if (!db.isOpen())
                return worker->openError();
            return computeOn(db, postgres, projectId, filter, topRooms);
        },
        std::move(done));
}

void CdrReportQuery::rooms(std::function<void(StoreResult<QList<CdrRoomChoice>>)> done)
{
    const qint64 projectId = m_projectId;
    StoreWorker *worker = m_worker;
    m_worker->run<StoreResult<QList<CdrRoomChoice>>>(
        [worker, projectId](QSqlDatabase &db) -> StoreResult<QList<CdrRoomChoice>> {
            if (!db.isOpen())
                return worker->openError();
            return roomsOn(db, projectId);
        },
        std::move(done));
}

StoreResult<QList<CdrRoomChoice>> CdrReportQuery::roomsOn(const QSqlDatabase &db, qint64 projectId)
{
    QSqlQuery query(db);
    if (!run(query, u"SELECT room_id, MAX(room_name) FROM sessions WHERE project_id = ? GROUP BY room_id"_s,
             {projectId}))
        return StoreError{ReportText::tr("Could not list the rooms of the call records."), query.lastError().text()};
    QList<CdrRoomChoice> rooms;
    while (query.next())
        rooms.append({query.value(0).toString(), query.value(1).toString()});
    std::sort(rooms.begin(), rooms.end(), [](const CdrRoomChoice &a, const CdrRoomChoice &b) {
        const int byName = a.roomName.localeAwareCompare(b.roomName);
        return byName != 0 ? byName < 0 : a.roomId < b.roomId;
    });
    return rooms;
}

StoreResult<CdrReport> CdrReportQuery::computeOn(const QSqlDatabase &db, bool postgres, qint64 projectId,
                                                 const CdrFilter &filter, int topRooms)
{
    const Selection selection = select(postgres, projectId, filter);
    CdrReport report;
    QSqlQuery query(db);

    // The days covered: the filter's, or where its rows are when it leaves an end open. Rows whose
    // join time could not be read (0) belong to no day.
    report.from = filter.from;
    report.to = filter.to;
    if (!report.from.isValid() || !report.to.isValid()) {
        if (!run(query,
                 u"SELECT MIN(connect_ms), MAX(connect_ms)"_s + selection.participants + u" AND connect_ms > 0"_s,
                 selection.participantValues)
            || !query.next())
            return failed(query);
        if (!query.value(0).isNull()) {
            if (!report.from.isValid())
                report.from = dayOf(query.value(0).toLongLong());
            if (!report.to.isValid())
                report.to = dayOf(query.value(1).toLongLong());
        }
    }
    const bool haveDays = report.from.isValid() && report.to.isValid() && report.from <= report.to;
    const qint64 firstDay = haveDays ? kEpoch.daysTo(report.from) : 0;
    const qint64 dayCount = haveDays ? report.from.daysTo(report.to) + 1 : 0;
    if (!haveDays) {
        report.from = {};
        report.to = {};
    }
    for (qint64 i = 0; i < dayCount; ++i) {
        const QDate day = report.from.addDays(i);
        report.minutesPerDay.append({day, 0, 0, 0});
        report.peakPerDay.append({day, 0});
    }

    // Minutes per day: integer division of BIGINTs is the UTC day on both backends.
    if (!run(query,
             u"SELECT connect_ms / 86400000, SUM(published_minutes), SUM(subscribed_minutes), "
             "SUM(connect_minutes), COUNT(*)"_s
                 + selection.participants + u" GROUP BY connect_ms / 86400000"_s,
             selection.participantValues))
        return failed(query);
    while (query.next()) {
        report.participantRows += query.value(4).toLongLong();
        const qint64 index = query.value(0).toLongLong() - firstDay;
        if (index < 0 || index >= dayCount)
            continue;
        CdrReport::DayMinutes &minutes = report.minutesPerDay[index];
        minutes.published = query.value(1).toDouble();
        minutes.subscribed = query.value(2).toDouble();
        minutes.connect = query.value(3).toDouble();
    }

    // Sessions per room, most first; ties by room id so the top N is the same on both backends.
    const QString roomOrder = postgres ? u"room_id COLLATE \"C\""_s : u"room_id"_s;
    if (!run(query,
             u"SELECT room_id, MAX(room_name), COUNT(*)"_s + selection.sessions
                 + u" GROUP BY room_id ORDER BY 3 DESC, "_s + roomOrder,
             selection.sessionValues))
        return failed(query);
    CdrReport::RoomSessions other;
    while (query.next()) {
        const qint64 sessions = query.value(2).toLongLong();
        report.sessions += sessions;
        if (report.sessionsPerRoom.size() < std::max(0, topRooms)) {
            report.sessionsPerRoom.append({query.value(0).toString(), query.value(1).toString(), sessions, 0});
        } else {
            other.sessions += sessions;
            ++other.otherRooms;
        }
    }
    if (other.otherRooms > 0)
        report.sessionsPerRoom.append(other);

    // Session lengths: one pass, one SUM(CASE ...) per bucket.
    const QList<double> bounds = CdrReport::lengthBucketBounds();
    QStringList sums;
    for (qsizetype i = 0; i < bounds.size(); ++i) {
        QString condition = u"duration_s >= "_s + QString::number(bounds.at(i));
        if (i + 1 < bounds.size())
            condition += u" AND duration_s < "_s + QString::number(bounds.at(i + 1));
        sums.append(u"SUM(CASE WHEN "_s + condition + u" THEN 1 ELSE 0 END)"_s);
        report.sessionLengths.append({bounds.at(i), i + 1 < bounds.size() ? bounds.at(i + 1) : -1.0, 0});
    }
    if (!run(query, u"SELECT "_s + sums.join(u", "_s) + selection.sessions, selection.sessionValues) || !query.next())
        return failed(query);
    for (qsizetype i = 0; i < bounds.size(); ++i)
        report.sessionLengths[i].sessions = query.value(static_cast<int>(i)).toLongLong();

    // Peak concurrency per day: a sweep over every join (+1) and leave (-1) in time order, a leave
    // first at the same instant (someone leaving as another joins is not two at once). The count
    // at midnight carries into the next day, so a call running through it counts there too.
    // Connections without a readable span are left out: they have no instant to count at.
    if (dayCount > 0) {
        const QString span = u" AND connect_ms > 0 AND disconnect_ms > connect_ms"_s;
        if (!run(query,
                 u"SELECT t, d FROM (SELECT connect_ms AS t, 1 AS d"_s + selection.participants + span
                     + u" UNION ALL SELECT disconnect_ms AS t, -1 AS d"_s + selection.participants + span
                     + u") AS events ORDER BY t, d"_s,
                 selection.participantValues + selection.participantValues))
            return failed(query);
        int running = 0;
        qint64 currentIndex = 0;
        while (query.next()) {
            const qint64 index = dayNumber(query.value(0).toLongLong()) - firstDay;
            for (; currentIndex < index && currentIndex + 1 < dayCount; ++currentIndex) {
                int &peak = report.peakPerDay[currentIndex + 1].peak;
                peak = std::max(peak, running);
            }
            // Every join is inside the period, so past its last day only leaves remain.
            if (index >= dayCount)
                break;
            const int delta = query.value(1).toInt();
            running += delta;
            if (delta > 0 && index >= 0 && index < dayCount) {
                int &peak = report.peakPerDay[index].peak;
                peak = std::max(peak, running);
            }
        }
    }
    return report;
}

} // namespace confero
