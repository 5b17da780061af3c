#include "UiTestSandbox.h"

#include "PlatformConnector.h"
#include "ProjectDialog.h"
#include "config/ProjectStore.h"
#include "config/SecretStore.h"
#include "store/Store.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace confero {

// Adding a project: field checks, "Test connection" against the real sandbox, and the keychain's
// answer shown where the key is typed.
class TestProjectDialog final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void defaultsToTheEnableXAddressAndHidesTheKey();
    void missingFieldsAreShownBesideThem();
    void testConnectionListsRoomsWithWhatIsTyped();
    void testConnectionWithAWrongKeySaysSo();
    void savingKeepsTheProjectOnlyWithItsKey();

private:
    void fill(const QString &name, const QString &key);
    QPushButton *saveButton() const;

    QTemporaryDir m_dir;
    std::unique_ptr<Store> m_store;
    std::unique_ptr<ProjectStore> m_projects;
    std::unique_ptr<SecretStore> m_secrets;
    std::unique_ptr<test::UiTestSandbox> m_sandbox;
    std::unique_ptr<PlatformConnector> m_connector;
    QPointer<ProjectDialog> m_dialog;
};

void TestProjectDialog::init()
{
    QVERIFY(m_dir.isValid());
    m_store = std::make_unique<Store>();
    QVERIFY(m_store->open(Store::defaultLocation(m_dir.path())).ok());
    m_projects = std::make_unique<ProjectStore>(m_store.get());
    m_secrets = std::make_unique<SecretStore>();
    m_sandbox = std::make_unique<test::UiTestSandbox>();
    QString error;
    QVERIFY2(m_sandbox->start(&error), qPrintable(error));
    m_connector = std::make_unique<PlatformConnector>(m_sandbox->network(), m_secrets.get());
    m_dialog = new ProjectDialog(m_projects.get(), m_secrets.get(), m_connector.get());
    m_dialog->open();
}

void TestProjectDialog::cleanup()
{
    delete m_dialog;
    m_connector.reset();
    m_sandbox.reset();
    m_secrets.reset();
    m_projects.reset();
    m_store.reset();
}

void TestProjectDialog::fill(const QString &name, const QString &key)
{
    m_dialog->findChild<QLineEdit *>(u"nameEdit"_s)->setText(name);
    m_dialog->findChild<QLineEdit *>(u"apiBaseUrlEdit"_s)->setText(m_sandbox->apiBaseUrl().toString());
    m_dialog->findChild<QLineEdit *>(u"appIdEdit"_s)->setText(m_sandbox->appId());
    m_dialog->findChild<QLineEdit *>(u"appKeyEdit"_s)->setText(key);
}

QPushButton *TestProjectDialog::saveButton() const
{
    return m_dialog->findChild<QDialogButtonBox *>(u"buttonBox"_s)->button(QDialogButtonBox::Save);
}

void TestProjectDialog::defaultsToTheEnableXAddressAndHidesTheKey()
{
    QCOMPARE(m_dialog->findChild<QLineEdit *>(u"apiBaseUrlEdit"_s)->text(), u"https://api.enablex.io/video/v2/"_s);
    QCOMPARE(m_dialog->findChild<QLineEdit *>(u"appKeyEdit"_s)->echoMode(), QLineEdit::Password);
}

void TestProjectDialog::missingFieldsAreShownBesideThem()
{
    m_dialog->findChild<QLineEdit *>(u"nameEdit"_s)->setText(u"Production"_s);
    QTest::mouseClick(saveButton(), Qt::LeftButton);
    QVERIFY(m_dialog->isVisible());
    QVERIFY(!m_dialog->findChild<QLabel *>(u"nameError"_s)->isVisible());
    QVERIFY(m_dialog->findChild<QLabel *>(u"appIdError"_s)->isVisible());
    QVERIFY(m_dialog->findChild<QLabel *>(u"appKeyError"_s)->isVisible());
    QVERIFY(m_projects->projects().isEmpty());

    m_dialog->findChild<QLineEdit *>(u"apiBaseUrlEdit"_s)->setText(u"ftp://example.org/"_s);
    QTest::mouseClick(saveButton(), Qt::LeftButton);
    QVERIFY(m_dialog->findChild<QLabel *>(u"apiBaseUrlError"_s)->isVisible());
    QVERIFY(m_projects->projects().isEmpty());
}

void TestProjectDialog::testConnectionListsRoomsWithWhatIsTyped()
{
    fill(u"Local"_s, m_sandbox->appKey());
    QTest::mouseClick(m_dialog->findChild<QPushButton *>(u"testConnectionButton"_s), Qt::LeftButton);
    auto *result = m_dialog->findChild<QLabel *>(u"testResultLabel"_s);
    QTRY_VERIFY_WITH_TIMEOUT(!m_dialog->isBusy(), 15'000);
    QVERIFY2(result->text().contains(u"4 room"_s), qPrintable(result->text()));
    // Testing saves nothing.
    QVERIFY(m_projects->projects().isEmpty());
}

void TestProjectDialog::testConnectionWithAWrongKeySaysSo()
{
    fill(u"Local"_s, u"not-the-key"_s);
    QTest::mouseClick(m_dialog->findChild<QPushButton *>(u"testConnectionButton"_s), Qt::LeftButton);
    auto *result = m_dialog->findChild<QLabel *>(u"testResultLabel"_s);
    QTRY_VERIFY_WITH_TIMEOUT(!m_dialog->isBusy(), 15'000);
    QVERIFY(!result->text().isEmpty());
    QVERIFY2(result->text().contains(u"App ID"_s) || result->text().contains(u"App Key"_s)
                 || result->text().contains(u"credentials"_s, Qt::CaseInsensitive),
             qPrintable(result->text()));
}

void TestProjectDialog::savingKeepsTheProjectOnlyWithItsKey()
{
    fill(u"Local"_s, m_sandbox->appKey());
    QSignalSpy saved(m_dialog.data(), &ProjectDialog::projectSaved);
    QTest::mouseClick(saveButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!m_dialog->isBusy(), 30'000);

    // Whether this desktop has a keychain decides the outcome; both are checked.
    if (saved.isEmpty()) {
        auto *keyError = m_dialog->findChild<QLabel *>(u"appKeyError"_s);
        QVERIFY(m_dialog->isVisible());
        QVERIFY(keyError->isVisible());
        QVERIFY(!keyError->text().isEmpty());
        QVERIFY2(m_projects->projects().isEmpty(), "a project was kept without its key");
        qInfo("no keychain here: %s", qPrintable(keyError->text()));
    } else {
        QCOMPARE(m_projects->projects().size(), 1);
        const Project project = m_projects->projects().constFirst();
        QCOMPARE(m_secrets->readNow(SecretStore::appKeyName(project.id)).value, m_sandbox->appKey());
        m_secrets->removeNow(SecretStore::appKeyName(project.id));
    }
}

} // namespace confero

QTEST_MAIN(confero::TestProjectDialog)
#include "TestProjectDialog.moc"
