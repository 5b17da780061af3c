#include "TestSupport.h"
#include "UiTestSandbox.h"

#include "ConsoleApplication.h"
#include "MainWindow.h"
#include "ProjectDialog.h"
#include "RoomsPage.h"
#include "TokenDialog.h"
#include "config/DataDir.h"
#include "config/SecretStore.h"
#include "models/RoomTableModel.h"
#include "platform/VideoPlatform.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QLoggingCategory>
#include <QMutex>
#include <QMutexLocker>
#include <QPointer>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace confero {

namespace {

// The sandbox of this test accepts exactly this key, so every successful call proves it was sent.
constexpr const char *kSentinel = "SENTINEL-CONSOLE-KEY-4b1d";
const QString projectName = u"Sentinel project"_s;

// Every folder the console could write to, fresh for each run: made before the QApplication exists,
// so nothing Qt caches (the settings path among it) can point anywhere else.
QTemporaryDir &home()
{
    static QTemporaryDir dir;
    return dir;
}

QMutex logMutex;
QByteArray recordedLog;
QtMessageHandler previousHandler = nullptr;

void recordMessage(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    {
        const QMutexLocker locker(&logMutex);
        recordedLog += QByteArray(context.category ? context.category : "default") + ": " + message.toUtf8() + '\n';
    }
    if (previousHandler)
        previousHandler(type, context, message);
}

QByteArray logSoFar()
{
    const QMutexLocker locker(&logMutex);
    return recordedLog;
}

} // namespace

// Issue 2's console half (conferoctl's is tests/cli/tst_secretsondisk.cpp): an App Key typed into
// the real ProjectDialog goes to the keychain and nowhere else. The console lists rooms and issues a
// token with it, with every confero log on; then the data folder (the SQLite file, its -wal and
// -shm while the store is open, and again after closing), the settings folder and the captured log
// hold no trace of it, while the keychain does hold it.
class TestConsoleSecrets final : public QObject
{
    Q_OBJECT

public:
    static void initMain();

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void keyTypedInTheConsoleIsUsedButNeverWritten();

private:
    // Scans every file under the test's home and the log for the key in the forms it could leak in.
    void verifyNoTrace(const QString &when);

    std::unique_ptr<test::UiTestSandbox> m_sandbox;
    qint64 m_projectId = 0;
};

void TestConsoleSecrets::initMain()
{
    const QString root = home().path();
    qputenv("CONFERO_DATA_DIR", QFile::encodeName(root + u"/data"_s));
    qputenv("XDG_CONFIG_HOME", QFile::encodeName(root + u"/config"_s));
    qputenv("XDG_DATA_HOME", QFile::encodeName(root + u"/share"_s));
    qputenv("XDG_CACHE_HOME", QFile::encodeName(root + u"/cache"_s));
    // The rules below are the whole of the logging configuration: an environment rule would override them.
    qunsetenv("QT_LOGGING_RULES");
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
}

void TestConsoleSecrets::initTestCase()
{
    if (qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"))
        QSKIP("SKIPPED: no D-Bus session (DBUS_SESSION_BUS_ADDRESS unset); run under dbus-run-session "
              "with gnome-keyring-daemon --unlock --components=secrets");
    QVERIFY(home().isValid());
    // As the console's main() does: its settings, should it keep any, go where they would in use.
    DataDir::setApplicationIdentity();
    QCOMPARE(DataDir::resolve(), home().filePath(u"data"_s));

    QLoggingCategory::setFilterRules(u"confero.*=true"_s);
    previousHandler = qInstallMessageHandler(recordMessage);

    m_sandbox = std::make_unique<test::UiTestSandbox>();
    m_sandbox->setAppKey(QString::fromLatin1(kSentinel));
    QString error;
    QVERIFY2(m_sandbox->start(&error), qPrintable(error));
}

void TestConsoleSecrets::cleanupTestCase()
{
    if (m_projectId != 0) {
        SecretStore secrets;
        secrets.removeNow(SecretStore::appKeyName(m_projectId));
    }
    m_sandbox.reset();
    qInstallMessageHandler(previousHandler);
}

void TestConsoleSecrets::verifyNoTrace(const QString &when)
{
    const QByteArray sentinel(kSentinel);
    const QByteArray credentials = m_sandbox->appId().toLatin1() + ':' + sentinel;
    const QByteArray basic = credentials.toBase64();
    const QString text = QString::fromLatin1(kSentinel);
    const QByteArray utf16(reinterpret_cast<const char *>(text.utf16()), text.size() * 2);
    const QByteArray log = logSoFar();
    for (const QByteArray &needle : {sentinel, basic, utf16}) {
        const QStringList hits = test::filesContaining(home().path(), needle);
        QVERIFY2(hits.isEmpty(), qPrintable(when + u": the App Key is in "_s + hits.join(u", "_s)));
        QVERIFY2(!log.contains(needle), qPrintable(when + u": the App Key is in the log"_s));
    }
}

void TestConsoleSecrets::keyTypedInTheConsoleIsUsedButNeverWritten()
{
    const QString dataDir = home().filePath(u"data"_s);
    {
        // The console as `confero` starts on a first run: its own sandbox project, then "Add project…".
        ConsoleApplication console;
        QString error;
        QVERIFY2(console.start({}, &error), qPrintable(error));
        MainWindow *window = console.mainWindow();
        QVERIFY(window);
        QSignalSpy sandboxLoaded(window->roomsPage(), &RoomsPage::roomsLoaded);
        QVERIFY(sandboxLoaded.wait(15'000));

        window->findChild<QAction *>(u"addProjectAction"_s)->trigger();
        QPointer<ProjectDialog> dialog = window->findChild<ProjectDialog *>();
        QVERIFY(dialog);
        QTRY_VERIFY_WITH_TIMEOUT(dialog->isVisible(), 5'000);
        dialog->findChild<QLineEdit *>(u"nameEdit"_s)->setText(projectName);
        dialog->findChild<QLineEdit *>(u"apiBaseUrlEdit"_s)->setText(m_sandbox->apiBaseUrl().toString());
        dialog->findChild<QLineEdit *>(u"appIdEdit"_s)->setText(m_sandbox->appId());
        QTest::keyClicks(dialog->findChild<QLineEdit *>(u"appKeyEdit"_s), QString::fromLatin1(kSentinel));

        // "Test connection" sends what is typed.
        QTest::mouseClick(dialog->findChild<QPushButton *>(u"testConnectionButton"_s), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!dialog->isBusy(), 15'000);
        const QString tested = dialog->findChild<QLabel *>(u"testResultLabel"_s)->text();
        QVERIFY2(tested.contains(u"4 room"_s), qPrintable(tested));

        // Save: to the keychain, then the window opens the project with the key read back from it.
        QSignalSpy listed(window->roomsPage(), &RoomsPage::roomsLoaded);
        QSignalSpy failed(window->roomsPage(), &RoomsPage::listingFailed);
        QTest::mouseClick(dialog->findChild<QDialogButtonBox *>(u"buttonBox"_s)->button(QDialogButtonBox::Save),
                          Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!dialog || !dialog->isVisible(), 30'000);
        QTRY_VERIFY_WITH_TIMEOUT(window->currentProject() && window->currentProject()->name == projectName, 5'000);
        m_projectId = window->currentProject()->id;
        QTRY_VERIFY_WITH_TIMEOUT(window->platform(), 30'000);
        QTRY_COMPARE_WITH_TIMEOUT(listed.size(), 1, 15'000);
        QCOMPARE(listed.first().first().toInt(), 4);
        QVERIFY(failed.isEmpty());

        // "Test connection" in the toolbar, through the platform built from the keychain's key.
        auto *status = window->findChild<QLabel *>(u"connectionStatus"_s);
        window->findChild<QAction *>(u"testConnectionAction"_s)->trigger();
        QTRY_VERIFY2_WITH_TIMEOUT(status->text().contains(u"answers: 4 room"_s), qPrintable(status->text()), 15'000);

        // A join token for a demo room that is open now (the scheduled ones refuse tokens).
        auto *table = window->roomsPage()->findChild<QTableView *>(u"roomsTable"_s);
        for (int row = 0; row < table->model()->rowCount(); ++row) {
            const QModelIndex index = table->model()->index(row, RoomTableModel::Name);
            if (index.data(RoomTableModel::RoomRole).value<Room>().name == u"Team stand-up"_s)
                table->selectionModel()->select(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        }
        QCOMPARE(window->roomsPage()->selectedRooms().size(), 1);
        window->roomsPage()->issueTokenForSelectedRoom();
        QPointer<TokenDialog> tokenDialog = window->roomsPage()->findChild<TokenDialog *>();
        QVERIFY(tokenDialog);
        QTest::keyClicks(tokenDialog->findChild<QLineEdit *>(u"nameEdit"_s), u"Alice"_s);
        QTest::keyClicks(tokenDialog->findChild<QLineEdit *>(u"userRefEdit"_s), u"u-1"_s);
        QSignalSpy issued(tokenDialog.data(), &TokenDialog::tokenIssued);
        QTest::mouseClick(tokenDialog->findChild<QPushButton *>(u"issueButton"_s), Qt::LeftButton);
        QVERIFY(issued.wait(15'000));
        QVERIFY(!tokenDialog->token().isEmpty());
        tokenDialog->close();

        // While the store is open its -wal and -shm exist, and they are scanned too.
        QVERIFY(QFile::exists(dataDir + u"/confero.sqlite-wal"_s));
        QVERIFY(QFile::exists(dataDir + u"/confero.sqlite-shm"_s));
        verifyNoTrace(u"with the console open"_s);
        if (QTest::currentTestFailed())
            return;

        QVERIFY(window->close());
    }
    QVERIFY(QFile::exists(dataDir + u"/confero.sqlite"_s));
    verifyNoTrace(u"after closing the console"_s);
    if (QTest::currentTestFailed())
        return;

    // The logs were on: the console really wrote confero.* lines while it used the key.
    const QByteArray log = logSoFar();
    QVERIFY2(log.contains("confero.platform: "), log.right(2'000).constData());
    QVERIFY(log.contains("confero.store: ") || log.contains("confero.config: "));

    // The key is kept, in the keychain: the test cannot pass by never storing it.
    QVERIFY(m_projectId != 0);
    SecretStore secrets;
    const SecretStore::Result stored = secrets.readNow(SecretStore::appKeyName(m_projectId));
    QVERIFY2(stored.ok, qPrintable(stored.errorMessage));
    QCOMPARE(stored.value, QString::fromLatin1(kSentinel));
}

} // namespace confero

QTEST_MAIN(confero::TestConsoleSecrets)
#include "TestConsoleSecrets.moc"
