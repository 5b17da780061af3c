#include "UiCdrStore.h"

#include "CdrTestRows.h"
#include "domain/CdrRowParser.h"
#include "store/CdrIngest.h"

#include <QJsonArray>
#include <QSqlQuery>

namespace confero::test {

using namespace Qt::StringLiterals;

namespace {

QDateTime utc(int day, int hour, int minute)
{
    return QDateTime(QDate(2025, 3, day), QTime(hour, minute), QTimeZone::utc());
}

} // namespace

bool UiCdrStore::open(int extraRows)
{
    if (!m_dir.isValid() || !m_store.open(m_dir.filePath(u"ui-cdr.sqlite"_s)))
        return false;
    QSqlQuery query(m_store.database());
    if (!query.exec(u"INSERT INTO projects (name, api_base_url, app_id, is_sandbox, created_at) "
                    "VALUES ('Test', 'http://127.0.0.1/', 'app', 0, 0)"_s)
        || !query.exec(u"SELECT id FROM projects"_s) || !query.next())
        return false;
    m_projectId = query.value(0).toLongLong();

    struct Call
    {
        const char *conf;
        const char *room;
        const char *name;
        QDateTime from;
        QDateTime to;
    };
    const Call calls[] = {
        {"1", "r1", "Alice", utc(1, 10, 0), utc(1, 10, 30)}, {"1", "r1", "Bob", utc(1, 10, 10), utc(1, 10, 40)},
        {"2", "r1", "Carol", utc(1, 23, 50), utc(2, 0, 20)}, {"2", "r1", "Dave", utc(2, 0, 5), utc(2, 0, 10)},
        {"3", "r2", "Eve", utc(3, 9, 0), utc(3, 9, 3)},      {"4", "r3", "Frank", utc(5, 8, 0), utc(5, 10, 30)},
        {"5", "r2", "Gina", utc(5, 9, 0), utc(5, 9, 20)},
    };
    QJsonArray rows;
    for (const Call &call : calls) {
        CdrRowSpec spec = CdrRowSpec()
                              .withCdrId(u"c-"_s + QLatin1StringView(call.name))
                              .withConf(QLatin1StringView(call.conf))
                              .withName(QLatin1StringView(call.name))
                              .withRef(QString(QLatin1StringView(call.name)).toLower())
                              .during(call.from, call.to);
        spec.roomId = QLatin1StringView(call.room);
        rows.append(cdrRow(spec));
    }
    for (int i = 0; i < extraRows; ++i) {
        CdrRowSpec spec = CdrRowSpec()
                              .withCdrId(u"x-%1"_s.arg(i))
                              .withConf(u"x%1"_s.arg(i / 25))
                              .withName(u"Guest %1"_s.arg(i))
                              .during(utc(10, 8, 0).addSecs(i), utc(10, 8, 1).addSecs(i));
        spec.roomId = u"r9"_s;
        rows.append(cdrRow(spec));
    }
    CdrIngest ingest(m_store.database(), m_projectId);
    return ingest.ingest(CdrRowParser::parse(rows)).ok();
}

} // namespace confero::test
