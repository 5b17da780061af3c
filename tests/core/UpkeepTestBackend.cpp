#include "UpkeepTestBackend.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QTest>
#include <QUrl>
#include <QUuid>

namespace confero::test {

using namespace Qt::StringLiterals;

namespace {
const QString kAdmin = u"upkeep-pg-admin"_s;
}

UpkeepTestBackend::~UpkeepTestBackend()
{
    if (QSqlDatabase::contains(kAdmin)) {
        QSqlDatabase::database(kAdmin, false).close();
        QSqlDatabase::removeDatabase(kAdmin);
    }
}

void UpkeepTestBackend::addRows()
{
    QTest::addColumn<bool>("postgres");
    QTest::newRow("sqlite") << false;
    QTest::newRow("postgres") << true;
}

bool UpkeepTestBackend::init(QString *error)
{
    if (!m_dir.isValid()) {
        *error = u"no temporary folder"_s;
        return false;
    }
    m_pgUrl = qEnvironmentVariable("CONFERO_TEST_PG_URL");
    if (m_pgUrl.isEmpty())
        return true;
    if (!QSqlDatabase::isDriverAvailable(u"QPSQL"_s)) {
        *error = u"CONFERO_TEST_PG_URL is set but QPSQL is missing"_s;
        return false;
    }
    QSqlDatabase admin = QSqlDatabase::addDatabase(u"QPSQL"_s, kAdmin);
    const QUrl url(m_pgUrl);
    admin.setHostName(url.host());
    admin.setPort(url.port(5432));
    admin.setUserName(url.userName());
    admin.setPassword(url.password());
    admin.setDatabaseName(url.path().mid(1));
    if (!admin.open()) {
        *error = admin.lastError().text();
        return false;
    }
    return true;
}

bool UpkeepTestBackend::hasPostgres() const
{
    return !m_pgUrl.isEmpty();
}

QString UpkeepTestBackend::dataDir() const
{
    return m_dir.path();
}

std::unique_ptr<Store> UpkeepTestBackend::open(bool postgres, qint64 *projectId, QString *error)
{
    QString location;
    if (postgres) {
        if (m_pgUrl.isEmpty()) {
            *error = u"CONFERO_TEST_PG_URL is not set"_s;
            return nullptr;
        }
        const QString schema = u"confero_upkeep_"_s + QUuid::createUuid().toString(QUuid::Id128).left(12);
        QSqlQuery query(QSqlDatabase::database(kAdmin));
        if (!query.exec(u"CREATE SCHEMA "_s + schema)) {
            *error = query.lastError().text();
            return nullptr;
        }
        m_schemas.append(schema);
        location = m_pgUrl + (m_pgUrl.contains(u'?') ? u"&"_s : u"?"_s) + u"options=-csearch_path%3D"_s + schema;
    } else {
        location = m_dir.filePath(QUuid::createUuid().toString(QUuid::Id128) + u".sqlite"_s);
    }
    auto store = std::make_unique<Store>();
    const StoreResult<bool> opened = store->open(location);
    if (!opened) {
        *error = opened.error().message + u' ' + opened.error().detail;
        return nullptr;
    }
    *projectId = addProject(*store, u"Test"_s);
    if (*projectId == 0) {
        *error = u"could not add a project"_s;
        return nullptr;
    }
    return store;
}

qint64 UpkeepTestBackend::addProject(Store &store, const QString &name)
{
    QSqlQuery query(store.database());
    query.prepare(
        u"INSERT INTO projects (name, api_base_url, app_id, is_sandbox, created_at) VALUES (?, ?, ?, 0, 0)"_s);
    query.addBindValue(name);
    query.addBindValue(u"http://127.0.0.1/video/v2/"_s);
    query.addBindValue(u"app"_s);
    if (!query.exec())
        return 0;
    query.prepare(u"SELECT id FROM projects WHERE name = ?"_s);
    query.addBindValue(name);
    if (!query.exec() || !query.next())
        return 0;
    return query.value(0).toLongLong();
}

bool UpkeepTestBackend::cleanup(QString *error)
{
    if (m_pgUrl.isEmpty())
        return true;
    QSqlQuery query(QSqlDatabase::database(kAdmin));
    for (const QString &schema : std::as_const(m_schemas)) {
        if (!query.exec(u"DROP SCHEMA "_s + schema + u" CASCADE"_s)) {
            *error = query.lastError().text();
            return false;
        }
    }
    m_schemas.clear();
    return true;
}

} // namespace confero::test
