#include "config/SecretStore.h"

#include <QTest>

using namespace confero;
using namespace Qt::StringLiterals;

// Registered with DBUS_SESSION_BUS_ADDRESS=unix:path=/nonexistent: no keychain can answer, and the
// user must be told so in plain words, with no fallback to a plain-text file.
class TestSecretStoreNoBus : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void noKeychainIsSaidPlainly()
    {
        QCOMPARE(qEnvironmentVariable("DBUS_SESSION_BUS_ADDRESS"), u"unix:path=/nonexistent"_s);
        SecretStore secrets;
        const SecretStore::Result written = secrets.writeNow(SecretStore::appKeyName(1), u"not-stored"_s);
        QVERIFY(!written.ok);
        QCOMPARE(written.errorMessage, SecretStore::noKeychainMessage());
        QVERIFY(written.errorMessage.startsWith(u"No keychain is available"_s));

        const SecretStore::Result read = secrets.readNow(SecretStore::appKeyName(1));
        QVERIFY(!read.ok);
        QCOMPARE(read.errorMessage, SecretStore::noKeychainMessage());
    }
};

QTEST_GUILESS_MAIN(TestSecretStoreNoBus)
#include "tst_secretstore_nobus.moc"
