#pragma once

#include "PlatformResult.h"
#include "domain/JoinToken.h"
#include "domain/LiveUser.h"
#include "domain/Room.h"
#include "recordings/ArchiveEntry.h"

#include <QDate>
#include <QJsonArray>
#include <QJsonObject>
#include <QObject>

#include <functional>

namespace confero {

// The seam between the console and a cloud Video API. Every call is asynchronous; `done` is called
// exactly once on the caller's thread, unless `context` was destroyed first (then never).
class VideoPlatform : public QObject
{
    Q_OBJECT

public:
    using QObject::QObject;
    ~VideoPlatform() override = default;

    template<typename T>
    using Callback = std::function<void(PlatformResult<T>)>;

    virtual void listRooms(QObject *context, Callback<QList<Room>> done) = 0;
    virtual void getRoom(const QString &roomId, QObject *context, Callback<Room> done) = 0;
    virtual void createRoom(const RoomDefinition &definition, QObject *context, Callback<Room> done) = 0;
    // Sends only the keys of `changes` (a partial room body as the platform's PATCH takes it).
    virtual void updateRoom(const QString &roomId, const QJsonObject &changes, QObject *context,
                            Callback<Done> done) = 0;
    virtual void deleteRoom(const QString &roomId, QObject *context, Callback<Done> done) = 0;
    virtual void liveUsers(const QString &roomId, QObject *context, Callback<QList<LiveUser>> done) = 0;
    virtual void createToken(const QString &roomId, const TokenRequest &request, QObject *context,
                             Callback<JoinToken> done) = 0;

    // Call detail records (video-api.md 5): the `cdr` array as the platform sent it, whole (no
    // pagination). Dates are UTC days, both ends included.
    virtual void cdrByPeriod(const QDate &from, const QDate &to, QObject *context, Callback<QJsonArray> done) = 0;
    virtual void cdrByRoom(const QString &roomId, QObject *context, Callback<QJsonArray> done) = 0;
    virtual void cdrByRoomPeriod(const QString &roomId, const QDate &from, const QDate &to, QObject *context,
                                 Callback<QJsonArray> done) = 0;
    virtual void cdrByConference(const QString &confNum, QObject *context, Callback<QJsonArray> done) = 0;

    // Archive (video-api.md 6): each recorded session's files as download links, read strictly by
    // ArchiveParser (an answer it refuses is a protocol error). Dates as for CDR.
    virtual void archiveByPeriod(const QDate &from, const QDate &to, QObject *context,
                                 Callback<QList<ArchiveEntry>> done) = 0;
    virtual void archiveByRoom(const QString &roomId, QObject *context, Callback<QList<ArchiveEntry>> done) = 0;
    virtual void archiveByRoomPeriod(const QString &roomId, const QDate &from, const QDate &to, QObject *context,
                                     Callback<QList<ArchiveEntry>> done) = 0;
    virtual void archiveByConference(const QString &confNum, QObject *context,
                                     Callback<QList<ArchiveEntry>> done) = 0;

Q_SIGNALS:
    // For the status bar's API activity: one pair per HTTP exchange (retries count separately).
    void requestStarted(const QString &operation);
    void requestFinished(const QString &operation, bool ok, int elapsedMs);
};

} // namespace confero
