#pragma once

#include "CdrFilter.h"
#include "CdrReport.h"
#include "StoreError.h"

#include <QList>
#include <QObject>

#include <functional>

class QSqlDatabase;

namespace confero {

class Store;
class StoreWorker;

// A room that has call records, for a report's room choice.
struct CdrRoomChoice
{
    QString roomId;
    QString roomName;
};

// Computes CdrReport for a filter on a worker thread with its own connection: grouped SQL for
// the sums and counts, and one streamed, time-ordered pass over joins and leaves for the peaks, so
// memory holds one value per day or room, never the rows. Sessions count when at least one of
// their participant rows matches the filter (a name filter gives that person's sessions).
// Answers come back on this object's thread, never after it is destroyed.
class CdrReportQuery final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CdrReportQuery)

public:
    static constexpr int defaultTopRooms = 10;

    CdrReportQuery(const Store *store, qint64 projectId, QObject *parent = nullptr);
    ~CdrReportQuery() override;

    // Jobs run in the order given. `topRooms` rooms are listed by name, the rest as one entry.
    void compute(const CdrFilter &filter, int topRooms, std::function<void(StoreResult<CdrReport>)> done);
    // The rooms the project has sessions in, by name.
    void rooms(std::function<void(StoreResult<QList<CdrRoomChoice>>)> done);

    // The same on a given connection, synchronously (for the worker, conferoctl and tests).
    static StoreResult<CdrReport> computeOn(const QSqlDatabase &db, bool postgres, qint64 projectId,
                                            const CdrFilter &filter, int topRooms = defaultTopRooms);
    static StoreResult<QList<CdrRoomChoice>> roomsOn(const QSqlDatabase &db, qint64 projectId);

private:
    const Store *m_store;
    qint64 m_projectId;
    StoreWorker *m_worker;
};

} // namespace confero
