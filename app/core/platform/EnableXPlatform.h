#pragma once

#include "VideoPlatform.h"

#include <QUrl>

class QNetworkAccessManager;

namespace confero {

// VideoPlatform over QNetworkAccessManager for the EnableX Video API v2 (video-api.md).
// Retries with exponential backoff and jitter on network errors, 408, 429 (honouring Retry-After) and
// 5xx; never on other 4xx or on 10xxx/40xxx result codes.
class EnableXPlatform final : public VideoPlatform
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EnableXPlatform)

public:
    struct Options
    {
        int transferTimeoutMs = 20'000;
        int maxAttempts = 4; // first try included
        int initialBackoffMs = 500;
        int maxBackoffMs = 8'000;
        int maxRetryAfterMs = 60'000; // a longer Retry-After is not waited for
    };

    // `baseUrl` is the API root, e.g. https://api.enablex.io/video/v2/ (a trailing '/' is added).
    EnableXPlatform(QNetworkAccessManager *network, const QUrl &baseUrl, const QString &appId, const QString &appKey,
                    QObject *parent = nullptr);
    EnableXPlatform(QNetworkAccessManager *network, const QUrl &baseUrl, const QString &appId, const QString &appKey,
                    const Options &options, QObject *parent = nullptr);
    ~EnableXPlatform() override;

    QUrl baseUrl() const;
    // Accept this self-signed certificate (the sandbox's, over HTTPS on loopback).
    void setTrustedCertificatePem(const QByteArray &pem);

    void listRooms(QObject *context, Callback<QList<Room>> done) override;
    void getRoom(const QString &roomId, QObject *context, Callback<Room> done) override;
    void createRoom(const RoomDefinition &definition, QObject *context, Callback<Room> done) override;
    void updateRoom(const QString &roomId, const QJsonObject &changes, QObject *context, Callback<Done> done) override;
    void deleteRoom(const QString &roomId, QObject *context, Callback<Done> done) override;
    void liveUsers(const QString &roomId, QObject *context, Callback<QList<LiveUser>> done) override;
    void createToken(const QString &roomId, const TokenRequest &request, QObject *context,
                     Callback<JoinToken> done) override;
    void cdrByPeriod(const QDate &from, const QDate &to, QObject *context, Callback<QJsonArray> done) override;
    void cdrByRoom(const QString &roomId, QObject *context, Callback<QJsonArray> done) override;
    void cdrByRoomPeriod(const QString &roomId, const QDate &from, const QDate &to, QObject *context,
                         Callback<QJsonArray> done) override;
    void cdrByConference(const QString &confNum, QObject *context, Callback<QJsonArray> done) override;
    void archiveByPeriod(const QDate &from, const QDate &to, QObject *context,
                         Callback<QList<ArchiveEntry>> done) override;
    void archiveByRoom(const QString &roomId, QObject *context, Callback<QList<ArchiveEntry>> done) override;
    void archiveByRoomPeriod(const QString &roomId, const QDate &from, const QDate &to, QObject *context,
                             Callback<QList<ArchiveEntry>> done) override;
    void archiveByConference(const QString &confNum, QObject *context, Callback<QList<ArchiveEntry>> done) override;

private:
    class Private;
    std::unique_ptr<Private> d;
};

} // namespace confero
