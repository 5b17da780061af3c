#include "RecordingsPage.h"

#include "DiskUsageDialog.h"
#include "ErrorBanner.h"
#include "Logging.h"
#include "RecordingCredentialsDialog.h"
#include "RecordingProgressDelegate.h"
#include "StoragePolicyDialog.h"
#include "config/SecretStore.h"
#include "models/RecordingTableModel.h"
#include "platform/VideoPlatform.h"
#include "recordings/DownloadManager.h"
#include "recordings/LibraryUsage.h"
#include "recordings/RecordingSettingsStore.h"
#include "sync/ArchiveReconciler.h"

#include <QAction>
#include <QComboBox>
#include <QDateEdit>
#include <QDesktopServices>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSpinBox>
#include <QStorageInfo>
#include <QTableView>
#include <QVBoxLayout>

namespace confero {

using namespace Qt::StringLiterals;
using LocalState = RecordingTableModel::LocalState;

namespace {

const QSet<ArchiveFile::Kind> allKinds{ArchiveFile::Kind::Recording, ArchiveFile::Kind::Transcoded,
                                       ArchiveFile::Kind::ChatData, ArchiveFile::Kind::Metadata};

QPushButton *makeButton(const QString &text, const QString &name, const QString &toolTip, QWidget *parent)
{
    auto *button = new QPushButton(text, parent);
    button->setObjectName(name);
    button->setToolTip(toolTip);
    return button;
}

} // namespace

RecordingsPage::RecordingsPage(Store *store, SecretStore *secrets, QNetworkAccessManager *network,
                               QString defaultLibrary, QWidget *parent)
    : QWidget(parent)
    , m_store(store)
    , m_settings(store)
    , m_secrets(secrets)
    , m_network(network)
    , m_defaultLibrary(std::move(defaultLibrary))
    , m_model(new RecordingTableModel(this))
    , m_proxy(new QSortFilterProxyModel(this))
    , m_banner(new ErrorBanner(this))
    , m_from(new QDateEdit(this))
    , m_to(new QDateEdit(this))
    , m_room(new QComboBox(this))
    , m_session(new QLineEdit(this))
    , m_load(makeButton(tr("&Load"), u"loadButton"_s, tr("List the archive's files for the filter (F5)"), this))
    , m_download(makeButton(tr("&Download"), u"downloadButton"_s, tr("Download the selected files (Ctrl+D)"), this))
    , m_pause(makeButton(tr("&Pause"), u"pauseButton"_s, tr("Pause the selected downloads (Ctrl+P)"), this))
    , m_resume(makeButton(tr("&Resume"), u"resumeButton"_s,
                          tr("Resume the selected downloads where they stopped (Ctrl+R)"), this))
    , m_cancel(makeButton(tr("&Cancel"), u"cancelButton"_s,
                          tr("Cancel the selected downloads and delete their partial files (Del)"), this))
    , m_openFolder(makeButton(tr("Open &folder"), u"openFolderButton"_s,
                              tr("Open the folder that holds the current file (Ctrl+O)"), this))
    , m_play(makeButton(tr("P&lay"), u"playButton"_s,
                        tr("Play the current recording with its session's marks, notes and chat (Ctrl+L)"), this))
    , m_credentials(makeButton(tr("Recording &password…"), u"credentialsButton"_s,
                               tr("The user name and password the platform asks for recording files"), this))
    , m_parallel(new QSpinBox(this))
    , m_libraryLabel(new QLabel(this))
    , m_libraryButton(makeButton(tr("Change…"), u"libraryButton"_s, tr("Choose the folder downloads go to"), this))
    , m_policyButton(makeButton(tr("Storage polic&y…"), u"policyButton"_s,
                                tr("What downloads by itself, the library's quota and how long copies are kept"), this))
    , m_usageButton(
          makeButton(tr("Disk &usage…"), u"usageButton"_s, tr("What the library holds, by room and month"), this))
    , m_table(new QTableView(this))
    , m_totalBar(new QProgressBar(this))
    , m_totalLabel(new QLabel(this))
    , m_status(new QLabel(this))
{
    m_banner->setObjectName(u"errorBanner"_s);
    m_from->setObjectName(u"fromDate"_s);
    m_to->setObjectName(u"toDate"_s);
    m_room->setObjectName(u"roomCombo"_s);
    m_session->setObjectName(u"sessionEdit"_s);
    m_parallel->setObjectName(u"parallelSpin"_s);
    m_libraryLabel->setObjectName(u"libraryLabel"_s);
    m_table->setObjectName(u"recordingTable"_s);
    m_totalBar->setObjectName(u"totalProgress"_s);
    m_totalLabel->setObjectName(u"totalLabel"_s);
    m_status->setObjectName(u"statusLabel"_s);

    // The archive routes take UTC days, both ends included.
    const QDate today = QDateTime::currentDateTimeUtc().date();
    for (QDateEdit *edit : {m_from, m_to}) {
        edit->setCalendarPopup(true);
        edit->setDisplayFormat(u"yyyy-MM-dd"_s);
        edit->setMaximumDate(today.addDays(1));
    }
    m_from->setDate(today.addDays(-6));
    m_to->setDate(today);
    m_from->setToolTip(tr("First UTC day of the period"));
    m_to->setToolTip(tr("Last UTC day of the period (included)"));
    m_room->addItem(tr("All rooms"), QString());
    m_room->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_room->setMinimumContentsLength(18);
    m_session->setPlaceholderText(tr("Session (conf number)"));
    m_session->setClearButtonEnabled(true);
    m_session->setToolTip(tr("One session by its conference number; the period and room are then not used"));
    m_load->setIcon(style()->standardIcon(QStyle::SP_BrowserReload));
    m_load->setDefault(false);
    m_parallel->setRange(RecordingSettings::MinParallel, RecordingSettings::MaxParallel);
    m_parallel->setValue(2);
    m_parallel->setToolTip(tr("How many files download at the same time (kept for this project)"));
    m_libraryLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_libraryLabel->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_totalBar->setRange(0, 1000);
    m_totalBar->setValue(0);
    m_totalBar->setTextVisible(true);
    m_totalBar->setFormat(u"%p%"_s);

    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(RecordingTableModel::SortRole);
    m_table->setModel(m_proxy);
    m_table->setItemDelegateForColumn(RecordingTableModel::Progress, new RecordingProgressDelegate(m_table));
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 10);
    m_table->horizontalHeader()->setSectionResizeMode(RecordingTableModel::Progress, QHeaderView::Stretch);
    m_table->horizontalHeader()->setMinimumSectionSize(60);
    m_table->setColumnWidth(RecordingTableModel::Room, fontMetrics().horizontalAdvance(u"Weekly all-hands room"_s));
    m_table->setColumnWidth(RecordingTableModel::Session, fontMetrics().horizontalAdvance(u"000000000000"_s) + 16);
    m_table->setColumnWidth(RecordingTableModel::Ready, fontMetrics().horizontalAdvance(u"2026-12-31 23:59"_s) + 16);
    m_table->setColumnWidth(RecordingTableModel::Kind, fontMetrics().horizontalAdvance(u"Transcoded video"_s) + 16);
    m_table->setColumnWidth(RecordingTableModel::File, fontMetrics().horizontalAdvance(u"chatdata.json"_s) + 24);
    m_table->setColumnWidth(RecordingTableModel::Size, fontMetrics().horizontalAdvance(u"1,023.9 MB"_s) + 16);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(RecordingTableModel::Ready, Qt::DescendingOrder);

    // Filter bar, actions, settings, the table and the total, top to bottom.
    auto *filter = new QHBoxLayout;
    auto *fromLabel = new QLabel(tr("&From"), this);
    fromLabel->setBuddy(m_from);
    auto *toLabel = new QLabel(tr("&to"), this);
    toLabel->setBuddy(m_to);
    auto *zone = new QLabel(tr("(UTC days)"), this);
    zone->setEnabled(false);
    filter->addWidget(fromLabel);
    filter->addWidget(m_from);
    filter->addWidget(toLabel);
    filter->addWidget(m_to);
    filter->addWidget(zone);
    filter->addSpacing(8);
    filter->addWidget(m_room);
    filter->addWidget(m_session);
    filter->addWidget(m_load);
    filter->addStretch(1);

    auto *actions = new QHBoxLayout;
    m_download->setIcon(style()->standardIcon(QStyle::SP_ArrowDown));
    m_pause->setIcon(style()->standardIcon(QStyle::SP_MediaPause));
    m_resume->setIcon(style()->standardIcon(QStyle::SP_MediaPlay));
    m_cancel->setIcon(style()->standardIcon(QStyle::SP_DialogCancelButton));
    m_openFolder->setIcon(style()->standardIcon(QStyle::SP_DirOpenIcon));
    m_play->setIcon(style()->standardIcon(QStyle::SP_MediaPlay));
    for (QPushButton *button : {m_download, m_pause, m_resume, m_cancel, m_openFolder, m_play})
        actions->addWidget(button);
    actions->addStretch(1);
    auto *parallelLabel = new QLabel(tr("&At once:"), this);
    parallelLabel->setBuddy(m_parallel);
    actions->addWidget(parallelLabel);
    actions->addWidget(m_parallel);
    actions->addSpacing(8);
    actions->addWidget(m_credentials);

    auto *library = new QHBoxLayout;
    auto *libraryTitle = new QLabel(tr("Library:"), this);
    library->addWidget(libraryTitle);
    library->addWidget(m_libraryLabel, 1);
    library->addWidget(m_libraryButton);
    library->addWidget(m_policyButton);
    library->addWidget(m_usageButton);

    auto *total = new QHBoxLayout;
    auto *totalTitle = new QLabel(tr("Total:"), this);
    total->addWidget(totalTitle);
    total->addWidget(m_totalBar, 1);
    total->addWidget(m_totalLabel);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(filter);
    layout->addWidget(m_banner);
    layout->addLayout(actions);
    layout->addWidget(m_table, 1);
    layout->addLayout(total);
    layout->addLayout(library);
    layout->addWidget(m_status);

    setTabOrder(m_from, m_to);
    setTabOrder(m_to, m_room);
    setTabOrder(m_room, m_session);
    setTabOrder(m_session, m_load);
    setTabOrder(m_load, m_table);
    setTabOrder(m_table, m_download);
    setTabOrder(m_download, m_pause);
    setTabOrder(m_pause, m_resume);
    setTabOrder(m_resume, m_cancel);
    setTabOrder(m_cancel, m_openFolder);
    setTabOrder(m_openFolder, m_play);
    setTabOrder(m_play, m_parallel);
    setTabOrder(m_parallel, m_credentials);
    setTabOrder(m_credentials, m_libraryButton);
    setTabOrder(m_libraryButton, m_policyButton);
    setTabOrder(m_policyButton, m_usageButton);

    // Window-wide, so they work straight after choosing the page in the sidebar; a hidden page's
    // shortcuts are inactive, so they do not clash with another page's (the Rooms page's F5 and Del).
    const auto addShortcut = [this](const QString &name, const QKeySequence &keys, void (RecordingsPage::*slot)()) {
        auto *action = new QAction(this);
        action->setObjectName(name);
        action->setShortcut(keys);
        action->setShortcutContext(Qt::WindowShortcut);
        addAction(action);
        connect(action, &QAction::triggered, this, slot);
    };
    addShortcut(u"loadAction"_s, QKeySequence(Qt::Key_F5), &RecordingsPage::load);
    addShortcut(u"downloadAction"_s, QKeySequence(Qt::CTRL | Qt::Key_D), &RecordingsPage::downloadSelected);
    addShortcut(u"pauseAction"_s, QKeySequence(Qt::CTRL | Qt::Key_P), &RecordingsPage::pauseSelected);
    addShortcut(u"resumeAction"_s, QKeySequence(Qt::CTRL | Qt::Key_R), &RecordingsPage::resumeSelected);
    addShortcut(u"cancelAction"_s, QKeySequence(Qt::Key_Delete), &RecordingsPage::cancelSelected);
    addShortcut(u"openFolderAction"_s, QKeySequence(Qt::CTRL | Qt::Key_O), &RecordingsPage::openContainingFolder);
    addShortcut(u"playAction"_s, QKeySequence(Qt::CTRL | Qt::Key_L), &RecordingsPage::playCurrent);

    connect(m_load, &QPushButton::clicked, this, &RecordingsPage::load);
    connect(m_session, &QLineEdit::returnPressed, this, &RecordingsPage::load);
    connect(m_download, &QPushButton::clicked, this, &RecordingsPage::downloadSelected);
    connect(m_pause, &QPushButton::clicked, this, &RecordingsPage::pauseSelected);
    connect(m_resume, &QPushButton::clicked, this, &RecordingsPage::resumeSelected);
    connect(m_cancel, &QPushButton::clicked, this, &RecordingsPage::cancelSelected);
    connect(m_openFolder, &QPushButton::clicked, this, &RecordingsPage::openContainingFolder);
    connect(m_play, &QPushButton::clicked, this, &RecordingsPage::playCurrent);
    connect(m_credentials, &QPushButton::clicked, this, &RecordingsPage::editCredentials);
    connect(m_libraryButton, &QPushButton::clicked, this, &RecordingsPage::chooseLibrary);
    connect(m_policyButton, &QPushButton::clicked, this, &RecordingsPage::editStoragePolicy);
    connect(m_usageButton, &QPushButton::clicked, this, &RecordingsPage::showDiskUsage);
    connect(m_banner, &ErrorBanner::retryRequested, this, &RecordingsPage::load);
    connect(m_parallel, &QSpinBox::valueChanged, this, [this](int count) {
        if (m_manager)
            m_manager->setMaxConcurrent(count);
        saveSettings();
    });
    // Enter on a complete file plays it (a video) or opens its folder (chat data, metadata).
    connect(m_table, &QTableView::activated, this, [this](const QModelIndex &index) {
        const int row = m_proxy->mapToSource(index).row();
        if (isPlayable(row))
            playCurrent();
        else if (m_model->state(row) == LocalState::Complete)
            openContainingFolder();
        else
            downloadSelected();
    });
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, &RecordingsPage::updateActions);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentChanged, this, &RecordingsPage::updateActions);
    connect(m_model, &QAbstractItemModel::dataChanged, this, &RecordingsPage::updateActions);
    connect(m_model, &QAbstractItemModel::modelReset, this, &RecordingsPage::updateActions);
    connect(m_model, &RecordingTableModel::totalProgressChanged, this, &RecordingsPage::updateTotal);

    setPlatform(nullptr, 0);
    updateTotal(0, 0);
}

RecordingsPage::~RecordingsPage()
{
    // The model lets go of the manager first: the manager's destructor pauses its tasks and keeps
    // their rows, so the next start continues them. The reconciler queues into the manager: it goes first.
    delete m_reconciler;
    m_model->setManager(nullptr);
    delete m_manager;
}

RecordingTableModel *RecordingsPage::model() const
{
    return m_model;
}

DownloadManager *RecordingsPage::manager() const
{
    return m_manager;
}

ArchiveReconciler *RecordingsPage::reconciler() const
{
    return m_reconciler;
}

QString RecordingsPage::libraryFolder() const
{
    return m_library;
}

bool RecordingsPage::hasCredentials() const
{
    return !m_password.isEmpty();
}

bool RecordingsPage::isLoading() const
{
    return m_loading;
}

void RecordingsPage::setPlatform(VideoPlatform *platform, qint64 projectId, const QString &projectName)
{
    const bool projectChanged = projectId != m_projectId;
    m_platform = platform;
    ++m_loadGeneration; // an answer for the old platform or project is not shown
    m_loading = false;
    if (projectChanged) {
        m_projectId = projectId;
        m_projectName = projectName;
        m_banner->clear();
        m_model->setManager(nullptr);
        m_model->setEntries({});
        m_user.clear();
        m_password.clear();
        m_credentialsKnown = false;
        const RecordingSettings settings = projectId != 0 ? m_settings.settings(projectId) : RecordingSettings();
        m_library = settings.library.isEmpty() ? m_defaultLibrary : settings.library;
        const QSignalBlocker blocker(m_parallel);
        m_parallel->setValue(settings.parallel);
        m_room->clear();
        m_room->addItem(tr("All rooms"), QString());
        m_session->clear();
        if (projectId != 0)
            readCredentials();
    } else if (!projectName.isEmpty()) {
        m_projectName = projectName;
    }
    m_libraryLabel->setText(QDir::toNativeSeparators(m_library));
    m_libraryLabel->setToolTip(tr("Files go to %1/<room>/<session>/").arg(QDir::toNativeSeparators(m_library)));
    // The manager keeps the platform it renews links with, so a new platform means a new manager.
    makeManager();
    updateRooms();
    m_status->setText(m_platform ? QString() : tr("Not connected to the platform: nothing can be listed."));
    updateActions();
}

void RecordingsPage::setInMemoryCredentials(qint64 projectId, const QString &user, const QString &password)
{
    m_inMemoryCredentials.insert(projectId, {user, password});
    if (projectId == m_projectId)
        applyCredentials(user, password);
}

void RecordingsPage::makeManager()
{
    delete m_reconciler;
    m_reconciler = nullptr;
    m_model->setManager(nullptr);
    delete m_manager;
    m_manager = nullptr;
    if (!m_platform || m_projectId == 0)
        return;
    m_manager = new DownloadManager(m_network, m_platform, m_store, m_projectId, m_library, this);
    m_manager->setMaxConcurrent(m_parallel->value());
    m_manager->setQuota(m_settings.settings(m_projectId).quotaBytes);
    m_manager->setCredentials(m_user, m_password);
    connect(m_manager, &DownloadManager::downloadFailed, this, [this](qint64, const DownloadError &error) {
        if (error.kind == DownloadError::Kind::Cancelled)
            return;
        QString message = error.message();
        if (error.kind == DownloadError::Kind::Auth)
            message = m_password.isEmpty()
                ? tr("%1: the recording-file password is not set. Enter it with \"Recording password…\", "
                     "then download again.")
                      .arg(error.fileName)
                : message + u' ' + tr("Correct them with \"Recording password…\", then download again.");
        m_banner->showError(message, false);
    });
    connect(m_manager, &DownloadManager::storeFailed, this,
            [this](const QString &message) { m_banner->showError(message, false); });
    QString error;
    if (!m_manager->restore(&error))
        m_banner->showError(tr("The list of downloads could not be read: %1").arg(error), false);
    m_model->setManager(m_manager);

    m_reconciler = new ArchiveReconciler(m_platform, m_manager, &m_settings, m_projectId, this);
    connect(m_reconciler, &ArchiveReconciler::finished, this, [this](const ArchiveReconciler::Summary &summary) {
        const QLocale locale;
        QString text =
            tr("Archive checked at %1: %n new file(s) queued by the storage policy.", nullptr, summary.queued)
                .arg(locale.toString(summary.at.toLocalTime().time(), QLocale::ShortFormat));
        if (summary.retention.files > 0)
            text += u' '
                + tr("%n old local copy(ies) deleted (%1).", nullptr, summary.retention.files)
                      .arg(locale.formattedDataSize(summary.retention.bytes));
        m_status->setText(text);
        for (const QString &failure : summary.retention.failures)
            m_banner->showError(failure, false);
    });
    connect(m_reconciler, &ArchiveReconciler::failed, this, [this](const QString &message) {
        m_banner->showError(tr("The archive could not be checked for new recordings: %1").arg(message), false);
    });
    startReconciler();
}

void RecordingsPage::startReconciler()
{
    // Files queued without the recording-file password would only fail: the policy waits for it.
    if (m_reconciler && hasCredentials())
        m_reconciler->start();
}

void RecordingsPage::readCredentials()
{
    const auto known = m_inMemoryCredentials.constFind(m_projectId);
    if (known != m_inMemoryCredentials.cend()) {
        applyCredentials(known->first, known->second);
        return;
    }
    if (!m_secrets)
        return;
    const qint64 projectId = m_projectId;
    m_status->setText(tr("Reading the recording-file password from the keychain…"));
    m_secrets->read(RecordingSettingsStore::credentialsKey(projectId), this,
                    [this, projectId](const SecretStore::Result &result) {
                        if (projectId != m_projectId)
                            return;
                        QString user;
                        QString password;
                        if (result.ok && RecordingSettingsStore::decodeCredentials(result.value, &user, &password)) {
                            applyCredentials(user, password);
                            return;
                        }
                        m_status->clear();
                        m_credentialsKnown = false;
                        // No entry yet is the normal case; a keychain that does not answer is said.
                        if (!result.ok && result.errorMessage == SecretStore::noKeychainMessage())
                            m_banner->showError(result.errorMessage, false);
                        updateActions();
                        Q_EMIT credentialsChanged(false);
                    });
}

void RecordingsPage::applyCredentials(const QString &user, const QString &password)
{
    m_user = user;
    m_password = password;
    m_credentialsKnown = true;
    if (m_manager)
        m_manager->setCredentials(user, password);
    m_status->clear();
    updateActions();
    startReconciler();
    Q_EMIT credentialsChanged(!password.isEmpty());
}

void RecordingsPage::editCredentials()
{
    if (m_projectId == 0)
        return;
    auto *dialog = new RecordingCredentialsDialog(m_projectName.isEmpty() ? tr("this project") : m_projectName, this);
    dialog->setObjectName(u"recordingCredentialsDialog"_s);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setUser(m_user);
    const qint64 projectId = m_projectId;
    connect(dialog, &QDialog::accepted, this, [this, dialog, projectId] {
        const QString user = dialog->user();
        const QString password = dialog->password();
        if (projectId != m_projectId)
            return;
        if (m_inMemoryCredentials.contains(projectId)) {
            setInMemoryCredentials(projectId, user, password);
            return;
        }
        m_secrets->write(RecordingSettingsStore::credentialsKey(projectId),
                         RecordingSettingsStore::encodeCredentials(user, password), this,
                         [this, projectId, user, password](const SecretStore::Result &result) {
                             if (projectId != m_projectId)
                                 return;
                             if (!result.ok) {
                                 // Never kept anywhere else: without the keychain nothing is saved.
                                 m_banner->showError(
                                     tr("The recording-file password was not saved: %1").arg(result.errorMessage),
                                     false);
                                 Q_EMIT credentialsChanged(hasCredentials());
                                 return;
                             }
                             m_banner->clear();
                             applyCredentials(user, password);
                         });
    });
    dialog->open();
}

void RecordingsPage::updateRooms()
{
    if (!m_platform)
        return;
    const qint64 projectId = m_projectId;
    m_platform->listRooms(this, [this, projectId](const PlatformResult<QList<Room>> &result) {
        if (projectId != m_projectId || !result)
            return; // the room filter keeps "All rooms"; the listing shows room ids
        const QString selected = m_room->currentData().toString();
        QHash<QString, QString> names;
        m_room->clear();
        m_room->addItem(tr("All rooms"), QString());
        for (const Room &room : result.value()) {
            names.insert(room.id, room.name);
            m_room->addItem(room.name, room.id);
        }
        m_room->setCurrentIndex(qMax(0, m_room->findData(selected)));
        m_model->setRoomNames(names);
    });
}

void RecordingsPage::load()
{
    if (!m_platform || m_projectId == 0) {
        m_banner->showError(tr("Not connected to the platform: the archive cannot be listed."), false);
        return;
    }
    if (m_to->date() < m_from->date()) {
        m_banner->showError(tr("The period ends before it starts: choose a \"to\" day on or after the \"from\" day."),
                            false);
        return;
    }
    m_banner->clear();
    const int generation = ++m_loadGeneration;
    m_loading = true;
    m_load->setEnabled(false);
    m_status->setText(tr("Listing the archive…"));
    auto done = [this, generation](const PlatformResult<QList<ArchiveEntry>> &result) {
        if (generation != m_loadGeneration)
            return;
        m_loading = false;
        m_load->setEnabled(true);
        if (!result) {
            m_status->clear();
            m_banner->showError(result.error().message(), true);
            Q_EMIT loadFinished(false);
            return;
        }
        m_model->setEntries(result.value());
        // Room names vary most; measured once per listing, not on every progress update.
        m_table->resizeColumnToContents(RecordingTableModel::Room);
        m_table->setColumnWidth(RecordingTableModel::Room,
                                qBound(fontMetrics().horizontalAdvance(u"Weekly all-hands"_s),
                                       m_table->columnWidth(RecordingTableModel::Room), width() / 4));
        m_status->setText(tr("%n file(s)", nullptr, m_model->rowCount()) + u", "_s
                          + tr("%n recorded session(s)", nullptr, int(result.value().size())));
        if (m_proxy->rowCount() > 0 && !m_table->currentIndex().isValid())
            m_table->setCurrentIndex(m_proxy->index(0, 0));
        Q_EMIT loadFinished(true);
    };
    const QString session = m_session->text().trimmed();
    const QString room = m_room->currentData().toString();
    if (!session.isEmpty())
        m_platform->archiveByConference(session, this, done);
    else if (!room.isEmpty())
        m_platform->archiveByRoomPeriod(room, m_from->date(), m_to->date(), this, done);
    else
        m_platform->archiveByPeriod(m_from->date(), m_to->date(), this, done);
}

void RecordingsPage::showSession(const QString &confNum)
{
    m_session->setText(confNum);
    load();
}

QList<int> RecordingsPage::selectedRows() const
{
    // In the order the table shows them, so downloads start from the top of what the user sees.
    QList<int> shown;
    const QModelIndexList selected = m_table->selectionModel()->selectedRows();
    for (const QModelIndex &index : selected)
        shown.append(index.row());
    std::sort(shown.begin(), shown.end());
    QList<int> rows;
    for (const int row : std::as_const(shown))
        rows.append(m_proxy->mapToSource(m_proxy->index(row, 0)).row());
    return rows;
}

QList<qint64> RecordingsPage::selectedDownloads() const
{
    QList<qint64> ids;
    for (const int row : selectedRows()) {
        if (const qint64 id = m_model->downloadId(row); id != 0)
            ids.append(id);
    }
    return ids;
}

void RecordingsPage::downloadSelected()
{
    if (!m_manager)
        return;
    QList<int> fresh;
    for (const int row : selectedRows()) {
        const LocalState state = m_model->state(row);
        if (state == LocalState::Paused)
            m_manager->resume(m_model->downloadId(row));
        else if (state == LocalState::NotLocal || state == LocalState::Failed)
            fresh.append(row);
    }
    if (!fresh.isEmpty() && !QDir().mkpath(m_library)) {
        m_banner->showError(tr("The library folder %1 cannot be created. Choose another one with \"Change…\".")
                                .arg(QDir::toNativeSeparators(m_library)),
                            false);
        return;
    }
    for (const ArchiveEntry &entry : m_model->entriesFor(fresh)) {
        const StoreResult<QList<qint64>> queued = m_manager->enqueue(entry, allKinds);
        if (!queued) {
            m_banner->showError(queued.error().message, false);
            return;
        }
    }
}

void RecordingsPage::pauseSelected()
{
    if (!m_manager)
        return;
    for (const qint64 id : selectedDownloads())
        m_manager->pause(id);
}

void RecordingsPage::resumeSelected()
{
    if (!m_manager)
        return;
    for (const int row : selectedRows()) {
        const LocalState state = m_model->state(row);
        if (state == LocalState::Paused || state == LocalState::Failed)
            m_manager->resume(m_model->downloadId(row));
    }
}

void RecordingsPage::cancelSelected()
{
    if (!m_manager)
        return;
    for (const int row : selectedRows()) {
        if (m_model->state(row) != LocalState::Complete && m_model->state(row) != LocalState::NotLocal)
            m_manager->cancel(m_model->downloadId(row));
    }
}

void RecordingsPage::openContainingFolder()
{
    const QModelIndex current = m_table->currentIndex();
    QString folder = m_library;
    if (current.isValid()) {
        const QString path = m_model->localPath(m_proxy->mapToSource(current).row());
        if (!path.isEmpty() && QFileInfo(path).dir().exists())
            folder = QFileInfo(path).absolutePath();
    }
    if (!QFileInfo(folder).isDir()) {
        m_banner->showError(
            tr("%1 does not exist yet: nothing has been downloaded there.").arg(QDir::toNativeSeparators(folder)),
            false);
        return;
    }
    if (!QDesktopServices::openUrl(QUrl::fromLocalFile(folder)))
        m_banner->showError(tr("No file manager could open %1.").arg(QDir::toNativeSeparators(folder)), false);
}

bool RecordingsPage::isPlayable(int row) const
{
    if (row < 0 || m_model->state(row) != LocalState::Complete)
        return false;
    const QList<ArchiveEntry> entries = m_model->entriesFor({row});
    if (entries.size() != 1 || entries.constFirst().files.size() != 1)
        return false;
    const ArchiveFile::Kind kind = entries.constFirst().files.constFirst().kind;
    return kind == ArchiveFile::Kind::Recording || kind == ArchiveFile::Kind::Transcoded;
}

void RecordingsPage::playCurrent()
{
    const QModelIndex current = m_table->currentIndex();
    const int row = current.isValid() ? m_proxy->mapToSource(current).row() : -1;
    if (!isPlayable(row)) {
        m_banner->showError(tr("Choose a downloaded recording or transcoded video to play."), false);
        return;
    }
    const ArchiveEntry entry = m_model->entriesFor({row}).constFirst();
    // The window is top-level and deletes itself when closed; the page stays usable beside it.
    PlayerWindow *window = PlayerWindow::openRecording(
        m_model->localPath(row), ReviewContext{m_store, m_projectId, entry.roomId, entry.confNum}, this);
    Q_EMIT playerOpened(window);
}

void RecordingsPage::chooseLibrary()
{
    const QString folder = QFileDialog::getExistingDirectory(this, tr("Library folder for recordings"), m_library);
    if (!folder.isEmpty())
        setLibraryFolder(folder);
}

void RecordingsPage::setLibraryFolder(const QString &folder)
{
    const QString absolute = QDir(folder).absolutePath();
    if (absolute == m_library)
        return;
    m_library = absolute;
    m_libraryLabel->setText(QDir::toNativeSeparators(m_library));
    saveSettings();
    // Downloads already listed keep their paths; new ones go to the new folder.
    makeManager();
}

void RecordingsPage::saveSettings()
{
    if (m_projectId == 0)
        return;
    // The storage policy is kept as it is: only the page's own two choices change here.
    RecordingSettings settings = m_settings.settings(m_projectId);
    settings.parallel = m_parallel->value();
    settings.library = m_library == m_defaultLibrary ? QString() : m_library;
    const StoreResult<bool> saved = m_settings.save(m_projectId, settings);
    if (!saved)
        m_banner->showError(saved.error().message, false);
}

void RecordingsPage::editStoragePolicy()
{
    if (m_projectId == 0)
        return;
    auto *dialog = new StoragePolicyDialog(m_projectName, m_settings.settings(m_projectId), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    const QStorageInfo volume(m_library);
    dialog->setUsage(m_manager ? m_manager->libraryBytes() : 0, volume.isValid() ? volume.bytesAvailable() : -1);
    connect(dialog, &QDialog::accepted, this, [this, dialog] { applyStoragePolicy(dialog->settings()); });
    Q_EMIT dialogOpened(dialog);
    dialog->open();
}

void RecordingsPage::applyStoragePolicy(const confero::RecordingSettings &policy)
{
    if (m_projectId == 0)
        return;
    RecordingSettings settings = m_settings.settings(m_projectId);
    settings.autoKinds = policy.autoKinds;
    settings.quotaBytes = policy.quotaBytes;
    settings.keepDays = policy.keepDays;
    if (const StoreResult<bool> saved = m_settings.save(m_projectId, settings); !saved) {
        m_banner->showError(saved.error().message, false);
        return;
    }
    if (m_manager)
        m_manager->setQuota(settings.quotaBytes);
    // At once rather than in a quarter of an hour: new kinds are queued, old copies deleted.
    if (m_reconciler && hasCredentials() && !m_reconciler->reconcileNow() && !m_reconciler->isRunning())
        m_reconciler->start();
}

void RecordingsPage::showDiskUsage()
{
    if (m_projectId == 0)
        return;
    auto *dialog = new DiskUsageDialog(m_library, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    const QStorageInfo volume(m_library);
    dialog->setUsage(LibraryUsage::byRoomAndMonth(m_manager ? m_manager->downloads() : QList<DownloadRecord>()),
                     m_model->roomNames(), m_settings.settings(m_projectId).quotaBytes,
                     volume.isValid() ? volume.bytesAvailable() : -1);
    Q_EMIT dialogOpened(dialog);
    dialog->open();
}

void RecordingsPage::updateActions()
{
    bool canDownload = false;
    bool canPause = false;
    bool canResume = false;
    bool canCancel = false;
    for (const int row : selectedRows()) {
        switch (m_model->state(row)) {
        case LocalState::NotLocal:
            canDownload = true;
            break;
        case LocalState::Queued:
        case LocalState::Downloading:
            canPause = canCancel = true;
            break;
        case LocalState::Paused:
        case LocalState::Failed:
            canDownload = canResume = canCancel = true;
            break;
        case LocalState::Complete:
            break;
        }
    }
    const bool ready = m_manager != nullptr;
    m_download->setEnabled(ready && canDownload);
    m_pause->setEnabled(ready && canPause);
    m_resume->setEnabled(ready && canResume);
    m_cancel->setEnabled(ready && canCancel);
    m_openFolder->setEnabled(m_projectId != 0);
    const QModelIndex current = m_table->currentIndex();
    m_play->setEnabled(current.isValid() && isPlayable(m_proxy->mapToSource(current).row()));
    m_load->setEnabled(m_platform && m_projectId != 0 && !m_loading);
    m_credentials->setEnabled(m_projectId != 0);
    m_parallel->setEnabled(m_projectId != 0);
    m_libraryButton->setEnabled(m_projectId != 0);
    m_policyButton->setEnabled(m_projectId != 0);
    m_usageButton->setEnabled(m_projectId != 0);
    m_credentials->setText(hasCredentials() ? tr("Recording &password…") : tr("Set recording &password…"));
}

void RecordingsPage::updateTotal(qint64 done, qint64 total)
{
    const QLocale locale;
    const int unknown = m_model->unknownSizeCount();
    if (total <= 0 && unknown == 0) {
        m_totalBar->setValue(0);
        m_totalLabel->setText(tr("No downloads in this list"));
        return;
    }
    int permille = total > 0 ? int(qBound(qint64(0), done * 1000 / total, qint64(1000))) : 0;
    QString text = tr("%1 of %2").arg(locale.formattedDataSize(done), locale.formattedDataSize(total));
    if (unknown > 0) {
        // Files whose size nobody knows yet: the total is not whole, so it never reads 100 %.
        permille = qMin(permille, 999);
        text += u' ' + tr("and %n file(s) of unknown size", nullptr, unknown);
    }
    m_totalBar->setValue(permille);
    m_totalLabel->setText(text);
}

} // namespace confero
