#include "CdrIngest.h"

#include "Logging.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>

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

} // namespace

CdrIngest::CdrIngest(const QSqlDatabase &db, qint64 projectId)
    : m_db(db)
    , m_projectId(projectId)
{
}

StoreResult<CdrIngestStats> CdrIngest::ingest(const QList<CdrRow> &rows)
{
    CdrIngestStats stats;
    stats.received = static_cast<int>(rows.size());
    if (!m_db.isOpen())
        return StoreError{IngestText::tr("The call records could not be stored: the database is not open."),
                          m_db.lastError().text()};
    if (!m_db.transaction())
        return StoreError{IngestText::tr("Could not start storing call records."), m_db.lastError().text()};

    auto abort = [this](const StoreError &error) -> StoreResult<CdrIngestStats> {
        m_db.rollback();
        return error;
    };

    QSqlQuery byKey(m_db), byNatural(m_db), byHash(m_db), insert(m_db), update(m_db);
    byKey.prepare(u"SELECT id, cdr_id, cdr_key FROM participants WHERE project_id = ? AND cdr_key = ?"_s);
    byNatural.prepare(u"SELECT id, cdr_id, cdr_key FROM participants WHERE project_id = ? AND natural_key = ?"_s);
    byHash.prepare(u"SELECT id, cdr_id, cdr_key FROM participants WHERE project_id = ? AND row_sha256 = ?"_s);
    static const QString columns = u"cdr_key, cdr_id, natural_key, row_sha256, app_id, conf_num, call_num, "
                                   "call_log_id, room_id, room_name, name, user_ref, role, agent, ip, "
                                   "connect_ms, disconnect_ms, duration_s, published_minutes, "
                                   "subscribed_minutes, connect_minutes, recorded, trans_date_ms, problems, "
                                   "raw_json, synced_at"_s;
    insert.prepare(u"INSERT INTO participants (project_id, "_s + columns
                   + u") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"_s);
    update.prepare(u"UPDATE participants SET cdr_key = ?, cdr_id = ?, natural_key = ?, row_sha256 = ?, "
                   "app_id = ?, conf_num = ?, call_num = ?, call_log_id = ?, room_id = ?, room_name = ?, "
                   "name = ?, user_ref = ?, role = ?, agent = ?, ip = ?, connect_ms = ?, disconnect_ms = ?, "
                   "duration_s = ?, published_minutes = ?, subscribed_minutes = ?, connect_minutes = ?, "
                   "recorded = ?, trans_date_ms = ?, problems = ?, raw_json = ?, synced_at = ? WHERE id = ?"_s);

    // The candidate a row is the same as: one whose cdr_id does not contradict the row's.
    auto find = [this](QSqlQuery &query, const QString &value, const QString &cdrId,
                       std::optional<Match> *out) -> bool {
        query.addBindValue(m_projectId);
        query.addBindValue(value);
        if (!query.exec())
            return false;
        while (query.next()) {
            Match match{query.value(0).toLongLong(), query.value(1).toString(), query.value(2).toString()};
            if (cdrId.isEmpty() || match.cdrId.isEmpty() || match.cdrId == cdrId) {
                *out = std::move(match);
                break;
            }
        }
        query.finish();
        return true;
    };

    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    for (qsizetype i = 0; i < rows.size(); ++i) {
        const CdrRow &row = rows.at(i);
        const QString key = row.key();
        const QString natural = row.naturalKey();
        std::optional<Match> match;
        if (!find(byKey, key, {}, &match))
            return abort(failure(IngestText::tr("Could not look up a stored call record."), byKey));
        if (!match && !natural.isEmpty() && !find(byNatural, natural, row.cdrId, &match))
            return abort(failure(IngestText::tr("Could not look up a stored call record."), byNatural));
        if (!match && !find(byHash, QString::fromLatin1(row.rowSha256), row.cdrId, &match))
            return abort(failure(IngestText::tr("Could not look up a stored call record."), byHash));

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
        QSqlQuery &query = match ? update : insert;
        if (!match)
            query.addBindValue(m_projectId);
        query.addBindValue(text(storedKey));
        query.addBindValue(text(storedCdrId));
        query.addBindValue(text(natural));
        query.addBindValue(QString::fromLatin1(row.rowSha256));
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
        query.addBindValue(text(row.problems.join(u"; "_s)));
        query.addBindValue(QString::fromUtf8(row.rawJson));
        query.addBindValue(now);
        if (match)
            query.addBindValue(match->id);
        if (!query.exec())
            return abort(failure(IngestText::tr("Could not store a call record."), query));
        if (match)
            ++stats.updated;
        else
            ++stats.inserted;
        if (!row.confNum.isEmpty())
            stats.confNums.insert(row.confNum);
    }

    const StoreResult<bool> sessions = recomputeSessions(stats.confNums);
    if (!sessions) {
        m_db.rollback();
        return sessions.error();
    }
    if (!m_db.commit()) {
        const QString detail = m_db.lastError().text();
        m_db.rollback();
        return StoreError{IngestText::tr("Could not save the call records."), detail};
    }
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
