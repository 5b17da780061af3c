// The settings of a relay run inside the console (issue 6): what counts as a listen address, which
// settings can run (a certificate off loopback), and saving, changing and removing them on both
// store backends (PostgreSQL from ctest's fixture).
#include "StoreBackends.h"
#include "relaylink/EmbeddedRelaySettings.h"
#include "store/Store.h"

#include <QTest>

using namespace confero;
using namespace Qt::StringLiterals;

class tst_EmbeddedRelaySettings : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QString error;
        QVERIFY2(m_backends.init(&error), qPrintable(error));
    }

    void listenAddress_data()
    {
        QTest::addColumn<QString>("listen");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<int>("port");
        QTest::newRow("IPv4 loopback") << u"127.0.0.1:8443"_s << true << 8443;
        QTest::newRow("every IPv4 address") << u"0.0.0.0:1"_s << true << 1;
        QTest::newRow("IPv6 loopback") << u"[::1]:8443"_s << true << 8443;
        QTest::newRow("every IPv6 address") << u"[::]:65535"_s << true << 65535;
        QTest::newRow("port 0 (the platform needs a fixed one)") << u"127.0.0.1:0"_s << false << 0;
        QTest::newRow("port too large") << u"127.0.0.1:70000"_s << false << 0;
        QTest::newRow("a name, not an address") << u"relay.example.com:8443"_s << false << 0;
        QTest::newRow("no port") << u"127.0.0.1"_s << false << 0;
        QTest::newRow("a path") << u"127.0.0.1:80/hooks"_s << false << 0;
        QTest::newRow("a user") << u"me@127.0.0.1:80"_s << false << 0;
        QTest::newRow("no address") << u":80"_s << false << 0;
        QTest::newRow("letters in the port") << u"127.0.0.1:8a"_s << false << 0;
    }

    void listenAddress()
    {
        QFETCH(QString, listen);
        QFETCH(bool, valid);
        QFETCH(int, port);
        EmbeddedRelaySettings settings;
        settings.listen = listen;
        QHostAddress address;
        quint16 parsedPort = 0;
        QCOMPARE(settings.parseListen(&address, &parsedPort), valid);
        if (valid)
            QCOMPARE(int(parsedPort), port);
        QCOMPARE(settings.problem().isEmpty(), valid && address.isLoopback());
    }

    void plainHttpOnLoopbackOnly()
    {
        EmbeddedRelaySettings settings;
        settings.listen = u"0.0.0.0:8443"_s;
        QVERIFY(settings.problem().contains(u"loopback"));
        settings.tlsCert = u"/etc/ssl/relay.pem"_s;
        QVERIFY(settings.problem().contains(u"together"));
        settings.tlsKey = u"/etc/ssl/relay.key"_s;
        QVERIFY2(settings.problem().isEmpty(), qPrintable(settings.problem()));
        settings.webhookUser = u"plat:form"_s;
        QVERIFY(!settings.problem().isEmpty());
    }

    void savedOnBothBackends_data() { test::StoreBackends::addRows(); }

    void savedOnBothBackends()
    {
        QFETCH(bool, postgres);
        if (postgres && !m_backends.hasPostgres())
            QSKIP("SKIPPED: set CONFERO_TEST_PG_URL to run on PostgreSQL");
        qint64 projectId = 0;
        QString error;
        std::unique_ptr<Store> store = m_backends.open(postgres, &projectId, &error);
        QVERIFY2(store, qPrintable(error));
        EmbeddedRelaySettingsStore settings(store.get());
        QVERIFY(settings.find(projectId).value() == std::nullopt);
        EmbeddedRelaySettings chosen;
        chosen.listen = u"0.0.0.0:9443"_s;
        chosen.tlsCert = u"/srv/cert.pem"_s;
        chosen.tlsKey = u"/srv/key.pem"_s;
        chosen.webhookUser = u"enablex"_s;
        QVERIFY(settings.set(projectId, chosen).ok());
        std::optional<EmbeddedRelaySettings> read = settings.find(projectId).value();
        QVERIFY(read);
        QCOMPARE(read->listen, chosen.listen);
        QCOMPARE(read->tlsKey, chosen.tlsKey);
        QCOMPARE(read->webhookUser, chosen.webhookUser);
        chosen.listen = u"127.0.0.1:9443"_s;
        chosen.tlsCert.clear(); // an empty text, not NULL
        chosen.tlsKey.clear();
        QVERIFY(settings.set(projectId, chosen).ok()); // the second save updates the row
        read = settings.find(projectId).value();
        QCOMPARE(read->listen, chosen.listen);
        QCOMPARE(read->tlsCert, QString());
        QCOMPARE(settings.remove(projectId).value(), true);
        QVERIFY(settings.find(projectId).value() == std::nullopt);
        QCOMPARE(settings.remove(projectId).value(), false);
    }

private:
    test::StoreBackends m_backends;
};

QTEST_GUILESS_MAIN(tst_EmbeddedRelaySettings)
#include "tst_embeddedrelaysettings.moc"
