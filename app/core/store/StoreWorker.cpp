#include "StoreWorker.h"

#include "Logging.h"
#include "Store.h"

#include <QAtomicInteger>
#include <QSqlQuery>

namespace confero {

using namespace Qt::StringLiterals;

namespace {
QAtomicInteger<int> s_workerCounter;
}

StoreWorker::StoreWorker(const Store *store, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_connectionName(u"confero-store-worker-%1"_s.arg(s_workerCounter.fetchAndAddRelaxed(1)))
{
    m_executor = new QObject;
    m_executor->moveToThread(&m_thread);
    // Runs on the worker thread as its event loop ends: the connection is closed where it was made.
    connect(
        &m_thread, &QThread::finished, m_executor,
        [this] {
            if (m_db.isValid()) {
                m_db.close();
                m_db = QSqlDatabase();
                QSqlDatabase::removeDatabase(m_connectionName);
            }
        },
        Qt::DirectConnection);
    m_thread.setObjectName(u"store-worker"_s);
    m_thread.start();
}

StoreWorker::~StoreWorker()
{
    m_thread.quit();
    m_thread.wait();
    delete m_executor;
}

StoreError StoreWorker::openError() const
{
    return m_openError;
}

void StoreWorker::post(std::function<void(QSqlDatabase &)> job)
{
    QMetaObject::invokeMethod(
        m_executor, [this, job = std::move(job)] { job(connection()); }, Qt::QueuedConnection);
}

void StoreWorker::warmUp()
{
    post([](QSqlDatabase &db) {
        if (!db.isOpen())
            return; // connection() logged why; the first job answers openError()
        QSqlQuery schema(db);
        // Preparing a statement that names a table makes SQLite parse the whole schema.
        schema.exec(u"SELECT 1 FROM projects LIMIT 0"_s);
    });
}

QSqlDatabase &StoreWorker::connection()
{
    if (!m_db.isValid() && m_openError.message.isEmpty()) {
        StoreResult<QSqlDatabase> opened = m_store->openConnection(m_connectionName);
        if (opened) {
            m_db = opened.value();
        } else {
            m_openError = opened.error();
            qCWarning(lcStore).noquote() << "worker connection:" << m_openError.message << m_openError.detail;
        }
    }
    return m_db;
}

} // namespace confero
