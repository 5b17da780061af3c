#include "SessionQuery.h"

#include "CdrQuery.h"
#include "Store.h"
#include "StoreWorker.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QSqlError>
#include <QSqlQuery>
#include <QTimeZone>

namespace confero {

using namespace Qt::StringLiterals;

namespace {

class QueryText
{
    Q_DECLARE_TR_FUNCTIONS(confero::SessionQuery)
};

struct Column
{
    QLatin1StringView name;
    bool text;
};

// Every column a view can sort sessions by, in the SELECT's order; text compares byte-wise on both
// backends.
constexpr Column kColumns[] = {
    {QLatin1StringView("id"), false},         {QLatin1StringView("conf_num"), true},
    {QLatin1StringView("room_id"), true},     {QLatin1StringView("room_name"), true},
    {QLatin1StringView("start_ms"), false},   {QLatin1StringView("end_ms"), false},
    {QLatin1StringView("duration_s"), false}, {QLatin1StringView("participant_count"), false},
    {QLatin1StringView("row_count"), false},  {QLatin1StringView("peak_concurrency"), false},
    {QLatin1StringView("recorded"), false},
};

const Column *column(const QString &name)
{
    for (const Column &column : kColumns) {
        if (column.name == name)
            return &column;
    }
    return nullptr;
}

qint64 dayStartMs(const QDate &day)
{
    return QDateTime(day, QTime(0, 0), QTimeZone::utc()).toMSecsSinceEpoch();
}

// "SELECT <what> FROM sessions WHERE ... [after the key] ORDER BY <sort>, id", without LIMIT.
QString orderedSelect(const QString &what, qint64 projectId, const CdrFilter &filter, const Column &sortColumn,
                      bool descending, const std::optional<CdrPageKey> &after, bool postgres, QVariantList *values)
{
    // PostgreSQL would sort text by the database's locale; byte order is what SQLite does, and one
    // order on both backends is what makes the same query give the same pages.
    const QString sortExpr = QString(sortColumn.name) + (sortColumn.text && postgres ? u" COLLATE \"C\""_s : QString());
    const QString direction = descending ? u" DESC"_s : u" ASC"_s;
    values->append(projectId);
    QString sql = u"SELECT "_s + what + u" FROM sessions WHERE project_id = ? AND "_s
        + SessionQuery::whereClause(filter, postgres, values);
    if (after) {
        sql += u" AND ("_s + sortExpr + u", id) "_s + (descending ? u"<"_s : u">"_s) + u" (?, ?)"_s;
        values->append(after->value);
        values->append(after->id);
    }
    if (sortColumn.name == QLatin1StringView("id"))
        sql += u" ORDER BY id"_s + direction;
    else
        sql += u" ORDER BY "_s + sortExpr + direction + u", id"_s + direction;
    return sql;
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

StoreError unknownColumn(const QString &name)
{
    return StoreError{QueryText::tr("Sessions cannot be sorted by \"%1\"; use one of: %2.")
                          .arg(name, SessionQuery::columns().join(u", "_s)),
                      {}};
}

StoreResult<qint64> countOn(const QSqlDatabase &db, bool postgres, qint64 projectId, const CdrFilter &filter)
{
    QVariantList values{projectId};
    const QString sql = u"SELECT COUNT(*) FROM sessions WHERE project_id = ? AND "_s
        + SessionQuery::whereClause(filter, postgres, &values);
    QSqlQuery query(db);
    if (!run(query, sql, values) || !query.next())
        return StoreError{QueryText::tr("Could not count the sessions."), query.lastError().text()};
    return query.value(0).toLongLong();
}

} // namespace

SessionQuery::SessionQuery(Store *store, qint64 projectId, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_projectId(projectId)
    , m_worker(new StoreWorker(store, this))
{
}

SessionQuery::~SessionQuery() = default;

QStringList SessionQuery::columns()
{
    QStringList names;
    for (const Column &column : kColumns)
        names.append(column.name);
    return names;
}

bool SessionQuery::isColumn(const QString &name)
{
    return column(name) != nullptr;
}

QString SessionQuery::whereClause(const CdrFilter &filter, bool postgres, QVariantList *values)
{
    QStringList terms{u"1 = 1"_s};
    if (filter.from.isValid()) {
        terms.append(u"start_ms >= ?"_s);
        values->append(dayStartMs(filter.from));
    }
    if (filter.to.isValid()) {
        terms.append(u"start_ms < ?"_s);
        values->append(dayStartMs(filter.to.addDays(1)));
    }
    if (!filter.roomId.isEmpty()) {
        terms.append(u"room_id = ?"_s);
        values->append(filter.roomId);
    }
    if (!filter.confNum.isEmpty()) {
        terms.append(u"conf_num = ?"_s);
        values->append(filter.confNum);
    }
    if (filter.minDurationS > 0) {
        terms.append(u"duration_s >= ?"_s);
        values->append(filter.minDurationS);
    }
    if (!filter.text.isEmpty() || !filter.role.isEmpty()) {
        // One participant row must match the name and the role together ("a moderator named
        // Ann"), so both go into one EXISTS, with the participants' own matching (CdrQuery).
        CdrFilter participant;
        participant.text = filter.text;
        participant.role = filter.role;
        terms.append(u"EXISTS (SELECT 1 FROM participants WHERE participants.project_id = sessions.project_id "
                     "AND participants.conf_num = sessions.conf_num AND "_s
                     + CdrQuery::whereClause(participant, postgres, values) + u')');
    }
    return terms.join(u" AND "_s);
}

QString SessionQuery::pageSql(qint64 projectId, const CdrFilter &filter, const SessionSort &sort, bool postgres,
                              int limit, const std::optional<CdrPageKey> &after, QVariantList *values)
{
    const Column *sortColumn = column(sort.column);
    if (!sortColumn)
        return {};
    QStringList selected;
    for (const Column &c : kColumns)
        selected.append(c.name);
    return orderedSelect(selected.join(u", "_s), projectId, filter, *sortColumn, sort.descending, after, postgres,
                         values)
        + u" LIMIT "_s + QString::number(std::max(1, limit) + 1);
}

StoreResult<SessionPage> SessionQuery::page(const CdrFilter &filter, const SessionSort &sort, int limit,
                                            const std::optional<CdrPageKey> &after) const
{
    return pageOn(m_store->database(), m_store->isPostgres(), m_projectId, filter, sort, limit, after);
}

StoreResult<SessionPage> SessionQuery::pageOn(const QSqlDatabase &db, bool postgres, qint64 projectId,
                                              const CdrFilter &filter, const SessionSort &sort, int limit,
                                              const std::optional<CdrPageKey> &after)
{
    const Column *sortColumn = column(sort.column);
    if (!sortColumn)
        return unknownColumn(sort.column);
    const int wanted = std::max(1, limit);
    QVariantList values;
    const QString sql = pageSql(projectId, filter, sort, postgres, limit, after, &values);
    QSqlQuery query(db);
    if (!run(query, sql, values))
        return StoreError{QueryText::tr("Could not read the sessions."), query.lastError().text()};

    const int keyIndex = static_cast<int>(sortColumn - std::begin(kColumns));
    SessionPage page;
    QVariant lastValue;
    bool more = false;
    while (query.next()) {
        if (page.rows.size() == wanted) {
            more = true;
            break;
        }
        SessionRow row;
        row.id = query.value(0).toLongLong();
        row.confNum = query.value(1).toString();
        row.roomId = query.value(2).toString();
        row.roomName = query.value(3).toString();
        row.startMs = query.value(4).toLongLong();
        row.endMs = query.value(5).toLongLong();
        row.durationS = query.value(6).toDouble();
        row.participantCount = query.value(7).toInt();
        row.rowCount = query.value(8).toInt();
        row.peakConcurrency = query.value(9).toInt();
        row.recorded = query.value(10).toInt() != 0;
        page.rows.append(row);
        lastValue = query.value(keyIndex);
    }
    if (more && !page.rows.isEmpty())
        page.next = CdrPageKey{lastValue, page.rows.constLast().id};
    return page;
}

StoreResult<std::optional<CdrPageKey>> SessionQuery::keyAt(const QSqlDatabase &db, bool postgres, qint64 projectId,
                                                           const CdrFilter &filter, const SessionSort &sort,
                                                           const CdrRowSeek &seek)
{
    const Column *sortColumn = column(sort.column);
    if (!sortColumn)
        return unknownColumn(sort.column);
    // From the end: the same sessions in the opposite order, from the first.
    QVariantList values;
    const QString sql =
        orderedSelect(QString(sortColumn->name) + u", id"_s, projectId, filter, *sortColumn,
                      sort.descending != seek.fromEnd, seek.fromEnd ? std::nullopt : seek.after, postgres, &values)
        + u" LIMIT 1 OFFSET "_s + QString::number(std::max<qint64>(0, seek.offset));
    QSqlQuery query(db);
    if (!run(query, sql, values))
        return StoreError{QueryText::tr("Could not find the sessions to jump to."), query.lastError().text()};
    if (!query.next())
        return std::optional<CdrPageKey>();
    return std::optional<CdrPageKey>(CdrPageKey{query.value(0), query.value(1).toLongLong()});
}

StoreResult<qint64> SessionQuery::rowOfOn(const QSqlDatabase &db, bool postgres, qint64 projectId,
                                          const CdrFilter &filter, const SessionSort &sort, qint64 sessionId)
{
    const Column *sortColumn = column(sort.column);
    if (!sortColumn)
        return unknownColumn(sort.column);
    QVariantList values{projectId};
    const QString where = u" FROM sessions WHERE project_id = ? AND "_s + whereClause(filter, postgres, &values);
    QSqlQuery query(db);
    QVariantList selected = values;
    selected.append(sessionId);
    if (!run(query, u"SELECT COUNT(*)"_s + where + u" AND id = ?"_s, selected) || !query.next())
        return StoreError{QueryText::tr("Could not find the selected session again."), query.lastError().text()};
    if (query.value(0).toLongLong() == 0)
        return qint64(-1);
    // The sessions before it: the same comparison keyset paging makes, against its own key.
    const QString sortExpr =
        QString(sortColumn->name) + (sortColumn->text && postgres ? u" COLLATE \"C\""_s : QString());
    values.append(sessionId);
    const QString sql = u"SELECT COUNT(*)"_s + where + u" AND ("_s + sortExpr + u", id) "_s
        + (sort.descending ? u">"_s : u"<"_s) + u" (SELECT "_s + sortExpr + u", id FROM sessions WHERE id = ?)"_s;
    if (!run(query, sql, values) || !query.next())
        return StoreError{QueryText::tr("Could not find the selected session again."), query.lastError().text()};
    return query.value(0).toLongLong();
}

void SessionQuery::rowOf(const CdrFilter &filter, const SessionSort &sort, qint64 sessionId,
                         std::function<void(StoreResult<qint64>)> done)
{
    const bool postgres = m_store->isPostgres();
    const qint64 projectId = m_projectId;
    StoreWorker *worker = m_worker;
    m_worker->run<StoreResult<qint64>>(
        [filter, sort, sessionId, postgres, projectId, worker](QSqlDatabase &db) -> StoreResult<qint64> {
            if (!db.isOpen())
                return worker->openError();
            return rowOfOn(db, postgres, projectId, filter, sort, sessionId);
        },
        std::move(done));
}

StoreResult<qint64> SessionQuery::countNow(const CdrFilter &filter) const
{
    return countOn(m_store->database(), m_store->isPostgres(), m_projectId, filter);
}

void SessionQuery::count(const CdrFilter &filter, std::function<void(StoreResult<qint64>)> done)
{
    const bool postgres = m_store->isPostgres();
    const qint64 projectId = m_projectId;
    StoreWorker *worker = m_worker;
    m_worker->run<StoreResult<qint64>>(
        [filter, postgres, projectId, worker](QSqlDatabase &db) -> StoreResult<qint64> {
            if (!db.isOpen())
                return worker->openError();
            return countOn(db, postgres, projectId, filter);
        },
        std::move(done));
}

void SessionQuery::rooms(std::function<void(StoreResult<QList<SessionRoom>>)> done)
{
    const qint64 projectId = m_projectId;
    StoreWorker *worker = m_worker;
    m_worker->run<StoreResult<QList<SessionRoom>>>(
        [projectId, worker](QSqlDatabase &db) -> StoreResult<QList<SessionRoom>> {
            if (!db.isOpen())
                return worker->openError();
            QSqlQuery query(db);
            // A room renamed over time keeps one entry: the id is the room, the name a label. Rows
            // in the classic shape carry no room name; the last room listing (RoomCache) has it.
            if (!run(query,
                     u"SELECT s.room_id, COALESCE(NULLIF(MAX(s.room_name), ''), MAX(r.name), '') AS label, "
                     "COUNT(*) FROM sessions s LEFT JOIN rooms r ON r.project_id = s.project_id "
                     "AND r.room_id = s.room_id WHERE s.project_id = ? GROUP BY s.room_id "
                     "ORDER BY label, s.room_id"_s,
                     {projectId}))
                return StoreError{QueryText::tr("Could not read the rooms of the stored sessions."),
                                  query.lastError().text()};
            QList<SessionRoom> rooms;
            while (query.next())
                rooms.append(SessionRoom{query.value(0).toString(), query.value(1).toString(), query.value(2).toInt()});
            return rooms;
        },
        std::move(done));
}

} // namespace confero
