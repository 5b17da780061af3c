#pragma once

#include "StoreError.h"

#include <QMetaObject>
#include <QObject>
#include <QSqlDatabase>
#include <QThread>

#include <functional>

namespace confero {

class Store;

// A thread with its own connection to the store, for bulk ingest, counts and reports: QSqlDatabase
// connections belong to the thread that opened them, so the worker opens its own (same location
// and settings as `store`) on first use. Jobs run one after another in the order given; their
// answers come back on the thread that owns the worker, and never after it is destroyed.
// `store` must outlive the worker.
class StoreWorker final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StoreWorker)

public:
    explicit StoreWorker(const Store *store, QObject *parent = nullptr);
    // Waits for the running job (a job in a transaction is finished, not torn); queued jobs are dropped.
    ~StoreWorker() override;

    // Runs `job` on the worker thread with its connection (not open if opening failed: see
    // openError()), then `done` with its result on this object's thread.
    template<typename R>
    void run(std::function<R(QSqlDatabase &)> job, std::function<void(R)> done)
    {
        post([this, job = std::move(job), done = std::move(done)](QSqlDatabase &db) {
            R result = job(db);
            QMetaObject::invokeMethod(
                this, [done, result = std::move(result)] { done(result); }, Qt::QueuedConnection);
        });
    }

    // Opens the connection now, on the worker, and has the database read its schema, so the first
    // job does not pay for it (tens of milliseconds on a store with many indexes): a view's first
    // jump would otherwise wait for two connections to open.
    void warmUp();

    // Why the worker's connection could not be opened (read on the worker thread, inside a job).
    StoreError openError() const;

private:
    void post(std::function<void(QSqlDatabase &)> job);
    QSqlDatabase &connection();

    const Store *m_store;
    QThread m_thread;
    QObject *m_executor = nullptr; // lives on m_thread; jobs are queued to it
    QString m_connectionName;
    QSqlDatabase m_db; // touched only on m_thread
    StoreError m_openError; // touched only on m_thread
};

} // namespace confero
