#include "DownloadManager.h"

#include "RecordingsLogging.h"
#include "SafeFileName.h"

#include "platform/VideoPlatform.h"

#include <QDir>
#include <QFileInfo>
#include <QLocale>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace confero {

DownloadManager::DownloadManager(QNetworkAccessManager *network, VideoPlatform *platform, Store *store,
                                 qint64 projectId, QString libraryFolder, QObject *parent)
    : QObject(parent)
    , m_network(network)
    , m_platform(platform)
    , m_store(store)
    , m_projectId(projectId)
    , m_library(std::move(libraryFolder))
{
}

DownloadManager::~DownloadManager()
{
    // The tasks stop with the manager; their rows keep "running", so the next restore() resumes them.
    for (DownloadTask *task : std::as_const(m_tasks)) {
        disconnect(task, nullptr, this, nullptr);
        task->pause();
    }
}

void DownloadManager::setCredentials(const QString &user, const QString &password)
{
    m_user = user;
    m_password = password;
}

void DownloadManager::setMaxConcurrent(int count)
{
    m_maxConcurrent = qMax(1, count);
    schedule();
}

int DownloadManager::maxConcurrent() const
{
    return m_maxConcurrent;
}

void DownloadManager::setTaskSettings(const DownloadTask::Settings &settings)
{
    m_taskSettings = settings;
}

QString DownloadManager::localPathFor(const QString &roomId, const QString &confNum, const QUrl &url) const
{
    return QDir(m_library).filePath(SafeFileName::sanitize(roomId, u"room"_s) + u'/'
                                    + SafeFileName::sanitize(confNum, u"session"_s) + u'/'
                                    + SafeFileName::fromUrl(url));
}

bool DownloadManager::restore(QString *error)
{
    const StoreResult<QList<DownloadRecord>> listed = m_store.list(m_projectId);
    if (!listed) {
        *error = listed.error().message;
        return false;
    }
    m_records = listed.value();
    for (DownloadRecord &record : m_records) {
        if (record.state == DownloadRecord::State::Running)
            record.state = DownloadRecord::State::Queued;
    }
    schedule();
    return true;
}

StoreResult<QList<qint64>> DownloadManager::enqueue(const ArchiveEntry &entry, const QSet<ArchiveFile::Kind> &kinds,
                                                    Origin origin)
{
    QList<qint64> ids;
    for (const ArchiveFile &file : entry.files) {
        if (!kinds.contains(file.kind))
            continue;
        DownloadRecord record;
        record.projectId = m_projectId;
        record.roomId = entry.roomId;
        record.confNum = entry.confNum;
        record.kind = file.kind;
        record.fileName = SafeFileName::fromUrl(file.url);
        record.url = file.url;
        record.localPath = localPathFor(entry.roomId, entry.confNum, file.url);
        record.sessionAt = entry.transDate;
        const StoreResult<DownloadRecord> added = m_store.add(record);
        if (!added)
            return added.error();
        if (DownloadRecord *known = find(added.value().id)) {
            known->url = file.url;
            // The policy never brings back what a person cancelled or the retention removed.
            if (origin == Origin::Policy)
                continue;
            ids.append(known->id);
            // A finished file that was deleted or moved since is fetched again, from the start.
            const bool gone = known->state == DownloadRecord::State::Done && !QFileInfo::exists(known->localPath);
            if (gone) {
                known->bytesDone = 0;
                known->bytesTotal = -1;
            }
            if (known->state == DownloadRecord::State::Removed) {
                known->bytesDone = 0;
                known->bytesTotal = -1;
                known->error.clear();
            }
            if (gone || known->state == DownloadRecord::State::Failed
                || known->state == DownloadRecord::State::Cancelled || known->state == DownloadRecord::State::Removed) {
                known->state = DownloadRecord::State::Queued;
                save(*known, true);
            }
        } else {
            ids.append(added.value().id);
            m_records.append(added.value());
        }
        Q_EMIT downloadChanged(added.value().id);
    }
    if (origin == Origin::Person && !ids.isEmpty()) {
        // What a person asks for goes before what the policy queued in the background.
        std::stable_partition(m_records.begin(), m_records.end(),
                              [&ids](const DownloadRecord &record) { return ids.contains(record.id); });
    }
    schedule();
    return ids;
}

DownloadRecord *DownloadManager::find(qint64 id)
{
    for (DownloadRecord &record : m_records) {
        if (record.id == id)
            return &record;
    }
    return nullptr;
}

QList<DownloadRecord> DownloadManager::downloads() const
{
    return m_records;
}

std::optional<DownloadRecord> DownloadManager::download(qint64 id) const
{
    for (const DownloadRecord &record : m_records) {
        if (record.id == id)
            return record;
    }
    return std::nullopt;
}

qint64 DownloadManager::totalDone() const
{
    qint64 done = 0;
    for (const DownloadRecord &record : m_records) {
        if (record.state != DownloadRecord::State::Cancelled && record.state != DownloadRecord::State::Removed)
            done += record.bytesDone;
    }
    return done;
}

qint64 DownloadManager::totalSize() const
{
    qint64 total = 0;
    for (const DownloadRecord &record : m_records) {
        if (record.state != DownloadRecord::State::Cancelled && record.state != DownloadRecord::State::Removed)
            total += qMax<qint64>(record.bytesTotal, record.bytesDone);
    }
    return total;
}

qint64 DownloadManager::libraryBytes() const
{
    return totalDone();
}

void DownloadManager::setQuota(qint64 bytes)
{
    m_quota = qMax(qint64(0), bytes);
}

qint64 DownloadManager::quota() const
{
    return m_quota;
}

QString DownloadManager::quotaProblem(const DownloadRecord &record) const
{
    if (m_quota <= 0)
        return {};
    const QLocale locale;
    const qint64 others = libraryBytes() - record.bytesDone;
    if (record.bytesTotal < 0) {
        // The size comes with the first answer; until then only a library already full refuses.
        if (others + record.bytesDone < m_quota)
            return {};
        return tr("%1 used of %2")
            .arg(locale.formattedDataSize(others + record.bytesDone, 2, QLocale::DataSizeSIFormat),
                 locale.formattedDataSize(m_quota, 2, QLocale::DataSizeSIFormat));
    }
    if (others + record.bytesTotal <= m_quota)
        return {};
    return tr("%1 used of %2, and this file needs %3 more")
        .arg(locale.formattedDataSize(others + record.bytesDone, 2, QLocale::DataSizeSIFormat),
             locale.formattedDataSize(m_quota, 2, QLocale::DataSizeSIFormat),
             locale.formattedDataSize(record.bytesTotal - record.bytesDone, 2, QLocale::DataSizeSIFormat));
}

void DownloadManager::failForQuota(DownloadRecord &record, const QString &detail)
{
    const qint64 id = record.id;
    if (DownloadTask *task = m_tasks.take(id)) {
        disconnect(task, nullptr, this, nullptr);
        task->pause(); // keeps the part
        task->deleteLater();
    }
    DownloadError error;
    error.kind = DownloadError::Kind::QuotaReached;
    error.detail = detail;
    error.fileName = record.fileName;
    record.state = DownloadRecord::State::Failed;
    record.errorKind = error.kind;
    record.error = error.message();
    save(record, true);
    qCInfo(lcRecordings) << "quota:" << record.fileName << detail;
    Q_EMIT downloadChanged(id);
    Q_EMIT downloadFailed(id, error);
}

bool DownloadManager::removeLocalCopy(qint64 id, const QString &why, QString *error)
{
    DownloadRecord *record = find(id);
    if (!record || record->state != DownloadRecord::State::Done) {
        *error = tr("Only a complete local copy can be deleted.");
        return false;
    }
    QFile file(record->localPath);
    if (file.exists() && !file.remove()) {
        *error = tr("%1 could not be deleted: %2").arg(QDir::toNativeSeparators(record->localPath), file.errorString());
        return false;
    }
    record->state = DownloadRecord::State::Removed;
    record->bytesDone = 0;
    record->completedAt = {};
    record->error = why;
    save(*record, true);
    Q_EMIT downloadChanged(id);
    Q_EMIT totalProgress(totalDone(), totalSize());
    return true;
}

DownloadManager::RetentionSummary DownloadManager::applyRetention(int keepDays, const QDateTime &now)
{
    RetentionSummary summary;
    if (keepDays <= 0)
        return summary;
    const QDateTime cutoff = now.toUTC().addDays(-keepDays);
    const QString why = tr("deleted on %1, %n day(s) after it was downloaded (storage policy)", nullptr, keepDays)
                            .arg(QLocale().toString(now.toLocalTime().date(), QLocale::ShortFormat));
    QList<qint64> old;
    for (const DownloadRecord &record : std::as_const(m_records)) {
        if (record.state != DownloadRecord::State::Done)
            continue;
        // A file completed before the store kept the time (schema 11) counts from its modification
        // time: the .part's last write, kept by the rename.
        const QDateTime completed =
            record.completedAt.isValid() ? record.completedAt : QFileInfo(record.localPath).lastModified().toUTC();
        if (completed.isValid() && completed < cutoff)
            old.append(record.id);
    }
    for (const qint64 id : std::as_const(old)) {
        const qint64 bytes = find(id)->bytesDone;
        QString error;
        if (removeLocalCopy(id, why, &error)) {
            ++summary.files;
            summary.bytes += bytes;
        } else {
            summary.failures.append(error);
        }
    }
    if (summary.files > 0)
        qCInfo(lcRecordings) << "retention deleted" << summary.files << "files," << summary.bytes << "bytes";
    return summary;
}

int DownloadManager::activeCount() const
{
    return int(m_tasks.size());
}

void DownloadManager::schedule()
{
    for (DownloadRecord &record : m_records) {
        if (m_tasks.size() >= m_maxConcurrent)
            return;
        if (record.state != DownloadRecord::State::Queued || m_tasks.contains(record.id))
            continue;
        if (const QString problem = quotaProblem(record); !problem.isEmpty())
            failForQuota(record, problem);
        else
            startTask(record);
    }
}

void DownloadManager::startTask(DownloadRecord &record)
{
    DownloadRequest request;
    request.url = record.url;
    request.targetPath = record.localPath;
    request.user = m_user;
    request.password = m_password;
    request.expectedSize = record.bytesTotal;
    auto *task = new DownloadTask(m_network, request, this);
    task->setSettings(m_taskSettings);
    const qint64 id = record.id;
    m_tasks.insert(id, task);
    connect(task, &DownloadTask::progress, this, [this, id](qint64 done, qint64 total) {
        DownloadRecord *current = find(id);
        if (!current)
            return;
        const bool sizeLearnt = current->bytesTotal < 0 && total >= 0;
        current->bytesDone = done;
        current->bytesTotal = total;
        if (sizeLearnt) {
            if (const QString problem = quotaProblem(*current); !problem.isEmpty()) {
                failForQuota(*current, problem);
                finishTask(id);
                return;
            }
        }
        save(*current, false);
        Q_EMIT downloadChanged(id);
        Q_EMIT totalProgress(totalDone(), totalSize());
    });
    connect(task, &DownloadTask::linkRenewalNeeded, this, [this, id] { renew(id); });
    connect(task, &DownloadTask::finished, this, [this, id] {
        if (DownloadRecord *current = find(id)) {
            current->state = DownloadRecord::State::Done;
            current->errorKind = DownloadError::Kind::None;
            current->error.clear();
            current->completedAt = QDateTime::currentDateTimeUtc();
            save(*current, true);
        }
        finishTask(id);
        Q_EMIT downloadFinished(id);
    });
    connect(task, &DownloadTask::failed, this, [this, id](const DownloadError &error) {
        if (DownloadRecord *current = find(id)) {
            current->state = error.kind == DownloadError::Kind::Cancelled ? DownloadRecord::State::Cancelled
                                                                          : DownloadRecord::State::Failed;
            current->errorKind = error.kind;
            current->error = error.message();
            save(*current, true);
        }
        finishTask(id);
        Q_EMIT downloadFailed(id, error);
    });
    record.state = DownloadRecord::State::Running;
    record.errorKind = DownloadError::Kind::None;
    record.error.clear();
    save(record, true);
    Q_EMIT downloadChanged(id);
    task->start();
}

void DownloadManager::finishTask(qint64 id)
{
    if (DownloadTask *task = m_tasks.take(id))
        task->deleteLater();
    m_savedAt.remove(id);
    Q_EMIT downloadChanged(id);
    Q_EMIT totalProgress(totalDone(), totalSize());
    schedule();
}

void DownloadManager::renew(qint64 id)
{
    const DownloadRecord *record = find(id);
    if (!record)
        return;
    const ArchiveFile::Kind kind = record->kind;
    const QString fileName = record->fileName;
    m_platform->archiveByConference(
        record->confNum, this, [this, id, kind, fileName](const PlatformResult<QList<ArchiveEntry>> &result) {
            DownloadTask *task = m_tasks.value(id);
            DownloadRecord *current = find(id);
            if (!task || !current)
                return;
            if (!result) {
                task->renewalFailed(result.error().message());
                return;
            }
            for (const ArchiveEntry &entry : result.value()) {
                if (entry.roomId != current->roomId)
                    continue;
                for (const ArchiveFile &file : entry.files) {
                    if (file.kind == kind && SafeFileName::fromUrl(file.url) == fileName) {
                        current->url = file.url;
                        save(*current, true);
                        task->renewLink(file.url);
                        return;
                    }
                }
            }
            task->renewalFailed(tr("the session's archive entry no longer lists %1").arg(fileName));
        });
}

void DownloadManager::save(DownloadRecord &record, bool force)
{
    if (!force && record.bytesDone - m_savedAt.value(record.id) < ProgressSaveBytes)
        return;
    m_savedAt.insert(record.id, record.bytesDone);
    const StoreResult<bool> saved = m_store.update(record);
    if (!saved) {
        qCWarning(lcRecordings) << saved.error().detail;
        Q_EMIT storeFailed(saved.error().message);
    }
}

void DownloadManager::pause(qint64 id)
{
    DownloadRecord *record = find(id);
    if (!record || (record->state != DownloadRecord::State::Running && record->state != DownloadRecord::State::Queued))
        return;
    if (DownloadTask *task = m_tasks.take(id)) {
        disconnect(task, nullptr, this, nullptr);
        task->pause();
        task->deleteLater();
    }
    record->state = DownloadRecord::State::Paused;
    save(*record, true);
    Q_EMIT downloadChanged(id);
    schedule();
}

void DownloadManager::resume(qint64 id)
{
    DownloadRecord *record = find(id);
    if (!record || record->state == DownloadRecord::State::Running || record->state == DownloadRecord::State::Done)
        return;
    record->state = DownloadRecord::State::Queued;
    save(*record, true);
    Q_EMIT downloadChanged(id);
    schedule();
}

void DownloadManager::cancel(qint64 id)
{
    DownloadRecord *record = find(id);
    if (!record || record->state == DownloadRecord::State::Done)
        return;
    if (DownloadTask *task = m_tasks.value(id)) {
        task->cancel(); // removes the .part; its failed(Cancelled) updates the row
        return;
    }
    QFile::remove(DownloadTask::partPath(record->localPath));
    record->state = DownloadRecord::State::Cancelled;
    record->bytesDone = 0;
    save(*record, true);
    Q_EMIT downloadChanged(id);
    Q_EMIT totalProgress(totalDone(), totalSize());
}

} // namespace confero
