#include "IngestBench.h"

#include "CdrBenchData.h"
#include "Samples.h"
#include "domain/CdrRowParser.h"
#include "export/CsvWriter.h"
#include "store/CdrBulkIngest.h"
#include "store/Store.h"

#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>

namespace confero::bench {

using namespace Qt::StringLiterals;

namespace {

// A store made by Confero's own migrations, with one project; its id.
std::optional<qint64> createStore(Store &store, const QString &path, QString *error)
{
    QFile::remove(path);
    const StoreResult<bool> opened = store.open(path);
    if (!opened) {
        *error = opened.error().message + u' ' + opened.error().detail;
        return std::nullopt;
    }
    QSqlQuery query(store.database());
    if (!query.exec(u"INSERT INTO projects (name, api_base_url, app_id, is_sandbox, created_at) "
                    "VALUES ('Bench', 'http://127.0.0.1/video/v2/', 'bench', 0, 0)"_s)
        || !query.exec(u"SELECT MAX(id) FROM projects"_s) || !query.next()) {
        *error = query.lastError().text();
        return std::nullopt;
    }
    return query.value(0).toLongLong();
}

// The columns of `participants` in table order, with their defaults, so the CSV follows the
// schema the migrations made (whatever later migrations add).
struct TableColumn
{
    QString name;
    QString defaultValue;
};

QList<TableColumn> participantColumns(const QSqlDatabase &db)
{
    QList<TableColumn> columns;
    QSqlQuery query(db);
    query.exec(u"PRAGMA table_info(participants)"_s);
    while (query.next()) {
        QString value = query.value(4).toString();
        if (value.size() >= 2 && value.startsWith(u'\'') && value.endsWith(u'\''))
            value = value.mid(1, value.size() - 2).replace(u"''"_s, u"'"_s);
        columns.append({query.value(1).toString(), value});
    }
    return columns;
}

QString number(double value)
{
    return QString::number(value, 'g', 17);
}

// Appends the rows as CSV lines in the table's column order, with explicit ids from *nextId, and
// each row as received to `json` (participant_json: id, raw_json; migration 14).
void appendCsv(QByteArray &out, QByteArray &json, const QList<TableColumn> &columns, const QList<CdrRow> &rows,
               qint64 projectId, qint64 *nextId, qint64 now)
{
    for (const CdrRow &row : rows) {
        const qint64 id = (*nextId)++;
        json.append(QByteArray::number(id) + ',' + CsvWriter::field(QString::fromUtf8(row.rawJson), false) + "\r\n");
        for (qsizetype c = 0; c < columns.size(); ++c) {
            const QString &name = columns.at(c).name;
            QString cell;
            if (name == u"id")
                cell = QString::number(id);
            else if (name == u"project_id")
                cell = QString::number(projectId);
            else if (name == u"cdr_key")
                cell = row.key();
            else if (name == u"cdr_id")
                cell = row.cdrId;
            else if (name == u"natural_key")
                cell = row.naturalKey();
            else if (name == u"row_sha256")
                cell = QString::fromLatin1(row.rowSha256);
            else if (name == u"app_id")
                cell = row.appId;
            else if (name == u"conf_num")
                cell = row.confNum;
            else if (name == u"call_num")
                cell = row.callNum;
            else if (name == u"call_log_id")
                cell = row.callLogId;
            else if (name == u"room_id")
                cell = row.roomId;
            else if (name == u"room_name")
                cell = row.roomName;
            else if (name == u"name")
                cell = row.name;
            else if (name == u"user_ref")
                cell = row.userRef;
            else if (name == u"role")
                cell = row.role;
            else if (name == u"agent")
                cell = row.agent;
            else if (name == u"ip")
                cell = row.ip;
            else if (name == u"connect_ms")
                cell = QString::number(row.connectMs);
            else if (name == u"disconnect_ms")
                cell = QString::number(row.disconnectMs);
            else if (name == u"duration_s")
                cell = number(row.durationS);
            else if (name == u"published_minutes")
                cell = number(row.publishedMinutes);
            else if (name == u"subscribed_minutes")
                cell = number(row.subscribedMinutes);
            else if (name == u"connect_minutes")
                cell = number(row.connectMinutes);
            else if (name == u"recorded")
                cell = row.recorded ? u"1"_s : u"0"_s;
            else if (name == u"trans_date_ms")
                cell = QString::number(row.transDateMs);
            else if (name == u"problems")
                cell = row.problems.join(u"; "_s);
            else if (name == u"synced_at")
                cell = QString::number(now);
            else
                cell = columns.at(c).defaultValue;
            if (c > 0)
                out.append(',');
            out.append(CsvWriter::field(cell, false));
        }
        out.append("\r\n");
    }
}

// The rows of one window as Confero reads them (for the CSV the baseline imports).
QList<CdrRow> readWindow(const QByteArray &json)
{
    return CdrRowParser::parse(QJsonDocument::fromJson(json).object().value(u"cdr").toArray());
}

// Confero's bulk ingest of `windows` (reading on its own thread, writing on this one), timed whole;
// the seconds, or nothing with `error` set.
std::optional<double> bulkIngest(const QSqlDatabase &db, qint64 projectId,
                                 const std::function<std::optional<QByteArray>()> &windows, QString *error)
{
    CdrBulkIngest bulk(db, projectId);
    QElapsedTimer timer;
    timer.start();
    const StoreResult<CdrIngestStats> stored = bulk.run(windows);
    const double seconds = double(timer.nsecsElapsed()) / 1e9;
    if (!stored) {
        *error = stored.error().message + u' ' + stored.error().detail;
        return std::nullopt;
    }
    return seconds;
}

QByteArray importScript(const QString &csvPath, const QString &jsonCsv)
{
    // The PRAGMAs Store::open sets on every connection; one transaction around the import of the
    // rows and of each row as received beside them.
    return "PRAGMA journal_mode=WAL;\nPRAGMA foreign_keys=ON;\nPRAGMA busy_timeout=5000;\nBEGIN;\n.import --csv '"
        + csvPath.toUtf8() + "' participants\n.import --csv '" + jsonCsv.toUtf8() + "' participant_json\nCOMMIT;\n";
}

QString jsonCsvPath(const QString &csvPath)
{
    return QString(csvPath).replace(u".csv"_s, u"-json.csv"_s);
}

std::optional<qint64> countRows(const QSqlDatabase &db, QString *error)
{
    QSqlQuery query(db);
    if (!query.exec(u"SELECT COUNT(*) FROM participants"_s) || !query.next()) {
        *error = query.lastError().text();
        return std::nullopt;
    }
    return query.value(0).toLongLong();
}

bool deleteAfter(const QSqlDatabase &db, qint64 lastParticipant, qint64 lastSession, QString *error)
{
    QSqlQuery query(db);
    if (!query.exec(u"DELETE FROM participants WHERE id > %1"_s.arg(lastParticipant))
        || !query.exec(u"DELETE FROM sessions WHERE id > %1"_s.arg(lastSession))) {
        *error = query.lastError().text();
        return false;
    }
    return true;
}

qint64 maxId(const QSqlDatabase &db, const QString &table)
{
    QSqlQuery query(db);
    return query.exec(u"SELECT COALESCE(MAX(id), 0) FROM "_s + table) && query.next() ? query.value(0).toLongLong() : 0;
}

} // namespace

IngestBench::IngestBench(const CdrBenchData &data, QString workDir, const Sqlite3Tool &sqlite3, int runs)
    : m_data(data)
    , m_workDir(std::move(workDir))
    , m_sqlite3(sqlite3)
    , m_runs(std::max(1, runs))
{
}

QString IngestBench::conferoStore() const
{
    return QDir(m_workDir).filePath(u"confero.sqlite"_s);
}

qint64 IngestBench::projectId() const
{
    return m_projectId;
}

QList<BenchFigure> IngestBench::run(QString *error)
{
    const QDir dir(m_workDir);
    const QString baselineStore = dir.filePath(u"sqlite3.sqlite"_s);
    const QString historyCsv = dir.filePath(u"history.csv"_s);
    const QString busyCsv = dir.filePath(u"busy-day.csv"_s);
    const qint64 rows = m_data.rowCount();
    const qint64 busyRows = m_data.busyRowCount();
    QList<BenchFigure> figures;

    QList<TableColumn> columns;
    qint64 baselineProject = 0;
    {
        Store baseline;
        const std::optional<qint64> project = createStore(baseline, baselineStore, error);
        if (!project)
            return {};
        baselineProject = *project;
        columns = participantColumns(baseline.database());
    }

    Store store;
    const std::optional<qint64> project = createStore(store, conferoStore(), error);
    if (!project)
        return {};
    m_projectId = *project;
    const QSqlDatabase db = store.database();
    const qint64 now = QDateTime::currentMSecsSinceEpoch();

    // 1. The history into an empty store. First, outside the timer, the CSV for sqlite3 from the
    // same windows (and how fast the JSON alone is read); then Confero's bulk ingest, timed whole.
    // Its reading thread also makes each window's JSON as it goes, work Confero would not do (the
    // platform sends it), so the figure errs low.
    double parseSeconds = 0;
    {
        QFile csv(historyCsv);
        QFile jsonCsv(jsonCsvPath(historyCsv));
        if (!csv.open(QIODevice::WriteOnly) || !jsonCsv.open(QIODevice::WriteOnly)) {
            *error = csv.errorString() + u' ' + jsonCsv.errorString();
            return {};
        }
        qint64 nextId = 1;
        QByteArray lines, jsonLines;
        for (qsizetype w = 0; w < m_data.windowCount(); ++w) {
            const QByteArray json = m_data.windowJson(w);
            QElapsedTimer timer;
            timer.start();
            const QList<CdrRow> read = readWindow(json);
            parseSeconds += double(timer.nsecsElapsed()) / 1e9;
            lines.clear();
            jsonLines.clear();
            appendCsv(lines, jsonLines, columns, read, baselineProject, &nextId, now);
            if (csv.write(lines) != lines.size() || jsonCsv.write(jsonLines) != jsonLines.size()) {
                *error = csv.errorString() + u' ' + jsonCsv.errorString();
                return {};
            }
        }
    }
    qsizetype nextWindow = 0;
    const std::optional<double> historySeconds = bulkIngest(
        db, m_projectId,
        [this, &nextWindow]() -> std::optional<QByteArray> {
            if (nextWindow >= m_data.windowCount())
                return std::nullopt;
            return m_data.windowJson(nextWindow++);
        },
        error);
    if (!historySeconds)
        return {};
    const double conferoHistory = double(rows) / *historySeconds;

    std::optional<double> baselineHistory;
    if (const std::optional<double> seconds =
            m_sqlite3.run(baselineStore, importScript(historyCsv, jsonCsvPath(historyCsv)), error)) {
        baselineHistory = double(rows) / *seconds;
    } else {
        qWarning("sqlite3 import: %s", qPrintable(*error));
        error->clear();
    }
    figures.append({u"ingest %1 rows into an empty store"_s.arg(rows), conferoHistory, u"rows/s"_s, baselineHistory,
                    u">= 1.0 x"_s});
    figures.append({u"  JSON read alone (CdrRowParser; its own thread)"_s, double(rows) / parseSeconds, u"rows/s"_s,
                    std::nullopt, QString()});

    // 2. The busy day into the full store, `runs` times; the rows are taken out again after each.
    const qint64 lastParticipant = maxId(db, u"participants"_s);
    const qint64 lastSession = maxId(db, u"sessions"_s);
    const QByteArray busyJson = m_data.busyDayJson();
    Samples conferoBusy, baselineBusy;
    {
        Store baseline;
        if (const StoreResult<bool> opened = baseline.open(baselineStore); !opened) {
            *error = opened.error().message;
            return {};
        }
        const std::optional<qint64> imported = countRows(baseline.database(), error);
        if (!imported)
            return {};
        if (*imported != rows && baselineHistory) {
            qWarning("sqlite3 imported %lld rows of %lld; its figures are left out", *imported, rows);
            baselineHistory.reset();
            figures.first().baseline.reset();
        }
        const qint64 baselineLast = maxId(baseline.database(), u"participants"_s);
        const qint64 baselineLastSession = maxId(baseline.database(), u"sessions"_s);
        for (int run = 0; run < m_runs; ++run) {
            bool given = false;
            const std::optional<double> seconds = bulkIngest(
                db, m_projectId,
                [&busyJson, &given]() -> std::optional<QByteArray> {
                    if (given)
                        return std::nullopt;
                    given = true;
                    return busyJson;
                },
                error);
            if (!seconds)
                return {};
            conferoBusy.add(double(busyRows) / *seconds);
            if (!deleteAfter(db, lastParticipant, lastSession, error))
                return {};
            if (run == 0) {
                QFile csv(busyCsv);
                QFile jsonCsv(jsonCsvPath(busyCsv));
                qint64 nextId = baselineLast + 1;
                QByteArray lines, jsonLines;
                appendCsv(lines, jsonLines, columns, readWindow(busyJson), baselineProject, &nextId, now);
                if (!csv.open(QIODevice::WriteOnly) || csv.write(lines) != lines.size()
                    || !jsonCsv.open(QIODevice::WriteOnly) || jsonCsv.write(jsonLines) != jsonLines.size()) {
                    *error = csv.errorString() + u' ' + jsonCsv.errorString();
                    return {};
                }
            }
            if (baselineHistory) {
                // The baseline's connection is idle meanwhile: sqlite3 writes the file alone.
                const std::optional<double> seconds =
                    m_sqlite3.run(baselineStore, importScript(busyCsv, jsonCsvPath(busyCsv)), error);
                if (!seconds)
                    return {};
                baselineBusy.add(double(busyRows) / *seconds);
                if (!deleteAfter(baseline.database(), baselineLast, baselineLastSession, error))
                    return {};
            }
        }
    }
    figures.append({u"ingest a busy day (%1 rows) into %2"_s.arg(busyRows).arg(rows), conferoBusy.median(), u"rows/s"_s,
                    baselineBusy.isEmpty() ? std::nullopt : std::optional<double>(baselineBusy.median()),
                    u">= 1.0 x"_s});
    // The browse and export runs read a store that holds the history alone.
    QSqlQuery checkpoint(db);
    checkpoint.exec(u"PRAGMA wal_checkpoint(TRUNCATE)"_s);
    return figures;
}

} // namespace confero::bench
