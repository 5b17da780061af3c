#include "CdrCommand.h"

#include "CliContext.h"
#include "TableWriter.h"
#include "export/CdrExportJob.h"
#include "export/CdrExporter.h"
#include "platform/VideoPlatform.h"
#include "store/CdrQuery.h"
#include "store/Store.h"
#include "sync/CdrSync.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonObject>
#include <QSqlError>
#include <QSqlQuery>
#include <QTimeZone>

namespace confero::cli {

using namespace Qt::StringLiterals;

namespace {

const QStringList kFilterOptions{u"from"_s, u"to"_s, u"room"_s, u"conf"_s, u"name"_s, u"role"_s, u"min-duration"_s};

QStringList withFilters(const QStringList &options)
{
    return options + kFilterOptions;
}

} // namespace

void CdrCommand::start()
{
    const CommandLine &line = m_context->commandLine();
    QStringList allowed;
    if (line.action() == u"sync")
        allowed = {u"from"_s, u"to"_s, u"room"_s, u"conf"_s};
    else if (line.action() == u"query")
        allowed = withFilters({u"sort"_s, u"limit"_s});
    else if (line.action() == u"export")
        allowed = withFilters({u"sort"_s, u"format"_s, u"output"_s, u"no-escape-formulas"_s});
    else {
        fail(tr("Unknown cdr action \"%1\": use sync, query or export.").arg(line.action()), UsageError);
        return;
    }
    const QString unknown = line.unknownOption(allowed);
    if (!unknown.isEmpty()) {
        fail(tr("cdr %1 does not take --%2.").arg(line.action(), unknown), UsageError);
        return;
    }
    if (!line.arguments().isEmpty()) {
        fail(tr("cdr %1 takes no arguments, only options.").arg(line.action()), UsageError);
        return;
    }
    if (line.action() == u"sync")
        sync();
    else if (line.action() == u"query")
        query();
    else
        exportRows();
}

std::optional<CdrFilter> CdrCommand::filter()
{
    const CommandLine &line = m_context->commandLine();
    CdrFilter filter;
    for (const QString &option : {u"from"_s, u"to"_s}) {
        if (!line.has(option))
            continue;
        const QDate day = QDate::fromString(line.value(option).trimmed(), u"yyyy-MM-dd"_s);
        if (!day.isValid()) {
            fail(tr("--%1 needs a day as YYYY-MM-DD (UTC), not \"%2\".").arg(option, line.value(option)), UsageError);
            return std::nullopt;
        }
        (option == u"from" ? filter.from : filter.to) = day;
    }
    if (filter.from.isValid() && filter.to.isValid() && filter.to < filter.from) {
        fail(tr("--to comes before --from."), UsageError);
        return std::nullopt;
    }
    filter.roomId = line.value(u"room"_s).trimmed();
    filter.confNum = line.value(u"conf"_s).trimmed();
    filter.text = line.value(u"name"_s).trimmed();
    filter.role = line.value(u"role"_s).trimmed().toLower();
    if (line.has(u"min-duration"_s)) {
        bool ok = false;
        filter.minDurationS = line.value(u"min-duration"_s).trimmed().toDouble(&ok);
        if (!ok || filter.minDurationS < 0) {
            fail(tr("--min-duration needs a number of seconds, not \"%1\".").arg(line.value(u"min-duration"_s)),
                 UsageError);
            return std::nullopt;
        }
    }
    return filter;
}

std::optional<CdrSort> CdrCommand::sort()
{
    const CommandLine &line = m_context->commandLine();
    CdrSort sort;
    if (!line.has(u"sort"_s))
        return sort;
    const QString value = line.value(u"sort"_s).trimmed();
    const QString direction = value.section(u':', 1);
    sort.column = value.section(u':', 0, 0);
    if (direction == u"desc")
        sort.descending = true;
    else if (!direction.isEmpty() && direction != u"asc") {
        fail(tr("--sort takes COLUMN, COLUMN:asc or COLUMN:desc, not \"%1\".").arg(value), UsageError);
        return std::nullopt;
    }
    if (!CdrQuery::isColumn(sort.column)) {
        fail(tr("--sort: no column \"%1\"; use one of %2.").arg(sort.column, CdrQuery::columns().join(u", "_s)),
             UsageError);
        return std::nullopt;
    }
    return sort;
}

void CdrCommand::sync()
{
    const CommandLine &line = m_context->commandLine();
    std::optional<CdrFilter> range = filter();
    if (!range)
        return;
    CdrSync::Request request;
    request.from = range->from;
    request.to = range->to;
    request.roomId = range->roomId;
    request.confNum = range->confNum;
    if (request.confNum.isEmpty() && (!request.from.isValid() || !request.to.isValid())) {
        fail(tr("cdr sync needs --from D and --to D (or --conf N for one session)."), UsageError);
        return;
    }
    if (!request.confNum.isEmpty() && (line.has(u"from"_s) || line.has(u"to"_s) || line.has(u"room"_s))) {
        fail(tr("cdr sync --conf N fetches one whole session; it takes no --from, --to or --room."), UsageError);
        return;
    }
    QString error;
    const std::optional<qint64> projectId = m_context->cdrProjectId(&error);
    if (!projectId) {
        fail(error);
        return;
    }
    VideoPlatform *platform = m_context->platform(&error);
    if (!platform) {
        fail(error);
        return;
    }
    m_sync = new CdrSync(platform, m_context->store(), *projectId, this);
    const CdrFilter held = *range;
    connect(m_sync, &CdrSync::failed, this, [this](const QString &message) { fail(message); });
    connect(m_sync, &CdrSync::finished, this, [this, held, projectId](const CdrSync::Summary &summary) {
        QString line = tr("Fetched %n call records", nullptr, summary.rowsReceived)
            + tr(" in %n windows", nullptr, summary.windows) + tr(": %n new", nullptr, summary.inserted) + u"."_s;
        if (summary.withProblems > 0) {
            line += u' '
                + tr("%n rows had fields that could not be read and were stored with what could; "
                     "the first: %1",
                     nullptr, summary.withProblems)
                      .arg(summary.problems.value(0));
        }
        reportHeld(held, *projectId, line);
    });
    m_sync->start(request);
}

void CdrCommand::reportHeld(const CdrFilter &filter, qint64 projectId, const QString &syncedLine)
{
    QVariantList values;
    const bool postgres = m_context->store()->isPostgres();
    const QString where = CdrQuery::whereClause(filter, postgres, &values);
    QSqlQuery query(m_context->store()->database());
    query.prepare(u"SELECT COUNT(*), COUNT(DISTINCT conf_num) FROM participants WHERE project_id = ? AND "_s + where);
    query.addBindValue(projectId);
    for (const QVariant &value : std::as_const(values))
        query.addBindValue(value);
    if (!query.exec() || !query.next()) {
        fail(tr("Could not count the stored call records: %1").arg(query.lastError().text()));
        return;
    }
    const qint64 rows = query.value(0).toLongLong();
    const qint64 sessions = query.value(1).toLongLong();
    if (m_context->json()) {
        m_context->printJson(QJsonObject{{u"rows"_s, rows}, {u"sessions"_s, sessions}});
    } else {
        m_context->print(syncedLine + u'\n' + tr("The store holds %n call records", nullptr, int(rows))
                         + tr(" in %n sessions for this selection.", nullptr, int(sessions)) + u'\n');
    }
    succeed();
}

void CdrCommand::query()
{
    const CommandLine &line = m_context->commandLine();
    const std::optional<CdrFilter> selected = filter();
    if (!selected)
        return;
    const std::optional<CdrSort> order = sort();
    if (!order)
        return;
    int limit = 50;
    if (line.has(u"limit"_s)) {
        bool ok = false;
        limit = line.value(u"limit"_s).toInt(&ok);
        if (!ok || limit < 1 || limit > 100'000) {
            fail(tr("--limit needs a whole number from 1 to 100000."), UsageError);
            return;
        }
    }
    QString error;
    const std::optional<qint64> projectId = m_context->cdrProjectId(&error);
    if (!projectId) {
        fail(error);
        return;
    }
    auto *cdr = new CdrQuery(m_context->store(), *projectId, this);
    QElapsedTimer timer;
    timer.start();
    // The count runs on its worker while the first page is read here, as the console does it.
    QElapsedTimer countTimer;
    countTimer.start();
    std::optional<StoreResult<qint64>> total;
    qint64 countMs = 0;
    cdr->count(*selected, [&total, &countMs, &countTimer](StoreResult<qint64> result) {
        countMs = countTimer.elapsed();
        total = std::move(result);
    });
    const StoreResult<CdrPage> page = cdr->page(*selected, *order, limit);
    const qint64 firstPageMs = timer.elapsed();
    // A bounded wait: the worker answers or fails; its answer is delivered to this thread's loop.
    QEventLoop loop;
    while (!total)
        loop.processEvents(QEventLoop::WaitForMoreEvents);
    if (!page) {
        fail(page.error().message);
        return;
    }
    if (!*total) {
        fail(total->error().message);
        return;
    }
    if (m_context->json()) {
        QJsonArray rows;
        for (const CdrStoredRow &row : page.value().rows)
            rows.append(CdrExporter::toJson(row));
        m_context->printJson(QJsonObject{{u"total"_s, total->value()},
                                         {u"rows"_s, rows},
                                         {u"first_page_ms"_s, firstPageMs},
                                         {u"count_ms"_s, countMs}});
    } else {
        TableWriter table({tr("SESSION"), tr("ROOM"), tr("NAME"), tr("REF"), tr("ROLE"), tr("JOINED (UTC)"),
                           tr("LEFT (UTC)"), tr("SECONDS")});
        table.setRightAligned(7);
        for (const CdrStoredRow &stored : page.value().rows) {
            const CdrRow &row = stored.row;
            table.addRow({row.confNum, row.roomName.isEmpty() ? row.roomId : row.roomName, row.name, row.userRef,
                          row.role, CdrExporter::isoTime(row.connectMs), CdrExporter::isoTime(row.disconnectMs),
                          QString::number(row.durationS, 'f', 0)});
        }
        m_context->print(table.toString()
                         + tr("%1 of %n call records.", nullptr, int(total->value())).arg(page.value().rows.size())
                         + u'\n');
    }
    succeed();
}

void CdrCommand::exportRows()
{
    const CommandLine &line = m_context->commandLine();
    const std::optional<CdrFilter> selected = filter();
    if (!selected)
        return;
    const std::optional<CdrSort> order = sort();
    if (!order)
        return;
    CdrExporter::Options options;
    const QString format = line.value(u"format"_s).trimmed().toLower();
    if (format == u"csv")
        options.format = CdrExporter::Format::Csv;
    else if (format == u"json")
        options.format = CdrExporter::Format::Json;
    else {
        fail(tr("cdr export needs --format csv or --format json."), UsageError);
        return;
    }
    options.escapeFormulas = !line.has(u"no-escape-formulas"_s);
    const QString output = line.value(u"output"_s).trimmed();
    if (output.isEmpty()) {
        fail(tr("cdr export needs --output FILE."), UsageError);
        return;
    }
    QString error;
    const std::optional<qint64> projectId = m_context->cdrProjectId(&error);
    if (!projectId) {
        fail(error);
        return;
    }
    // The job writes "<output>.part" on a thread of its own and renames it when complete: a failed
    // export leaves no half file and an existing output as it was.
    auto *job = new CdrExportJob(m_context->store(), *projectId, this);
    connect(job, &CdrExportJob::failed, this, [this](const QString &message) { fail(message); });
    connect(job, &CdrExportJob::succeeded, this, [this](qint64 rows, const QString &path) {
        if (m_context->json())
            m_context->printJson(QJsonObject{{u"rows"_s, rows}, {u"output"_s, path}});
        else
            m_context->print(tr("Exported %n call records to %1.", nullptr, int(rows)).arg(path) + u'\n');
        succeed();
    });
    job->start(CdrExportJob::Request{*selected, *order, options, output});
}

} // namespace confero::cli
