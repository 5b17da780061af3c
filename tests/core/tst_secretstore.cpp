#include "config/SecretStore.h"

#include <QSignalSpy>
#include <QTest>
#include <QUuid>

using namespace confero;
using namespace Qt::StringLiterals;

// The real OS keychain through QtKeychain: run under dbus-run-session with gnome-keyring unlocked
// (the test runner provides it).
class TestSecretStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        if (qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"))
            QSKIP("SKIPPED: no D-Bus session (DBUS_SESSION_BUS_ADDRESS unset); run under dbus-run-session "
                  "with gnome-keyring-daemon --unlock --components=secrets");
    }

    void writeReadRemove()
    {
        SecretStore secrets;
        const QString key = u"test/"_s + QUuid::createUuid().toString(QUuid::WithoutBraces);
        const QString secret = u"App-Key-ünïcode-"_s + QUuid::createUuid().toString();

        const SecretStore::Result written = secrets.writeNow(key, secret);
        QVERIFY2(written.ok, qPrintable(written.errorMessage));
        const SecretStore::Result read = secrets.readNow(key);
        QVERIFY2(read.ok, qPrintable(read.errorMessage));
        QCOMPARE(read.value, secret);

        QVERIFY(secrets.removeNow(key).ok);
        const SecretStore::Result gone = secrets.readNow(key);
        QVERIFY(!gone.ok);
        QVERIFY2(gone.errorMessage.contains(key), qPrintable(gone.errorMessage));
    }

    void asynchronousCallbacksRunOnce()
    {
        SecretStore secrets;
        const QString key = SecretStore::appKeyName(987654);
        QCOMPARE(key, u"app-key/987654"_s);
        int calls = 0;
        SecretStore::Result last;
        QObject context;
        secrets.write(key, u"v1"_s, &context, [&](const SecretStore::Result &r) {
            ++calls;
            last = r;
        });
        QTRY_COMPARE_WITH_TIMEOUT(calls, 1, 10000);
        QVERIFY2(last.ok, qPrintable(last.errorMessage));
        secrets.read(key, &context, [&](const SecretStore::Result &r) {
            ++calls;
            last = r;
        });
        QTRY_COMPARE_WITH_TIMEOUT(calls, 2, 10000);
        QCOMPARE(last.value, u"v1"_s);
        QVERIFY(secrets.removeNow(key).ok);
        QTest::qWait(50);
        QCOMPARE(calls, 2);
    }
};

QTEST_GUILESS_MAIN(TestSecretStore)
#include "tst_secretstore.moc"
