#include "CdrQuery.h"

#include "Store.h"
#include "StoreWorker.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QTimeZone>

#include <functional>

#include <sqlite3.h>

namespace confero {

using namespace Qt::StringLiterals;

namespace {

class QueryText
{
    Q_DECLARE_TR_FUNCTIONS(confero::CdrQuery)
};

struct Column
{
    QLatin1StringView name;
    bool text;
};

// Every column a view can sort by; text columns compare byte-wise on both backends.
constexpr Column kColumns[] = {
    {QLatin1StringView("id"), false},
    {QLatin1StringView("conf_num"), true},
    {QLatin1StringView("room_id"), true},
    {QLatin1StringView("room_name"), true},
    {QLatin1StringView("name"), true},
    {QLatin1StringView("user_ref"), true},
    {QLatin1StringView("role"), true},
    {QLatin1StringView("agent"), true},
    {QLatin1StringView("ip"), true},
    {QLatin1StringView("connect_ms"), false},
    {QLatin1StringView("disconnect_ms"), false},
    {QLatin1StringView("duration_s"), false},
    {QLatin1StringView("published_minutes"), false},
    {QLatin1StringView("subscribed_minutes"), false},
    {QLatin1StringView("connect_minutes"), false},
    {QLatin1StringView("trans_date_ms"), false},
    {QLatin1StringView("cdr_id"), true},
    {QLatin1StringView("call_num"), true},
    {QLatin1StringView("call_log_id"), true},
};

const Column *column(const QString &name)
{
    for (const Column &column : kColumns) {
        if (column.name == name)
            return &column;
    }
    return nullptr;
}

const QString kSelected =
    u"id, cdr_id, app_id, conf_num, call_num, call_log_id, room_id, room_name, name, user_ref, role, "
    "agent, ip, connect_ms, disconnect_ms, duration_s, published_minutes, subscribed_minutes, "
    "connect_minutes, recorded, trans_date_ms, problems, raw_json"_s;
// The row as received lives beside the row (migration 14): read for the rows of a page only.
const QString kRawJson =
    u"(SELECT raw_json FROM participant_json WHERE participant_id = participants.id) AS raw_json"_s;

CdrStoredRow readRow(const QSqlQuery &query)
{
    CdrStoredRow stored;
    stored.id = query.value(0).toLongLong();
    CdrRow &row = stored.row;
    row.cdrId = query.value(1).toString();
    row.appId = query.value(2).toString();
    row.confNum = query.value(3).toString();
    row.callNum = query.value(4).toString();
    row.callLogId = query.value(5).toString();
    row.roomId = query.value(6).toString();
    row.roomName = query.value(7).toString();
    row.name = query.value(8).toString();
    row.userRef = query.value(9).toString();
    row.role = query.value(10).toString();
    row.agent = query.value(11).toString();
    row.ip = query.value(12).toString();
    row.connectMs = query.value(13).toLongLong();
    row.disconnectMs = query.value(14).toLongLong();
    row.durationS = query.value(15).toDouble();
    row.publishedMinutes = query.value(16).toDouble();
    row.subscribedMinutes = query.value(17).toDouble();
    row.connectMinutes = query.value(18).toDouble();
    row.recorded = query.value(19).toInt() != 0;
    row.transDateMs = query.value(20).toLongLong();
    const QString problems = query.value(21).toString();
    if (!problems.isEmpty())
        row.problems = problems.split(u"; "_s);
    row.rawJson = query.value(22).toString().toUtf8();
    return stored;
}

// A time limit on one statement, checked by SQLite's progress handler every thousand VM steps.
struct QueryBudget
{
    QElapsedTimer clock;
    int ms = 0;

    static int spent(void *budget)
    {
        const auto *self = static_cast<const QueryBudget *>(budget);
        return self->clock.elapsed() > self->ms ? 1 : 0;
    }
};

// A value as Qt's SQLite driver would have answered it (INTEGER as qlonglong, REAL as double, TEXT
// as QString, NULL as a null QString): page keys go back into queries the model runs with QSqlQuery.
QVariant rawValue(sqlite3_stmt *statement, int column)
{
    switch (sqlite3_column_type(statement, column)) {
    case SQLITE_INTEGER:
        return QVariant(qlonglong(sqlite3_column_int64(statement, column)));
    case SQLITE_FLOAT:
        return QVariant(sqlite3_column_double(statement, column));
    case SQLITE_NULL:
        return QVariant(QMetaType::fromType<QString>());
    case SQLITE_BLOB:
        return QVariant(QByteArray(static_cast<const char *>(sqlite3_column_blob(statement, column)),
                                   sqlite3_column_bytes(statement, column)));
    default:
        return QVariant(QString(static_cast<const QChar *>(sqlite3_column_text16(statement, column)),
                                sqlite3_column_bytes16(statement, column) / 2));
    }
}

QString rawText(sqlite3_stmt *statement, int column)
{
    const void *data = sqlite3_column_text16(statement, column);
    return data ? QString(static_cast<const QChar *>(data), sqlite3_column_bytes16(statement, column) / 2) : QString();
}

// Binds as Qt's SQLite driver binds a QVariant: whole numbers as 64-bit integers, doubles, text as
// UTF-16, a null as NULL.
int bindRaw(sqlite3_stmt *statement, int index, const QVariant &value)
{
    // Qt binds a null QString as NULL too (QVariant::isNull() no longer says so in Qt 6).
    if (value.isNull() || (value.metaType().id() == QMetaType::QString && value.toString().isNull()))
        return sqlite3_bind_null(statement, index);
    switch (value.metaType().id()) {
    case QMetaType::Int:
    case QMetaType::UInt:
    case QMetaType::LongLong:
    case QMetaType::ULongLong:
    case QMetaType::Bool:
        return sqlite3_bind_int64(statement, index, value.toLongLong());
    case QMetaType::Double:
    case QMetaType::Float:
        return sqlite3_bind_double(statement, index, value.toDouble());
    default: {
        const QString text = value.toString();
        return sqlite3_bind_text16(statement, index, text.utf16(), int(text.size() * 2), SQLITE_TRANSIENT);
    }
    }
}

CdrStoredRow readRawRow(sqlite3_stmt *statement)
{
    CdrStoredRow stored;
    stored.id = sqlite3_column_int64(statement, 0);
    CdrRow &row = stored.row;
    row.cdrId = rawText(statement, 1);
    row.appId = rawText(statement, 2);
    row.confNum = rawText(statement, 3);
    row.callNum = rawText(statement, 4);
    row.callLogId = rawText(statement, 5);
    row.roomId = rawText(statement, 6);
    row.roomName = rawText(statement, 7);
    row.name = rawText(statement, 8);
    row.userRef = rawText(statement, 9);
    row.role = rawText(statement, 10);
    row.agent = rawText(statement, 11);
    row.ip = rawText(statement, 12);
    row.connectMs = rawValue(statement, 13).toLongLong();
    row.disconnectMs = rawValue(statement, 14).toLongLong();
    row.durationS = rawValue(statement, 15).toDouble();
    row.publishedMinutes = rawValue(statement, 16).toDouble();
    row.subscribedMinutes = rawValue(statement, 17).toDouble();
    row.connectMinutes = rawValue(statement, 18).toDouble();
    row.recorded = rawValue(statement, 19).toInt() != 0;
    row.transDateMs = rawValue(statement, 20).toLongLong();
    const QString problems = rawText(statement, 21);
    if (!problems.isEmpty())
        row.problems = problems.split(u"; "_s);
    // raw_json as stored when it is plain ASCII (the bytes the UTF-16 route would give back);
    // anything else takes that route, so the text is exactly what QSqlQuery would have answered.
    const auto *bytes = static_cast<const char *>(sqlite3_column_blob(statement, 22));
    const int size = sqlite3_column_bytes(statement, 22);
    bool ascii = sqlite3_column_type(statement, 22) == SQLITE_TEXT;
    for (int i = 0; ascii && i < size; ++i)
        ascii = static_cast<unsigned char>(bytes[i]) < 0x80;
    row.rawJson = ascii ? QByteArray(bytes, size) : rawValue(statement, 22).toString().toUtf8();
    return stored;
}

enum class Step { Done, OutOfTime, Failed };

// Runs `sql` on the raw handle with `bound` bound in order, calling `onRow` for each row until it
// answers false. With budgetMs > 0 SQLite's progress handler stops the statement after that long
// (OutOfTime). `detail` gets SQLite's message when it fails.
Step stepRaw(sqlite3 *handle, const QString &sql, const QVariantList &bound, int budgetMs,
             const std::function<bool(sqlite3_stmt *)> &onRow, QString *detail)
{
    sqlite3_stmt *statement = nullptr;
    const QByteArray utf8 = sql.toUtf8();
    if (sqlite3_prepare_v2(handle, utf8.constData(), int(utf8.size()), &statement, nullptr) != SQLITE_OK) {
        *detail = QString::fromUtf8(sqlite3_errmsg(handle));
        sqlite3_finalize(statement);
        return Step::Failed;
    }
    QueryBudget budget{QElapsedTimer(), budgetMs};
    if (budgetMs > 0) {
        budget.clock.start();
        sqlite3_progress_handler(handle, 1000, &QueryBudget::spent, &budget);
    }
    int code = SQLITE_OK;
    for (qsizetype i = 0; code == SQLITE_OK && i < bound.size(); ++i)
        code = bindRaw(statement, int(i + 1), bound.at(i));
    if (code == SQLITE_OK) {
        while ((code = sqlite3_step(statement)) == SQLITE_ROW) {
            if (!onRow(statement))
                break;
        }
    }
    if (budgetMs > 0)
        sqlite3_progress_handler(handle, 0, nullptr, nullptr);
    *detail = QString::fromUtf8(sqlite3_errmsg(handle));
    sqlite3_finalize(statement);
    if (code == SQLITE_INTERRUPT && budgetMs > 0)
        return Step::OutOfTime;
    return code == SQLITE_ROW || code == SQLITE_DONE ? Step::Done : Step::Failed;
}

qint64 dayStartMs(const QDate &day)
{
    return QDateTime(day, QTime(0, 0), QTimeZone::utc()).toMSecsSinceEpoch();
}

QString likePattern(const QString &text)
{
    QString escaped;
    escaped.reserve(text.size() + 2);
    for (const QChar c : text) {
        if (c == u'\\' || c == u'%' || c == u'_')
            escaped += u'\\';
        escaped += c;
    }
    return u'%' + escaped + u'%';
}

// Runs `sql` through QSqlQuery (PostgreSQL, and SQLite counts), the project id bound first and then
// `values`, forward only.
bool execWith(QSqlQuery &query, const QString &sql, qint64 projectId, const QVariantList &values)
{
    query.setForwardOnly(true);
    if (!query.prepare(sql))
        return false;
    query.addBindValue(projectId);
    for (const QVariant &value : values)
        query.addBindValue(value);
    return query.exec();
}

StoreResult<qint64> countOn(const QSqlDatabase &db, bool postgres, qint64 projectId, const CdrFilter &filter)
{
    QVariantList values;
    QSqlQuery query(db);
    // A search alone on SQLite: each match is looked up in the (project, id) index, not in the
    // table, whose rows are a few kilobytes each (100,000 matches: 85 ms instead of 300).
    const bool searchAlone = !postgres && filter.text.size() >= 3 && !filter.from.isValid() && !filter.to.isValid()
        && filter.roomId.isEmpty() && filter.confNum.isEmpty() && filter.role.isEmpty() && filter.minDurationS <= 0;
    const QString sql = u"SELECT COUNT(*) FROM participants "_s
        + (searchAlone ? u"INDEXED BY participants_by_id "_s : QString()) + u"WHERE project_id = ? AND "_s
        + CdrQuery::whereClause(filter, postgres, &values);
    if (!execWith(query, sql, projectId, values) || !query.next())
        return StoreError{QueryText::tr("Could not count the call records."), query.lastError().text()};
    return query.value(0).toLongLong();
}

// The single number `sql` (a capped COUNT) answers within CdrQuery::FewRowsBudgetMs; nothing when it
// took longer or failed (a probe: the caller then reads as if there were many).
std::optional<qint64> cappedCount(sqlite3 *handle, const QString &sql, const QVariantList &bound)
{
    qint64 counted = 0;
    QString detail;
    const Step step = stepRaw(
        handle, sql, bound, CdrQuery::FewRowsBudgetMs,
        [&](sqlite3_stmt *statement) {
            counted = sqlite3_column_int64(statement, 0);
            return false;
        },
        &detail);
    return step == Step::Done ? std::optional<qint64>(counted) : std::nullopt;
}

// A search as a phrase of the trigram index: any substring of 3 or more characters, in any case.
QString matchPhrase(const QString &text)
{
    QString phrase = text;
    phrase.replace(u'"', u"\"\""_s);
    return u"{name user_ref} : \""_s + phrase + u'"';
}

// The index, of those the filter's terms start (each holds every filter column, migration 13), that
// shows the filter's terms other than a search keep fewer than `fewRows` rows, read for at most a few milliseconds
// each; nothing when none does. Each is tried because SQLite has no histogram to choose by: it
// took "role = 'audience'" (no row) to be as common as "duration >= 60" (almost every row).
std::optional<QString> fewRowsIndex(sqlite3 *handle, qint64 projectId, const CdrFilter &given, int fewRows)
{
    CdrFilter filter = given;
    filter.text.clear(); // a search is not in these indexes: the rows of the other terms are counted
    QStringList indexes;
    if (!filter.role.isEmpty())
        indexes.append(u"participants_by_role"_s);
    if (!filter.roomId.isEmpty())
        indexes.append(u"participants_by_room"_s);
    if (filter.from.isValid() || filter.to.isValid())
        indexes.append(u"participants_by_connect"_s);
    if (filter.minDurationS > 0)
        indexes.append(u"participants_by_duration"_s);
    QVariantList bound{projectId};
    const QString where = CdrQuery::whereClause(filter, false, &bound);
    for (const QString &index : std::as_const(indexes)) {
        const QString sql = u"SELECT COUNT(*) FROM (SELECT 1 FROM participants INDEXED BY "_s + index
            + u" WHERE project_id = ? AND "_s + where + u" LIMIT "_s + QString::number(fewRows) + u')';
        if (const std::optional<qint64> counted = cappedCount(handle, sql, bound))
            return *counted < fewRows ? std::optional<QString>(index) : std::nullopt; // exact either way
    }
    return std::nullopt;
}

// Whether a search matches fewer than CdrQuery::FewRows rows in the trigram index (in any
// project), found within CdrQuery::FewRowsBudgetMs; false when it matches more or takes longer.
bool fewMatches(sqlite3 *handle, const CdrFilter &filter)
{
    const QString sql = u"SELECT COUNT(*) FROM (SELECT 1 FROM participants_search WHERE participants_search MATCH ? "
                        "LIMIT "_s
        + QString::number(CdrQuery::FewRows) + u')';
    const std::optional<qint64> counted = cappedCount(handle, sql, {matchPhrase(filter.text)});
    return counted && *counted < CdrQuery::FewRows;
}

} // namespace

CdrQuery::CdrQuery(Store *store, qint64 projectId, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_projectId(projectId)
    , m_worker(new StoreWorker(store, this))
{
}

CdrQuery::~CdrQuery() = default;

QStringList CdrQuery::columns()
{
    QStringList names;
    for (const Column &column : kColumns)
        names.append(column.name);
    return names;
}

bool CdrQuery::isColumn(const QString &name)
{
    return column(name) != nullptr;
}

QString CdrQuery::whereClause(const CdrFilter &filter, bool postgres, QVariantList *values, Plan plan)
{
    // `+column` is the same value to SQLite, but no index may serve the term.
    const QString unindexed = plan == Plan::SortIndex ? u"+"_s : QString();
    QStringList terms{u"1 = 1"_s};
    if (filter.from.isValid()) {
        terms.append(unindexed + u"connect_ms >= ?"_s);
        values->append(dayStartMs(filter.from));
    }
    if (filter.to.isValid()) {
        terms.append(unindexed + u"connect_ms < ?"_s);
        values->append(dayStartMs(filter.to.addDays(1)));
    }
    if (!filter.roomId.isEmpty()) {
        terms.append(unindexed + u"room_id = ?"_s);
        values->append(filter.roomId);
    }
    if (!filter.confNum.isEmpty()) {
        terms.append(u"conf_num = ?"_s);
        values->append(filter.confNum);
    }
    if (!filter.role.isEmpty()) {
        terms.append(unindexed + u"role = ?"_s);
        values->append(filter.role.trimmed().toLower());
    }
    if (filter.minDurationS > 0) {
        terms.append(unindexed + u"duration_s >= ?"_s);
        values->append(filter.minDurationS);
    }
    if (!filter.text.isEmpty()) {
        if (!postgres && filter.text.size() >= 3) {
            // The trigram index (migration 3) finds any substring of 3 or more characters, in any
            // case, without scanning: a phrase of the text's trigrams is exactly "contains".
            if (plan == Plan::SortIndex) {
                // Walking the sort index: each row is asked whether it matches, as the trigram
                // index would answer (TrigramContains), without finding every match first.
                terms.append(u"(confero_contains(name, ?) OR confero_contains(user_ref, ?))"_s);
                values->append(filter.text);
                values->append(filter.text);
            } else {
                // Reading a filter's index (FilterIndex), each row's id is looked up in the matches
                // there (`+id`), no table read; otherwise the matches are the rows read.
                terms.append((plan == Plan::FilterIndex ? u"+"_s : QString())
                             + u"id IN (SELECT rowid FROM participants_search WHERE participants_search MATCH ?)"_s);
                values->append(matchPhrase(filter.text));
            }
        } else {
            // SQLite's LIKE ignores the case of ASCII letters; PostgreSQL needs ILIKE for the same.
            const QString like = postgres ? u"ILIKE"_s : u"LIKE"_s;
            terms.append(u"(name "_s + like + u" ? ESCAPE '\\' OR user_ref "_s + like + u" ? ESCAPE '\\')"_s);
            const QString pattern = likePattern(filter.text);
            values->append(pattern);
            values->append(pattern);
        }
    }
    return terms.join(u" AND "_s);
}

QList<CdrQuery::PlanTry> CdrQuery::plansFor(sqlite3 *handle, qint64 projectId, const CdrFilter &filter,
                                            const CdrSort &sort)
{
    const bool search = filter.text.size() >= 3;
    const bool narrowed = filter.from.isValid() || filter.to.isValid() || !filter.roomId.isEmpty()
        || !filter.role.isEmpty() || filter.minDurationS > 0;
    const PlanTry planner{Plan::Planner, {}, 0};
    // One session is a handful of rows: its own index and a sort are the right plan.
    if (!filter.confNum.isEmpty() || (!search && !narrowed))
        return {planner};
    if (search && narrowed) {
        // The planner seeks each of the search's matches (30,000 for "elena") in an index; reading
        // the range of the other terms and looking each row up in the matches is quicker when that
        // range is not the whole table. A search keeps few of the rows it is given.
        if (const std::optional<QString> index = fewRowsIndex(handle, projectId, filter, 25 * FewRows))
            return {{Plan::FilterIndex, *index, 0}};
        return {planner};
    }
    if (!search && sort.column == u"connect_ms")
        return {planner}; // the join-time index gives the order of a date range
    // A filter that keeps few rows: its index, and a sort of those. One that keeps many (or a search
    // alone, which the trigram index answers in no order): walking the sort index finds a page at
    // once. Between the two the walk is stopped after a while and the planner's plan reads the page.
    if (!search) {
        if (const std::optional<QString> index = fewRowsIndex(handle, projectId, filter, FewRows))
            return {{Plan::FilterIndex, *index, 0}};
    } else if (fewMatches(handle, filter)) {
        return {planner}; // the walk would pass every row to find none or a few
    }
    // A search's other plan reads every match (2,000 or more here) and sorts them: worth a longer walk.
    return {{Plan::SortIndex, {}, search ? 4 * SortIndexBudgetMs : SortIndexBudgetMs}, planner};
}

QString CdrQuery::orderedSql(const QString &selected, const CdrFilter &filter, const CdrSort &sort, bool postgres,
                             const std::optional<CdrPageKey> &after, QVariantList *values, Plan plan,
                             const QString &index)
{
    const Column *sortColumn = column(sort.column);
    if (!sortColumn)
        return {};
    // PostgreSQL would sort text by the database's locale; byte order is what SQLite does, and one
    // order on both backends is what makes the same query give the same pages.
    // FilterIndex: `+` keeps every index from giving the order (or the keyset's range), so the
    // filter's own index is read and its few rows sorted.
    const QString unordered = plan == Plan::FilterIndex ? u"+"_s : QString();
    const QString sortExpr =
        unordered + QString(sortColumn->name) + (sortColumn->text && postgres ? u" COLLATE \"C\""_s : QString());
    const QString idExpr = unordered + u"id"_s;
    const QString direction = sort.descending ? u" DESC"_s : u" ASC"_s;
    QString sql = u"SELECT "_s + selected + u" FROM participants "_s
        + (index.isEmpty() ? QString() : u"INDEXED BY "_s + index + u' ') + u"WHERE project_id = ? AND "_s
        + whereClause(filter, postgres, values, plan);
    if (after) {
        // Row values compare (a, b) lexicographically on both SQLite (3.15+) and PostgreSQL.
        sql += u" AND ("_s + sortExpr + u", "_s + idExpr + u") "_s + (sort.descending ? u"<"_s : u">"_s) + u" (?, ?)"_s;
        values->append(after->value);
        values->append(after->id);
    }
    if (sortColumn->name == QLatin1StringView("id"))
        sql += u" ORDER BY "_s + idExpr + direction;
    else
        sql += u" ORDER BY "_s + sortExpr + direction + u", "_s + idExpr + direction;
    return sql;
}

QString CdrQuery::pageSql(const CdrFilter &filter, const CdrSort &sort, bool postgres, int limit,
                          const std::optional<CdrPageKey> &after, QVariantList *values, Content content, Plan plan,
                          const QString &index)
{
    // Without raw_json the column stays, empty, so every reader finds the columns where they are.
    const QString sql =
        orderedSql(QString(kSelected).replace(u", raw_json"_s,
                                              content == Content::Whole ? u", "_s + kRawJson : u", '' AS raw_json"_s),
                   filter, sort, postgres, after, values, plan, index);
    return sql.isEmpty() ? sql : sql + u" LIMIT "_s + QString::number(std::max(1, limit) + 1);
}

StoreResult<CdrPage> CdrQuery::page(const CdrFilter &filter, const CdrSort &sort, int limit,
                                    const std::optional<CdrPageKey> &after, Content content) const
{
    return pageOn(m_store->database(), m_store->isPostgres(), m_projectId, filter, sort, limit, after, content);
}

StoreResult<CdrPage> CdrQuery::pageOn(const QSqlDatabase &db, bool postgres, qint64 projectId, const CdrFilter &filter,
                                      const CdrSort &sort, int limit, const std::optional<CdrPageKey> &after,
                                      Content content)
{
    const Column *sortColumn = column(sort.column);
    if (!sortColumn)
        return StoreError{QueryText::tr("Call records cannot be sorted by \"%1\"; use one of: %2.")
                              .arg(sort.column, columns().join(u", "_s)),
                          {}};
    QVariantList values;
    const QString sql = pageSql(filter, sort, postgres, limit, after, &values, content);

    CdrPage page;
    const int wanted = std::max(1, limit);
    // The sort column's index in the SELECT, to read the page's last key from.
    static const QStringList selected = kSelected.split(u", "_s);
    const qsizetype keyIndex = selected.indexOf(QString(sortColumn->name));
    QVariant lastValue;
    bool more = false;

    if (sqlite3 *handle = Store::sqliteHandle(db)) {
        // One page through the raw handle; nothing (and the page untouched) when the budget ran out.
        const auto readPage = [&](const QString &text, const QVariantList &bound,
                                  int budgetMs) -> std::optional<StoreResult<CdrPage>> {
            CdrPage read;
            QVariant last;
            bool further = false;
            QString detail;
            const Step step = stepRaw(
                handle, text, QVariantList{projectId} + bound, budgetMs,
                [&](sqlite3_stmt *statement) {
                    if (read.rows.size() == wanted) {
                        further = true;
                        return false;
                    }
                    read.rows.append(readRawRow(statement));
                    last = keyIndex >= 0 ? rawValue(statement, int(keyIndex)) : QVariant();
                    return true;
                },
                &detail);
            if (step == Step::OutOfTime)
                return std::nullopt;
            if (step == Step::Failed)
                return StoreError{QueryText::tr("Could not read the call records."), detail};
            if (further && !read.rows.isEmpty())
                read.next = CdrPageKey{last, read.rows.constLast().id};
            return read;
        };
        const QList<PlanTry> plans = plansFor(handle, projectId, filter, sort);
        for (const PlanTry &plan : plans) {
            QVariantList planValues;
            const QString planSql =
                pageSql(filter, sort, postgres, limit, after, &planValues, content, plan.plan, plan.index);
            if (std::optional<StoreResult<CdrPage>> read = readPage(planSql, planValues, plan.budgetMs))
                return *read;
        }
        return StoreError{QueryText::tr("Could not read the call records."), {}}; // the last plan has no budget
    }

    QSqlQuery query(db);
    if (!execWith(query, sql, projectId, values))
        return StoreError{QueryText::tr("Could not read the call records."), query.lastError().text()};
    while (query.next()) {
        if (page.rows.size() == wanted) {
            more = true;
            break;
        }
        page.rows.append(readRow(query));
        lastValue = keyIndex >= 0 ? query.value(static_cast<int>(keyIndex)) : QVariant();
    }
    if (more && !page.rows.isEmpty())
        page.next = CdrPageKey{lastValue, page.rows.constLast().id};
    return page;
}

StoreResult<std::optional<CdrPageKey>> CdrQuery::keyAtOn(const QSqlDatabase &db, bool postgres, qint64 projectId,
                                                         const CdrFilter &filter, const CdrSort &sort,
                                                         const CdrRowSeek &seek)
{
    const Column *sortColumn = column(sort.column);
    if (!sortColumn)
        return StoreError{QueryText::tr("Call records cannot be sorted by \"%1\"; use one of: %2.")
                              .arg(sort.column, columns().join(u", "_s)),
                          {}};
    // From the end: the same rows in the opposite order, from the first.
    CdrSort order = sort;
    order.descending = sort.descending != seek.fromEnd;
    const std::optional<CdrPageKey> after = seek.fromEnd ? std::nullopt : seek.after;
    const QString selected = QString(sortColumn->name) + u", id"_s;
    const QString tail = u" LIMIT 1 OFFSET "_s + QString::number(std::max<qint64>(0, seek.offset));
    const auto failed = [](const QString &detail) {
        return StoreError{QueryText::tr("Could not find the rows to jump to."), detail};
    };

    if (sqlite3 *handle = Store::sqliteHandle(db)) {
        using Found = StoreResult<std::optional<CdrPageKey>>;
        const auto seekWith = [&](Plan plan, int budgetMs, const QString &index = {}) -> std::optional<Found> {
            QVariantList bound{projectId};
            const QString sql = orderedSql(selected, filter, order, postgres, after, &bound, plan, index) + tail;
            std::optional<CdrPageKey> found;
            QString detail;
            const Step step = stepRaw(
                handle, sql, bound, budgetMs,
                [&](sqlite3_stmt *statement) {
                    found = CdrPageKey{rawValue(statement, 0), sqlite3_column_int64(statement, 1)};
                    return false;
                },
                &detail);
            if (step == Step::OutOfTime)
                return std::nullopt;
            if (step == Step::Failed)
                return Found(failed(detail));
            return Found(found);
        };
        for (const PlanTry &plan : plansFor(handle, projectId, filter, order)) {
            if (std::optional<Found> found = seekWith(plan.plan, plan.budgetMs, plan.index))
                return *found;
        }
        return failed({}); // the last plan has no budget
    }

    QVariantList values;
    const QString sql = orderedSql(selected, filter, order, postgres, after, &values, Plan::Planner) + tail;
    QSqlQuery query(db);
    if (!execWith(query, sql, projectId, values))
        return failed(query.lastError().text());
    if (!query.next())
        return std::optional<CdrPageKey>();
    return std::optional<CdrPageKey>(CdrPageKey{query.value(0), query.value(1).toLongLong()});
}

StoreResult<qint64> CdrQuery::countNow(const CdrFilter &filter) const
{
    return countOn(m_store->database(), m_store->isPostgres(), m_projectId, filter);
}

void CdrQuery::count(const CdrFilter &filter, std::function<void(StoreResult<qint64>)> done)
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

} // namespace confero
