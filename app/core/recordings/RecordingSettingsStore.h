#pragma once

#include "store/StoreError.h"

#include <QCoreApplication>
#include <QString>

namespace confero {

class Store;

// A project's download choices, as the Recordings page keeps them.
class RecordingSettings
{
public:
    static constexpr int MinParallel = 1;
    static constexpr int MaxParallel = 8;

    int parallel = 2;
    QString library; // empty: the default folder, <data dir>/recordings
};

// The `recording_settings` table (migration 0010): one small statement at a time on the store's
// connection. A project with no row has the defaults.
class RecordingSettingsStore
{
    Q_DECLARE_TR_FUNCTIONS(RecordingSettingsStore)

public:
    explicit RecordingSettingsStore(Store *store);

    RecordingSettings settings(qint64 projectId) const;
    // `parallel` is clamped to MinParallel..MaxParallel.
    StoreResult<bool> save(qint64 projectId, const RecordingSettings &settings);

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
