// confero-relay on PostgreSQL (a real server: ctest's postgres fixture), as several relays behind one
// load balancer run it: two event logs writing at once commit in seq order, so a reader that follows
// a cursor misses nothing; a console streaming from one relay gets the webhooks posted to the other
// at once (LISTEN/NOTIFY); /metrics reads synchronous_commit back; and a relay without a key file
// says it needs one.
#include "EventLog.h"
#include "EventReader.h"
#include "MasterKey.h"
#include "RelayDatabase.h"
#include "RelayProjects.h"
#include "RelayServer.h"
#include "StreamFrameCodec.h"
#include "SubscriberRegistry.h"
#include "TestSupport.h"

#include <QDateTime>
#include <QDeadlineTimer>
#include <QNetworkRequest>
#include <QSet>
#include <QSignalSpy>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>
#include <QWebSocket>

using namespace confero;
using namespace confero::relay;
using namespace Qt::StringLiterals;

class TestRelayPostgres final : public QObject
{
    Q_OBJECT

    QString m_adminUrl;
    QString m_url; // a database of this test's own
    QString m_database;
    QTemporaryDir m_dir;

private Q_SLOTS:
    void initTestCase()
    {
        m_adminUrl = qEnvironmentVariable("CONFERO_TEST_PG_URL");
        if (m_adminUrl.isEmpty())
            QSKIP("SKIPPED: set CONFERO_TEST_PG_URL to run on PostgreSQL");
        m_database = u"relay_%1"_s.arg(QCoreApplication::applicationPid());
        QVERIFY(adminExec(u"DROP DATABASE IF EXISTS %1"_s.arg(m_database)));
        QVERIFY(adminExec(u"CREATE DATABASE %1"_s.arg(m_database)));
        QUrl url(m_adminUrl);
        url.setPath(u"/"_s + m_database);
        m_url = url.toString();

        QString error;
        QSqlDatabase db = RelayDatabase::open(m_url, u"setup"_s, &error);
        QVERIFY2(db.isOpen(), qPrintable(error));
        QVERIFY2(RelayProjects(db).add(u"acme"_s, {}, &error), qPrintable(error));
        db = {};
        RelayDatabase::close(u"setup"_s);
    }

    void cleanupTestCase()
    {
        if (!m_database.isEmpty())
            adminExec(u"DROP DATABASE IF EXISTS %1 WITH (FORCE)"_s.arg(m_database));
    }

    // Two writers (two relays' event logs) at once: every event a reader following its cursor
    // finds is found exactly once, and none is missed, because seqs become visible in order.
    void twoWritersCommitInSeqOrder()
    {
        constexpr int PerLog = 1500;
        EventLog first(m_url), second(m_url);
        first.setSpoolPath(m_dir.filePath(u"first.spool"_s));
        second.setSpoolPath(m_dir.filePath(u"second.spool"_s));
        QString error;
        QVERIFY2(first.start(&error), qPrintable(error));
        QVERIFY2(second.start(&error), qPrintable(error));
        QSqlDatabase db = RelayDatabase::open(m_url, u"reader"_s, &error);
        QVERIFY2(db.isOpen(), qPrintable(error));
        const EventReader reader(db);
        const qint64 start = reader.head();

        QSet<QString> sent;
        int answered = 0;
        for (int i = 0; i < PerLog; ++i) {
            for (EventLog *log : {&first, &second}) {
                const QByteArray body = R"({"type":"roomdrop","n":)" + QByteArray::number(i) + '}';
                log->append({u"acme"_s, u"roomdrop"_s, body, QDateTime::currentMSecsSinceEpoch()}, this,
                            [&answered, &sent](qint64 seq, const QString &id, const QString &failure) {
                                QVERIFY2(failure.isEmpty() && seq > 0, qPrintable(failure));
                                sent.insert(id);
                                ++answered;
                            });
            }
            // Bursts, read meanwhile: the reader follows the log while both write.
            if (i % 100 == 99)
                QCoreApplication::processEvents();
        }
        QSet<QString> seen;
        qint64 cursor = start;
        int duplicates = 0;
        const auto follow = [&] {
            const QList<protocol::StreamEvent> events = reader.after(cursor, {u"acme"_s}, 500, &error);
            for (const protocol::StreamEvent &event : events) {
                if (seen.contains(event.id))
                    ++duplicates;
                seen.insert(event.id);
                cursor = event.seq;
            }
        };
        QDeadlineTimer deadline(60'000);
        while (answered < 2 * PerLog && !deadline.hasExpired()) {
            follow();
            QTest::qWait(1);
        }
        QCOMPARE(answered, 2 * PerLog);
        while (cursor < reader.head())
            follow();
        QCOMPARE(duplicates, 0);
        QCOMPARE(seen.size(), sent.size());
        QVERIFY(seen == sent);
        db = {};
        RelayDatabase::close(u"reader"_s);
    }

    // A console streams from one relay; the platform's webhooks go to the other, as a load balancer
    // would send them. Each arrives on the stream at once, not at the next heartbeat.
    void aStreamFromOneRelayCarriesWebhooksPostedToTheOther()
    {
        const QString keyPath = m_dir.filePath(u"relay.key"_s);
        QString error;
        const QByteArray masterKey = MasterKey::loadOrCreate(keyPath, &error);
        QVERIFY2(!masterKey.isEmpty(), qPrintable(error));
        QString token;
        {
            QSqlDatabase db = RelayDatabase::open(m_url, u"setup"_s, &error);
            QVERIFY2(db.isOpen(), qPrintable(error));
            token = SubscriberRegistry(db, masterKey).add(u"laptop"_s, {u"acme"_s}, &error).value_or(QString());
            db = {};
            RelayDatabase::close(u"setup"_s);
        }
        QVERIFY2(!token.isEmpty(), qPrintable(error));
        RelayServer::Options options{m_url, keyPath, {}, {}};
        options.stream.heartbeatMs = 60'000; // so nothing but the announcement can bring the event
        RelayServer one(options), other(options);
        QVERIFY2(one.start(QHostAddress::LocalHost, 0, &error), qPrintable(error));
        QVERIFY2(other.start(QHostAddress::LocalHost, 0, &error), qPrintable(error));

        QSqlDatabase db = RelayDatabase::open(m_url, u"head"_s, &error);
        const qint64 head = EventReader(db).head();
        db = {};
        RelayDatabase::close(u"head"_s);

        QWebSocket socket;
        QList<protocol::EventFrame> frames;
        connect(&socket, &QWebSocket::textMessageReceived, this, [&frames](const QString &text) {
            const protocol::StreamFrameCodec::Decoded decoded = protocol::StreamFrameCodec::decode(text.toUtf8());
            if (decoded.frame) {
                if (const auto *event = std::get_if<protocol::EventFrame>(&*decoded.frame))
                    frames.append(*event);
            }
        });
        QUrl streamUrl = one.baseUrl().resolved(QUrl(u"/v1/stream"_s));
        streamUrl.setScheme(u"ws"_s);
        streamUrl.setQuery(u"after=%1"_s.arg(head));
        QNetworkRequest request(streamUrl);
        request.setRawHeader("Authorization", "Bearer " + token.toLatin1());
        QSignalSpy connected(&socket, &QWebSocket::connected);
        socket.open(request);
        QVERIFY(connected.wait(10'000));

        const QUrl hookOther = other.baseUrl().resolved(QUrl(u"/hooks/enablex/acme"_s));
        const QUrl hookOne = one.baseUrl().resolved(QUrl(u"/hooks/enablex/acme"_s));
        QCOMPARE(test::postWebhook(hookOther, {}, R"({"type":"roomdrop","via":"other"})"), 200);
        QTRY_COMPARE_WITH_TIMEOUT(frames.size(), 1, 5000);
        QVERIFY(frames.at(0).event.body.contains("\"via\":\"other\""));
        QCOMPARE(test::postWebhook(hookOne, {}, R"({"type":"roomdrop","via":"one"})"), 200);
        QCOMPARE(test::postWebhook(hookOther, {}, R"({"type":"roomdrop","via":"other again"})"), 200);
        QTRY_COMPARE_WITH_TIMEOUT(frames.size(), 3, 5000);
        QVERIFY(frames.at(1).event.body.contains("\"via\":\"one\""));
        QVERIFY(frames.at(2).event.body.contains("\"via\":\"other again\""));
        QVERIFY(frames.at(0).event.seq < frames.at(1).event.seq && frames.at(1).event.seq < frames.at(2).event.seq);

        // What an operator checks durability by, read back from the server.
        const QByteArray metrics = test::getBody(one.baseUrl().resolved(QUrl(u"/metrics"_s)));
        QVERIFY2(metrics.contains("confero_relay_postgres_synchronous_commit{mode=\"on\"} 1\n"), metrics.constData());
        socket.close();
    }

    void aRelayOnPostgresNeedsItsKeyFile()
    {
        RelayServer relay(RelayServer::Options{m_url, {}, {}, {}});
        QString error;
        QVERIFY(!relay.start(QHostAddress::LocalHost, 0, &error));
        QVERIFY2(error.contains(u"--key-file"_s), qPrintable(error));
    }

private:
    bool adminExec(const QString &statement)
    {
        bool ok = false;
        {
            const QUrl url(m_adminUrl);
            QSqlDatabase db = QSqlDatabase::addDatabase(u"QPSQL"_s, u"admin"_s);
            db.setHostName(url.host());
            db.setPort(url.port(5432));
            db.setUserName(url.userName());
            db.setDatabaseName(url.path().mid(1));
            if (db.open()) {
                QSqlQuery query(db);
                ok = query.exec(statement);
                if (!ok)
                    qWarning() << statement << query.lastError().text();
            } else {
                qWarning() << db.lastError().text();
            }
        }
        QSqlDatabase::removeDatabase(u"admin"_s);
        return ok;
    }
};

QTEST_GUILESS_MAIN(TestRelayPostgres)
#include "tst_relaypostgres.moc"
