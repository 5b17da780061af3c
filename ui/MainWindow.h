#pragma once

#include "config/Project.h"

#include <QMainWindow>

#include <memory>

class QAction;
class QComboBox;
class QLabel;

namespace Ui {
class MainWindow;
}

namespace confero {

class ApiActivityIndicator;
class CdrReconciler;
class PlatformConnector;
class ProjectStore;
class ProjectUpkeepStore;
class RoomsPage;
class SecretStore;
class Store;
class StoreBackup;
class StoreUpkeepDialog;
class TokenLog;
class VideoPlatform;

// The console window: a sidebar of pages (Rooms now; Sessions, Reports, Recordings, Live session and
// Events plug in through addPage), a project switcher in the toolbar, and the API activity in the
// status bar. Closing while rooms wait in the Undo window sends their deletes first and closes when
// the platform has answered: the user asked for the deletion and the window is the last chance to
// send it (asking again on every close would make Undo's countdown meaningless).
class MainWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    MainWindow(ProjectStore *projects, SecretStore *secrets, PlatformConnector *connector, TokenLog *tokenLog,
               QWidget *parent = nullptr);
    ~MainWindow() override;

    // Adds a page to the sidebar; the first page added is shown first.
    void addPage(const QIcon &icon, const QString &title, QWidget *page);
    // Brings a page added with addPage() to the front, as choosing it in the sidebar does.
    void showPage(QWidget *page);

    // Connects to the project (reading its key if needed) and shows its rooms.
    void openProject(qint64 projectId);
    std::optional<Project> currentProject() const;
    VideoPlatform *platform() const;
    RoomsPage *roomsPage() const;

    // Store upkeep: the store (which `dataDir` holds backups for) enables "Data and backups…";
    // without it the action stays disabled. Call once, before the first project opens.
    void setStore(Store *store, const QString &dataDir);
    ProjectUpkeepStore *upkeepStore() const;
    // The current project's CDR reconciler (or nullptr): the window owns it from here on, and stops
    // and deletes the one it had, so a project's reconciler never outlives the switch to another.
    void setReconciler(CdrReconciler *reconciler);
    CdrReconciler *reconciler() const;

public Q_SLOTS:
    void addProject();
    void editProject();
    void testConnection();
    void openStoreUpkeep();

Q_SIGNALS:
    // The current project's platform is ready (or nullptr when connecting failed). Pages that show a
    // project's data follow this: the store is open whatever the platform's state.
    void platformChanged(confero::VideoPlatform *platform, qint64 projectId);

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void setUpToolBar();
    void reloadProjects();
    void setPlatform(std::unique_ptr<VideoPlatform> platform, const Project &project);
    void updateProjectActions();
    void showReconcilerStatus();

    std::unique_ptr<Ui::MainWindow> m_ui;
    ProjectStore *m_projects;
    SecretStore *m_secrets;
    PlatformConnector *m_connector;
    QComboBox *m_projectCombo;
    QAction *m_addProjectAction;
    QAction *m_editProjectAction;
    QAction *m_testConnectionAction;
    QAction *m_storeUpkeepAction;
    ApiActivityIndicator *m_activity;
    QLabel *m_connectionStatus;
    QLabel *m_reconcilerStatus;
    ProjectUpkeepStore *m_upkeepStore = nullptr;
    StoreBackup *m_backup = nullptr;
    CdrReconciler *m_reconciler = nullptr;
    StoreUpkeepDialog *m_upkeepDialog = nullptr;
    std::unique_ptr<VideoPlatform> m_platform;
    std::optional<Project> m_project;
    int m_connectGeneration = 0;
    bool m_closingAfterDeletes = false;
    bool m_deleteFailedWhileClosing = false;
};

} // namespace confero
