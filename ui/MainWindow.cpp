#include "MainWindow.h"
#include "ui_MainWindow.h"

#include "ApiActivityIndicator.h"
#include "Logging.h"
#include "PlatformConnector.h"
#include "ProjectDialog.h"
#include "ReconcilerStatusText.h"
#include "RoomDeletionQueue.h"
#include "RoomsPage.h"
#include "StoreUpkeepDialog.h"
#include "UiResources.h"
#include "config/ProjectStore.h"
#include "config/ProjectUpkeepStore.h"
#include "platform/VideoPlatform.h"
#include "store/StoreBackup.h"
#include "sync/CdrReconciler.h"

#include <QAction>
#include <QCloseEvent>
#include <QComboBox>
#include <QLabel>
#include <QListWidget>
#include <QStatusBar>
#include <QToolBar>

namespace confero {

using namespace Qt::StringLiterals;

MainWindow::MainWindow(ProjectStore *projects, SecretStore *secrets, PlatformConnector *connector, TokenLog *tokenLog,
                       QWidget *parent)
    : QMainWindow(parent)
    , m_ui(std::make_unique<Ui::MainWindow>())
    , m_projects(projects)
    , m_secrets(secrets)
    , m_connector(connector)
    , m_projectCombo(new QComboBox(this))
    , m_activity(new ApiActivityIndicator(this))
    , m_connectionStatus(new QLabel(this))
    , m_reconcilerStatus(new QLabel(this))
{
    m_ui->setupUi(this);
    setWindowIcon(UiResources::icon(u"confero"_s));
    m_ui->roomsPage->setTokenLog(tokenLog);
    // The Rooms page comes from the form; later pages arrive through addPage().
    m_ui->pageList->addItem(new QListWidgetItem(UiResources::icon(u"room"_s), tr("Rooms")));
    connect(m_ui->pageList, &QListWidget::currentRowChanged, m_ui->pageStack, &QStackedWidget::setCurrentIndex);
    m_ui->pageList->setCurrentRow(0);

    m_activity->setObjectName(u"apiActivity"_s);
    m_connectionStatus->setObjectName(u"connectionStatus"_s);
    m_reconcilerStatus->setObjectName(u"reconcilerStatus"_s);
    statusBar()->addWidget(m_activity, 1);
    statusBar()->addPermanentWidget(m_reconcilerStatus);
    statusBar()->addPermanentWidget(m_connectionStatus);

    setUpToolBar();
    connect(m_ui->connectionBanner, &ErrorBanner::retryRequested, this, [this] {
        if (m_project)
            openProject(m_project->id);
    });
    connect(m_ui->roomsPage->deletionQueue(), &RoomDeletionQueue::deleteFailed, this, [this] {
        if (m_closingAfterDeletes)
            m_deleteFailedWhileClosing = true;
    });
    connect(m_ui->roomsPage->deletionQueue(), &RoomDeletionQueue::settled, this, [this] {
        if (!m_closingAfterDeletes)
            return;
        m_closingAfterDeletes = false;
        setEnabled(true);
        if (m_deleteFailedWhileClosing) {
            // Stay open: the banner on the Rooms page says which room was not deleted and why.
            statusBar()->showMessage(tr("Some rooms could not be deleted; Confero stays open so you can see why."));
            return;
        }
        close();
    });
    reloadProjects();
    showReconcilerStatus();
}

MainWindow::~MainWindow()
{
    // The reconciler and the dialog go before the widgets they report to.
    delete m_upkeepDialog;
    delete m_reconciler;
}

void MainWindow::setUpToolBar()
{
    QToolBar *bar = m_ui->projectToolBar;
    auto *label = new QLabel(tr("Project:"), this);
    label->setContentsMargins(6, 0, 6, 0);
    bar->addWidget(label);
    m_projectCombo->setObjectName(u"projectCombo"_s);
    m_projectCombo->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    bar->addWidget(m_projectCombo);
    m_addProjectAction = bar->addAction(UiResources::icon(u"add"_s), tr("Add project…"), this, &MainWindow::addProject);
    m_addProjectAction->setObjectName(u"addProjectAction"_s);
    m_editProjectAction =
        bar->addAction(UiResources::icon(u"project"_s), tr("Edit project…"), this, &MainWindow::editProject);
    m_editProjectAction->setObjectName(u"editProjectAction"_s);
    m_testConnectionAction =
        bar->addAction(UiResources::icon(u"refresh"_s), tr("Test connection"), this, &MainWindow::testConnection);
    m_testConnectionAction->setObjectName(u"testConnectionAction"_s);
    bar->addSeparator();
    m_storeUpkeepAction = bar->addAction(tr("Data && backups…"), this, &MainWindow::openStoreUpkeep);
    m_storeUpkeepAction->setObjectName(u"storeUpkeepAction"_s);
    m_storeUpkeepAction->setToolTip(tr("Where the store is, how long call records are kept, backups and the "
                                       "call record reconciler."));
    m_storeUpkeepAction->setEnabled(false);

    connect(m_projectCombo, &QComboBox::activated, this, [this](int index) {
        const qint64 id = m_projectCombo->itemData(index).toLongLong();
        if (!m_project || m_project->id != id)
            openProject(id);
    });
}

void MainWindow::addPage(const QIcon &icon, const QString &title, QWidget *page)
{
    m_ui->pageList->addItem(new QListWidgetItem(icon, title));
    m_ui->pageStack->addWidget(page);
}

void MainWindow::showPage(QWidget *page)
{
    const int index = m_ui->pageStack->indexOf(page);
    if (index >= 0)
        m_ui->pageList->setCurrentRow(index);
}

void MainWindow::reloadProjects()
{
    const QSignalBlocker blocker(m_projectCombo);
    m_projectCombo->clear();
    for (const Project &project : m_projects->projects()) {
        const QString title = project.isSandbox ? tr("%1 (built-in emulator)").arg(project.name) : project.name;
        m_projectCombo->addItem(UiResources::icon(u"project"_s), title, project.id);
    }
    if (m_project)
        m_projectCombo->setCurrentIndex(m_projectCombo->findData(m_project->id));
    updateProjectActions();
}

void MainWindow::openProject(qint64 projectId)
{
    const std::optional<Project> project = m_projects->byId(projectId);
    if (!project) {
        m_ui->connectionBanner->showError(tr("That project no longer exists."), false);
        return;
    }
    // The old project's reconciler stops now; the console makes the new one once the platform is ready.
    if (m_reconciler && m_reconciler->projectId() != projectId)
        setReconciler(nullptr);
    m_project = project;
    m_projects->setCurrent(projectId);
    if (m_upkeepDialog)
        m_upkeepDialog->setProject(project->id, project->name);
    m_projectCombo->setCurrentIndex(m_projectCombo->findData(projectId));
    m_ui->connectionBanner->clear();
    m_connectionStatus->setText(tr("Connecting to %1…").arg(project->name));
    setWindowTitle(tr("%1 — Confero").arg(project->name));
    updateProjectActions();

    const int generation = ++m_connectGeneration;
    m_connector->open(
        *project, this,
        [this, generation, project = *project](std::unique_ptr<VideoPlatform> platform, const QString &error) {
            if (generation != m_connectGeneration)
                return;
            if (!platform) {
                m_ui->connectionBanner->showError(error, true);
                m_connectionStatus->setText(tr("Not connected"));
            }
            setPlatform(std::move(platform), project);
        });
}

void MainWindow::setPlatform(std::unique_ptr<VideoPlatform> platform, const Project &project)
{
    std::unique_ptr<VideoPlatform> old = std::move(m_platform);
    m_platform = std::move(platform);
    // The page sends the old project's waiting deletes through the old platform right here.
    m_ui->roomsPage->setPlatform(m_platform.get(), project.id);
    m_activity->setPlatform(m_platform.get());
    if (m_platform)
        m_connectionStatus->setText(project.apiBaseUrl.toDisplayString());
    if (old) {
        VideoPlatform *retired = old.release();
        retired->setParent(this);
        RoomDeletionQueue *queue = m_ui->roomsPage->deletionQueue();
        if (queue->isIdle())
            retired->deleteLater();
        else
            connect(queue, &RoomDeletionQueue::settled, retired, &QObject::deleteLater, Qt::SingleShotConnection);
    }
    Q_EMIT platformChanged(m_platform.get(), project.id);
}

std::optional<Project> MainWindow::currentProject() const
{
    return m_project;
}

VideoPlatform *MainWindow::platform() const
{
    return m_platform.get();
}

RoomsPage *MainWindow::roomsPage() const
{
    return m_ui->roomsPage;
}

void MainWindow::setStore(Store *store, const QString &dataDir)
{
    if (m_upkeepStore || !store)
        return;
    m_upkeepStore = new ProjectUpkeepStore(store, this);
    m_backup = new StoreBackup(store, dataDir, this);
    m_storeUpkeepAction->setEnabled(true);
}

ProjectUpkeepStore *MainWindow::upkeepStore() const
{
    return m_upkeepStore;
}

void MainWindow::setReconciler(CdrReconciler *reconciler)
{
    if (m_reconciler == reconciler)
        return;
    delete m_reconciler; // stops its pass in flight without another signal
    m_reconciler = reconciler;
    if (m_reconciler) {
        m_reconciler->setParent(this);
        connect(m_reconciler, &CdrReconciler::statusChanged, this, &MainWindow::showReconcilerStatus);
    }
    if (m_upkeepDialog)
        m_upkeepDialog->setReconciler(m_reconciler);
    showReconcilerStatus();
}

CdrReconciler *MainWindow::reconciler() const
{
    return m_reconciler;
}

void MainWindow::showReconcilerStatus()
{
    m_reconcilerStatus->setText(ReconcilerStatusText::statusLine(m_reconciler));
    m_reconcilerStatus->setToolTip(m_reconciler && !m_reconciler->lastError().isEmpty()
                                       ? m_reconciler->lastError()
                                       : ReconcilerStatusText::nextRun(m_reconciler).prepend(tr("Next reconcile: ")));
    m_reconcilerStatus->setVisible(m_reconciler != nullptr);
}

void MainWindow::openStoreUpkeep()
{
    if (!m_backup)
        return;
    if (!m_upkeepDialog) {
        m_upkeepDialog = new StoreUpkeepDialog(m_backup, m_upkeepStore, this);
        m_upkeepDialog->setObjectName(u"storeUpkeepDialog"_s);
        m_upkeepDialog->setReconciler(m_reconciler);
    }
    m_upkeepDialog->setProject(m_project ? m_project->id : 0, m_project ? m_project->name : QString());
    m_upkeepDialog->show();
    m_upkeepDialog->raise();
    m_upkeepDialog->activateWindow();
}

void MainWindow::updateProjectActions()
{
    m_editProjectAction->setEnabled(m_project && !m_project->isSandbox);
    m_editProjectAction->setToolTip(m_project && m_project->isSandbox
                                        ? tr("The built-in emulator's project is managed by Confero.")
                                        : tr("Change this project's address, App ID or App Key."));
    m_testConnectionAction->setEnabled(m_project.has_value());
}

void MainWindow::addProject()
{
    auto *dialog = new ProjectDialog(m_projects, m_secrets, m_connector, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &ProjectDialog::projectSaved, this, [this](const Project &project) {
        reloadProjects();
        openProject(project.id);
    });
    dialog->open();
}

void MainWindow::editProject()
{
    if (!m_project || m_project->isSandbox)
        return;
    auto *dialog = new ProjectDialog(m_projects, m_secrets, m_connector, *m_project, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &ProjectDialog::projectSaved, this, [this](const Project &project) {
        reloadProjects();
        openProject(project.id);
    });
    dialog->open();
}

void MainWindow::testConnection()
{
    if (!m_platform) {
        if (m_project)
            openProject(m_project->id);
        return;
    }
    m_connectionStatus->setText(tr("Testing the connection…"));
    const QString name = m_project ? m_project->name : QString();
    m_platform->listRooms(this, [this, name](PlatformResult<QList<Room>> result) {
        if (result) {
            m_ui->connectionBanner->clear();
            m_connectionStatus->setText(tr("%1 answers: %2 room(s)").arg(name).arg(result.value().size()));
        } else {
            m_ui->connectionBanner->showError(result.error().message(), true);
            m_connectionStatus->setText(tr("%1 does not answer").arg(name));
        }
    });
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    RoomDeletionQueue *queue = m_ui->roomsPage->deletionQueue();
    if (queue->isIdle()) {
        event->accept();
        return;
    }
    event->ignore();
    if (m_closingAfterDeletes)
        return;
    m_closingAfterDeletes = true;
    m_deleteFailedWhileClosing = false;
    statusBar()->showMessage(tr("Deleting rooms before closing…"));
    setEnabled(false);
    queue->commitNow();
}

} // namespace confero
