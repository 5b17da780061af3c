#include "RecordingsEnvironment.h"

#include "config/ProjectStore.h"
#include "platform/EnableXPlatform.h"
#include "recordings/ArchiveEntry.h"
#include "store/Store.h"

#include <QJsonDocument>
#include <QObject>
#include <QTest>

using namespace Qt::StringLiterals;

namespace confero::test {

RecordingsEnvironment::RecordingsEnvironment() = default;
RecordingsEnvironment::~RecordingsEnvironment() = default;

RecordingsEnvironment::Started RecordingsEnvironment::start(int seed, QString *error)
{
    if (!m_sandbox.start(error))
        return Started::Failed;
    m_platform = std::make_unique<EnableXPlatform>(&m_network, m_sandbox.apiBaseUrl(),
                                                   QString::fromLatin1(SandboxFixture::kAppId),
                                                   QString::fromLatin1(SandboxFixture::kAppKey));
    const QJsonObject credentials{{u"username"_s, fileUser()}, {u"password"_s, filePassword()}};
    if (m_sandbox.control("POST", u"archive/credentials"_s, QJsonDocument(credentials).toJson())
            .value(u"result")
            .toInt(-1)
        != 0) {
        *error = u"the sandbox refused the recording-file credentials"_s;
        return Started::Failed;
    }
    if (m_sandbox.control("POST", u"archive/media"_s).value(u"result").toInt(-1) != 0) {
        *error = u"the sandbox cannot make its media (is ffmpeg installed?)"_s;
        return Started::NoMedia;
    }
    const QJsonObject simulation{{u"days"_s, 2}, {u"sessions_per_day"_s, 10}, {u"seed"_s, seed}};
    if (m_sandbox.control("POST", u"cdr/simulate"_s, QJsonDocument(simulation).toJson()).value(u"result").toInt(-1)
        != 0) {
        *error = u"the sandbox did not simulate its sessions"_s;
        return Started::Failed;
    }
    return Started::Ready;
}

bool RecordingsEnvironment::openStore(QString *error)
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_store = std::make_unique<Store>();
    const StoreResult<bool> opened = m_store->open(m_dir->filePath(u"store.sqlite"_s));
    if (!opened.ok()) {
        *error = opened.error().message;
        return false;
    }
    ProjectStore projects(m_store.get());
    m_projectId = projects.ensureSandboxProject(m_sandbox.apiBaseUrl(), QString::fromLatin1(SandboxFixture::kAppId)).id;
    if (m_projectId <= 0) {
        *error = u"the sandbox project was not stored"_s;
        return false;
    }
    return true;
}

void RecordingsEnvironment::closeStore()
{
    m_store.reset();
    m_dir.reset();
    m_projectId = 0;
}

bool RecordingsEnvironment::setFaults(const QJsonArray &faults)
{
    return m_sandbox.setFaults(QJsonDocument(QJsonObject{{u"faults"_s, faults}}).toJson());
}

QList<ArchiveEntry> RecordingsEnvironment::entries()
{
    QList<ArchiveEntry> found;
    bool done = false;
    QObject context;
    const QDate today = QDateTime::currentDateTimeUtc().date();
    m_platform->archiveByPeriod(today.addDays(-3), today, &context,
                                [&found, &done](const PlatformResult<QList<ArchiveEntry>> &result) {
                                    if (result.ok())
                                        found = result.value();
                                    done = true;
                                });
    if (!QTest::qWaitFor([&done] { return done; }, 20000))
        qWarning("the archive route did not answer");
    return found;
}

} // namespace confero::test
