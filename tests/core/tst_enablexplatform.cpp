#include "SandboxFixture.h"
#include "platform/EnableXPlatform.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QProcess>
#include <QSignalSpy>
#include <QSslKey>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

using namespace confero;
using namespace confero::test;
using namespace Qt::StringLiterals;

namespace {

// Collects the one answer of an asynchronous call.
template<typename T>
struct Answer
{
    std::optional<PlatformResult<T>> result;
    int calls = 0;

    VideoPlatform::Callback<T> callback()
    {
        return [this](PlatformResult<T> r) {
            ++calls;
            result.emplace(std::move(r));
        };
    }
};

constexpr int kWaitMs = 30'000;

// The error's message for a failed check (QVERIFY2 in Qt 6.4 evaluates its message eagerly).
template<typename T>
const char *why(const std::optional<PlatformResult<T>> &result)
{
    static QByteArray text;
    text = (result && !result->ok()) ? result->error().message().toUtf8() : QByteArray();
    return text.constData();
}

RoomDefinition definition(const QString &name)
{
    RoomDefinition d;
    d.name = name;
    d.ownerRef = u"owner-42"_s;
    d.settings.participants = 5;
    d.settings.quality = u"SD"_s;
    return d;
}

} // namespace

// EnableXPlatform against the real sandbox over loopback: every call, the error mapping, and the
// retry rules, with faults injected through the sandbox's control surface.
class TestEnableXPlatform : public QObject
{
    Q_OBJECT

private:
    SandboxFixture m_sandbox;
    QNetworkAccessManager m_network;

    EnableXPlatform::Options fastOptions() const
    {
        EnableXPlatform::Options options;
        options.transferTimeoutMs = 15'000;
        options.maxAttempts = 4;
        options.initialBackoffMs = 20;
        options.maxBackoffMs = 100;
        options.maxRetryAfterMs = 5'000;
        return options;
    }

    std::unique_ptr<EnableXPlatform> platform(EnableXPlatform::Options options,
                                              const QString &appKey = QString::fromLatin1(SandboxFixture::kAppKey))
    {
        return std::make_unique<EnableXPlatform>(&m_network, m_sandbox.apiBaseUrl(),
                                                 QString::fromLatin1(SandboxFixture::kAppId), appKey, options);
    }

    std::unique_ptr<EnableXPlatform> platform() { return platform(fastOptions()); }

    Room createRoom(EnableXPlatform &p, const QString &name)
    {
        Answer<Room> created;
        p.createRoom(definition(name), this, created.callback());
        [&] { QTRY_VERIFY_WITH_TIMEOUT(created.result.has_value(), kWaitMs); }();
        if (!created.result || !created.result->ok()) {
            qWarning() << "create failed:" << (created.result ? created.result->error().message() : u"no answer"_s);
            return {};
        }
        return created.result->value();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QString error;
        QVERIFY2(m_sandbox.start(&error), qPrintable(error));
    }

    void init() { QVERIFY(m_sandbox.reset()); }

    void roomLifecycle()
    {
        auto p = platform();
        QSignalSpy started(p.get(), &VideoPlatform::requestStarted);
        QSignalSpy finished(p.get(), &VideoPlatform::requestFinished);

        const Room room = createRoom(*p, u"Daily stand-up, team #3 (EMEA)"_s);
        QVERIFY(!room.id.isEmpty());
        QCOMPARE(room.name, u"Daily stand-up, team #3 (EMEA)"_s);
        QCOMPARE(room.settings.participants, 5);
        QCOMPARE(started.count(), 1);
        QCOMPARE(finished.count(), 1);
        QCOMPARE(finished.at(0).at(1).toBool(), true);

        Answer<QList<Room>> listed;
        p->listRooms(this, listed.callback());
        QTRY_VERIFY_WITH_TIMEOUT(listed.result.has_value(), kWaitMs);
        QVERIFY2(listed.result->ok(), why(listed.result));
        QCOMPARE(listed.result->value().size(), 1);
        QCOMPARE(listed.result->value().constFirst().id, room.id);

        Answer<Done> updated;
        p->updateRoom(
            room.id,
            QJsonObject{{u"name"_s, u"Stand-up (moved)"_s}, {u"settings"_s, QJsonObject{{u"participants"_s, u"15"_s}}}},
            this, updated.callback());
        QTRY_VERIFY_WITH_TIMEOUT(updated.result.has_value(), kWaitMs);
        QVERIFY2(updated.result->ok(), why(updated.result));

        Answer<Room> fetched;
        p->getRoom(room.id, this, fetched.callback());
        QTRY_VERIFY_WITH_TIMEOUT(fetched.result.has_value(), kWaitMs);
        QVERIFY2(fetched.result->ok(), why(fetched.result));
        QCOMPARE(fetched.result->value().name, u"Stand-up (moved)"_s);
        QCOMPARE(fetched.result->value().settings.participants, 15);

        Answer<Done> deleted;
        p->deleteRoom(room.id, this, deleted.callback());
        QTRY_VERIFY_WITH_TIMEOUT(deleted.result.has_value(), kWaitMs);
        QVERIFY2(deleted.result->ok(), why(deleted.result));

        Answer<Room> gone;
        p->getRoom(room.id, this, gone.callback());
        QTRY_VERIFY_WITH_TIMEOUT(gone.result.has_value(), kWaitMs);
        QVERIFY(!gone.result->ok());
        QCOMPARE(gone.result->error().kind, PlatformError::Kind::NotFound);
        QCOMPARE(gone.calls, 1);
    }

    void tokensAndLiveUsers()
    {
        auto p = platform();
        const Room room = createRoom(*p, u"Token room"_s);
        QVERIFY(!room.id.isEmpty());

        Answer<QList<LiveUser>> idle;
        p->liveUsers(room.id, this, idle.callback());
        QTRY_VERIFY_WITH_TIMEOUT(idle.result.has_value(), kWaitMs);
        QVERIFY2(idle.result->ok(), why(idle.result));
        QCOMPARE(idle.result->value().size(), 0);

        TokenRequest request;
        request.name = u"Alice"_s;
        request.role = u"participant"_s;
        request.userRef = u"u-1"_s;
        Answer<JoinToken> token;
        p->createToken(room.id, request, this, token.callback());
        QTRY_VERIFY_WITH_TIMEOUT(token.result.has_value(), kWaitMs);
        QVERIFY2(token.result->ok(), why(token.result));
        QVERIFY(!token.result->value().tokenId.isEmpty());
        QCOMPARE(token.result->value().roomId, room.id);

        // Joining without a browser: the sandbox consumes the token and the user is live.
        const QJsonObject joined = m_sandbox.control(
            "POST", u"tokens/consume"_s, QJsonDocument(QJsonObject{{u"token"_s, token.result->value().raw}}).toJson());
        QCOMPARE(joined.value(u"result").toInt(-1), 0);

        Answer<QList<LiveUser>> live;
        p->liveUsers(room.id, this, live.callback());
        QTRY_VERIFY_WITH_TIMEOUT(live.result.has_value(), kWaitMs);
        QVERIFY2(live.result->ok(), why(live.result));
        QCOMPARE(live.result->value().size(), 1);
        QCOMPARE(live.result->value().constFirst().userRef, u"u-1"_s);
    }

    void localValidationSendsNothing()
    {
        auto p = platform();
        QSignalSpy started(p.get(), &VideoPlatform::requestStarted);
        RoomDefinition bad = definition(u"Bad"_s);
        bad.settings.moderators = 9;
        Answer<Room> refused;
        p->createRoom(bad, this, refused.callback());
        QCOMPARE(refused.calls, 0); // asynchronous, like every answer
        QTRY_VERIFY_WITH_TIMEOUT(refused.result.has_value(), kWaitMs);
        QCOMPARE(refused.result->error().kind, PlatformError::Kind::Validation);
        QCOMPARE(refused.result->error().field, u"settings.moderators"_s);
        QCOMPARE(started.count(), 0);

        TokenRequest noName;
        noName.userRef = u"u"_s;
        Answer<JoinToken> token;
        p->createToken(u"whatever"_s, noName, this, token.callback());
        QTRY_VERIFY_WITH_TIMEOUT(token.result.has_value(), kWaitMs);
        QCOMPARE(token.result->error().field, u"name"_s);
        QCOMPARE(started.count(), 0);
    }

    void platformValidationMapsToField()
    {
        auto p = platform();
        const Room room = createRoom(*p, u"Patch me"_s);
        QVERIFY(!room.id.isEmpty());
        QSignalSpy started(p.get(), &VideoPlatform::requestStarted);
        Answer<Done> refused;
        p->updateRoom(room.id, QJsonObject{{u"settings"_s, QJsonObject{{u"moderators"_s, u"9"_s}}}}, this,
                      refused.callback());
        QTRY_VERIFY_WITH_TIMEOUT(refused.result.has_value(), kWaitMs);
        QVERIFY(!refused.result->ok());
        const PlatformError &error = refused.result->error();
        QCOMPARE(error.kind, PlatformError::Kind::Validation);
        QCOMPARE(error.field, u"settings.moderators"_s);
        QVERIFY(error.resultCode >= 10000 && error.resultCode < 11000);
        QVERIFY2(error.message().contains(u"settings.moderators"_s), qPrintable(error.message()));
        QCOMPARE(started.count(), 1); // a 10xxx is never retried
    }

    void badCredentialsAreAuth()
    {
        auto p = platform(fastOptions(), u"wrong-key"_s);
        QSignalSpy started(p.get(), &VideoPlatform::requestStarted);
        Answer<QList<Room>> listed;
        p->listRooms(this, listed.callback());
        QTRY_VERIFY_WITH_TIMEOUT(listed.result.has_value(), kWaitMs);
        QVERIFY(!listed.result->ok());
        const PlatformError &error = listed.result->error();
        QCOMPARE(error.kind, PlatformError::Kind::Auth);
        QCOMPARE(error.httpStatus, 401);
        QVERIFY2(error.message().contains(u"App ID or App Key (HTTP 401"_s), qPrintable(error.message()));
        QVERIFY(!error.message().contains(u"wrong-key"_s));
        QCOMPARE(started.count(), 1);
    }

    void unknownRoomIsNotFound()
    {
        auto p = platform();
        QSignalSpy started(p.get(), &VideoPlatform::requestStarted);
        Answer<Room> fetched;
        p->getRoom(u"000000000000000000000000"_s, this, fetched.callback());
        QTRY_VERIFY_WITH_TIMEOUT(fetched.result.has_value(), kWaitMs);
        QCOMPARE(fetched.result->error().kind, PlatformError::Kind::NotFound);
        QCOMPARE(fetched.result->error().resultCode, 40001);
        QCOMPARE(started.count(), 1);
    }

    void honoursRetryAfter()
    {
        auto p = platform();
        QVERIFY(m_sandbox.setFaults(R"({"faults":[{"kind":"rate_limit","retry_after_s":1,"count":1}]})"));
        QSignalSpy started(p.get(), &VideoPlatform::requestStarted);
        QElapsedTimer clock;
        clock.start();
        Answer<QList<Room>> listed;
        p->listRooms(this, listed.callback());
        QTRY_VERIFY_WITH_TIMEOUT(listed.result.has_value(), kWaitMs);
        QVERIFY2(listed.result->ok(), why(listed.result));
        QCOMPARE(started.count(), 2);
        // The backoff alone would be at most 100 ms: waiting ~1 s means Retry-After was honoured.
        QVERIFY2(clock.elapsed() >= 950, qPrintable(QString::number(clock.elapsed())));
    }

    void retryAfterLongerThanAllowedGivesUp()
    {
        EnableXPlatform::Options options = fastOptions();
        options.maxRetryAfterMs = 500;
        auto p = platform(options);
        QVERIFY(m_sandbox.setFaults(R"({"faults":[{"kind":"rate_limit","retry_after_s":30,"count":1}]})"));
        QSignalSpy started(p.get(), &VideoPlatform::requestStarted);
        Answer<QList<Room>> listed;
        p->listRooms(this, listed.callback());
        QTRY_VERIFY_WITH_TIMEOUT(listed.result.has_value(), kWaitMs);
        QCOMPARE(listed.result->error().kind, PlatformError::Kind::RateLimited);
        QCOMPARE(started.count(), 1);
    }

    void retries503ThenSucceeds()
    {
        auto p = platform();
        QVERIFY(m_sandbox.setFaults(
            R"({"faults":[{"kind":"status","status":503,"result":50000,"count":2,"match":"/rooms"}]})"));
        QSignalSpy started(p.get(), &VideoPlatform::requestStarted);
        QSignalSpy finished(p.get(), &VideoPlatform::requestFinished);
        Answer<QList<Room>> listed;
        p->listRooms(this, listed.callback());
        QTRY_VERIFY_WITH_TIMEOUT(listed.result.has_value(), kWaitMs);
        QVERIFY2(listed.result->ok(), why(listed.result));
        QCOMPARE(started.count(), 3);
        QCOMPARE(finished.count(), 3);
        QCOMPARE(finished.at(0).at(1).toBool(), false);
        QCOMPARE(finished.at(2).at(1).toBool(), true);
        QCOMPARE(listed.calls, 1);
    }

    void persistent5xxEndsAsServerError()
    {
        auto p = platform();
        QVERIFY(m_sandbox.setFaults(R"({"faults":[{"kind":"status","status":500,"result":50002,"count":-1}]})"));
        QSignalSpy started(p.get(), &VideoPlatform::requestStarted);
        Answer<QList<Room>> listed;
        p->listRooms(this, listed.callback());
        QTRY_VERIFY_WITH_TIMEOUT(listed.result.has_value(), kWaitMs);
        QCOMPARE(listed.result->error().kind, PlatformError::Kind::Server);
        QCOMPARE(started.count(), fastOptions().maxAttempts);
    }

    void createIsRetriedOnlyWhenNotProcessed()
    {
        auto p = platform();
        // 503: the platform says it did not process the request, so even a create is retried.
        QVERIFY(m_sandbox.setFaults(R"({"faults":[{"kind":"status","status":503,"result":50001,"count":1}]})"));
        QSignalSpy started(p.get(), &VideoPlatform::requestStarted);
        QVERIFY(!createRoom(*p, u"After a 503"_s).id.isEmpty());
        QCOMPARE(started.count(), 2);

        // 500: it may have created the room; a retry could create a second one.
        QVERIFY(m_sandbox.setFaults(R"({"faults":[{"kind":"status","status":500,"result":50001,"count":1}]})"));
        started.clear();
        Answer<Room> created;
        p->createRoom(definition(u"After a 500"_s), this, created.callback());
        QTRY_VERIFY_WITH_TIMEOUT(created.result.has_value(), kWaitMs);
        QCOMPARE(created.result->error().kind, PlatformError::Kind::Server);
        QCOMPARE(started.count(), 1);
    }

    void givesUpAtOnceOnOther4xx()
    {
        auto p = platform();
        QVERIFY(m_sandbox.setFaults(R"({"faults":[{"kind":"status","status":403,"result":0,"count":5}]})"));
        QSignalSpy started(p.get(), &VideoPlatform::requestStarted);
        Answer<QList<Room>> listed;
        p->listRooms(this, listed.callback());
        QTRY_VERIFY_WITH_TIMEOUT(listed.result.has_value(), kWaitMs);
        QCOMPARE(listed.result->error().kind, PlatformError::Kind::Auth);
        QCOMPARE(started.count(), 1);

        QVERIFY(m_sandbox.setFaults(R"({"faults":[{"kind":"status","status":400,"result":10009,"count":5}]})"));
        started.clear();
        Answer<QList<Room>> again;
        p->listRooms(this, again.callback());
        QTRY_VERIFY_WITH_TIMEOUT(again.result.has_value(), kWaitMs);
        QCOMPARE(again.result->error().kind, PlatformError::Kind::Validation);
        QCOMPARE(started.count(), 1);
    }

    void droppedResponseIsRetriedForReads()
    {
        auto p = platform();
        QVERIFY(m_sandbox.setFaults(R"({"faults":[{"kind":"drop","after_bytes":10,"count":1}]})"));
        QSignalSpy started(p.get(), &VideoPlatform::requestStarted);
        Answer<QList<Room>> listed;
        p->listRooms(this, listed.callback());
        QTRY_VERIFY_WITH_TIMEOUT(listed.result.has_value(), kWaitMs);
        QVERIFY2(listed.result->ok(), why(listed.result));
        QCOMPARE(started.count(), 2);
    }

    void droppedResponsesEndAsNetworkError()
    {
        EnableXPlatform::Options options = fastOptions();
        options.maxAttempts = 2;
        auto p = platform(options);
        QVERIFY(m_sandbox.setFaults(R"({"faults":[{"kind":"drop","after_bytes":10,"count":-1}]})"));
        QSignalSpy started(p.get(), &VideoPlatform::requestStarted);
        Answer<QList<Room>> listed;
        p->listRooms(this, listed.callback());
        QTRY_VERIFY_WITH_TIMEOUT(listed.result.has_value(), kWaitMs);
        QCOMPARE(listed.result->error().kind, PlatformError::Kind::Network);
        QCOMPARE(started.count(), 2);

        // A create whose answer was lost may have created the room: not retried.
        started.clear();
        Answer<Room> created;
        p->createRoom(definition(u"Lost answer"_s), this, created.callback());
        QTRY_VERIFY_WITH_TIMEOUT(created.result.has_value(), kWaitMs);
        QCOMPARE(created.result->error().kind, PlatformError::Kind::Network);
        QCOMPARE(started.count(), 1);
    }

    void slowAnswerTimesOut()
    {
        EnableXPlatform::Options options = fastOptions();
        options.transferTimeoutMs = 300;
        options.maxAttempts = 1;
        auto p = platform(options);
        QVERIFY(m_sandbox.setFaults(R"({"faults":[{"kind":"latency","ms":3000,"count":-1}]})"));
        Answer<QList<Room>> listed;
        p->listRooms(this, listed.callback());
        QTRY_VERIFY_WITH_TIMEOUT(listed.result.has_value(), kWaitMs);
        QCOMPARE(listed.result->error().kind, PlatformError::Kind::Timeout);
        QVERIFY(listed.result->error().isTransient());
        QCOMPARE(listed.calls, 1);
    }

    void unreachableServerIsNetworkError()
    {
        EnableXPlatform::Options options = fastOptions();
        options.maxAttempts = 2;
        // A port that was just free: nothing listens there.
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        const quint16 port = probe.serverPort();
        probe.close();
        EnableXPlatform p(&m_network, QUrl(u"http://127.0.0.1:%1/video/v2/"_s.arg(port)), u"a"_s, u"k"_s, options);
        QSignalSpy started(&p, &VideoPlatform::requestStarted);
        Answer<QList<Room>> listed;
        p.listRooms(this, listed.callback());
        QTRY_VERIFY_WITH_TIMEOUT(listed.result.has_value(), kWaitMs);
        QCOMPARE(listed.result->error().kind, PlatformError::Kind::Network);
        QCOMPARE(started.count(), 2);
        QVERIFY(listed.result->error().message().contains(u"Could not reach the video platform"_s));
    }

    void deleteWhoseAnswerWasLostCountsAsDone()
    {
        auto p = platform();
        const Room room = createRoom(*p, u"Delete me"_s);
        QVERIFY(!room.id.isEmpty());
        // The sandbox carries the request out, then drops the connection mid-answer: the retry finds
        // the room already gone, which is what was asked for.
        QVERIFY(m_sandbox.setFaults(R"({"faults":[{"kind":"drop","after_bytes":5,"count":1}]})"));
        QSignalSpy started(p.get(), &VideoPlatform::requestStarted);
        Answer<Done> deleted;
        p->deleteRoom(room.id, this, deleted.callback());
        QTRY_VERIFY_WITH_TIMEOUT(deleted.result.has_value(), kWaitMs);
        QVERIFY2(deleted.result->ok(), why(deleted.result));
        QCOMPARE(started.count(), 2);

        // A first-attempt 404 is still an error.
        Answer<Done> again;
        p->deleteRoom(room.id, this, again.callback());
        QTRY_VERIFY_WITH_TIMEOUT(again.result.has_value(), kWaitMs);
        QCOMPARE(again.result->error().kind, PlatformError::Kind::NotFound);
    }

    void updateIsRetriedAfterALostAnswer()
    {
        auto p = platform();
        const Room room = createRoom(*p, u"Patch twice"_s);
        QVERIFY(!room.id.isEmpty());
        QVERIFY(m_sandbox.setFaults(R"({"faults":[{"kind":"drop","after_bytes":5,"count":1}]})"));
        QSignalSpy started(p.get(), &VideoPlatform::requestStarted);
        Answer<Done> updated;
        p->updateRoom(room.id, QJsonObject{{u"settings"_s, QJsonObject{{u"participants"_s, u"7"_s}}}}, this,
                      updated.callback());
        QTRY_VERIFY_WITH_TIMEOUT(updated.result.has_value(), kWaitMs);
        QVERIFY2(updated.result->ok(), why(updated.result));
        QCOMPARE(started.count(), 2);
    }

    void trustedSelfSignedCertificate()
    {
        if (QStandardPaths::findExecutable(u"openssl"_s).isEmpty())
            QSKIP("SKIPPED: openssl is needed to make a self-signed certificate");
        QTemporaryDir dir;
        QProcess openssl;
        openssl.start(u"openssl"_s,
                      {u"req"_s, u"-x509"_s, u"-newkey"_s, u"rsa:2048"_s, u"-nodes"_s, u"-keyout"_s,
                       dir.filePath(u"key.pem"_s), u"-out"_s, dir.filePath(u"cert.pem"_s), u"-days"_s, u"2"_s,
                       u"-subj"_s, u"/CN=127.0.0.1"_s, u"-addext"_s, u"subjectAltName=IP:127.0.0.1"_s});
        QVERIFY(openssl.waitForFinished(60'000));
        QCOMPARE(openssl.exitCode(), 0);
        QFile certFile(dir.filePath(u"cert.pem"_s));
        QFile keyFile(dir.filePath(u"key.pem"_s));
        QVERIFY(certFile.open(QIODevice::ReadOnly) && keyFile.open(QIODevice::ReadOnly));
        const QByteArray certPem = certFile.readAll();
        QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
        tls.setLocalCertificate(QSslCertificate(certPem, QSsl::Pem));
        tls.setPrivateKey(QSslKey(keyFile.readAll(), QSsl::Rsa, QSsl::Pem));

        SandboxFixture secure;
        secure.setTls(tls);
        QString error;
        QVERIFY2(secure.start(&error), qPrintable(error));
        QCOMPARE(secure.apiBaseUrl().scheme(), u"https"_s);

        EnableXPlatform::Options options = fastOptions();
        options.maxAttempts = 1;
        EnableXPlatform untrusting(&m_network, secure.apiBaseUrl(), QString::fromLatin1(SandboxFixture::kAppId),
                                   QString::fromLatin1(SandboxFixture::kAppKey), options);
        Answer<QList<Room>> refused;
        untrusting.listRooms(this, refused.callback());
        QTRY_VERIFY_WITH_TIMEOUT(refused.result.has_value(), kWaitMs);
        QCOMPARE(refused.result->error().kind, PlatformError::Kind::Network);

        EnableXPlatform trusting(&m_network, secure.apiBaseUrl(), QString::fromLatin1(SandboxFixture::kAppId),
                                 QString::fromLatin1(SandboxFixture::kAppKey), options);
        trusting.setTrustedCertificatePem(certPem);
        Answer<QList<Room>> listed;
        trusting.listRooms(this, listed.callback());
        QTRY_VERIFY_WITH_TIMEOUT(listed.result.has_value(), kWaitMs);
        QVERIFY2(listed.result->ok(), why(listed.result));
    }

    void noAnswerAfterTheCallerIsGone()
    {
        auto p = platform();
        QVERIFY(m_sandbox.setFaults(R"({"faults":[{"kind":"latency","ms":300,"count":-1}]})"));
        QSignalSpy finished(p.get(), &VideoPlatform::requestFinished);
        int calls = 0;
        auto *context = new QObject;
        p->listRooms(context, [&calls](const PlatformResult<QList<Room>> &) { ++calls; });
        delete context;
        // A second call on a live context proves the event loop ran past the first one's answer time.
        Answer<QList<Room>> other;
        p->listRooms(this, other.callback());
        QTRY_VERIFY_WITH_TIMEOUT(other.result.has_value(), kWaitMs);
        QTest::qWait(100);
        QCOMPARE(calls, 0);
    }
};

QTEST_GUILESS_MAIN(TestEnableXPlatform)
#include "tst_enablexplatform.moc"
