#pragma once

#include "SandboxFixture.h"

#include <QJsonArray>
#include <QNetworkAccessManager>
#include <QTemporaryDir>

#include <memory>

namespace confero {
class ArchiveEntry;
class EnableXPlatform;
class Store;
} // namespace confero

namespace confero::test {

// What the recordings tests share: the real sandbox with recording-file credentials, its media and
// two simulated days of sessions; per test a SQLite store in a temporary folder with the sandbox's
// project; the archive's entries of the last days.
class RecordingsEnvironment
{
public:
    static QString fileUser() { return QStringLiteral("recordings-test"); }
    static QString filePassword() { return QStringLiteral("file-password-0123"); }

    RecordingsEnvironment();
    ~RecordingsEnvironment();
    Q_DISABLE_COPY_MOVE(RecordingsEnvironment)

    enum class Started { Ready, NoMedia, Failed };
    // Starts the sandbox (simulated with `seed`); NoMedia when it cannot make its media (no ffmpeg).
    Started start(int seed, QString *error);

    // A new store in a new temporary folder, with the sandbox project; false and why on failure.
    bool openStore(QString *error);
    void closeStore();

    bool setFaults(const QJsonArray &faults);
    // The archive's entries of the last three days (empty, with a warning, if the route did not answer).
    QList<ArchiveEntry> entries();

    SandboxFixture &sandbox() { return m_sandbox; }
    QNetworkAccessManager &network() { return m_network; }
    EnableXPlatform *platform() const { return m_platform.get(); }
    Store *store() const { return m_store.get(); }
    QTemporaryDir *dir() const { return m_dir.get(); }
    qint64 projectId() const { return m_projectId; }

private:
    SandboxFixture m_sandbox;
    QNetworkAccessManager m_network;
    std::unique_ptr<EnableXPlatform> m_platform;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Store> m_store;
    qint64 m_projectId = 0;
};

} // namespace confero::test
