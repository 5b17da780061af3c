#pragma once

#include "store/StoreError.h"

#include "ArchiveFile.h"

#include <QCoreApplication>
#include <QDate>
#include <QSet>
#include <QString>

namespace confero {

class Store;

// A project's download choices and storage policy, as the Recordings page keeps them.
class RecordingSettings
{
public:
    static constexpr int MinParallel = 1;
    static constexpr int MaxParallel = 8;
    static constexpr int MaxKeepDays = 3650;

    int parallel = 2;
    QString library; // empty: the default folder, <data dir>/recordings
    // The storage policy: what the archive reconciler queues by itself (transcoded video only by
    // default: it is what people watch, and the individual recordings are several times its size),
    // the library's size limit (0: none) and how long a local copy is kept after it completed
    // (0: for ever).
    QSet<ArchiveFile::Kind> autoKinds{ArchiveFile::Kind::Transcoded};
    qint64 quotaBytes = 0;
    int keepDays = 0;

    static QString kindsText(const QSet<ArchiveFile::Kind> &kinds); // "recording,transcoded", stored
    static QSet<ArchiveFile::Kind> kindsFromText(const QString &text);
};

// The `recording_settings` table (migration 0010): one small statement at a time on the store's
// connection. A project with no row has the defaults.
class RecordingSettingsStore
{
    Q_DECLARE_TR_FUNCTIONS(RecordingSettingsStore)

public:
    explicit RecordingSettingsStore(Store *store);

    RecordingSettings settings(qint64 projectId) const;
    // `parallel` is clamped to MinParallel..MaxParallel, `keepDays` to 0..MaxKeepDays.
    StoreResult<bool> save(qint64 projectId, const RecordingSettings &settings);

    // The archive reconciler's mark: the last UTC day it read whole (invalid: never).
    QDate archiveThrough(qint64 projectId) const;
    StoreResult<bool> setArchiveThrough(qint64 projectId, const QDate &day);

    // The keychain entry (SecretStore) of the project's recording-file user and password, and its
    // value: the platform keeps them apart from the App ID and Key, and so does the console.
    static QString credentialsKey(qint64 projectId);
    static QString encodeCredentials(const QString &user, const QString &password);
    // False when the value is not one encodeCredentials() wrote.
    static bool decodeCredentials(const QString &value, QString *user, QString *password);

private:
    Store *m_store;
};

} // namespace confero
