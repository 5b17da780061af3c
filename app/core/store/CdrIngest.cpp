#include "CdrIngest.h"

#include "Logging.h"
#include "Store.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>

#include <sqlite3.h>

#include <algorithm>
#include <memory>
#include <optional>

namespace confero {

using namespace Qt::StringLiterals;

namespace {

class IngestText
{
    Q_DECLARE_TR_FUNCTIONS(confero::CdrIngest)
};

constexpr int kProblemsKept = 20;

StoreError failure(const QString &what, const QSqlQuery &query)
{
    return StoreError{what, query.lastError().text()};
}

// An empty text that binds as '' rather than NULL (a null QString binds as NULL, and the columns
// are NOT NULL so keyset comparisons never meet a NULL).
QVariant text(const QString &value)
{
    return value.isNull() ? QVariant(QStringLiteral("")) : QVariant(value);
}

struct Match
{
    qint64 id = 0;
    QString cdrId;
    QString cdrKey;
};

// One prepared statement on a raw handle, values bound the way Qt's SQLite driver binds them
// (text as UTF-16, integers as 64 bits, doubles as doubles), so what is stored is the same whichever
// path wrote it.
class RawStatement
{
public:
    RawStatement(sqlite3 *db, const char *sql)
        : m_db(db)
    {
        if (sqlite3_prepare_v2(db, sql, -1, &m_statement, nullptr) != SQLITE_OK)
            m_statement = nullptr;
    }
    ~RawStatement() { sqlite3_finalize(m_statement); }
    RawStatement(const RawStatement &) = delete;
    RawStatement &operator=(const RawStatement &) = delete;

    bool isValid() const { return m_statement != nullptr; }
    QString error() const { return QString::fromUtf8(sqlite3_errmsg(m_db)); }

    // Starts a new execution.
    void reset()
    {
        sqlite3_reset(m_statement);
        m_next = 1;
    }
    // An empty or null text binds as '' (never NULL): the columns are NOT NULL.
    void bind(const QString &text)
    {
        static const char16_t empty[] = u"";
        const void *data = text.isEmpty() ? static_cast<const void *>(empty) : static_cast<const void *>(text.utf16());
        // SQLITE_STATIC: the texts bound live until the statement has run (the caller's rows).
        sqlite3_bind_text16(m_statement, m_next++, data, int(text.size() * 2), SQLITE_STATIC);
    }
    // UTF-8 that is plain ASCII binds as it is (the same bytes the UTF-16 route would store); other
    // text goes the way Qt's driver would take it, through QString, so invalid sequences are
    // replaced exactly as before. `holder` keeps the converted text alive until the step.
    void bindUtf8(const QByteArray &utf8, QString *holder)
    {
        bool ascii = true;
        for (const char c : utf8) {
            if (static_cast<unsigned char>(c) >= 0x80) {
                ascii = false;
                break;
            }
        }
        if (ascii) {
            sqlite3_bind_text(m_statement, m_next++, utf8.isEmpty() ? "" : utf8.constData(), int(utf8.size()),
                              SQLITE_STATIC);
            return;
        }
        *holder = QString::fromUtf8(utf8);
        bind(*holder);
    }
    void bind(qint64 value) { sqlite3_bind_int64(m_statement, m_next++, value); }
    void bind(int value) { sqlite3_bind_int(m_statement, m_next++, value); }
    void bind(double value) { sqlite3_bind_double(m_statement, m_next++, value); }

    // SQLITE_ROW, SQLITE_DONE or an error code.
    int step() { return sqlite3_step(m_statement); }
    qint64 int64(int column) const { return sqlite3_column_int64(m_statement, column); }
    QString text(int column) const
    {
        const void *data = sqlite3_column_text16(m_statement, column);
        const int bytes = sqlite3_column_bytes16(m_statement, column);
        return data ? QString(static_cast<const QChar *>(data), bytes / 2) : QString();
    }

private:
    sqlite3 *m_db;
    sqlite3_stmt *m_statement = nullptr;
    int m_next = 1;
};

} // namespace

// The statements of an ingest, prepared once and reused by every window and batch: on the raw
// SQLite handle (bulk speed) or through QSqlQuery (PostgreSQL).
struct CdrIngest::Statements
{
    static constexpr const char *kByKey =
        "SELECT id, cdr_id, cdr_key FROM participants WHERE project_id = ? AND cdr_key = ?";
    static constexpr const char *kByNatural =
        "SELECT id, cdr_id, cdr_key FROM participants WHERE project_id = ? AND natural_key = ?";
    static constexpr const char *kByHash =
        "SELECT id, cdr_id, cdr_key FROM participants WHERE project_id = ? AND row_sha256 = ?";
#define CONFERO_INSERT_PARTICIPANT \
    "INSERT INTO participants (project_id, cdr_key, cdr_id, natural_key, row_sha256, app_id, conf_num, call_num, " \
    "call_log_id, room_id, room_name, name, user_ref, role, agent, ip, connect_ms, disconnect_ms, duration_s, " \
    "published_minutes, subscribed_minutes, connect_minutes, recorded, trans_date_ms, problems, synced_at) " \
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
    // SQLite gives the new row's id through sqlite3_last_insert_rowid(); PostgreSQL returns it.
    static constexpr const char *kInsert = CONFERO_INSERT_PARTICIPANT;
    static constexpr const char *kInsertReturning = CONFERO_INSERT_PARTICIPANT " RETURNING id";
#undef CONFERO_INSERT_PARTICIPANT
    static constexpr const char *kUpdate =
        "UPDATE participants SET cdr_key = ?, cdr_id = ?, natural_key = ?, row_sha256 = ?, app_id = ?, conf_num = ?, "
        "call_num = ?, call_log_id = ?, room_id = ?, room_name = ?, name = ?, user_ref = ?, role = ?, agent = ?, "
        "ip = ?, connect_ms = ?, disconnect_ms = ?, duration_s = ?, published_minutes = ?, subscribed_minutes = ?, "
        "connect_minutes = ?, recorded = ?, trans_date_ms = ?, problems = ?, synced_at = ? WHERE id = ?";
    // The row as received, beside it (migration 14). Plain statements that write one row: on
    // SQLite they need no savepoint of their own (see the migration).
    static constexpr const char *kInsertJson = "INSERT INTO participant_json (participant_id, raw_json) VALUES (?, ?)";
    static constexpr const char *kUpdateJson = "UPDATE participant_json SET raw_json = ? WHERE participant_id = ?";

    explicit Statements(const QSqlDatabase &db)
        : handle(Store::sqliteHandle(db))
        , byKey(db)
        , byNatural(db)
        , byHash(db)
        , insert(db)
        , update(db)
        , insertJson(db)
        , updateJson(db)
    {
    }

    // Empty when every statement is ready, else why not.
    QString prepare()
    {
        if (handle) {
            rawByKey.emplace(handle, kByKey);
            rawByNatural.emplace(handle, kByNatural);
            rawByHash.emplace(handle, kByHash);
            rawInsert.emplace(handle, kInsert);
            rawUpdate.emplace(handle, kUpdate);
            rawInsertJson.emplace(handle, kInsertJson);
            rawUpdateJson.emplace(handle, kUpdateJson);
            for (const std::optional<RawStatement> *statement :
                 {&rawByKey, &rawByNatural, &rawByHash, &rawInsert, &rawUpdate, &rawInsertJson, &rawUpdateJson}) {
                if (!(*statement)->isValid())
                    return (*statement)->error();
            }
            return {};
        }
        for (const auto &[query, sql] :
             {std::pair{&byKey, kByKey}, std::pair{&byNatural, kByNatural}, std::pair{&byHash, kByHash},
              std::pair{&insert, kInsertReturning}, std::pair{&update, kUpdate}, std::pair{&insertJson, kInsertJson},
              std::pair{&updateJson, kUpdateJson}}) {
            if (!query->prepare(QString::fromLatin1(sql)))
                return query->lastError().text();
        }
        return {};
    }

    sqlite3 *handle;
    std::optional<RawStatement> rawByKey, rawByNatural, rawByHash, rawInsert, rawUpdate, rawInsertJson, rawUpdateJson;
    QSqlQuery byKey, byNatural, byHash, insert, update, insertJson, updateJson;
};

CdrIngest::CdrIngest(const QSqlDatabase &db, qint64 projectId)
    : m_db(db)
    , m_projectId(projectId)
{
}

CdrIngest::~CdrIngest()
{
    if (m_open)
        m_db.rollback();
}

void CdrIngest::refreshStatistics(const QSqlDatabase &db, bool force)
{
    if (db.driverName() != QLatin1String("QSQLITE"))
        return;
    QSqlQuery query(db);
    // The rows the last ANALYZE saw (sqlite_stat1 exists only after the first), and now.
    qint64 analyzed = 0;
    if (query.exec(QStringLiteral("SELECT stat FROM sqlite_stat1 WHERE idx = 'participants_by_id'")) && query.next())
        analyzed = query.value(0).toString().section(QLatin1Char(' '), 0, 0).toLongLong();
    qint64 rows = 0;
    if (query.exec(QStringLiteral("SELECT COUNT(*) FROM participants")) && query.next())
        rows = query.value(0).toLongLong();
    if (rows == 0 || (!force && analyzed > 0 && qAbs(rows - analyzed) * 10 < analyzed))
        return;
    if (!query.exec(QStringLiteral("PRAGMA analysis_limit=0")) || !query.exec(QStringLiteral("ANALYZE")))
        qCWarning(lcStore) << "could not refresh the query planner's statistics:" << query.lastError().text();
}

QStringList CdrIngest::lookupIndexes()
{
    // Statements::kByKey, kByNatural, kByHash; recomputeSessions' read of a conference.
    return {u"participants_by_key"_s, u"participants_by_natural_key"_s, u"participants_by_row_sha256"_s,
            u"participants_by_conf"_s};
}

bool CdrIngest::inTransaction() const
{
    return m_open;
}

StoreResult<CdrIngestStats> CdrIngest::ingest(const QList<CdrRow> &rows)
{
    if (const StoreResult<bool> begun = begin(); !begun)
        return begun.error();
    StoreResult<CdrIngestStats> stats = add(rows);
    if (!stats)
        return stats;
    if (const StoreResult<bool> committed = commit(); !committed)
        return committed.error();
    return stats;
}

StoreResult<bool> CdrIngest::begin()
{
    if (m_open)
        return true;
    if (!m_db.isOpen())
        return StoreError{IngestText::tr("The call records could not be stored: the database is not open."),
                          m_db.lastError().text()};
    // On SQLite the write lock is taken at BEGIN: with a plain (deferred) BEGIN, two writers that both
    // read first (the Sessions page's sync and the reconciler at start-up) deadlock on the upgrade and
    // one fails at once with "database is locked" instead of waiting out busy_timeout.
    const bool sqlite = m_db.driverName() == QLatin1String("QSQLITE");
    QSqlQuery begin(m_db);
    if (sqlite ? !begin.exec(QStringLiteral("BEGIN IMMEDIATE")) : !m_db.transaction())
        return StoreError{IngestText::tr("Could not start storing call records."),
                          sqlite ? begin.lastError().text() : m_db.lastError().text()};
    m_open = true;
    m_pendingSessions.clear();
    if (!m_statements) {
        auto statements = std::make_unique<Statements>(m_db);
        if (const QString error = statements->prepare(); !error.isEmpty()) {
            rollback();
            return StoreError{IngestText::tr("Could not prepare storing call records."), error};
        }
        m_statements = std::move(statements);
    }
    return true;
}

void CdrIngest::rollback()
{
    m_db.rollback();
    m_open = false;
    m_pendingSessions.clear();
}

StoreResult<bool> CdrIngest::commit()
{
    if (!m_open)
        return true;
    const StoreResult<bool> sessions = recomputeSessions(m_pendingSessions);
    if (!sessions) {
        rollback();
        return sessions.error();
    }
    if (!m_db.commit()) {
        const QString detail = m_db.lastError().text();
        rollback();
        return StoreError{IngestText::tr("Could not save the call records."), detail};
    }
    m_open = false;
    m_pendingSessions.clear();
    return true;
}

StoreResult<CdrIngestStats> CdrIngest::add(const QList<CdrRow> &rows)
{
    CdrIngestStats stats;
    stats.received = static_cast<int>(rows.size());
    if (!m_open)
        return StoreError{IngestText::tr("Could not store call records: no transaction was started."), {}};
    auto abort = [this](const StoreError &error) -> StoreResult<CdrIngestStats> {
        rollback();
        return error;
    };
    sqlite3 *const handle = m_statements->handle;
    auto &rawByKey = m_statements->rawByKey;
    auto &rawByNatural = m_statements->rawByNatural;
    auto &rawByHash = m_statements->rawByHash;
    auto &rawInsert = m_statements->rawInsert;
    auto &rawUpdate = m_statements->rawUpdate;
    QSqlQuery &byKey = m_statements->byKey;
    QSqlQuery &byNatural = m_statements->byNatural;
    QSqlQuery &byHash = m_statements->byHash;
    QSqlQuery &insert = m_statements->insert;
    QSqlQuery &update = m_statements->update;

    // The candidate a row is the same as: one whose cdr_id does not contradict the row's. False
    // with *error set when the lookup failed.
    auto accept = [](const QString &cdrId, Match &&match, std::optional<Match> *out) {
        if (cdrId.isEmpty() || match.cdrId.isEmpty() || match.cdrId == cdrId) {
            *out = std::move(match);
            return true;
        }
        return false;
    };
    auto find = [&](RawStatement *raw, QSqlQuery &query, const QString &value, const QString &cdrId,
                    std::optional<Match> *out, QString *error) -> bool {
        if (raw) {
            raw->reset();
            raw->bind(m_projectId);
            raw->bind(value);
            int code = SQLITE_ROW;
            while ((code = raw->step()) == SQLITE_ROW) {
                if (accept(cdrId, Match{raw->int64(0), raw->text(1), raw->text(2)}, out))
                    break;
            }
            raw->reset();
            if (code != SQLITE_ROW && code != SQLITE_DONE) {
                *error = raw->error();
                return false;
            }
            return true;
        }
        query.addBindValue(m_projectId);
        query.addBindValue(value);
        if (!query.exec()) {
            *error = query.lastError().text();
            return false;
        }
        while (query.next()) {
            if (accept(cdrId, Match{query.value(0).toLongLong(), query.value(1).toString(), query.value(2).toString()},
                       out))
                break;
        }
        query.finish();
        return true;
    };

    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const QString lookupFailed = IngestText::tr("Could not look up a stored call record.");
    QString error;
    for (qsizetype i = 0; i < rows.size(); ++i) {
        const CdrRow &row = rows.at(i);
        const QString key = row.key();
        const QString natural = row.naturalKey();
        const QString hash = QString::fromLatin1(row.rowSha256);
        std::optional<Match> match;
        if (!find(handle ? &*rawByKey : nullptr, byKey, key, {}, &match, &error))
            return abort(StoreError{lookupFailed, error});
        if (!match && !natural.isEmpty()
            && !find(handle ? &*rawByNatural : nullptr, byNatural, natural, row.cdrId, &match, &error))
            return abort(StoreError{lookupFailed, error});
        if (!match && !find(handle ? &*rawByHash : nullptr, byHash, hash, row.cdrId, &match, &error))
            return abort(StoreError{lookupFailed, error});

        if (!row.problems.isEmpty()) {
            ++stats.withProblems;
            for (const QString &problem : row.problems) {
                if (stats.problems.size() >= kProblemsKept)
                    break;
                stats.problems.append(IngestText::tr("session %1, row %2: %3")
                                          .arg(row.confNum.isEmpty() ? u"?"_s : row.confNum)
                                          .arg(i + 1)
                                          .arg(problem));
            }
        }

        // A key from the platform's cdr_id is the strongest; never trade it for a weaker one.
        QString storedKey = key;
        QString storedCdrId = row.cdrId;
        if (match && row.cdrId.isEmpty()) {
            storedKey = match->cdrKey;
            storedCdrId = match->cdrId;
        }
        const QString problems = row.problems.join(u"; "_s);
        if (handle) {
            RawStatement &raw = match ? *rawUpdate : *rawInsert;
            QString rawJsonText;
            raw.reset();
            if (!match)
                raw.bind(m_projectId);
            raw.bind(storedKey);
            raw.bind(storedCdrId);
            raw.bind(natural);
            raw.bind(hash);
            raw.bind(row.appId);
            raw.bind(row.confNum);
            raw.bind(row.callNum);
            raw.bind(row.callLogId);
            raw.bind(row.roomId);
            raw.bind(row.roomName);
            raw.bind(row.name);
            raw.bind(row.userRef);
            raw.bind(row.role);
            raw.bind(row.agent);
            raw.bind(row.ip);
            raw.bind(row.connectMs);
            raw.bind(row.disconnectMs);
            raw.bind(row.durationS);
            raw.bind(row.publishedMinutes);
            raw.bind(row.subscribedMinutes);
            raw.bind(row.connectMinutes);
            raw.bind(row.recorded ? 1 : 0);
            raw.bind(row.transDateMs);
            raw.bind(problems);
            raw.bind(now);
            if (match)
                raw.bind(match->id);
            int code = raw.step();
            raw.reset();
            if (code == SQLITE_DONE) {
                RawStatement &json = match ? *m_statements->rawUpdateJson : *m_statements->rawInsertJson;
                json.reset();
                if (!match)
                    json.bind(qint64(sqlite3_last_insert_rowid(handle)));
                json.bindUtf8(row.rawJson, &rawJsonText);
                if (match)
                    json.bind(match->id);
                code = json.step();
                json.reset();
                if (code != SQLITE_DONE)
                    return abort(StoreError{IngestText::tr("Could not store a call record."), json.error()});
            } else {
                return abort(StoreError{IngestText::tr("Could not store a call record."), raw.error()});
            }
        } else {
            QSqlQuery &query = match ? update : insert;
            if (!match)
                query.addBindValue(m_projectId);
            query.addBindValue(text(storedKey));
            query.addBindValue(text(storedCdrId));
            query.addBindValue(text(natural));
            query.addBindValue(hash);
            query.addBindValue(text(row.appId));
            query.addBindValue(text(row.confNum));
            query.addBindValue(text(row.callNum));
            query.addBindValue(text(row.callLogId));
            query.addBindValue(text(row.roomId));
            query.addBindValue(text(row.roomName));
            query.addBindValue(text(row.name));
            query.addBindValue(text(row.userRef));
            query.addBindValue(text(row.role));
            query.addBindValue(text(row.agent));
            query.addBindValue(text(row.ip));
            query.addBindValue(row.connectMs);
            query.addBindValue(row.disconnectMs);
            query.addBindValue(row.durationS);
            query.addBindValue(row.publishedMinutes);
            query.addBindValue(row.subscribedMinutes);
            query.addBindValue(row.connectMinutes);
            query.addBindValue(row.recorded ? 1 : 0);
            query.addBindValue(row.transDateMs);
            query.addBindValue(text(problems));
            query.addBindValue(now);
            if (match)
                query.addBindValue(match->id);
            if (!query.exec() || (!match && !query.next()))
                return abort(failure(IngestText::tr("Could not store a call record."), query));
            QSqlQuery &json = match ? m_statements->updateJson : m_statements->insertJson;
            if (!match)
                json.addBindValue(query.value(0).toLongLong());
            json.addBindValue(QString::fromUtf8(row.rawJson));
            if (match)
                json.addBindValue(match->id);
            query.finish();
            if (!json.exec())
                return abort(failure(IngestText::tr("Could not store a call record."), json));
        }
        if (match)
            ++stats.updated;
        else
            ++stats.inserted;
        if (!row.confNum.isEmpty())
            stats.confNums.insert(row.confNum);
    }
    m_pendingSessions.unite(stats.confNums);
    return stats;
}

StoreResult<bool> CdrIngest::recomputeSessions(const QSet<QString> &confNums)
{
    QSqlQuery rows(m_db), find(m_db), insert(m_db), update(m_db);
    rows.setForwardOnly(true);
    rows.prepare(u"SELECT connect_ms, disconnect_ms, room_id, room_name, user_ref, name, cdr_key, recorded "
                 "FROM participants WHERE project_id = ? AND conf_num = ?"_s);
    find.prepare(u"SELECT id FROM sessions WHERE project_id = ? AND conf_num = ?"_s);
    insert.prepare(u"INSERT INTO sessions (room_id, room_name, start_ms, end_ms, duration_s, "
                   "participant_count, row_count, peak_concurrency, recorded, updated_at, project_id, conf_num) "
                   "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"_s);
    update.prepare(u"UPDATE sessions SET room_id = ?, room_name = ?, start_ms = ?, end_ms = ?, duration_s = ?, "
                   "participant_count = ?, row_count = ?, peak_concurrency = ?, recorded = ?, updated_at = ? "
                   "WHERE id = ?"_s);
    const qint64 now = QDateTime::currentMSecsSinceEpoch();

    for (const QString &confNum : confNums) {
        rows.addBindValue(m_projectId);
        rows.addBindValue(confNum);
        if (!rows.exec())
            return failure(IngestText::tr("Could not read the rows of session %1.").arg(confNum), rows);
        QString roomId, roomName;
        qint64 start = 0, end = 0;
        int rowCount = 0;
        bool recorded = false;
        QSet<QString> people;
        // +1 at a join, -1 at a leave; a leave sorts before a join at the same instant, so someone
        // reconnecting at the moment they dropped is not counted twice.
        QList<std::pair<qint64, int>> events;
        while (rows.next()) {
            ++rowCount;
            const qint64 connect = rows.value(0).toLongLong();
            qint64 disconnect = rows.value(1).toLongLong();
            if (roomId.isEmpty())
                roomId = rows.value(2).toString();
            if (roomName.isEmpty())
                roomName = rows.value(3).toString();
            const QString ref = rows.value(4).toString();
            const QString name = rows.value(5).toString();
            people.insert(!ref.isEmpty()        ? u"r:"_s + ref
                              : !name.isEmpty() ? u"n:"_s + name
                                                : u"k:"_s + rows.value(6).toString());
            recorded = recorded || rows.value(7).toInt() != 0;
            if (connect <= 0)
                continue; // a join we cannot place in time says nothing about concurrency
            if (disconnect < connect)
                disconnect = connect;
            start = start == 0 ? connect : std::min(start, connect);
            end = std::max(end, disconnect);
            events.append({connect, +1});
            events.append({disconnect, -1});
        }
        rows.finish();
        std::sort(events.begin(), events.end());
        int current = 0, peak = 0;
        for (const auto &event : events) {
            current += event.second;
            peak = std::max(peak, current);
        }

        find.addBindValue(m_projectId);
        find.addBindValue(confNum);
        if (!find.exec())
            return failure(IngestText::tr("Could not look up session %1.").arg(confNum), find);
        const bool exists = find.next();
        const qint64 id = exists ? find.value(0).toLongLong() : 0;
        find.finish();
        QSqlQuery &write = exists ? update : insert;
        write.addBindValue(text(roomId));
        write.addBindValue(text(roomName));
        write.addBindValue(start);
        write.addBindValue(end);
        write.addBindValue(static_cast<double>(end - start) / 1000.0);
        write.addBindValue(static_cast<int>(people.size()));
        write.addBindValue(rowCount);
        write.addBindValue(peak);
        write.addBindValue(recorded ? 1 : 0);
        write.addBindValue(now);
        if (exists) {
            write.addBindValue(id);
        } else {
            write.addBindValue(m_projectId);
            write.addBindValue(confNum);
        }
        if (!write.exec())
            return failure(IngestText::tr("Could not store session %1.").arg(confNum), write);
    }
    return true;
}

} // namespace confero
