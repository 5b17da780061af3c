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

const QString kSelect =
    u"SELECT id, cdr_id, app_id, conf_num, call_num, call_log_id, room_id, room_name, name, user_ref, role, "
    "agent, ip, connect_ms, disconnect_ms, duration_s, published_minutes, subscribed_minutes, "
    "connect_minutes, recorded, trans_date_ms, problems, raw_json FROM participants"_s;

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

// The connection's sqlite3 handle when it is Qt's SQLite driver (see CdrIngest): pages are read
// through it directly, without a QVariant per value, which is most of what reading a page of 23
// columns costs (an export reads every row this way).
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

sqlite3 *sqliteHandle(const QSqlDatabase &db)
{
    if (!db.driver())
        return nullptr;
    const QVariant handle = db.driver()->handle();
    if (!handle.isValid() || qstrcmp(handle.typeName(), "sqlite3*") != 0)
        return nullptr;
    return *static_cast<sqlite3 *const *>(handle.constData());
}

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

StoreResult<qint64> countOn(const QSqlDatabase &db, bool postgres, qint64 projectId, const CdrFilter &filter)
{
    QVariantList values;
    QSqlQuery query(db);
    query.setForwardOnly(true);
    query.prepare(u"SELECT COUNT(*) FROM participants WHERE project_id = ? AND "_s
                  + CdrQuery::whereClause(filter, postgres, &values));
    query.addBindValue(projectId);
    for (const QVariant &value : std::as_const(values))
        query.addBindValue(value);
    if (!query.exec() || !query.next())
        return StoreError{QueryText::tr("Could not count the call records."), query.lastError().text()};
    return query.value(0).toLongLong();
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
            QString phrase = filter.text;
            phrase.replace(u'"', u"\"\""_s);
            terms.append(u"id IN (SELECT rowid FROM participants_search WHERE participants_search MATCH ?)"_s);
            values->append(QString(u"{name user_ref} : \""_s + phrase + u'"'));
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

bool CdrQuery::triesSortIndex(const CdrFilter &filter, const CdrSort &sort)
{
    // A text search has its own index (the trigrams) and one session is a handful of rows: the
    // planner's plan is the right one. Sorted by join time, the join-time index gives the order.
    if (!filter.text.isEmpty() || !filter.confNum.isEmpty() || sort.column == u"connect_ms")
        return false;
    return filter.from.isValid() || filter.to.isValid() || !filter.roomId.isEmpty() || !filter.role.isEmpty()
        || filter.minDurationS > 0;
}

QString CdrQuery::pageSql(const CdrFilter &filter, const CdrSort &sort, bool postgres, int limit,
                          const std::optional<CdrPageKey> &after, QVariantList *values, Content content, Plan plan)
{
    const Column *sortColumn = column(sort.column);
    if (!sortColumn)
        return {};
    // PostgreSQL would sort text by the database's locale; byte order is what SQLite does, and one
    // order on both backends is what makes the same query give the same pages.
    const QString sortExpr =
        QString(sortColumn->name) + (sortColumn->text && postgres ? u" COLLATE \"C\""_s : QString());
    const QString direction = sort.descending ? u" DESC"_s : u" ASC"_s;

    // Without raw_json the column stays, empty, so every reader finds the columns where they are.
    QString sql =
        (content == Content::Whole ? kSelect
                                   : QString(kSelect).replace(u", raw_json FROM"_s, u", '' AS raw_json FROM"_s))
        + u" WHERE project_id = ? AND "_s + whereClause(filter, postgres, values, plan);
    if (after) {
        // Row values compare (a, b) lexicographically on both SQLite (3.15+) and PostgreSQL.
        sql += u" AND ("_s + sortExpr + u", id) "_s + (sort.descending ? u"<"_s : u">"_s) + u" (?, ?)"_s;
        values->append(after->value);
        values->append(after->id);
    }
    if (sortColumn->name == QLatin1StringView("id"))
        sql += u" ORDER BY id"_s + direction;
    else
        sql += u" ORDER BY "_s + sortExpr + direction + u", id"_s + direction;
    sql += u" LIMIT "_s + QString::number(std::max(1, limit) + 1);
    return sql;
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
    static const QStringList selected = kSelect.mid(7, kSelect.indexOf(u" FROM"_s) - 7).split(u", "_s);
    const qsizetype keyIndex = selected.indexOf(QString(sortColumn->name));
    QVariant lastValue;
    bool more = false;

    if (sqlite3 *handle = sqliteHandle(db)) {
        // One page through the raw handle; nothing (and the page untouched) when the budget ran out.
        const auto readPage = [&](const QString &text, const QVariantList &bound,
                                  int budgetMs) -> std::optional<StoreResult<CdrPage>> {
            CdrPage read;
            QVariant last;
            bool further = false;
            sqlite3_stmt *statement = nullptr;
            const QByteArray utf8 = text.toUtf8();
            if (sqlite3_prepare_v2(handle, utf8.constData(), int(utf8.size()), &statement, nullptr) != SQLITE_OK) {
                const QString detail = QString::fromUtf8(sqlite3_errmsg(handle));
                sqlite3_finalize(statement);
                return StoreError{QueryText::tr("Could not read the call records."), detail};
            }
            QueryBudget budget{QElapsedTimer(), budgetMs};
            if (budgetMs > 0) {
                budget.clock.start();
                sqlite3_progress_handler(handle, 1000, &QueryBudget::spent, &budget);
            }
            int code = bindRaw(statement, 1, projectId);
            for (qsizetype i = 0; code == SQLITE_OK && i < bound.size(); ++i)
                code = bindRaw(statement, int(i + 2), bound.at(i));
            while (code == SQLITE_OK || code == SQLITE_ROW) {
                code = sqlite3_step(statement);
                if (code != SQLITE_ROW)
                    break;
                if (read.rows.size() == wanted) {
                    further = true;
                    break;
                }
                read.rows.append(readRawRow(statement));
                last = keyIndex >= 0 ? rawValue(statement, int(keyIndex)) : QVariant();
            }
            if (budgetMs > 0)
                sqlite3_progress_handler(handle, 0, nullptr, nullptr);
            const QString detail = QString::fromUtf8(sqlite3_errmsg(handle));
            sqlite3_finalize(statement);
            if (code == SQLITE_INTERRUPT && budgetMs > 0)
                return std::nullopt;
            if (code != SQLITE_ROW && code != SQLITE_DONE)
                return StoreError{QueryText::tr("Could not read the call records."), detail};
            if (further && !read.rows.isEmpty())
                read.next = CdrPageKey{last, read.rows.constLast().id};
            return read;
        };
        if (triesSortIndex(filter, sort)) {
            // Walking the sort index finds a page at once when the filter keeps many rows; when it
            // keeps few, the walk is stopped and the planner's plan (an index on the filter, then
            // a sort of what it found) reads the page instead.
            QVariantList hintedValues;
            const QString hinted =
                pageSql(filter, sort, postgres, limit, after, &hintedValues, content, Plan::SortIndex);
            if (std::optional<StoreResult<CdrPage>> fast = readPage(hinted, hintedValues, SortIndexBudgetMs))
                return *fast;
        }
        return *readPage(sql, values, 0);
    }

    QSqlQuery query(db);
    query.setForwardOnly(true);
    query.prepare(sql);
    query.addBindValue(projectId);
    for (const QVariant &value : std::as_const(values))
        query.addBindValue(value);
    if (!query.exec())
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
