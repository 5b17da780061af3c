#include "platform/PlatformEnvelope.h"
#include "platform/PlatformError.h"
#include "platform/RetryPolicy.h"

#include <QTest>
#include <QTimeZone>

using namespace confero;
using namespace Qt::StringLiterals;

using Kind = PlatformError::Kind;

class TestPlatformError : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void envelopeSuccess_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("body");
        QTest::addRow("number") << 200 << QByteArray(R"({"result":0,"rooms":[]})");
        QTest::addRow("string") << 200 << QByteArray(R"({"result":"0","cdr":[]})");
        QTest::addRow("201") << 201 << QByteArray(R"({"result":0})");
    }

    void envelopeSuccess()
    {
        QFETCH(int, status);
        QFETCH(QByteArray, body);
        PlatformError error;
        QVERIFY(PlatformEnvelope::parse(status, body, u"op"_s, &error));
    }

    void envelopeFailure_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<Kind>("kind");
        QTest::addColumn<int>("result");
        QTest::addColumn<QString>("field");
        QTest::addRow("401") << 401 << QByteArray(R"({"result":10000,"error":"Application not found"})") << Kind::Auth
                             << 10000 << QString();
        QTest::addRow("401 no body") << 401 << QByteArray() << Kind::Auth << 0 << QString();
        QTest::addRow("404") << 404 << QByteArray(R"({"result":40001,"error":"Room not found"})") << Kind::NotFound
                             << 40001 << QString();
        QTest::addRow("moderators") << 400 << QByteArray(R"({"result":"10022","error":"invalid"})") << Kind::Validation
                                    << 10022 << u"settings.moderators"_s;
        QTest::addRow("owner_ref") << 400 << QByteArray(R"({"result":10010})") << Kind::Validation << 10010
                                   << u"owner_ref"_s;
        QTest::addRow("token role") << 400 << QByteArray(R"({"result":10104})") << Kind::Validation << 10104
                                    << u"role"_s;
        QTest::addRow("active room") << 400 << QByteArray(R"({"result":10030})") << Kind::Conflict << 10030
                                     << QString();
        QTest::addRow("room full") << 200 << QByteArray(R"({"result":10114})") << Kind::Conflict << 10114 << QString();
        QTest::addRow("500") << 500 << QByteArray(R"({"result":50001})") << Kind::Server << 50001 << QString();
        QTest::addRow("502 html") << 502 << QByteArray("<html>bad gateway</html>") << Kind::Server << 0 << QString();
        QTest::addRow("429") << 429 << QByteArray() << Kind::RateLimited << 0 << QString();
        QTest::addRow("429 busy") << 429 << QByteArray(R"({"result":10105,"error":"server busy"})") << Kind::RateLimited
                                  << 10105 << QString();
        QTest::addRow("200 html") << 200 << QByteArray("<html>") << Kind::Protocol << 0 << QString();
        QTest::addRow("200 no result") << 200 << QByteArray(R"({"rooms":[]})") << Kind::Protocol << 0 << QString();
        QTest::addRow("other shape auth")
            << 401
            << QByteArray(R"({"status":"error","error_code":"CREDENTIAL_EXPIRED","message":"x","request_id":"req_1"})")
            << Kind::Auth << 0 << QString();
        QTest::addRow("other shape rate")
            << 429 << QByteArray(R"({"status":"error","error_code":"RATE_LIMITED","message":"slow"})")
            << Kind::RateLimited << 0 << QString();
        QTest::addRow("other shape param")
            << 422 << QByteArray(R"({"status":"error","error_code":"INVALID_PARAM","message":"m"})") << Kind::Validation
            << 0 << QString();
    }

    void envelopeFailure()
    {
        QFETCH(int, status);
        QFETCH(QByteArray, body);
        QFETCH(Kind, kind);
        QFETCH(int, result);
        QFETCH(QString, field);
        PlatformError error;
        QVERIFY(!PlatformEnvelope::parse(status, body, u"listing rooms"_s, &error));
        QCOMPARE(error.kind, kind);
        QCOMPARE(error.httpStatus, status);
        QCOMPARE(error.resultCode, result);
        QCOMPARE(error.field, field);
        QCOMPARE(error.operation, u"listing rooms"_s);
    }

    void messagesAreForPeople()
    {
        PlatformError auth = PlatformError::fromAnswer(401, 0, u"Application not found"_s, {});
        QCOMPARE(auth.message(),
                 u"The platform refused the App ID or App Key (HTTP 401). Check the project's credentials."_s);
        auth.operation = u"listing rooms"_s;
        QVERIFY(auth.message().startsWith(u"Listing rooms failed. The platform refused"_s));

        const PlatformError field = PlatformError::fromAnswer(400, 10022, {}, {});
        QVERIFY2(field.message().contains(u"settings.moderators"_s), qPrintable(field.message()));
        QVERIFY(field.message().contains(u"HTTP 400, result 10022"_s));

        PlatformError local;
        local.kind = Kind::Validation;
        local.field = u"name"_s;
        local.detail = u"The room needs a name."_s;
        QCOMPARE(local.message(), local.detail);
        // No message shows the transport's raw error string.
        PlatformError network;
        network.kind = Kind::Network;
        network.detail = u"Connection refused"_s;
        QVERIFY(!network.message().contains(u"Connection refused"_s));
    }

    void transientOrNot()
    {
        QVERIFY(PlatformError::fromAnswer(503, 0, {}, {}).isTransient());
        QVERIFY(PlatformError::fromAnswer(500, 50000, {}, {}).isTransient());
        QVERIFY(PlatformError::fromAnswer(429, 0, {}, {}).isTransient());
        QVERIFY(PlatformError::fromAnswer(408, 0, {}, {}).isTransient());
        QVERIFY(!PlatformError::fromAnswer(400, 0, {}, {}).isTransient());
        QVERIFY(!PlatformError::fromAnswer(401, 0, {}, {}).isTransient());
        QVERIFY(!PlatformError::fromAnswer(404, 40001, {}, {}).isTransient());
        // A 5xx status carrying a client result code: the code wins, retrying cannot help.
        QVERIFY(!PlatformError::fromAnswer(500, 10022, {}, {}).isTransient());
        QVERIFY(!PlatformError::fromAnswer(503, 10105, {}, {}).isTransient());
        QVERIFY(PlatformError::fromAnswer(429, 10105, {}, {}).isTransient());
    }

    void fieldsForResultCodes()
    {
        QCOMPARE(PlatformError::fieldForResultCode(10002), u"name"_s);
        QCOMPARE(PlatformError::fieldForResultCode(10005), u"settings.scheduled_time"_s);
        QCOMPARE(PlatformError::fieldForResultCode(10102), u"user_ref"_s);
        QCOMPARE(PlatformError::fieldForResultCode(50000), QString());
    }

    void retryAfter()
    {
        const QDateTime now(QDate(2025, 1, 10), QTime(10, 0, 0), QTimeZone::utc());
        QCOMPARE(RetryPolicy::retryAfterMs("3", now), std::optional<qint64>(3000));
        QCOMPARE(RetryPolicy::retryAfterMs(" 0 ", now), std::optional<qint64>(0));
        QCOMPARE(RetryPolicy::retryAfterMs("Fri, 10 Jan 2025 10:00:07 GMT", now), std::optional<qint64>(7000));
        QCOMPARE(RetryPolicy::retryAfterMs("Fri, 10 Jan 2025 09:00:00 GMT", now), std::optional<qint64>(0));
        QVERIFY(!RetryPolicy::retryAfterMs("", now));
        QVERIFY(!RetryPolicy::retryAfterMs("soon", now));
        QVERIFY(!RetryPolicy::retryAfterMs("-5", now));
    }

    void backoffGrowsWithJitterAndCap()
    {
        RetryPolicy policy;
        policy.initialBackoffMs = 100;
        policy.maxBackoffMs = 1000;
        for (int round = 0; round < 50; ++round) {
            const int first = policy.backoffMs(1);
            QVERIFY(first >= 50 && first <= 100);
            const int third = policy.backoffMs(3);
            QVERIFY(third >= 200 && third <= 400);
            const int tenth = policy.backoffMs(10);
            QVERIFY(tenth >= 500 && tenth <= 1000);
        }
    }
};

QTEST_GUILESS_MAIN(TestPlatformError)
#include "tst_platformerror.moc"
