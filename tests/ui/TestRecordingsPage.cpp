#include "UiTestSandbox.h"

#include "DiskUsageDialog.h"
#include "ErrorBanner.h"
#include "PlayerWidget.h"
#include "PlayerWindow.h"
#include "RecordingsPage.h"
#include "StoragePolicyDialog.h"
#include "config/ProjectStore.h"
#include "config/SecretStore.h"
#include "models/RecordingTableModel.h"
#include "platform/EnableXPlatform.h"
#include "recordings/DownloadManager.h"
#include "recordings/RecordingSettingsStore.h"
#include "store/Store.h"
#include "sync/ArchiveReconciler.h"

#include <QCheckBox>
#include <QDateEdit>
#include <QDialog>
#include <QDialogButtonBox>
#include <QItemSelectionModel>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QMediaPlayer>
#include <QNetworkReply>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QSpinBox>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

using namespace Qt::StringLiterals;

namespace confero {

namespace {
constexpr int kWaitMs = 60'000; // media made by ffmpeg once, downloads on a loaded 2-core machine
const QString FileUser = u"recordings-ui"_s;
const QString FilePassword = u"ui-file-password-42"_s;
using LocalState = RecordingTableModel::LocalState;
} // namespace

// The Recordings page against the real sandbox in this process, a real SQLite store and the real
// keychain: a period loaded from the archive routes, two files downloaded at once to the library
// with the server's bytes, pause and resume, 403 without the recording-file password shown in words,
// the password entered in the dialog landing in the keychain, and the parallel count and library
// kept per project. Those run with the storage policy's automatic downloads off; the last one turns
// them on: the transcoded files arrive by themselves, the disk-usage view adds them up by room and
// month, and the policy dialog's quota and keep-days are saved and applied. With CONFERO_SCREENSHOT_DIR
// set, it saves the two dialogs there (docs/screenshots/storage-policy.png, disk-usage.png).
class TestRecordingsPage final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void loadAPeriodAndDownloadTwoFiles();
    void pauseAndResumeOne();
    void aDownloadedVideoPlaysWithItsSession();
    void withoutThePasswordA403SaysSo();
    void parallelAndLibraryArePerProject();
    void theStoragePolicyDownloadsByItselfAndShowsUsage();

private:
    QJsonObject postControl(const QString &path, const QJsonObject &body);
    void makePage();
    bool load();
    // Selects the rows (model rows) in the table as a user would, through the proxy.
    void select(const QList<int> &rows);
    QList<int> rowsOfKind(ArchiveFile::Kind kind) const;
    QByteArray served(int row);
    template<typename T>
    T *child(const QString &name) const
    {
        return m_page->findChild<T *>(name);
    }

    std::unique_ptr<test::UiTestSandbox> m_sandbox;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Store> m_store;
    SecretStore m_secrets;
    qint64 m_projectId = 0;
    std::unique_ptr<RecordingsPage> m_page;
    QTableView *m_table = nullptr;
};

QJsonObject TestRecordingsPage::postControl(const QString &path, const QJsonObject &body)
{
    QUrl url = m_sandbox->apiBaseUrl();
    url.setPath(u"/sandbox/"_s + path);
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, u"application/json"_s);
    QNetworkReply *reply = m_sandbox->network()->post(request, QJsonDocument(body).toJson(QJsonDocument::Compact));
    QSignalSpy finished(reply, &QNetworkReply::finished);
    if (!finished.wait(kWaitMs))
        qWarning("the sandbox did not answer %s", qPrintable(path));
    reply->deleteLater();
    return QJsonDocument::fromJson(reply->readAll()).object();
}

void TestRecordingsPage::initTestCase()
{
    // The keychain must answer: the page keeps the recording-file password nowhere else.
    const SecretStore::Result probe = m_secrets.writeNow(u"test/recordings-page-probe"_s, u"x"_s);
    if (!probe.ok)
        QSKIP(qPrintable(u"no keychain: "_s + probe.errorMessage));
    m_secrets.removeNow(u"test/recordings-page-probe"_s);
}

void TestRecordingsPage::init()
{
    m_sandbox = std::make_unique<test::UiTestSandbox>();
    QString error;
    QVERIFY2(m_sandbox->start(&error), qPrintable(error));
    QCOMPARE(postControl(u"archive/credentials"_s, {{u"username"_s, FileUser}, {u"password"_s, FilePassword}})
                 .value(u"result"_s)
                 .toInt(-1),
             0);
    if (postControl(u"archive/media"_s, {}).value(u"result"_s).toInt(-1) != 0)
        QSKIP("the sandbox cannot make its media (is ffmpeg installed?)");
    QCOMPARE(postControl(u"cdr/simulate"_s, {{u"days"_s, 2}, {u"sessions_per_day"_s, 10}, {u"seed"_s, 3}})
                 .value(u"result"_s)
                 .toInt(-1),
             0);
    m_dir = std::make_unique<QTemporaryDir>();
    m_store = std::make_unique<Store>();
    QVERIFY(m_store->open(m_dir->filePath(u"store.sqlite"_s)).ok());
    m_projectId = ProjectStore(m_store.get()).ensureSandboxProject(m_sandbox->apiBaseUrl(), m_sandbox->appId()).id;
    QVERIFY(m_projectId > 0);
    m_secrets.removeNow(RecordingSettingsStore::credentialsKey(m_projectId));
    // Nothing downloads by itself unless a test turns the policy on.
    RecordingSettings manual;
    manual.autoKinds.clear();
    QVERIFY(RecordingSettingsStore(m_store.get()).save(m_projectId, manual).ok());
    makePage();
}

void TestRecordingsPage::makePage()
{
    m_page = std::make_unique<RecordingsPage>(m_store.get(), &m_secrets, m_sandbox->network(),
                                              m_dir->filePath(u"library"_s));
    m_page->resize(1200, 700);
    m_page->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_page.get()));
    QSignalSpy credentials(m_page.get(), &RecordingsPage::credentialsChanged);
    m_page->setPlatform(m_sandbox->platform(), m_projectId, u"Sandbox"_s);
    QVERIFY(!credentials.isEmpty() || credentials.wait(kWaitMs)); // the keychain answered
    m_table = child<QTableView>(u"recordingTable"_s);
    QVERIFY(m_table);
}

void TestRecordingsPage::cleanup()
{
    m_page.reset();
    if (m_projectId != 0)
        m_secrets.removeNow(RecordingSettingsStore::credentialsKey(m_projectId));
    m_store.reset();
    m_dir.reset();
    m_sandbox.reset();
}

bool TestRecordingsPage::load()
{
    const QDate today = QDateTime::currentDateTimeUtc().date();
    child<QDateEdit>(u"fromDate"_s)->setDate(today.addDays(-3));
    child<QDateEdit>(u"toDate"_s)->setDate(today);
    QSignalSpy loaded(m_page.get(), &RecordingsPage::loadFinished);
    // F5 in the page loads, as the Load button does.
    m_page->activateWindow();
    if (!QTest::qWaitForWindowActive(m_page.get()))
        return false;
    // From the filter bar, where one is after choosing the period.
    auto *from = child<QDateEdit>(u"fromDate"_s);
    from->setFocus();
    QTest::keyClick(from, Qt::Key_F5);
    return loaded.wait(kWaitMs) && loaded.constFirst().constFirst().toBool();
}

void TestRecordingsPage::select(const QList<int> &rows)
{
    auto *proxy = qobject_cast<QSortFilterProxyModel *>(m_table->model());
    QItemSelection selection;
    for (const int row : rows) {
        const QModelIndex index = proxy->mapFromSource(m_page->model()->index(row, 0));
        selection.select(index, index);
    }
    m_table->selectionModel()->select(selection, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    if (!rows.isEmpty())
        m_table->selectionModel()->setCurrentIndex(proxy->mapFromSource(m_page->model()->index(rows.first(), 0)),
                                                   QItemSelectionModel::NoUpdate);
}

QList<int> TestRecordingsPage::rowsOfKind(ArchiveFile::Kind kind) const
{
    QList<int> rows;
    const RecordingTableModel *model = m_page->model();
    for (int row = 0; row < model->rowCount(); ++row) {
        if (model->entriesFor({row}).constFirst().files.constFirst().kind == kind)
            rows.append(row);
    }
    return rows;
}

// The file as the sandbox serves it, with the recording-file credentials.
QByteArray TestRecordingsPage::served(int row)
{
    QNetworkRequest request(m_page->model()->entriesFor({row}).constFirst().files.constFirst().url);
    request.setRawHeader("Authorization", "Basic " + (FileUser + u':' + FilePassword).toUtf8().toBase64());
    QNetworkReply *reply = m_sandbox->network()->get(request);
    QSignalSpy finished(reply, &QNetworkReply::finished);
    if (!finished.wait(kWaitMs))
        return {};
    reply->deleteLater();
    return reply->error() == QNetworkReply::NoError ? reply->readAll() : QByteArray();
}

void TestRecordingsPage::loadAPeriodAndDownloadTwoFiles()
{
    m_page->setInMemoryCredentials(m_projectId, FileUser, FilePassword);
    QVERIFY(load());
    const RecordingTableModel *model = m_page->model();
    QVERIFY(model->rowCount() >= 8); // two sessions or more, four kinds of file each
    QCOMPARE(m_table->model()->rowCount(), model->rowCount());
    for (int row = 0; row < model->rowCount(); ++row)
        QCOMPARE(model->state(row), LocalState::NotLocal);
    QVERIFY(!child<QLabel>(u"statusLabel"_s)->text().isEmpty());

    // The transcoded videos of two sessions, at once (two in parallel is the default).
    const QList<int> videos = rowsOfKind(ArchiveFile::Kind::Transcoded);
    QVERIFY(videos.size() >= 2);
    const QList<int> two = videos.first(2);
    select(two);
    QList<int> selected = m_page->selectedRows();
    std::sort(selected.begin(), selected.end());
    QCOMPARE(selected, two);
    auto *download = child<QPushButton>(u"downloadButton"_s);
    QVERIFY(download->isEnabled());
    QVERIFY(!child<QPushButton>(u"pauseButton"_s)->isEnabled());
    QTest::keyClick(m_table, Qt::Key_D, Qt::ControlModifier);
    QVERIFY(model->state(two.at(0)) != LocalState::NotLocal);
    QVERIFY(model->state(two.at(1)) != LocalState::NotLocal);
    QTRY_VERIFY_WITH_TIMEOUT(
        model->state(two.at(0)) == LocalState::Complete && model->state(two.at(1)) == LocalState::Complete, kWaitMs);

    // On disk where the library says, with the server's bytes, and no part left.
    qint64 bytes = 0;
    for (const int row : two) {
        const QString path = model->localPath(row);
        const ArchiveEntry entry = model->entriesFor({row}).constFirst();
        QCOMPARE(path, m_dir->filePath(u"library/%1/%2/out.mp4"_s.arg(entry.roomId, entry.confNum)));
        const QByteArray expected = served(row);
        QVERIFY(expected.size() > 10'000);
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.size(), qint64(expected.size()));
        QVERIFY(file.readAll() == expected);
        QVERIFY(!QFile::exists(path + u".part"_s));
        bytes += expected.size();
    }
    QCOMPARE(child<QProgressBar>(u"totalProgress"_s)->value(), 1000);
    QCOMPARE(child<QLabel>(u"totalLabel"_s)->text(), u"%1 of %1"_s.arg(QLocale().formattedDataSize(bytes)));
    // The other files were left alone, and the complete ones offer nothing but their folder.
    QCOMPARE(model->state(rowsOfKind(ArchiveFile::Kind::ChatData).constFirst()), LocalState::NotLocal);
    select(two);
    QVERIFY(!download->isEnabled());
    QVERIFY(!child<QPushButton>(u"cancelButton"_s)->isEnabled());
    QVERIFY(child<QPushButton>(u"openFolderButton"_s)->isEnabled());
    QVERIFY(child<ErrorBanner>(u"errorBanner"_s)->message().isEmpty());
}

void TestRecordingsPage::pauseAndResumeOne()
{
    m_page->setInMemoryCredentials(m_projectId, FileUser, FilePassword);
    // One at a time, and each file answer waits two seconds: the first is in flight when paused.
    child<QSpinBox>(u"parallelSpin"_s)->setValue(1);
    QVERIFY(m_sandbox->setFaults(
        {QJsonObject{{u"kind"_s, u"latency"_s}, {u"ms"_s, 2000}, {u"count"_s, -1}, {u"match"_s, u"/files/"_s}}}));
    QVERIFY(load());
    const RecordingTableModel *model = m_page->model();
    const QList<int> videos = rowsOfKind(ArchiveFile::Kind::Transcoded);
    QVERIFY(videos.size() >= 2);
    const QList<int> two = videos.mid(0, 2);
    select(two);
    QTest::mouseClick(child<QPushButton>(u"downloadButton"_s), Qt::LeftButton);
    const int running = model->state(two.at(0)) == LocalState::Downloading ? two.at(0) : two.at(1);
    const int waiting = running == two.at(0) ? two.at(1) : two.at(0);
    QCOMPARE(model->state(running), LocalState::Downloading);
    QCOMPARE(model->state(waiting), LocalState::Queued);

    select({running});
    auto *pause = child<QPushButton>(u"pauseButton"_s);
    auto *resume = child<QPushButton>(u"resumeButton"_s);
    QVERIFY(pause->isEnabled());
    QVERIFY(!resume->isEnabled());
    QTest::mouseClick(pause, Qt::LeftButton);
    QCOMPARE(model->state(running), LocalState::Paused);
    QVERIFY(m_page->model()->index(running, RecordingTableModel::Progress).data().toString().startsWith(u"Paused"_s));
    QVERIFY(resume->isEnabled());
    QVERIFY(!pause->isEnabled());
    // The slot it left goes to the queued file.
    QTRY_COMPARE_WITH_TIMEOUT(model->state(waiting), LocalState::Downloading, kWaitMs);
    QVERIFY(m_sandbox->clearFaults());
    QTest::mouseClick(resume, Qt::LeftButton);
    QVERIFY(model->state(running) == LocalState::Queued || model->state(running) == LocalState::Downloading);
    QTRY_VERIFY_WITH_TIMEOUT(
        model->state(running) == LocalState::Complete && model->state(waiting) == LocalState::Complete, kWaitMs);
    for (const int row : two)
        QCOMPARE(QFileInfo(model->localPath(row)).size(), qint64(served(row).size()));
}

void TestRecordingsPage::aDownloadedVideoPlaysWithItsSession()
{
    m_page->setInMemoryCredentials(m_projectId, FileUser, FilePassword);
    QVERIFY(load());
    const RecordingTableModel *model = m_page->model();
    const int video = rowsOfKind(ArchiveFile::Kind::Transcoded).constFirst();
    const int chat = rowsOfKind(ArchiveFile::Kind::ChatData).constFirst();
    auto *play = child<QPushButton>(u"playButton"_s);
    select({video});
    QVERIFY(!play->isEnabled()); // not downloaded yet
    QTest::keyClick(m_table, Qt::Key_D, Qt::ControlModifier);
    QTRY_COMPARE_WITH_TIMEOUT(model->state(video), LocalState::Complete, kWaitMs);
    QVERIFY(play->isEnabled());

    // Ctrl+L opens the player on the local file, with the session it belongs to.
    QSignalSpy opened(m_page.get(), &RecordingsPage::playerOpened);
    QTest::keyClick(m_table, Qt::Key_L, Qt::ControlModifier);
    QCOMPARE(opened.size(), 1);
    QPointer<PlayerWindow> window = opened.constFirst().constFirst().value<PlayerWindow *>();
    QVERIFY(window);
    QVERIFY(window->isVisible());
    QCOMPARE(window->player()->filePath(), model->localPath(video));
    const ArchiveEntry entry = model->entriesFor({video}).constFirst();
    QCOMPARE(window->player()->review()->context().confNum, entry.confNum);
    QCOMPARE(window->player()->review()->context().roomId, entry.roomId);
    QCOMPARE(window->player()->review()->context().projectId, m_projectId);
    QTRY_VERIFY_WITH_TIMEOUT(window->player()->mediaPlayer()->duration() > 0, kWaitMs);
    QVERIFY(window->player()->errorText().isEmpty());
    window->close();
    QTRY_VERIFY(window.isNull()); // closing deletes it

    // A chat file is not a video: no player, and Enter does not pretend.
    select({chat});
    QVERIFY(!play->isEnabled());
    m_page->playCurrent();
    QCOMPARE(opened.size(), 1);
    QVERIFY(!child<ErrorBanner>(u"errorBanner"_s)->message().isEmpty());
}

void TestRecordingsPage::withoutThePasswordA403SaysSo()
{
    QVERIFY(!m_page->hasCredentials()); // nothing in the keychain for this project
    QVERIFY(load());
    const RecordingTableModel *model = m_page->model();
    const int chat = rowsOfKind(ArchiveFile::Kind::ChatData).constFirst();
    select({chat});
    QTest::mouseClick(child<QPushButton>(u"downloadButton"_s), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(model->state(chat), LocalState::Failed, kWaitMs);
    auto *banner = child<ErrorBanner>(u"errorBanner"_s);
    QCOMPARE(banner->message(),
             u"chatdata.json: the recording-file password is not set. Enter it with \"Recording password…\", then "
             "download again."_s);
    QVERIFY(model->index(chat, RecordingTableModel::Progress)
                .data()
                .toString()
                .contains(u"refused the recording-file user name or password"_s));
    QVERIFY(!QFile::exists(model->localPath(chat)));

    // The dialog takes the user and password to the keychain, and the download goes through.
    QTest::mouseClick(child<QPushButton>(u"credentialsButton"_s), Qt::LeftButton);
    auto *dialog = child<QDialog>(u"recordingCredentialsDialog"_s);
    QVERIFY(dialog);
    QTRY_VERIFY(dialog->isVisible());
    auto *ok = dialog->findChild<QDialogButtonBox *>(u"buttonBox"_s)->button(QDialogButtonBox::Ok);
    QVERIFY(!ok->isEnabled());
    QTest::keyClicks(dialog->findChild<QLineEdit *>(u"userEdit"_s), FileUser);
    QTest::keyClicks(dialog->findChild<QLineEdit *>(u"passwordEdit"_s), FilePassword);
    QVERIFY(ok->isEnabled());
    QSignalSpy saved(m_page.get(), &RecordingsPage::credentialsChanged);
    QTest::mouseClick(ok, Qt::LeftButton);
    QVERIFY(saved.wait(kWaitMs));
    QCOMPARE(saved.constFirst().constFirst().toBool(), true);
    QVERIFY(m_page->hasCredentials());
    const SecretStore::Result stored = m_secrets.readNow(RecordingSettingsStore::credentialsKey(m_projectId));
    QVERIFY2(stored.ok, qPrintable(stored.errorMessage));
    QString user;
    QString password;
    QVERIFY(RecordingSettingsStore::decodeCredentials(stored.value, &user, &password));
    QCOMPARE(user, FileUser);
    QCOMPARE(password, FilePassword);
    // Not in the store's file.
    QFile storeFile(m_dir->filePath(u"store.sqlite"_s));
    QVERIFY(storeFile.open(QIODevice::ReadOnly));
    QVERIFY(!storeFile.readAll().contains(FilePassword.toUtf8()));

    select({chat});
    QTest::mouseClick(child<QPushButton>(u"downloadButton"_s), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(model->state(chat), LocalState::Complete, kWaitMs);
    QCOMPARE(QFileInfo(model->localPath(chat)).size(), qint64(served(chat).size()));

    // A new page for the project reads them back from the keychain.
    makePage();
    QVERIFY(m_page->hasCredentials());
}

void TestRecordingsPage::parallelAndLibraryArePerProject()
{
    child<QSpinBox>(u"parallelSpin"_s)->setValue(4);
    QCOMPARE(m_page->manager()->maxConcurrent(), 4);
    m_page->setLibraryFolder(m_dir->filePath(u"elsewhere"_s));
    QCOMPARE(child<QLabel>(u"libraryLabel"_s)->text(), QDir::toNativeSeparators(m_dir->filePath(u"elsewhere"_s)));
    makePage();
    QCOMPARE(child<QSpinBox>(u"parallelSpin"_s)->value(), 4);
    QCOMPARE(m_page->manager()->maxConcurrent(), 4);
    QCOMPARE(m_page->libraryFolder(), m_dir->filePath(u"elsewhere"_s));
    // Files now go there.
    m_page->setInMemoryCredentials(m_projectId, FileUser, FilePassword);
    QVERIFY(load());
    const int meta = rowsOfKind(ArchiveFile::Kind::Metadata).constFirst();
    QVERIFY(m_page->model()->localPath(meta).startsWith(m_dir->filePath(u"elsewhere/"_s)));
    // Another project starts from the defaults.
    Project other;
    other.name = u"Acme"_s;
    other.apiBaseUrl = QUrl(u"https://api.example.com/video/v2/"_s);
    other.appId = u"acme"_s;
    const StoreResult<Project> added = ProjectStore(m_store.get()).add(other);
    QVERIFY(added.ok());
    m_page->setPlatform(m_sandbox->platform(), added.value().id, other.name);
    QCOMPARE(child<QSpinBox>(u"parallelSpin"_s)->value(), 2);
    QCOMPARE(m_page->libraryFolder(), m_dir->filePath(u"library"_s));
    QCOMPARE(m_page->model()->rowCount(), 0);
}

void TestRecordingsPage::theStoragePolicyDownloadsByItselfAndShowsUsage()
{
    // The policy's default: transcoded video by itself, once the password is known.
    RecordingSettings policy = RecordingSettingsStore(m_store.get()).settings(m_projectId);
    policy.autoKinds = {ArchiveFile::Kind::Transcoded};
    QVERIFY(RecordingSettingsStore(m_store.get()).save(m_projectId, policy).ok());
    makePage();
    QVERIFY(m_page->reconciler());
    QSignalSpy checked(m_page->reconciler(), &ArchiveReconciler::finished);
    m_page->setInMemoryCredentials(m_projectId, FileUser, FilePassword);
    QVERIFY(checked.wait(kWaitMs));
    const int queued = checked.constFirst().constFirst().value<ArchiveReconciler::Summary>().queued;
    QVERIFY(queued > 0);
    QTRY_VERIFY_WITH_TIMEOUT(m_page->manager()->activeCount() == 0, kWaitMs);
    QVERIFY2(child<QLabel>(u"statusLabel"_s)->text().contains(u"queued by the storage policy"_s),
             qPrintable(child<QLabel>(u"statusLabel"_s)->text()));
    QVERIFY(load());
    const QList<int> transcoded = rowsOfKind(ArchiveFile::Kind::Transcoded);
    QCOMPARE(transcoded.size(), queued);
    for (const int row : transcoded)
        QCOMPARE(m_page->model()->state(row), LocalState::Complete);
    for (const int row : rowsOfKind(ArchiveFile::Kind::Recording))
        QCOMPARE(m_page->model()->state(row), LocalState::NotLocal);

    // Disk usage: the rooms of those sessions, their bytes adding up to the library's.
    QSignalSpy dialogs(m_page.get(), &RecordingsPage::dialogOpened);
    QTest::mouseClick(child<QPushButton>(u"usageButton"_s), Qt::LeftButton);
    QCOMPARE(dialogs.size(), 1);
    QPointer<QDialog> opened = dialogs.constLast().constFirst().value<QDialog *>();
    QVERIFY(opened);
    auto *tree = opened->findChild<QTreeWidget *>(u"usageTree"_s);
    QVERIFY(tree);
    QVERIFY(tree->topLevelItemCount() > 0);
    qint64 bytes = 0;
    int files = 0;
    for (int i = 0; i < tree->topLevelItemCount(); ++i) {
        const QTreeWidgetItem *room = tree->topLevelItem(i);
        QVERIFY(room->childCount() > 0); // its months
        bytes += room->data(DiskUsageDialog::Size, Qt::UserRole).toLongLong();
        files += int(room->data(DiskUsageDialog::Files, Qt::UserRole).toLongLong());
    }
    QCOMPARE(bytes, m_page->manager()->libraryBytes());
    QCOMPARE(files, queued);
    const QString summary = opened->findChild<QLabel *>(u"summaryLabel"_s)->text();
    QVERIFY2(summary.contains(u"No quota"_s), qPrintable(summary));
    const QString screenshots = qEnvironmentVariable("CONFERO_SCREENSHOT_DIR");
    if (!screenshots.isEmpty())
        QVERIFY(opened->grab().save(QDir(screenshots).filePath(u"disk-usage.png"_s)));
    opened->close();

    // The policy dialog: a quota below what the library holds is warned about; keep 30 days.
    QTest::mouseClick(child<QPushButton>(u"policyButton"_s), Qt::LeftButton);
    QCOMPARE(dialogs.size(), 2);
    opened = dialogs.constLast().constFirst().value<QDialog *>();
    QVERIFY(opened);
    auto *policyDialog = qobject_cast<StoragePolicyDialog *>(opened.data());
    QVERIFY(policyDialog);
    QVERIFY(policyDialog->findChild<QCheckBox *>(u"autoKind_transcoded"_s)->isChecked());
    QVERIFY(!policyDialog->findChild<QCheckBox *>(u"autoKind_recording"_s)->isChecked());
    QVERIFY(policyDialog->findChild<QLabel *>(u"warningLabel"_s)->isHidden());
    auto *quota = policyDialog->findChild<QSpinBox *>(u"quotaSpin"_s);
    quota->setValue(1); // 1 GB: more than the sandbox's files
    QVERIFY(policyDialog->findChild<QLabel *>(u"warningLabel"_s)->isHidden());
    policyDialog->findChild<QSpinBox *>(u"keepDaysSpin"_s)->setValue(30);
    policyDialog->findChild<QCheckBox *>(u"autoKind_chatdata"_s)->setChecked(true);
    if (!screenshots.isEmpty())
        QVERIFY(policyDialog->grab().save(QDir(screenshots).filePath(u"storage-policy.png"_s)));
    QSignalSpy again(m_page->reconciler(), &ArchiveReconciler::finished);
    policyDialog->accept();
    const RecordingSettings saved = RecordingSettingsStore(m_store.get()).settings(m_projectId);
    QCOMPARE(saved.quotaBytes, qint64(1'000'000'000));
    QCOMPARE(saved.keepDays, 30);
    QCOMPARE(saved.autoKinds, (QSet<ArchiveFile::Kind>{ArchiveFile::Kind::Transcoded, ArchiveFile::Kind::ChatData}));
    QCOMPARE(m_page->manager()->quota(), qint64(1'000'000'000));
    // Applied at once: the chat files are fetched now, not in a quarter of an hour.
    QVERIFY(again.wait(kWaitMs));
    QTRY_VERIFY_WITH_TIMEOUT(m_page->manager()->activeCount() == 0, kWaitMs);
    for (const int row : rowsOfKind(ArchiveFile::Kind::ChatData))
        QTRY_COMPARE_WITH_TIMEOUT(m_page->model()->state(row), LocalState::Complete, kWaitMs);
}

} // namespace confero

QTEST_MAIN(confero::TestRecordingsPage)
#include "TestRecordingsPage.moc"
