#include "StoreUpkeepDialog.h"
#include "ui_StoreUpkeepDialog.h"

#include "ReconcilerStatusText.h"
#include "config/ProjectUpkeepStore.h"
#include "store/StoreBackup.h"
#include "sync/CdrReconciler.h"

#include <QClipboard>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QGuiApplication>
#include <QLocale>
#include <QPushButton>

#include <algorithm>
#include <climits>

namespace confero {

using namespace Qt::StringLiterals;

StoreUpkeepDialog::StoreUpkeepDialog(StoreBackup *backup, ProjectUpkeepStore *upkeep, QWidget *parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::StoreUpkeepDialog>())
    , m_backup(backup)
    , m_upkeep(upkeep)
{
    m_ui->setupUi(this);
    setWindowTitle(tr("Data and backups"));
    m_ui->storeLocationLabel->setText(m_backup->displayLocation());
    m_ui->storeSizeLabel->setText(tr("measuring…"));
    m_ui->backupError->clear();

    const bool files = m_backup->makesFiles();
    m_ui->backupGroup->setVisible(files);
    m_ui->postgresBackupGroup->setVisible(!files);
    if (files) {
        m_ui->backupPathEdit->setText(QDir::toNativeSeparators(m_backup->defaultPath()));
    } else {
        m_ui->postgresExplanationLabel->setText(
            tr("This store is a PostgreSQL database, which Confero does not copy to a file: PostgreSQL's own "
               "pg_dump makes a consistent backup while Confero keeps running. Run this command on a computer "
               "that reaches the server; it asks for the password (or reads it from ~/.pgpass or PGPASSWORD), "
               "and pg_restore brings the store back."));
        m_ui->pgDumpCommandEdit->setText(m_backup->pgDumpCommand());
        m_ui->pgDumpCommandEdit->setCursorPosition(0);
    }

    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_ui->backUpButton, &QPushButton::clicked, this, &StoreUpkeepDialog::backUpNow);
    connect(m_ui->chooseBackupPathButton, &QPushButton::clicked, this, &StoreUpkeepDialog::chooseBackupPath);
    connect(m_ui->backupPathEdit, &QLineEdit::textEdited, this, [this] { m_pathChosen = true; });
    connect(m_ui->applyButton, &QPushButton::clicked, this, &StoreUpkeepDialog::applyChoices);
    connect(m_ui->reconcileNowButton, &QPushButton::clicked, this, &StoreUpkeepDialog::reconcileNow);
    connect(m_ui->copyCommandButton, &QPushButton::clicked, this,
            [this] { QGuiApplication::clipboard()->setText(m_ui->pgDumpCommandEdit->text()); });
    connect(m_ui->keepMonthsRadio, &QRadioButton::toggled, m_ui->retentionMonthsSpin, &QWidget::setEnabled);

    connect(m_backup, &StoreBackup::sizeMeasured, this, [this](qint64 bytes) {
        m_ui->storeSizeLabel->setText(bytes < 0 ? tr("unknown") : QLocale().formattedDataSize(bytes));
    });
    connect(m_backup, &StoreBackup::finished, this, [this](const StoreBackup::Result &result) {
        showBackupRunning(false);
        m_ui->backupResultLabel->setText(
            tr("Saved %1 (%2).").arg(QDir::toNativeSeparators(result.path), QLocale().formattedDataSize(result.bytes)));
        if (m_backupProjectId != 0)
            m_upkeep->recordBackup(m_backupProjectId, result.at, result.path);
        if (!m_pathChosen)
            m_ui->backupPathEdit->setText(QDir::toNativeSeparators(m_backup->defaultPath()));
        m_backup->measureSize();
    });
    connect(m_backup, &StoreBackup::failed, this, [this](const QString &message) {
        showBackupRunning(false);
        m_ui->backupResultLabel->clear();
        m_ui->backupError->showError(message, false);
    });
    connect(m_upkeep, &ProjectUpkeepStore::upkeepChanged, this, [this](qint64 id) {
        if (id == m_projectId) {
            showLastBackup();
            showReconciler();
        }
    });

    showBackupRunning(m_backup->isRunning());
    setProject(0, {});
}

StoreUpkeepDialog::~StoreUpkeepDialog() = default;

void StoreUpkeepDialog::showEvent(QShowEvent *event)
{
    m_backup->measureSize();
    if (!m_pathChosen && !m_backup->isRunning() && m_backup->makesFiles())
        m_ui->backupPathEdit->setText(QDir::toNativeSeparators(m_backup->defaultPath()));
    QDialog::showEvent(event);
}

void StoreUpkeepDialog::setProject(qint64 projectId, const QString &name)
{
    m_projectId = projectId;
    m_ui->retentionGroup->setEnabled(projectId != 0);
    m_ui->retentionGroup->setTitle(projectId != 0 ? tr("Call records of %1").arg(name) : tr("Call records"));
    m_ui->settingsStatusLabel->clear();
    showChoices();
    showLastBackup();
    showReconciler();
}

void StoreUpkeepDialog::setReconciler(CdrReconciler *reconciler)
{
    if (m_reconciler)
        disconnect(m_reconciler, nullptr, this, nullptr);
    m_reconciler = reconciler;
    if (m_reconciler)
        connect(m_reconciler, &CdrReconciler::statusChanged, this, &StoreUpkeepDialog::showReconciler);
    showReconciler();
}

void StoreUpkeepDialog::showChoices()
{
    const ProjectUpkeep upkeep = m_projectId != 0 ? m_upkeep->upkeep(m_projectId) : ProjectUpkeep();
    m_ui->keepForeverRadio->setChecked(upkeep.keepsForever());
    m_ui->keepMonthsRadio->setChecked(!upkeep.keepsForever());
    m_ui->retentionMonthsSpin->setEnabled(!upkeep.keepsForever());
    if (!upkeep.keepsForever())
        m_ui->retentionMonthsSpin->setValue(upkeep.retentionMonths);
    m_ui->intervalSpin->setValue(upkeep.reconcileIntervalMinutes);
}

void StoreUpkeepDialog::showLastBackup()
{
    const ProjectUpkeep upkeep = m_projectId != 0 ? m_upkeep->upkeep(m_projectId) : ProjectUpkeep();
    m_ui->lastBackupLabel->setText(upkeep.lastBackupAt.isValid()
                                       ? tr("Last backup: %1, %2")
                                             .arg(ReconcilerStatusText::localTime(upkeep.lastBackupAt),
                                                  QDir::toNativeSeparators(upkeep.lastBackupPath))
                                       : tr("No backup made from this project yet."));
}

void StoreUpkeepDialog::showReconciler()
{
    const CdrReconciler *reconciler = m_reconciler.data();
    const bool running = reconciler && reconciler->isRunning();
    m_ui->lastRunLabel->setText(ReconcilerStatusText::lastRun(reconciler));
    m_ui->nextRunLabel->setText(ReconcilerStatusText::nextRun(reconciler));
    const ProjectUpkeep upkeep = m_projectId != 0 ? m_upkeep->upkeep(m_projectId) : ProjectUpkeep();
    m_ui->foundLabel->setText(tr("%n call record(s) that the store did not have", nullptr,
                                 int(std::min<qint64>(upkeep.foundByReconciler, INT_MAX))));
    m_ui->reconcileNowButton->setEnabled(reconciler && !running && !reconciler->isStopped());
    m_ui->reconcileSpinner->setRunning(running);
}

void StoreUpkeepDialog::showBackupRunning(bool running)
{
    m_ui->backUpButton->setEnabled(!running);
    m_ui->backupPathEdit->setEnabled(!running);
    m_ui->chooseBackupPathButton->setEnabled(!running);
    m_ui->backupSpinner->setRunning(running);
    if (running) {
        m_ui->backupError->clear();
        m_ui->backupResultLabel->setText(tr("Backing up…"));
    }
}

void StoreUpkeepDialog::chooseBackupPath()
{
    // No overwrite prompt: an existing file is refused anyway, with the reason.
    const QString path =
        QFileDialog::getSaveFileName(this, tr("Back up the store to"), m_ui->backupPathEdit->text(),
                                     tr("SQLite database (*.sqlite)"), nullptr, QFileDialog::DontConfirmOverwrite);
    if (path.isEmpty())
        return;
    m_pathChosen = true;
    m_ui->backupPathEdit->setText(QDir::toNativeSeparators(path));
}

void StoreUpkeepDialog::backUpNow()
{
    m_backupProjectId = m_projectId;
    if (m_backup->start(QDir::fromNativeSeparators(m_ui->backupPathEdit->text().trimmed())))
        showBackupRunning(true);
}

void StoreUpkeepDialog::applyChoices()
{
    if (m_projectId == 0)
        return;
    ProjectUpkeep choices = m_upkeep->upkeep(m_projectId);
    const int before = choices.retentionMonths;
    choices.retentionMonths =
        m_ui->keepForeverRadio->isChecked() ? ProjectUpkeep::kForever : m_ui->retentionMonthsSpin->value();
    choices.reconcileIntervalMinutes = m_ui->intervalSpin->value();
    const StoreResult<bool> saved = m_upkeep->saveChoices(m_projectId, choices);
    if (!saved) {
        m_ui->settingsStatusLabel->setText(saved.error().message);
        return;
    }
    const bool narrower =
        !choices.keepsForever() && (before <= ProjectUpkeep::kForever || choices.retentionMonths < before);
    // A shorter retention is applied by a pass now rather than up to an interval later.
    if (narrower && m_reconciler && m_reconciler->reconcileNow())
        m_ui->settingsStatusLabel->setText(tr("Saved. Older call records are being removed now."));
    else if (narrower)
        m_ui->settingsStatusLabel->setText(tr("Saved. Older call records are removed after the next reconciler pass."));
    else
        m_ui->settingsStatusLabel->setText(tr("Saved."));
}

void StoreUpkeepDialog::reconcileNow()
{
    if (m_reconciler)
        m_reconciler->reconcileNow();
}

} // namespace confero
