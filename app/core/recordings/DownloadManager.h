#pragma once

#include "ArchiveEntry.h"
#include "DownloadRecord.h"
#include "DownloadStore.h"
#include "DownloadTask.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QSet>
#include <QStringList>

class QNetworkAccessManager;

namespace confero {

class VideoPlatform;

// The download queue of one project: files of archive entries go to
// <library>/<room_id>/<conf_num>/<file> (each part a SafeFileName), at most maxConcurrent() at once,
// each a DownloadTask. Every file is a row of the `recordings` table, saved on each state change and
// every ProgressSaveBytes, so a new manager over the same store (after a quit, a crash or a reboot)
// restore()s the list and continues from the .part files. A link that expired is renewed by reading
// the session's archive entry again (archiveByConference) and finding the same file in it.
//
// The storage policy's part: a quota (no download starts, or goes on once its size is known, when the
// library would grow past it: the file fails with QuotaReached and keeps its part), and retention
// (applyRetention() deletes local copies completed more than N days ago; their rows stay, "removed",
// so the automatic queueing never fetches them again).
class DownloadManager final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DownloadManager)

public:
    static constexpr qint64 ProgressSaveBytes = 4 * 1024 * 1024;

    // Who asks for a file: a person queues known files again (a failed, cancelled or removed one),
    // the archive reconciler only files it has never seen.
    enum class Origin { Person, Policy };

    struct RetentionSummary
    {
        int files = 0;
        qint64 bytes = 0;
        QStringList failures; // files that could not be deleted, in words
    };

    DownloadManager(QNetworkAccessManager *network, VideoPlatform *platform, Store *store, qint64 projectId,
                    QString libraryFolder, QObject *parent = nullptr);
    ~DownloadManager() override;

    // The recording-file Basic auth (not the App ID/Key), from the keychain.
    void setCredentials(const QString &user, const QString &password);
    void setMaxConcurrent(int count);
    int maxConcurrent() const;
    void setTaskSettings(const DownloadTask::Settings &settings);

    // Loads the project's list; what was running or queued is queued again and started. False (with
    // `error`) when the store cannot be read.
    bool restore(QString *error);

    // Queues the entry's files of the given kinds (done ones stay done while their file is there);
    // a person's go before the files the policy queued. Returns the ids of the files this call queued.
    StoreResult<QList<qint64>> enqueue(const ArchiveEntry &entry, const QSet<ArchiveFile::Kind> &kinds,
                                       Origin origin = Origin::Person);

    // The library's size limit in bytes (0: none). Raising it does not restart failed files: resume().
    void setQuota(qint64 bytes);
    qint64 quota() const;
    // The bytes the library holds: whole files and parts, of every row but cancelled and removed.
    qint64 libraryBytes() const;

    // Deletes the local copy of a complete file; its row becomes Removed with `why`. False (with
    // `error` in words) when the file cannot be deleted.
    bool removeLocalCopy(qint64 id, const QString &why, QString *error);
    // Deletes the local copies completed before now - keepDays (0: nothing is deleted).
    RetentionSummary applyRetention(int keepDays, const QDateTime &now);

    void pause(qint64 id);
    void resume(qint64 id);
    void cancel(qint64 id);

    QList<DownloadRecord> downloads() const;
    std::optional<DownloadRecord> download(qint64 id) const;
    // Over the files not cancelled: bytes done and the total known so far.
    qint64 totalDone() const;
    qint64 totalSize() const;
    int activeCount() const;

    // Where a file of that session goes.
    QString localPathFor(const QString &roomId, const QString &confNum, const QUrl &url) const;

Q_SIGNALS:
    void downloadChanged(qint64 id);
    void downloadFinished(qint64 id);
    void downloadFailed(qint64 id, const confero::DownloadError &error);
    void totalProgress(qint64 done, qint64 total);
    void storeFailed(const QString &message);

private:
    void schedule();
    void startTask(DownloadRecord &record);
    void renew(qint64 id);
    void save(DownloadRecord &record, bool force);
    void finishTask(qint64 id);
    DownloadRecord *find(qint64 id);
    // Empty when `record` fits the quota; otherwise why not, in words (the error's detail).
    QString quotaProblem(const DownloadRecord &record) const;
    void failForQuota(DownloadRecord &record, const QString &detail);

    QNetworkAccessManager *m_network = nullptr;
    VideoPlatform *m_platform = nullptr;
    DownloadStore m_store;
    qint64 m_projectId = 0;
    QString m_library;
    QString m_user;
    QString m_password;
    int m_maxConcurrent = 2;
    qint64 m_quota = 0;
    DownloadTask::Settings m_taskSettings;
    QList<DownloadRecord> m_records;
    QHash<qint64, DownloadTask *> m_tasks; // owned (children)
    QHash<qint64, qint64> m_savedAt; // bytes_done at the last save
};

} // namespace confero
