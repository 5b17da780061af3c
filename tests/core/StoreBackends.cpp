#include "StoreBackends.h"

#include "store/Store.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>
#include <QUrl>
#include <QUuid>

namespace confero::test {

using namespace Qt::StringLiterals;

namespace {
const QString kAdmin = u"store-backends-admin"_s;
}

StoreBackends::StoreBackends() = default;

StoreBackends::~StoreBackends()
{
    if (!m_pgUrl.isEmpty()) {
        QString error;
        dropSchemas(&error);
        QSqlDatabase::removeDatabase(kAdmin);
    }
}

void StoreBackends::addRows()
{
    QTest::addColumn<bool>("postgres");
    QTest::newRow("sqlite") << false;
    QTest::newRow("postgres") << true;
}

bool StoreBackends::init(QString *error)
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

bool StoreBackends::hasPostgres() const
{
    return !m_pgUrl.isEmpty();
}

std::unique_ptr<Store> StoreBackends::open(bool postgres, qint64 *projectId, QString *error)
{
    QString location;
    if (postgres) {
        const QString schema = u"confero_sessions_"_s + QUuid::createUuid().toString(QUuid::Id128).left(12);
        QSqlQuery query(QSqlDatabase::database(kAdmin));
        if (!query.exec(u"CREATE SCHEMA "_s + schema)) {
            *error = query.lastError().text();
            return nullptr;
        }
        m_schemas.append(schema);
        location = m_pgUrl + (m_pgUrl.contains(u'?') ? u"&"_s : u"?"_s) + u"options=-csearch_path%3D"_s + schema;
    } else {
        location = m_dir.filePath(u"store-%1.sqlite"_s.arg(++m_opened));
    }
    auto store = std::make_unique<Store>();
    const StoreResult<bool> opened = store->open(location);
    if (!opened) {
        *error = opened.error().message + u": "_s + opened.error().detail;
        return nullptr;
    }
    QSqlQuery query(store->database());
    if (!query.exec(u"INSERT INTO projects (name, api_base_url, app_id, is_sandbox, created_at) "
                    "VALUES ('Test', 'http://127.0.0.1/video/v2/', 'app', 0, 0)"_s)
        || !query.exec(u"SELECT id FROM projects"_s) || !query.next()) {
        *error = query.lastError().text();
        return nullptr;
    }
    *projectId = query.value(0).toLongLong();
    return store;
}

bool StoreBackends::dropSchemas(QString *error)
{
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
