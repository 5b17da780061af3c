#include "UiTestSandbox.h"
#include "UpkeepTestBackend.h"

#include "BusySpinner.h"
#include "ErrorBanner.h"
#include "StoreUpkeepDialog.h"
#include "config/ProjectUpkeepStore.h"
#include "platform/EnableXPlatform.h"
#include "store/Store.h"
#include "store/StoreBackup.h"
#include "sync/CdrReconciler.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace confero {

// The Data and backups dialog on a real store (SQLite, and PostgreSQL from ctest's fixture), with a
// reconciler against the real sandbox; widgets found by object name.
class TestStoreUpkeepDialog final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void showsWhereTheStoreIsAndHowBig();
    void backUpNowShowsItIsBusyThenThePathAndSize();
    void anUnwritableFolderShowsTheReasonAndNoFile();
    void theRetentionChoiceIsSavedPerProject();
    void reconcileNowShowsTheLastAndNextRun();
    void onPostgresItExplainsPgDumpInstead();

private:
    template<typename T>
    T *child(const QString &name)
    {
        T *found = m_dialog->findChild<T *>(name);
        if (!found)
            qWarning().noquote() << "no child" << name;
        return found;
    }

    test::UpkeepTestBackend m_backend;
    QTemporaryDir m_dir;
    std::unique_ptr<Store> m_store;
    qint64 m_projectId = 0;
    std::unique_ptr<ProjectUpkeepStore> m_upkeep;
    std::unique_ptr<StoreBackup> m_backup;
    std::unique_ptr<StoreUpkeepDialog> m_dialog;
};

void TestStoreUpkeepDialog::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QString error;
    QVERIFY2(m_backend.init(&error), qPrintable(error));
}

void TestStoreUpkeepDialog::init()
{
    QString error;
    m_store = m_backend.open(false, &m_projectId, &error);
    QVERIFY2(m_store, qPrintable(error));
    m_upkeep = std::make_unique<ProjectUpkeepStore>(m_store.get());
    m_backup = std::make_unique<StoreBackup>(m_store.get(), m_dir.path());
    m_dialog = std::make_unique<StoreUpkeepDialog>(m_backup.get(), m_upkeep.get());
    m_dialog->setProject(m_projectId, u"Test"_s);
    m_dialog->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_dialog.get()));
}

void TestStoreUpkeepDialog::cleanup()
{
    m_dialog.reset();
    m_backup.reset();
    m_upkeep.reset();
    m_store.reset();
    QString error;
    QVERIFY2(m_backend.cleanup(&error), qPrintable(error));
    QFile::setPermissions(m_dir.filePath(u"read-only"_s),
                          QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
}

void TestStoreUpkeepDialog::showsWhereTheStoreIsAndHowBig()
{
    QCOMPARE(child<QLabel>(u"storeLocationLabel"_s)->text(), QDir::toNativeSeparators(m_store->location()));
    auto *size = child<QLabel>(u"storeSizeLabel"_s);
    QTRY_VERIFY_WITH_TIMEOUT(size->text() != u"measuring…"_s, 15'000);
    QVERIFY2(size->text().contains(u"KiB"_s) || size->text().contains(u"MiB"_s), qPrintable(size->text()));
    QVERIFY(child<QWidget>(u"backupGroup"_s)->isVisible());
    QVERIFY(!child<QWidget>(u"postgresBackupGroup"_s)->isVisible());
    QVERIFY(child<QRadioButton>(u"keepForeverRadio"_s)->isChecked());
    QVERIFY(!child<QSpinBox>(u"retentionMonthsSpin"_s)->isEnabled());
    QCOMPARE(child<QSpinBox>(u"intervalSpin"_s)->value(), 60);
    // No reconciler yet: nothing to run.
    QVERIFY(!child<QPushButton>(u"reconcileNowButton"_s)->isEnabled());
    QVERIFY(child<QLabel>(u"lastBackupLabel"_s)->text().contains(u"No backup"_s));
    const QString path = child<QLineEdit>(u"backupPathEdit"_s)->text();
    QVERIFY2(path.startsWith(QDir::toNativeSeparators(m_dir.filePath(u"backups/confero-"_s))), qPrintable(path));
}

void TestStoreUpkeepDialog::backUpNowShowsItIsBusyThenThePathAndSize()
{
    // Typed by the user: kept after the backup instead of the next default name.
    const QString path = QDir::toNativeSeparators(m_dir.filePath(u"mine/first.sqlite"_s));
    child<QLineEdit>(u"backupPathEdit"_s)->clear();
    QTest::keyClicks(child<QLineEdit>(u"backupPathEdit"_s), path);
    auto *button = child<QPushButton>(u"backUpButton"_s);
    auto *spinner = child<BusySpinner>(u"backupSpinner"_s);
    auto *result = child<QLabel>(u"backupResultLabel"_s);
    QTest::mouseClick(button, Qt::LeftButton);
    QVERIFY(spinner->isRunning());
    QVERIFY(!button->isEnabled());
    QCOMPARE(result->text(), u"Backing up…"_s);

    QTRY_VERIFY_WITH_TIMEOUT(!spinner->isRunning(), 15'000);
    QVERIFY(button->isEnabled());
    QVERIFY(QFileInfo::exists(path));
    QVERIFY2(result->text().startsWith(u"Saved "_s + path + u" ("_s), qPrintable(result->text()));
    QVERIFY2(result->text().contains(u"KiB"_s), qPrintable(result->text()));
    QVERIFY(!child<ErrorBanner>(u"backupError"_s)->isVisible());
    QVERIFY(child<QLabel>(u"lastBackupLabel"_s)->text().contains(path));
    QCOMPARE(child<QLineEdit>(u"backupPathEdit"_s)->text(), path);
    QCOMPARE(m_upkeep->upkeep(m_projectId).lastBackupPath, QDir::fromNativeSeparators(path));

    // The same name again is refused; the first file stays as it was.
    const QByteArray before = [&] {
        QFile file(path);
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }();
    QTest::mouseClick(button, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(child<ErrorBanner>(u"backupError"_s)->isVisible(), 15'000);
    QVERIFY(child<ErrorBanner>(u"backupError"_s)->message().contains(u"never overwrites"_s));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), before);
}

void TestStoreUpkeepDialog::anUnwritableFolderShowsTheReasonAndNoFile()
{
    // A read-only folder, or /proc for root, who writes through permissions.
    QString folder = m_dir.filePath(u"read-only"_s);
    QDir().mkpath(folder);
    QFile::setPermissions(folder, QFileDevice::ReadOwner | QFileDevice::ExeOwner);
    QFile probe(QDir(folder).filePath(u"probe"_s));
    if (probe.open(QIODevice::WriteOnly)) {
        probe.close();
        probe.remove();
        folder = u"/proc"_s;
    }
    const QString path = QDir(folder).filePath(u"backup.sqlite"_s);
    child<QLineEdit>(u"backupPathEdit"_s)->setText(QDir::toNativeSeparators(path));
    QTest::mouseClick(child<QPushButton>(u"backUpButton"_s), Qt::LeftButton);
    auto *error = child<ErrorBanner>(u"backupError"_s);
    QTRY_VERIFY_WITH_TIMEOUT(error->isVisible(), 15'000);
    QVERIFY2(error->message().contains(u"cannot write to the folder"_s), qPrintable(error->message()));
    QVERIFY(child<QLabel>(u"backupResultLabel"_s)->text().isEmpty());
    QVERIFY(child<QPushButton>(u"backUpButton"_s)->isEnabled());
    QVERIFY(!QFileInfo::exists(path));
}

void TestStoreUpkeepDialog::theRetentionChoiceIsSavedPerProject()
{
    child<QRadioButton>(u"keepMonthsRadio"_s)->click();
    QVERIFY(child<QSpinBox>(u"retentionMonthsSpin"_s)->isEnabled());
    child<QSpinBox>(u"retentionMonthsSpin"_s)->setValue(6);
    child<QSpinBox>(u"intervalSpin"_s)->setValue(30);
    QTest::mouseClick(child<QPushButton>(u"applyButton"_s), Qt::LeftButton);
    QVERIFY2(child<QLabel>(u"settingsStatusLabel"_s)->text().startsWith(u"Saved."_s),
             qPrintable(child<QLabel>(u"settingsStatusLabel"_s)->text()));
    const ProjectUpkeep saved = m_upkeep->upkeep(m_projectId);
    QCOMPARE(saved.retentionMonths, 6);
    QCOMPARE(saved.reconcileIntervalMinutes, 30);

    // Another project shows its own (default) choice; back on the first, its saved one.
    const qint64 other = test::UpkeepTestBackend::addProject(*m_store, u"Other"_s);
    m_dialog->setProject(other, u"Other"_s);
    QVERIFY(child<QRadioButton>(u"keepForeverRadio"_s)->isChecked());
    QCOMPARE(child<QSpinBox>(u"intervalSpin"_s)->value(), 60);
    m_dialog->setProject(m_projectId, u"Test"_s);
    QVERIFY(child<QRadioButton>(u"keepMonthsRadio"_s)->isChecked());
    QCOMPARE(child<QSpinBox>(u"retentionMonthsSpin"_s)->value(), 6);

    child<QRadioButton>(u"keepForeverRadio"_s)->click();
    QTest::mouseClick(child<QPushButton>(u"applyButton"_s), Qt::LeftButton);
    QVERIFY(m_upkeep->upkeep(m_projectId).keepsForever());
}

void TestStoreUpkeepDialog::reconcileNowShowsTheLastAndNextRun()
{
    test::UiTestSandbox sandbox;
    QString error;
    QVERIFY2(sandbox.start(&error), qPrintable(error));
    CdrReconciler reconciler(sandbox.platform(), m_store.get(), m_upkeep.get(), m_projectId);
    m_dialog->setReconciler(&reconciler);
    auto *button = child<QPushButton>(u"reconcileNowButton"_s);
    auto *spinner = child<BusySpinner>(u"reconcileSpinner"_s);
    QVERIFY(button->isEnabled());
    QCOMPARE(child<QLabel>(u"lastRunLabel"_s)->text(), u"Not yet."_s);

    QTest::mouseClick(button, Qt::LeftButton);
    QVERIFY(reconciler.isRunning());
    QVERIFY(spinner->isRunning());
    QVERIFY(!button->isEnabled());
    QCOMPARE(child<QLabel>(u"lastRunLabel"_s)->text(), u"Running now…"_s);

    QTRY_VERIFY_WITH_TIMEOUT(!spinner->isRunning(), 30'000);
    QVERIFY(button->isEnabled());
    const QString last = child<QLabel>(u"lastRunLabel"_s)->text();
    QVERIFY2(last.contains(u"local time"_s) && last.contains(u"found"_s), qPrintable(last));
    QVERIFY2(child<QLabel>(u"nextRunLabel"_s)->text().contains(u"local time"_s),
             qPrintable(child<QLabel>(u"nextRunLabel"_s)->text()));
    QVERIFY2(child<QLabel>(u"foundLabel"_s)->text().contains(u"the store did not have"_s),
             qPrintable(child<QLabel>(u"foundLabel"_s)->text()));
    m_dialog->setReconciler(nullptr);
    QVERIFY(!button->isEnabled());
}

void TestStoreUpkeepDialog::onPostgresItExplainsPgDumpInstead()
{
    if (!m_backend.hasPostgres())
        QSKIP("SKIPPED: set CONFERO_TEST_PG_URL to run on PostgreSQL");
    QString error;
    qint64 projectId = 0;
    std::unique_ptr<Store> store = m_backend.open(true, &projectId, &error);
    QVERIFY2(store, qPrintable(error));
    ProjectUpkeepStore upkeep(store.get());
    StoreBackup backup(store.get(), m_dir.path());
    StoreUpkeepDialog dialog(&backup, &upkeep);
    dialog.setProject(projectId, u"Test"_s);
    dialog.show();
    QVERIFY(!dialog.findChild<QWidget *>(u"backupGroup"_s)->isVisible());
    QVERIFY(dialog.findChild<QWidget *>(u"postgresBackupGroup"_s)->isVisible());
    QVERIFY(dialog.findChild<QLabel *>(u"postgresExplanationLabel"_s)->text().contains(u"pg_dump"_s));
    const QString command = dialog.findChild<QLineEdit *>(u"pgDumpCommandEdit"_s)->text();
    QVERIFY2(command.startsWith(u"pg_dump --format=custom --file="_s), qPrintable(command));
    QVERIFY(dialog.findChild<QLabel *>(u"storeLocationLabel"_s)->text().startsWith(u"postgresql://"_s));
    auto *size = dialog.findChild<QLabel *>(u"storeSizeLabel"_s);
    QTRY_VERIFY_WITH_TIMEOUT(size->text() != u"measuring…"_s, 15'000);
    QVERIFY2(size->text().contains(u"MiB"_s) || size->text().contains(u"KiB"_s), qPrintable(size->text()));
}

} // namespace confero

QTEST_MAIN(confero::TestStoreUpkeepDialog)
#include "TestStoreUpkeepDialog.moc"
