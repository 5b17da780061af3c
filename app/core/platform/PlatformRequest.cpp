#include "PlatformRequest.h"

#include "Logging.h"
#include "PlatformEnvelope.h"

#include <QNetworkAccessManager>
#include <QNetworkRequest>
#include <QSslConfiguration>

namespace confero {

using namespace Qt::StringLiterals;

PlatformRequest::PlatformRequest(QNetworkAccessManager *network, Spec spec, QByteArray authorization, RetryPolicy retry,
                                 int transferTimeoutMs, QList<QSslCertificate> trusted, QObject *parent)
    : QObject(parent)
    , m_network(network)
    , m_spec(std::move(spec))
    , m_authorization(std::move(authorization))
    , m_retry(retry)
    , m_transferTimeoutMs(transferTimeoutMs)
    , m_trusted(std::move(trusted))
{
    m_retryTimer.setSingleShot(true);
    connect(&m_retryTimer, &QTimer::timeout, this, &PlatformRequest::sendAttempt);
}

PlatformRequest::~PlatformRequest()
{
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->abort();
        m_reply->deleteLater();
    }
}

void PlatformRequest::start()
{
    sendAttempt();
}

void PlatformRequest::cancel()
{
    if (m_done)
        return;
    m_cancelled = true;
    m_done = true;
    m_retryTimer.stop();
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->abort();
        m_reply->deleteLater();
    }
    qCDebug(lcPlatform) << "cancelled:" << m_spec.operation;
    deleteLater();
}

int PlatformRequest::attempts() const
{
    return m_attempt;
}

void PlatformRequest::sendAttempt()
{
    if (m_done)
        return;
    ++m_attempt;
    QNetworkRequest request(m_spec.url);
    // Built for each attempt and never logged: it carries the App Key.
    request.setRawHeader("Authorization", m_authorization);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    request.setRawHeader("Accept", "application/json");
    request.setTransferTimeout(m_transferTimeoutMs);
    // Redirects would resend the Authorization header to wherever they point.
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    if (!m_trusted.isEmpty()) {
        QSslConfiguration ssl = QSslConfiguration::defaultConfiguration();
        ssl.addCaCertificates(m_trusted);
        request.setSslConfiguration(ssl);
    }

    qCDebug(lcPlatform).noquote() << m_spec.verb << m_spec.url.path() << "attempt" << m_attempt;
    m_attemptClock.start();
    Q_EMIT attemptStarted();
    if (m_spec.body.isEmpty() && m_spec.verb != "POST" && m_spec.verb != "PATCH")
        m_reply = m_network->sendCustomRequest(request, m_spec.verb);
    else
        m_reply = m_network->sendCustomRequest(request, m_spec.verb, m_spec.body);

    if (!m_trusted.isEmpty()) {
        QList<QSslError> expected;
        for (const QSslCertificate &certificate : std::as_const(m_trusted))
            expected.append(QSslError(QSslError::SelfSignedCertificate, certificate));
        m_reply->ignoreSslErrors(expected);
    }
    connect(m_reply, &QNetworkReply::finished, this, &PlatformRequest::onReplyFinished);
}

PlatformError PlatformRequest::transportError(QNetworkReply::NetworkError code) const
{
    PlatformError error;
    error.operation = m_spec.operation;
    error.detail = m_reply ? m_reply->errorString() : QString();
    // Qt reports an expired transfer timeout as a cancelled operation (we never cancel a live reply
    // without also disconnecting from it, so here it can only be the timeout).
    const bool timedOut = code == QNetworkReply::TimeoutError || code == QNetworkReply::OperationCanceledError;
    error.kind = timedOut ? PlatformError::Kind::Timeout : PlatformError::Kind::Network;
    return error;
}

void PlatformRequest::onReplyFinished()
{
    QNetworkReply *reply = m_reply;
    if (!reply || m_done)
        return;
    m_reply = nullptr;
    reply->deleteLater();
    const int elapsed = static_cast<int>(m_attemptClock.elapsed());
    const QNetworkReply::NetworkError code = reply->error();
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();

    // Codes below 200 are the transport's (connection, TLS, proxy, timeout, a connection closed
    // mid-body). With an HTTP status, anything else is a real answer whose body says what happened
    // (Qt maps a 400 to ProtocolInvalidOperationError, a 403 to ContentAccessDenied, ...).
    const bool transportFailure = status == 0 || (code != QNetworkReply::NoError && code < 200);
    if (transportFailure) {
        const PlatformError error = transportError(code);
        qCInfo(lcPlatform).noquote() << m_spec.verb << m_spec.url.path()
                                     << "failed:" << PlatformError::kindName(error.kind) << error.detail << "after"
                                     << elapsed << "ms";
        Q_EMIT attemptFinished(false, elapsed);
        const bool notSent = code == QNetworkReply::ConnectionRefusedError || code == QNetworkReply::HostNotFoundError;
        retryOrFail(error, std::nullopt, notSent);
        return;
    }

    const QByteArray body = reply->readAll();
    PlatformError error;
    const std::optional<QJsonObject> envelope = PlatformEnvelope::parse(status, body, m_spec.operation, &error);
    qCDebug(lcPlatform).noquote() << m_spec.verb << m_spec.url.path() << "HTTP" << status
                                  << (envelope ? u"ok"_s : u"result "_s + QString::number(error.resultCode)) << "in"
                                  << elapsed << "ms";
    Q_EMIT attemptFinished(envelope.has_value(), elapsed);
    if (envelope) {
        finishWith(&*envelope, nullptr);
        return;
    }
    if (m_spec.notFoundOnRetryMeansDone && m_attempt > 1 && error.kind == PlatformError::Kind::NotFound) {
        qCInfo(lcPlatform).noquote() << m_spec.operation << ": not found on retry, an earlier attempt already did it";
        const QJsonObject done{{u"result"_s, 0}};
        finishWith(&done, nullptr);
        return;
    }
    const std::optional<qint64> retryAfter =
        RetryPolicy::retryAfterMs(reply->rawHeader("Retry-After"), QDateTime::currentDateTimeUtc());
    retryOrFail(error, retryAfter, status == 429 || status == 503);
}

void PlatformRequest::retryOrFail(const PlatformError &error, std::optional<qint64> retryAfterMs,
                                  bool requestNotProcessed)
{
    const bool mayReplay = m_spec.replay == Replay::Safe || requestNotProcessed;
    if (!error.isTransient() || !mayReplay || m_attempt >= m_retry.maxAttempts) {
        finishWith(nullptr, &error);
        return;
    }
    qint64 delay = m_retry.backoffMs(m_attempt);
    if (retryAfterMs) {
        if (*retryAfterMs > m_retry.maxRetryAfterMs) {
            qCInfo(lcPlatform).noquote() << m_spec.operation << ": Retry-After" << *retryAfterMs
                                         << "ms is longer than we wait; giving up";
            finishWith(nullptr, &error);
            return;
        }
        delay = *retryAfterMs;
    }
    qCInfo(lcPlatform).noquote() << m_spec.operation << ": attempt" << m_attempt << "failed ("
                                 << PlatformError::kindName(error.kind) << "), retrying in" << delay << "ms";
    m_retryTimer.start(static_cast<int>(delay));
}

void PlatformRequest::finishWith(const QJsonObject *envelope, const PlatformError *error)
{
    if (m_done)
        return;
    m_done = true;
    if (envelope)
        Q_EMIT succeeded(*envelope);
    else if (error)
        Q_EMIT failed(*error);
    deleteLater();
}

} // namespace confero
