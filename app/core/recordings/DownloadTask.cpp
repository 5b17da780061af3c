#include "DownloadTask.h"

#include "RecordingsLogging.h"

#include <QDir>
#include <QFileInfo>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QStorageInfo>

#include <cerrno>
#include <cstdio>
#include <cstring>

using namespace Qt::StringLiterals;

namespace confero {

namespace {

// Room left on the volume beyond the file itself, so finishing a download never fills it to the brim.
constexpr qint64 FreeSpaceMargin = 1024 * 1024;

// "sha-256=:BASE64:" (Repr-Digest, RFC 9530) or "SHA-256=BASE64" (Digest, RFC 3230).
QByteArray parseDigest(const QByteArray &reprDigest, const QByteArray &digest)
{
    for (const QByteArray &item : reprDigest.split(',')) {
        const QByteArray trimmed = item.trimmed();
        if (trimmed.startsWith("sha-256=:") && trimmed.endsWith(':') && trimmed.size() > 10) {
            const auto decoded = QByteArray::fromBase64Encoding(trimmed.mid(9, trimmed.size() - 10),
                                                                QByteArray::AbortOnBase64DecodingErrors);
            if (decoded && decoded.decoded.size() == 32)
                return decoded.decoded;
        }
    }
    for (const QByteArray &item : digest.split(',')) {
        const QByteArray trimmed = item.trimmed();
        if (trimmed.toLower().startsWith("sha-256=")) {
            const auto decoded =
                QByteArray::fromBase64Encoding(trimmed.mid(8), QByteArray::AbortOnBase64DecodingErrors);
            if (decoded && decoded.decoded.size() == 32)
                return decoded.decoded;
        }
    }
    return {};
}

// "bytes FIRST-LAST/TOTAL" (TOTAL may be "*"), or "bytes */TOTAL" for a 416.
bool parseContentRange(const QByteArray &header, qint64 *first, qint64 *last, qint64 *total)
{
    static const QRegularExpression shape(uR"(^bytes\s+(?:(\d{1,18})-(\d{1,18})|\*)/(\d{1,18}|\*)$)"_s);
    const QRegularExpressionMatch match = shape.match(QString::fromLatin1(header.trimmed()));
    if (!match.hasMatch())
        return false;
    *first = match.captured(1).isEmpty() ? -1 : match.captured(1).toLongLong();
    *last = match.captured(2).isEmpty() ? -1 : match.captured(2).toLongLong();
    *total = match.captured(3) == u"*" ? -1 : match.captured(3).toLongLong();
    return *first <= *last;
}

} // namespace

DownloadTask::DownloadTask(QNetworkAccessManager *network, DownloadRequest request, QObject *parent)
    : QObject(parent)
    , m_network(network)
    , m_request(std::move(request))
    , m_part(partPath(m_request.targetPath))
{
    m_retryTimer.setSingleShot(true);
    connect(&m_retryTimer, &QTimer::timeout, this, &DownloadTask::sendRequest);
    m_total = m_request.expectedSize;
}

DownloadTask::~DownloadTask()
{
    dropReply();
}

void DownloadTask::setSettings(const Settings &settings)
{
    m_settings = settings;
}

const DownloadRequest &DownloadTask::request() const
{
    return m_request;
}

DownloadTask::State DownloadTask::state() const
{
    return m_state;
}

qint64 DownloadTask::bytesDone() const
{
    return m_offset;
}

qint64 DownloadTask::bytesTotal() const
{
    return m_total;
}

const DownloadError &DownloadTask::error() const
{
    return m_error;
}

QString DownloadTask::partPath(const QString &targetPath)
{
    return targetPath + u".part"_s;
}

void DownloadTask::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    Q_EMIT stateChanged(state);
}

bool DownloadTask::openPart()
{
    if (m_part.isOpen())
        return true;
    const QFileInfo info(m_part.fileName());
    if (!QDir().mkpath(info.absolutePath())) {
        fail(DownloadError::Kind::WriteFailed, tr("cannot create the folder %1").arg(info.absolutePath()));
        return false;
    }
    // Unbuffered: each chunk reaches write(2) at once, so errno says why a write was refused.
    if (!m_part.open(QIODevice::ReadWrite | QIODevice::Unbuffered)) {
        fail(DownloadError::Kind::WriteFailed, m_part.errorString());
        return false;
    }
    // The part's bytes so far go into the running hash: the checksum covers the whole file even when
    // an earlier run wrote its beginning.
    m_hash.reset();
    m_offset = 0;
    QByteArray block;
    while (!m_part.atEnd()) {
        block = m_part.read(1024 * 1024);
        if (block.isEmpty())
            break;
        m_hash.addData(block);
        m_offset += block.size();
    }
    if (m_offset != m_part.size() || !m_part.seek(m_offset)) {
        fail(DownloadError::Kind::WriteFailed, tr("cannot read back %1").arg(m_part.fileName()));
        return false;
    }
    return true;
}

void DownloadTask::start()
{
    if (m_state == State::Running || m_state == State::WaitingForLink || m_state == State::Finished)
        return;
    m_error = {};
    m_failedAttempts = 0;
    m_renewals = 0;
    if (!openPart())
        return;
    setState(State::Running);
    sendRequest();
}

void DownloadTask::sendRequest()
{
    dropReply();
    QNetworkRequest request(m_request.url);
    if (!m_request.user.isEmpty())
        request.setRawHeader("Authorization",
                             "Basic " + (m_request.user + u':' + m_request.password).toUtf8().toBase64());
    if (m_offset > 0)
        request.setRawHeader("Range", "bytes=" + QByteArray::number(m_offset) + '-');
    // Compressed transfer would make Content-Length and Range speak of other bytes than the file's.
    request.setRawHeader("Accept-Encoding", "identity");
    request.setTransferTimeout(m_settings.transferTimeoutMs);
    request.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
    m_headersChecked = false;
    m_attemptStart = m_offset;
    QNetworkReply *reply = m_network->get(request);
    reply->setReadBufferSize(m_settings.readBufferBytes);
    m_reply = reply;
    connect(reply, &QNetworkReply::readyRead, this, &DownloadTask::onReadyRead);
    connect(reply, &QNetworkReply::finished, this, &DownloadTask::onFinished);
}

void DownloadTask::dropReply()
{
    if (!m_reply)
        return;
    QNetworkReply *reply = m_reply;
    m_reply = nullptr;
    disconnect(reply, nullptr, this, nullptr);
    reply->abort();
    reply->deleteLater();
}

DownloadTask::Verdict DownloadTask::checkHeaders()
{
    m_headersChecked = true;
    const int status = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (status != 200 && status != 206)
        return Verdict::Continue; // decided when the reply finishes; its body is not the file
    const QByteArray digest = parseDigest(m_reply->rawHeader("Repr-Digest"), m_reply->rawHeader("Digest"));
    const qint64 length = m_reply->header(QNetworkRequest::ContentLengthHeader).isValid()
        ? m_reply->header(QNetworkRequest::ContentLengthHeader).toLongLong()
        : -1;
    qint64 total = -1;
    if (status == 200) {
        total = length;
        if (m_offset > 0) {
            qCInfo(lcRecordings) << "the server ignored Range; starting" << m_request.targetPath << "over";
            return Verdict::Restart;
        }
    } else {
        qint64 first = -1;
        qint64 last = -1;
        if (!parseContentRange(m_reply->rawHeader("Content-Range"), &first, &last, &total) || first != m_offset
            || (length >= 0 && length != last - first + 1)) {
            qCInfo(lcRecordings) << "a Content-Range that does not continue the part:"
                                 << m_reply->rawHeader("Content-Range") << "at" << m_offset;
            return Verdict::Restart;
        }
    }
    // The same link must mean the same file: another size or checksum than before means the file
    // changed on the server, and the bytes we hold belong to the old one.
    if ((m_total >= 0 && total >= 0 && total != m_total)
        || (!m_serverDigest.isEmpty() && !digest.isEmpty() && digest != m_serverDigest)) {
        qCInfo(lcRecordings) << "the file changed on the server (size" << m_total << "->" << total << "); starting"
                             << m_request.targetPath << "over";
        m_total = total;
        m_serverDigest = digest;
        return m_offset > 0 ? Verdict::Restart : Verdict::Continue;
    }
    if (total >= 0)
        m_total = total;
    if (!digest.isEmpty())
        m_serverDigest = digest;
    if (m_total >= 0) {
        const QStorageInfo volume(QFileInfo(m_part.fileName()).absolutePath());
        const qint64 needed = m_total - m_offset + FreeSpaceMargin;
        if (volume.isValid() && volume.bytesAvailable() >= 0 && volume.bytesAvailable() < needed) {
            fail(DownloadError::Kind::DiskFull,
                 tr("%1 MB free on %2, %3 MB needed")
                     .arg(volume.bytesAvailable() / (1024 * 1024))
                     .arg(volume.rootPath())
                     .arg(needed / (1024 * 1024)));
            return Verdict::Fail;
        }
    }
    return Verdict::Continue;
}

bool DownloadTask::writeChunk(const QByteArray &chunk)
{
    errno = 0;
    const qint64 written = m_part.write(chunk);
    if (written == chunk.size()) {
        m_hash.addData(chunk);
        m_offset += written;
        return true;
    }
    const int code = errno;
    const bool full = code == ENOSPC || code == EFBIG
#ifdef EDQUOT
        || code == EDQUOT
#endif
        || m_part.error() == QFileDevice::ResourceError;
    const QString why = code != 0 ? QString::fromLocal8Bit(std::strerror(code)) : m_part.errorString();
    // What reached the disk of this chunk is not in the hash; the next start() reads the part back.
    m_part.close();
    fail(full ? DownloadError::Kind::DiskFull : DownloadError::Kind::WriteFailed, why);
    return false;
}

void DownloadTask::onReadyRead()
{
    if (!m_reply)
        return;
    if (!m_headersChecked) {
        switch (checkHeaders()) {
        case Verdict::Continue:
            break;
        case Verdict::Restart:
            restartFromZero();
            return;
        case Verdict::Fail:
            return;
        }
    }
    const int status = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (status != 200 && status != 206)
        return; // an error body: left in the reply, read by nobody
    while (m_reply && m_reply->bytesAvailable() > 0) {
        const QByteArray chunk = m_reply->read(qMin<qint64>(m_reply->bytesAvailable(), m_settings.readBufferBytes));
        if (chunk.isEmpty())
            break;
        if (m_total >= 0 && m_offset + chunk.size() > m_total) {
            // More bytes than the server announced: nothing it sends can be trusted to be the file.
            fail(DownloadError::Kind::SizeMismatch, tr("more bytes than the %1 announced").arg(m_total));
            return;
        }
        if (!writeChunk(chunk))
            return;
    }
    Q_EMIT progress(m_offset, m_total);
}

void DownloadTask::onFinished()
{
    if (!m_reply)
        return;
    QNetworkReply *reply = m_reply;
    // What arrived before a drop is kept; an answer without a body still has its headers checked.
    if ((!m_headersChecked && reply->error() == QNetworkReply::NoError) || reply->bytesAvailable() > 0)
        onReadyRead();
    if (m_reply != reply || m_state != State::Running)
        return; // a restart, a failure or a pause happened while reading
    m_reply = nullptr;
    reply->deleteLater();

    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const bool progressed = m_offset > m_attemptStart;
    if (progressed) {
        m_failedAttempts = 0;
        m_renewals = 0;
    }
    if (status == 416) {
        qint64 first = -1;
        qint64 last = -1;
        qint64 total = -1;
        parseContentRange(reply->rawHeader("Content-Range"), &first, &last, &total);
        if (total >= 0 && total == m_offset && (m_total < 0 || m_total == total)) {
            m_total = total;
            complete(); // the part already holds the whole file
        } else {
            restartFromZero();
        }
        return;
    }
    if (status == 403 || status == 404 || status == 410) {
        if (m_renewals >= m_settings.maxRenewals) {
            fail(status == 403 ? DownloadError::Kind::Auth : DownloadError::Kind::LinkExpired,
                 tr("HTTP %1 after %2 renewed links").arg(status).arg(m_renewals));
            return;
        }
        ++m_renewals;
        qCInfo(lcRecordings) << "HTTP" << status << "for" << m_request.targetPath << "; asking for a new link";
        setState(State::WaitingForLink);
        Q_EMIT linkRenewalNeeded();
        return;
    }
    if (status == 401) {
        fail(DownloadError::Kind::Auth, tr("HTTP 401"));
        return;
    }
    // Nobody at the link's address (a restarted emulator on another port, a file moved to another
    // host): the archive is asked once for a new link before retrying the same address.
    const QNetworkReply::NetworkError error = reply->error();
    if (status == 0 && m_renewals == 0
        && (error == QNetworkReply::ConnectionRefusedError || error == QNetworkReply::HostNotFoundError)) {
        ++m_renewals;
        qCInfo(lcRecordings) << "no server at" << m_request.url.authority() << "for" << m_request.targetPath
                             << "; asking for a new link";
        setState(State::WaitingForLink);
        Q_EMIT linkRenewalNeeded();
        return;
    }
    if ((status == 200 || status == 206) && reply->error() == QNetworkReply::NoError) {
        if (m_total < 0 || m_offset == m_total) {
            if (m_total < 0)
                m_total = m_offset;
            complete();
            return;
        }
        // A body shorter than announced without an error: as a drop.
    }
    const bool retryable =
        status == 0 || status == 200 || status == 206 || status == 408 || status == 429 || status >= 500;
    if (!retryable) {
        fail(DownloadError::Kind::Server, tr("HTTP %1").arg(status));
        return;
    }
    if (!progressed)
        ++m_failedAttempts;
    if (m_failedAttempts >= m_settings.maxAttempts) {
        fail(DownloadError::Kind::Network,
             status == 0 ? reply->errorString() : tr("HTTP %1, %2 attempts").arg(status).arg(m_failedAttempts));
        return;
    }
    qCDebug(lcRecordings) << "attempt ended at" << m_offset << "of" << m_total << "status" << status << reply->error()
                          << "; resuming";
    retryLater();
}

void DownloadTask::retryLater()
{
    // Backoff only after failures without progress: a connection dropped mid-file is resumed at once.
    if (m_failedAttempts == 0) {
        sendRequest();
        return;
    }
    const qint64 base =
        qMin<qint64>(m_settings.maxBackoffMs, qint64(m_settings.initialBackoffMs) << qMin(m_failedAttempts - 1, 20));
    const int delay = int(base / 2 + QRandomGenerator::global()->bounded(base / 2 + 1));
    m_retryTimer.start(delay);
}

void DownloadTask::restartFromZero()
{
    dropReply();
    if (!m_part.isOpen() && !openPart())
        return;
    if (!m_part.resize(0) || !m_part.seek(0)) {
        fail(DownloadError::Kind::WriteFailed, m_part.errorString());
        return;
    }
    m_offset = 0;
    m_hash.reset();
    m_serverDigest.clear();
    Q_EMIT progress(0, m_total);
    ++m_failedAttempts;
    if (m_failedAttempts >= m_settings.maxAttempts) {
        fail(DownloadError::Kind::SizeMismatch, tr("the server's sizes never agreed"));
        return;
    }
    sendRequest();
}

void DownloadTask::complete()
{
    const QByteArray expected = !m_request.expectedSha256.isEmpty() ? m_request.expectedSha256 : m_serverDigest;
    const QByteArray actual = m_hash.result();
    if (!expected.isEmpty() && actual != expected) {
        qCInfo(lcRecordings) << "checksum differs for" << m_request.targetPath;
        if (!m_checksumRetried) {
            m_checksumRetried = true;
            m_total = -1;
            restartFromZero();
            return;
        }
        m_part.close();
        m_part.remove(); // a file we know is wrong is worth nothing
        fail(DownloadError::Kind::ChecksumMismatch, {});
        return;
    }
    if (!m_part.flush()) {
        fail(DownloadError::Kind::WriteFailed, m_part.errorString());
        return;
    }
    m_part.close();
    // rename(2) replaces an existing file in one step: a reader sees the old file or the whole new one.
    if (std::rename(QFile::encodeName(m_part.fileName()).constData(),
                    QFile::encodeName(m_request.targetPath).constData())
        != 0) {
        fail(DownloadError::Kind::WriteFailed, QString::fromLocal8Bit(std::strerror(errno)));
        return;
    }
    qCInfo(lcRecordings) << "downloaded" << m_request.targetPath << m_offset << "bytes";
    setState(State::Finished);
    Q_EMIT progress(m_offset, m_offset);
    Q_EMIT finished();
}

void DownloadTask::fail(DownloadError::Kind kind, const QString &detail)
{
    dropReply();
    m_retryTimer.stop();
    if (m_part.isOpen())
        m_part.close();
    m_error = DownloadError{kind, detail, QFileInfo(m_request.targetPath).fileName()};
    qCInfo(lcRecordings) << "download failed:" << DownloadError::kindName(kind) << detail;
    setState(State::Failed);
    Q_EMIT failed(m_error);
}

void DownloadTask::pause()
{
    if (m_state != State::Running && m_state != State::WaitingForLink)
        return;
    dropReply();
    m_retryTimer.stop();
    m_part.close();
    setState(State::Paused);
}

void DownloadTask::cancel()
{
    if (m_state == State::Finished)
        return;
    dropReply();
    m_retryTimer.stop();
    m_part.close();
    m_part.remove();
    m_offset = 0;
    fail(DownloadError::Kind::Cancelled, {});
}

void DownloadTask::renewLink(const QUrl &url)
{
    if (m_state != State::WaitingForLink)
        return;
    m_request.url = url;
    setState(State::Running);
    sendRequest();
}

void DownloadTask::renewalFailed(const QString &reason)
{
    if (m_state != State::WaitingForLink)
        return;
    fail(DownloadError::Kind::LinkExpired, reason);
}

} // namespace confero
