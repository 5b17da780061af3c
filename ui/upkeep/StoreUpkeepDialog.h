#pragma once

#include <QDialog>
#include <QPointer>

#include <memory>

namespace Ui {
class StoreUpkeepDialog;
}

namespace confero {

class CdrReconciler;
class ProjectUpkeepStore;
class StoreBackup;

// "Data and backups…": where the store is and how big, the project's retention and reconcile
// interval, "Back up now" (or, on PostgreSQL, the pg_dump command to run instead), and the CDR
// reconciler's last and next run with "Reconcile now". It only presents: the work is done by the core
// objects it is given, which outlive it.
class StoreUpkeepDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StoreUpkeepDialog)

public:
    StoreUpkeepDialog(StoreBackup *backup, ProjectUpkeepStore *upkeep, QWidget *parent = nullptr);
    ~StoreUpkeepDialog() override;

    // The project whose settings are shown (0: none), and its reconciler (nullptr when not connected).
    void setProject(qint64 projectId, const QString &name);
    void setReconciler(CdrReconciler *reconciler);

public Q_SLOTS:
    void backUpNow();
    void applyChoices();
    void reconcileNow();

protected:
    void showEvent(QShowEvent *event) override;

private:
    void showChoices();
    void showLastBackup();
    void showReconciler();
    void showBackupRunning(bool running);
    void chooseBackupPath();

    std::unique_ptr<Ui::StoreUpkeepDialog> m_ui;
    StoreBackup *m_backup;
    ProjectUpkeepStore *m_upkeep;
    QPointer<CdrReconciler> m_reconciler;
    qint64 m_projectId = 0;
    qint64 m_backupProjectId = 0; // the project current when the running backup started
    bool m_pathChosen = false; // the user picked a file: keep it instead of the default
};

} // namespace confero
