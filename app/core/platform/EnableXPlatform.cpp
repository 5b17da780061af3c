#include "EnableXPlatform.h"

#include "Logging.h"
#include "PlatformRequest.h"
#include "recordings/ArchiveParser.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QPointer>
#include <QSslCertificate>
#include <QTimer>

namespace confero {

using namespace Qt::StringLiterals;

class EnableXPlatform::Private
{
public:
    EnableXPlatform *q;
    QNetworkAccessManager *network;
    QUrl baseUrl;
    QString appId;
    QString appKey;
    Options options;
    QList<QSslCertificate> trusted;

    QByteArray authorization() const { return "Basic " + (appId + u':' + appKey).toUtf8().toBase64(); }

    QUrl url(const QStringList &segments) const
    {
        QString path;
        for (const QString &segment : segments) {
            if (!path.isEmpty())
                path += u'/';
            path += QString::fromLatin1(QUrl::toPercentEncoding(segment));
        }
        return baseUrl.resolved(QUrl(path));
    }

    template<typename T, typename Convert>
    void send(PlatformRequest::Spec spec, QObject *context, Callback<T> done, Convert convert)
    {
        if (!context)
            context = q;
        RetryPolicy retry;
        retry.maxAttempts = std::max(1, options.maxAttempts);
        retry.initialBackoffMs = options.initialBackoffMs;
        retry.maxBackoffMs = options.maxBackoffMs;
        retry.maxRetryAfterMs = options.maxRetryAfterMs;
        const QString operation = spec.operation;
        auto *request = new PlatformRequest(network, std::move(spec), authorization(), retry, options.transferTimeoutMs,
                                            trusted, q);
        QObject::connect(request, &PlatformRequest::attemptStarted, q,
                         [this, operation] { Q_EMIT q->requestStarted(operation); });
        QObject::connect(request, &PlatformRequest::attemptFinished, q, [this, operation](bool ok, int elapsedMs) {
            Q_EMIT q->requestFinished(operation, ok, elapsedMs);
        });
        QObject::connect(
            request, &PlatformRequest::succeeded, context,
            [done, convert, operation](const QJsonObject &envelope) { done(convert(envelope, operation)); });
        QObject::connect(request, &PlatformRequest::failed, context,
                         [done](const PlatformError &error) { done(error); });
        QObject::connect(context, &QObject::destroyed, request, &PlatformRequest::cancel);
        request->start();
    }

    // Refusal found before sending, delivered asynchronously like every other answer.
    template<typename T>
    void refuse(const QList<FieldError> &errors, const QString &operation, QObject *context, Callback<T> done)
    {
        PlatformError error;
        error.kind = PlatformError::Kind::Validation;
        error.field = errors.constFirst().field;
        error.detail = errors.constFirst().message;
        error.operation = operation;
        QTimer::singleShot(0, context ? context : q, [done, error] { done(error); });
    }
};

namespace {

QString day(const QDate &date)
{
    return date.toString(Qt::ISODate);
}

PlatformError protocolError(const QString &operation, const QString &detail)
{
    PlatformError error;
    error.kind = PlatformError::Kind::Protocol;
    error.httpStatus = 200;
    error.operation = operation;
    error.detail = detail;
    return error;
}

} // namespace

EnableXPlatform::EnableXPlatform(QNetworkAccessManager *network, const QUrl &baseUrl, const QString &appId,
                                 const QString &appKey, QObject *parent)
    : EnableXPlatform(network, baseUrl, appId, appKey, Options{}, parent)
{
}

EnableXPlatform::EnableXPlatform(QNetworkAccessManager *network, const QUrl &baseUrl, const QString &appId,
                                 const QString &appKey, const Options &options, QObject *parent)
    : VideoPlatform(parent)
    , d(std::make_unique<Private>())
{
    d->q = this;
    d->network = network;
    d->baseUrl = baseUrl;
    if (!d->baseUrl.path().endsWith(u'/'))
        d->baseUrl.setPath(d->baseUrl.path() + u'/');
    d->appId = appId;
    d->appKey = appKey;
    d->options = options;
}

EnableXPlatform::~EnableXPlatform() = default;

QUrl EnableXPlatform::baseUrl() const
{
    return d->baseUrl;
}

void EnableXPlatform::setTrustedCertificatePem(const QByteArray &pem)
{
    d->trusted = QSslCertificate::fromData(pem, QSsl::Pem);
    if (d->trusted.isEmpty())
        qCWarning(lcPlatform) << "the trusted certificate given is not a PEM certificate";
}

void EnableXPlatform::listRooms(QObject *context, Callback<QList<Room>> done)
{
    PlatformRequest::Spec spec{"GET", d->url({u"rooms"_s}), {}, tr("listing rooms")};
    d->send<QList<Room>>(std::move(spec), context, std::move(done),
                         [](const QJsonObject &envelope, const QString &operation) -> PlatformResult<QList<Room>> {
                             const QJsonValue rooms = envelope.value(u"rooms");
                             if (!rooms.isArray() && !rooms.isNull() && !rooms.isUndefined())
                                 return protocolError(operation, u"`rooms` is not an array"_s);
                             QList<Room> list;
                             const QJsonArray array = rooms.toArray();
                             list.reserve(array.size());
                             for (const auto &value : array) {
                                 if (std::optional<Room> room = Room::fromJson(value.toObject()))
                                     list.append(std::move(*room));
                                 else
                                     qCWarning(lcPlatform) << "skipping a listed room without room_id";
                             }
                             return list;
                         });
}

void EnableXPlatform::getRoom(const QString &roomId, QObject *context, Callback<Room> done)
{
    PlatformRequest::Spec spec{"GET", d->url({u"rooms"_s, roomId}), {}, tr("reading room %1").arg(roomId)};
    d->send<Room>(std::move(spec), context, std::move(done),
                  [](const QJsonObject &envelope, const QString &operation) -> PlatformResult<Room> {
                      if (std::optional<Room> room = Room::fromJson(envelope.value(u"room").toObject()))
                          return std::move(*room);
                      return protocolError(operation, u"no `room` object with a room_id"_s);
                  });
}

void EnableXPlatform::createRoom(const RoomDefinition &definition, QObject *context, Callback<Room> done)
{
    const QString operation = tr("creating room \"%1\"").arg(definition.name.trimmed());
    const QList<FieldError> errors = definition.validate(QDateTime::currentDateTimeUtc());
    if (!errors.isEmpty()) {
        d->refuse<Room>(errors, operation, context, std::move(done));
        return;
    }
    PlatformRequest::Spec spec{"POST", d->url({u"rooms"_s}),
                               QJsonDocument(definition.toJson()).toJson(QJsonDocument::Compact), operation,
                               PlatformRequest::Replay::OnlyIfNotProcessed};
    d->send<Room>(std::move(spec), context, std::move(done),
                  [](const QJsonObject &envelope, const QString &op) -> PlatformResult<Room> {
                      if (std::optional<Room> room = Room::fromJson(envelope.value(u"room").toObject()))
                          return std::move(*room);
                      return protocolError(op, u"no `room` object with a room_id"_s);
                  });
}

void EnableXPlatform::updateRoom(const QString &roomId, const QJsonObject &changes, QObject *context,
                                 Callback<Done> done)
{
    // Setting the same keys twice leaves the same room: safe to replay.
    PlatformRequest::Spec spec{"PATCH", d->url({u"rooms"_s, roomId}),
                               QJsonDocument(changes).toJson(QJsonDocument::Compact),
                               tr("updating room %1").arg(roomId)};
    d->send<Done>(std::move(spec), context, std::move(done),
                  [](const QJsonObject &, const QString &) -> PlatformResult<Done> { return Done{}; });
}

void EnableXPlatform::deleteRoom(const QString &roomId, QObject *context, Callback<Done> done)
{
    PlatformRequest::Spec spec{"DELETE", d->url({u"rooms"_s, roomId}), {}, tr("deleting room %1").arg(roomId)};
    spec.notFoundOnRetryMeansDone = true;
    d->send<Done>(std::move(spec), context, std::move(done),
                  [](const QJsonObject &, const QString &) -> PlatformResult<Done> { return Done{}; });
}

void EnableXPlatform::liveUsers(const QString &roomId, QObject *context, Callback<QList<LiveUser>> done)
{
    PlatformRequest::Spec spec{
        "GET", d->url({u"rooms"_s, roomId, u"users"_s}), {}, tr("reading who is in room %1").arg(roomId)};
    d->send<QList<LiveUser>>(std::move(spec), context, std::move(done),
                             [](const QJsonObject &envelope, const QString &) -> PlatformResult<QList<LiveUser>> {
                                 // An idle room answers a "null list" (video-api.md 3.7): null, missing or [] all mean
                                 // nobody.
                                 QList<LiveUser> users;
                                 const QJsonArray array = envelope.value(u"users").toArray();
                                 for (const auto &value : array) {
                                     if (std::optional<LiveUser> user = LiveUser::fromJson(value.toObject()))
                                         users.append(std::move(*user));
                                 }
                                 return users;
                             });
}

void EnableXPlatform::createToken(const QString &roomId, const TokenRequest &request, QObject *context,
                                  Callback<JoinToken> done)
{
    const QString operation = tr("creating a token for room %1").arg(roomId);
    const QList<FieldError> errors = request.validate();
    if (!errors.isEmpty()) {
        d->refuse<JoinToken>(errors, operation, context, std::move(done));
        return;
    }
    PlatformRequest::Spec spec{"POST", d->url({u"rooms"_s, roomId, u"tokens"_s}),
                               QJsonDocument(request.toJson()).toJson(QJsonDocument::Compact), operation,
                               PlatformRequest::Replay::OnlyIfNotProcessed};
    d->send<JoinToken>(std::move(spec), context, std::move(done),
                       [](const QJsonObject &envelope, const QString &op) -> PlatformResult<JoinToken> {
                           const QString raw = envelope.value(u"token").toString();
                           if (raw.isEmpty())
                               return protocolError(op, u"no `token` in the answer"_s);
                           if (std::optional<JoinToken> token = JoinToken::decode(raw))
                               return std::move(*token);
                           // A token this version cannot read is still what the platform issued: pass it on.
                           JoinToken opaque;
                           opaque.raw = raw;
                           return opaque;
                       });
}

namespace {

PlatformResult<QJsonArray> cdrRows(const QJsonObject &envelope, const QString &operation)
{
    // No CDR for the period is an empty array; some answers leave `cdr` out or null.
    const QJsonValue rows = envelope.value(u"cdr");
    if (rows.isNull() || rows.isUndefined())
        return QJsonArray();
    if (!rows.isArray())
        return protocolError(operation, u"`cdr` is not an array"_s);
    return rows.toArray();
}

} // namespace

void EnableXPlatform::cdrByPeriod(const QDate &from, const QDate &to, QObject *context, Callback<QJsonArray> done)
{
    PlatformRequest::Spec spec{"GET",
                               d->url({u"cdr"_s, u"period"_s, day(from), day(to)}),
                               {},
                               tr("reading call records from %1 to %2").arg(day(from), day(to))};
    d->send<QJsonArray>(std::move(spec), context, std::move(done), cdrRows);
}

void EnableXPlatform::cdrByRoom(const QString &roomId, QObject *context, Callback<QJsonArray> done)
{
    PlatformRequest::Spec spec{
        "GET", d->url({u"cdr"_s, u"room"_s, roomId}), {}, tr("reading call records of room %1").arg(roomId)};
    d->send<QJsonArray>(std::move(spec), context, std::move(done), cdrRows);
}

void EnableXPlatform::cdrByRoomPeriod(const QString &roomId, const QDate &from, const QDate &to, QObject *context,
                                      Callback<QJsonArray> done)
{
    PlatformRequest::Spec spec{"GET",
                               d->url({u"cdr"_s, u"room-period"_s, roomId, day(from), day(to)}),
                               {},
                               tr("reading call records of room %1 from %2 to %3").arg(roomId, day(from), day(to))};
    d->send<QJsonArray>(std::move(spec), context, std::move(done), cdrRows);
}

void EnableXPlatform::cdrByConference(const QString &confNum, QObject *context, Callback<QJsonArray> done)
{
    PlatformRequest::Spec spec{
        "GET", d->url({u"cdr"_s, u"conf"_s, confNum}), {}, tr("reading call records of session %1").arg(confNum)};
    d->send<QJsonArray>(std::move(spec), context, std::move(done), cdrRows);
}

namespace {

PlatformResult<QList<ArchiveEntry>> archiveEntries(const QJsonObject &envelope, const QString &operation)
{
    // As for CDR: no files for the selection may come as an empty, missing or null `archive`.
    const QJsonValue archive = envelope.value(u"archive");
    if (archive.isNull() || archive.isUndefined())
        return QList<ArchiveEntry>();
    if (!archive.isArray())
        return protocolError(operation, u"`archive` is not an array"_s);
    QString error;
    std::optional<QList<ArchiveEntry>> entries = ArchiveParser::parse(archive.toArray(), &error);
    if (!entries)
        return protocolError(operation, error);
    return std::move(*entries);
}

} // namespace

void EnableXPlatform::archiveByPeriod(const QDate &from, const QDate &to, QObject *context,
                                      Callback<QList<ArchiveEntry>> done)
{
    PlatformRequest::Spec spec{"GET",
                               d->url({u"archive"_s, u"period"_s, day(from), day(to)}),
                               {},
                               tr("reading recordings from %1 to %2").arg(day(from), day(to))};
    d->send<QList<ArchiveEntry>>(std::move(spec), context, std::move(done), archiveEntries);
}

void EnableXPlatform::archiveByRoom(const QString &roomId, QObject *context, Callback<QList<ArchiveEntry>> done)
{
    PlatformRequest::Spec spec{
        "GET", d->url({u"archive"_s, u"room"_s, roomId}), {}, tr("reading recordings of room %1").arg(roomId)};
    d->send<QList<ArchiveEntry>>(std::move(spec), context, std::move(done), archiveEntries);
}

void EnableXPlatform::archiveByRoomPeriod(const QString &roomId, const QDate &from, const QDate &to,
                                          QObject *context, Callback<QList<ArchiveEntry>> done)
{
    PlatformRequest::Spec spec{"GET",
                               d->url({u"archive"_s, u"room-period"_s, roomId, day(from), day(to)}),
                               {},
                               tr("reading recordings of room %1 from %2 to %3").arg(roomId, day(from), day(to))};
    d->send<QList<ArchiveEntry>>(std::move(spec), context, std::move(done), archiveEntries);
}

void EnableXPlatform::archiveByConference(const QString &confNum, QObject *context,
                                          Callback<QList<ArchiveEntry>> done)
{
    PlatformRequest::Spec spec{
        "GET", d->url({u"archive"_s, u"conf"_s, confNum}), {}, tr("reading recordings of session %1").arg(confNum)};
    d->send<QList<ArchiveEntry>>(std::move(spec), context, std::move(done), archiveEntries);
}

} // namespace confero
