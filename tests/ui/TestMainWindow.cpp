#include "UiTestSandbox.h"

#include "ApiActivityIndicator.h"
#include "MainWindow.h"
#include "PlatformConnector.h"
#include "RoomDeletionQueue.h"
#include "RoomsPage.h"
#include "StoreUpkeepDialog.h"
#include "config/ProjectStore.h"
#include "config/ProjectUpkeepStore.h"
#include "config/SecretStore.h"
#include "models/RoomTableModel.h"
#include "store/Store.h"
#include "sync/CdrReconciler.h"

#include <QComboBox>
#include <QDir>
#include <QItemSelectionModel>
#include <QLabel>
#include <QPointer>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace confero {

// The window as the console builds it, on the sandbox project with its key held in memory.
class TestMainWindow final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void opensTheSandboxProjectAndShowsActivity();
    void closingDuringTheUndoWindowSendsTheDeletesFirst();
    void sandboxProjectWithoutTheEmulatorSaysHowToStartIt();
    void addedProjectReadsItsKeyFromTheKeychain();
    void dataAndBackupsOpensTheUpkeepDialog();
    void theStatusBarFollowsTheReconciler();

private:
    QTemporaryDir m_dir;
    std::unique_ptr<Store> m_store;
    std::unique_ptr<ProjectStore> m_projects;
    std::unique_ptr<SecretStore> m_secrets;
    std::unique_ptr<test::UiTestSandbox> m_sandbox;
    std::unique_ptr<PlatformConnector> m_connector;
    std::unique_ptr<MainWindow> m_window;
    Project m_project;
};

void TestMainWindow::init()
{
    QVERIFY(m_dir.isValid());
    m_store = std::make_unique<Store>();
    QVERIFY(m_store->open(Store::defaultLocation(m_dir.path())).ok());
    m_projects = std::make_unique<ProjectStore>(m_store.get());
    m_secrets = std::make_unique<SecretStore>();
    m_sandbox = std::make_unique<test::UiTestSandbox>();
    QString error;
    QVERIFY2(m_sandbox->start(&error), qPrintable(error));
    m_project = m_projects->ensureSandboxProject(m_sandbox->apiBaseUrl(), m_sandbox->appId());
    QVERIFY(m_project.id != 0);
    m_connector = std::make_unique<PlatformConnector>(m_sandbox->network(), m_secrets.get());
    m_connector->setInMemoryKey(m_project.id, m_sandbox->appKey());
    m_window = std::make_unique<MainWindow>(m_projects.get(), m_secrets.get(), m_connector.get(), nullptr);
    m_window->setStore(m_store.get(), m_dir.path());
    m_window->show();

    QSignalSpy loaded(m_window->roomsPage(), &RoomsPage::roomsLoaded);
    m_window->openProject(m_project.id);
    QVERIFY(loaded.wait(15'000));
}

void TestMainWindow::cleanup()
{
    m_window.reset();
    m_connector.reset();
    m_sandbox.reset();
    m_secrets.reset();
    m_projects.reset();
    m_store.reset();
}

void TestMainWindow::opensTheSandboxProjectAndShowsActivity()
{
    auto *combo = m_window->findChild<QComboBox *>(u"projectCombo"_s);
    QCOMPARE(combo->currentData().toLongLong(), m_project.id);
    QVERIFY(m_window->currentProject()->isSandbox);
    // The built-in project is not edited by hand.
    QVERIFY(!m_window->findChild<QAction *>(u"editProjectAction"_s)->isEnabled());

    auto *activity = m_window->findChild<ApiActivityIndicator *>(u"apiActivity"_s);
    QCOMPARE(activity->requestsInFlight(), 0);
    QVERIFY2(activity->text().contains(u"listing rooms"_s, Qt::CaseInsensitive)
                 || activity->text().startsWith(u"Last request"_s),
             qPrintable(activity->text()));

    m_window->roomsPage()->refresh();
    QCOMPARE(activity->requestsInFlight(), 1);
    QCOMPARE(activity->text(), u"1 request in flight"_s);
    QTRY_COMPARE_WITH_TIMEOUT(activity->requestsInFlight(), 0, 15'000);
}

void TestMainWindow::closingDuringTheUndoWindowSendsTheDeletesFirst()
{
    RoomsPage *page = m_window->roomsPage();
    page->deletionQueue()->setUndoWindowMs(600'000);
    auto *table = page->findChild<QTableView *>(u"roomsTable"_s);
    table->selectionModel()->select(table->model()->index(0, 0),
                                    QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    const QString doomed = page->selectedRooms().constFirst().name;
    page->deleteSelectedRooms();
    QCOMPARE(m_sandbox->rooms().size(), 4);

    // The close is held back until the platform has answered the delete.
    QVERIFY(!m_window->close());
    QVERIFY(m_window->isVisible());
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->isVisible(), 15'000);
    QCOMPARE(m_sandbox->rooms().size(), 3);
    QVERIFY(m_sandbox->roomNamed(doomed).isEmpty());
}

void TestMainWindow::sandboxProjectWithoutTheEmulatorSaysHowToStartIt()
{
    // Another window, as a later `confero` run without --sandbox would build it: no key in memory.
    PlatformConnector connector(m_sandbox->network(), m_secrets.get());
    MainWindow window(m_projects.get(), m_secrets.get(), &connector, nullptr);
    window.show();
    QSignalSpy changed(&window, &MainWindow::platformChanged);
    window.openProject(m_project.id);
    QTRY_COMPARE_WITH_TIMEOUT(changed.size(), 1, 15'000);
    QVERIFY(!window.platform());
    auto *banner = window.findChild<QWidget *>(u"connectionBanner"_s);
    QVERIFY(banner->isVisible());
    const QString message = banner->findChild<QLabel *>(u"message"_s)->text();
    QVERIFY2(message.contains(u"--sandbox"_s), qPrintable(message));
}

void TestMainWindow::addedProjectReadsItsKeyFromTheKeychain()
{
    Project local;
    local.name = u"Local through the keychain"_s;
    local.apiBaseUrl = m_sandbox->apiBaseUrl();
    local.appId = m_sandbox->appId();
    const StoreResult<Project> added = m_projects->add(local);
    QVERIFY(added.ok());
    const QString keyName = SecretStore::appKeyName(added.value().id);
    const SecretStore::Result written = m_secrets->writeNow(keyName, m_sandbox->appKey());

    QSignalSpy changed(m_window.get(), &MainWindow::platformChanged);
    QSignalSpy loaded(m_window->roomsPage(), &RoomsPage::roomsLoaded);
    m_window->openProject(added.value().id);
    QTRY_COMPARE_WITH_TIMEOUT(changed.size(), 1, 30'000);
    if (written.ok) {
        QVERIFY(m_window->platform());
        QTRY_COMPARE_WITH_TIMEOUT(loaded.size(), 1, 15'000);
        QCOMPARE(loaded.first().first().toInt(), 4);
        m_secrets->removeNow(keyName);
    } else {
        // No keychain on this machine: the window says so instead of connecting without a key.
        QVERIFY(!m_window->platform());
        const QString message =
            m_window->findChild<QWidget *>(u"connectionBanner"_s)->findChild<QLabel *>(u"message"_s)->text();
        QVERIFY2(message.contains(written.errorMessage), qPrintable(message));
    }
}

void TestMainWindow::dataAndBackupsOpensTheUpkeepDialog()
{
    // Without a store the action is there but disabled.
    PlatformConnector connector(m_sandbox->network(), m_secrets.get());
    MainWindow bare(m_projects.get(), m_secrets.get(), &connector, nullptr);
    QVERIFY(!bare.findChild<QAction *>(u"storeUpkeepAction"_s)->isEnabled());

    auto *action = m_window->findChild<QAction *>(u"storeUpkeepAction"_s);
    QVERIFY(action->isEnabled());
    QCOMPARE(action->text(), u"Data && backups…"_s);
    action->trigger();
    auto *dialog = m_window->findChild<StoreUpkeepDialog *>(u"storeUpkeepDialog"_s);
    QVERIFY(dialog);
    QVERIFY(dialog->isVisible());
    QCOMPARE(dialog->findChild<QLabel *>(u"storeLocationLabel"_s)->text(),
             QDir::toNativeSeparators(m_store->location()));
    QVERIFY(dialog->findChild<QWidget *>(u"retentionGroup"_s)->isEnabled());
    // Opened again, it is the same dialog.
    dialog->close();
    action->trigger();
    QCOMPARE(m_window->findChildren<StoreUpkeepDialog *>().size(), 1);
    QVERIFY(dialog->isVisible());
}

void TestMainWindow::theStatusBarFollowsTheReconciler()
{
    auto *status = m_window->findChild<QLabel *>(u"reconcilerStatus"_s);
    QVERIFY(status);
    QVERIFY(!status->isVisible());

    auto *first = new CdrReconciler(m_window->platform(), m_store.get(), m_window->upkeepStore(), m_project.id);
    m_window->setReconciler(first);
    QCOMPARE(m_window->reconciler(), first);
    first->start();
    QVERIFY(status->isVisible());
    QCOMPARE(status->text(), u"Reconciling call records…"_s);
    QTRY_VERIFY_WITH_TIMEOUT(!first->isRunning(), 30'000);
    QVERIFY2(status->text().startsWith(u"Call records"_s), qPrintable(status->text()));
    QVERIFY2(status->toolTip().startsWith(u"Next reconcile: "_s), qPrintable(status->toolTip()));

    // A replacement stops and deletes the old one; none hides the label.
    QPointer<CdrReconciler> old = first;
    auto *second = new CdrReconciler(m_window->platform(), m_store.get(), m_window->upkeepStore(), m_project.id);
    second->start();
    m_window->setReconciler(second);
    QVERIFY(old.isNull());
    m_window->setReconciler(nullptr);
    QVERIFY(!status->isVisible());
}

} // namespace confero

QTEST_MAIN(confero::TestMainWindow)
#include "TestMainWindow.moc"
