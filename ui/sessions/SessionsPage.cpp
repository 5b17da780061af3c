#include "SessionsPage.h"
#include "ui_SessionsPage.h"

#include "CdrExportDialog.h"

#include "Logging.h"
#include "SessionTimelineLane.h"
#include "models/SessionParticipantModel.h"
#include "models/SessionTableModel.h"
#include "platform/VideoPlatform.h"
#include "sync/CdrSync.h"

#include <QAction>
#include <QDateTime>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QTimeZone>

namespace confero {

using namespace Qt::StringLiterals;

namespace {

QDate todayUtc()
{
    return QDateTime::currentDateTimeUtc().date();
}

} // namespace

SessionsPage::SessionsPage(Store *store, QWidget *parent)
    : QWidget(parent)
    , m_ui(std::make_unique<Ui::SessionsPage>())
    , m_store(store)
{
    m_ui->setupUi(this);
    m_ui->presetCombo->addItems({tr("Last 7 days"), tr("Last 30 days"), tr("Last 90 days"), tr("This month"),
                                 tr("Last month"), tr("All time"), tr("Custom")});
    m_ui->roleCombo->addItem(tr("Any role"), QString());
    m_ui->roleCombo->addItem(tr("Moderator"), u"moderator"_s);
    m_ui->roleCombo->addItem(tr("Participant"), u"participant"_s);
    m_ui->roleCombo->addItem(tr("Viewer"), u"viewer"_s);
    m_ui->roleCombo->addItem(tr("Audience"), u"audience"_s);
    m_ui->roleCombo->setToolTip(tr("Sessions with at least one participant of this role (and name, when given)"));
    m_ui->roomCombo->addItem(tr("All rooms"), QString());
    m_ui->minDuration->setSpecialValueText(tr("any length"));
    m_ui->mainSplitter->setStretchFactor(0, 3);
    m_ui->mainSplitter->setStretchFactor(1, 2);
    m_ui->detailSplitter->setSizes({450, 550}); // scaled to the splitter's width when shown
    m_ui->sessionTable->verticalHeader()->hide();
    m_ui->sessionTable->horizontalHeader()->setStretchLastSection(false);
    m_ui->sessionTable->horizontalHeader()->setSortIndicatorShown(true);
    // Rows have one line of text: a fixed height lets the view place any of a million rows without
    // asking each one its size.
    m_ui->sessionTable->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_ui->sessionTable->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 8);
    m_ui->participantTable->verticalHeader()->hide();
    m_ui->participantTable->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_ui->participantTable->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 8);
    m_ui->participantTable->horizontalHeader()->setStretchLastSection(true);
    m_ui->errorBanner->hide();
    m_ui->detailTitle->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);
    // Room names can be long: the combo keeps a modest width (the form) and the filter its room.
    m_ui->participantFilter->setMinimumWidth(fontMetrics().horizontalAdvance(m_ui->participantFilter->placeholderText())
                                             + 40);
    m_ui->syncButton->setIcon(style()->standardIcon(QStyle::SP_BrowserReload));
    updateZone();

    // Tab goes along the filter bar, to Sync, into the table and on to the participants.
    setTabOrder(m_ui->presetCombo, m_ui->fromDate);
    setTabOrder(m_ui->fromDate, m_ui->toDate);
    setTabOrder(m_ui->toDate, m_ui->roomCombo);
    setTabOrder(m_ui->roomCombo, m_ui->participantFilter);
    setTabOrder(m_ui->participantFilter, m_ui->roleCombo);
    setTabOrder(m_ui->roleCombo, m_ui->minDuration);
    setTabOrder(m_ui->minDuration, m_ui->syncButton);
    setTabOrder(m_ui->syncButton, m_ui->cancelSyncButton);
    setTabOrder(m_ui->cancelSyncButton, m_ui->exportButton);
    setTabOrder(m_ui->exportButton, m_ui->sessionTable);
    setTabOrder(m_ui->sessionTable, m_ui->participantTable);

    auto *findAction = new QAction(tr("Find participant"), this);
    findAction->setObjectName(u"findParticipantAction"_s);
    findAction->setShortcut(QKeySequence::Find);
    // Window-wide, so it works straight after choosing the page in the sidebar; a hidden page's
    // shortcuts are inactive, so the Rooms page's Ctrl+F does not clash with it.
    findAction->setShortcutContext(Qt::WindowShortcut);
    addAction(findAction);
    connect(findAction, &QAction::triggered, this, &SessionsPage::focusFilter);
    auto *recordingsAction = new QAction(tr("Recordings of the session"), this);
    recordingsAction->setObjectName(u"recordingsAction"_s);
    recordingsAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R));
    recordingsAction->setShortcutContext(Qt::WindowShortcut);
    addAction(recordingsAction);
    connect(recordingsAction, &QAction::triggered, this, &SessionsPage::showRecordings);
    connect(m_ui->recordingsButton, &QPushButton::clicked, this, &SessionsPage::showRecordings);
    m_ui->recordingsButton->setEnabled(false);

    m_textDelay.setSingleShot(true);
    m_textDelay.setInterval(300);
    connect(&m_textDelay, &QTimer::timeout, this, &SessionsPage::applyFilter);
    connect(m_ui->participantFilter, &QLineEdit::textEdited, &m_textDelay, qOverload<>(&QTimer::start));
    m_reloadDelay.setSingleShot(true);
    m_reloadDelay.setInterval(500);
    connect(&m_reloadDelay, &QTimer::timeout, this, &SessionsPage::reloadKeepingSelection);
    connect(m_ui->participantFilter, &QLineEdit::returnPressed, this, &SessionsPage::applyFilter);
    connect(m_ui->presetCombo, &QComboBox::activated, this, &SessionsPage::applyPreset);
    // A date typed or picked makes the period custom.
    auto dateEdited = [this] {
        if (m_ui->presetCombo->currentIndex() != Custom)
            m_ui->presetCombo->setCurrentIndex(Custom);
        applyFilter();
    };
    connect(m_ui->fromDate, &QDateEdit::editingFinished, this, dateEdited);
    connect(m_ui->toDate, &QDateEdit::editingFinished, this, dateEdited);
    connect(m_ui->roomCombo, &QComboBox::activated, this, &SessionsPage::applyFilter);
    connect(m_ui->roleCombo, &QComboBox::activated, this, &SessionsPage::applyFilter);
    connect(m_ui->minDuration, &QSpinBox::valueChanged, this, &SessionsPage::applyFilter);
    connect(m_ui->syncButton, &QPushButton::clicked, this, &SessionsPage::syncNow);
    connect(m_ui->cancelSyncButton, &QPushButton::clicked, this, &SessionsPage::cancelSync);
    connect(m_ui->exportButton, &QPushButton::clicked, this, &SessionsPage::exportRecords);
    connect(m_ui->errorBanner, &ErrorBanner::retryRequested, this, &SessionsPage::syncNow);
    connect(m_ui->sessionTable, &QTableView::activated, this, &SessionsPage::openSelectedSession);

    m_ui->presetCombo->setCurrentIndex(Last30Days);
    applyPreset(Last30Days);
    setSyncing(false);
}

SessionsPage::~SessionsPage() = default;

void SessionsPage::setPlatform(VideoPlatform *platform, qint64 projectId)
{
    cancelSync();
    delete m_sync;
    m_sync = nullptr;
    m_platform = platform;
    m_ui->errorBanner->clear();
    m_ui->errorBanner->hide();
    m_ui->syncStatus->clear();
    if (projectId != m_projectId) {
        m_projectId = projectId;
        m_ui->sessionTable->setModel(nullptr);
        m_ui->participantTable->setModel(nullptr);
        delete m_model;
        delete m_participants;
        m_model = nullptr;
        m_participants = nullptr;
        m_ui->roomCombo->clear();
        m_ui->roomCombo->addItem(tr("All rooms"), QString());
        if (m_projectId != 0) {
            m_model = new SessionTableModel(m_store, m_projectId, this);
            m_participants = new SessionParticipantModel(m_store, m_projectId, this);
            m_model->setFilter(filter());
            // Newest first: the sessions one looks for are usually recent.
            SessionSort newest;
            newest.descending = true;
            m_model->setSort(newest);
            m_ui->sessionTable->setModel(m_model);
            m_ui->sessionTable->horizontalHeader()->setSortIndicator(SessionTableModel::Start, Qt::DescendingOrder);
            m_ui->participantTable->setModel(m_participants);
            m_ui->sessionTable->horizontalHeader()->setSectionResizeMode(SessionTableModel::Room, QHeaderView::Stretch);
            for (const int column : {int(SessionTableModel::Start), int(SessionTableModel::End)})
                m_ui->sessionTable->setColumnWidth(column,
                                                   fontMetrics().horizontalAdvance(u"2026-12-31 23:59:59"_s) + 24);
            connect(m_model, &SessionTableModel::countingChanged, this, &SessionsPage::updateCount);
            connect(m_model, &SessionTableModel::roomsChanged, this, &SessionsPage::updateRooms);
            connect(m_model, &SessionTableModel::errorOccurred, this,
                    [this](const QString &message) { m_ui->errorBanner->showError(message, false); });
            // A row selected before its page arrived is shown once it has.
            connect(m_model, &SessionTableModel::dataChanged, this, [this] {
                if (m_participants && m_participants->confNum().isEmpty())
                    showCurrentSession();
            });
            connect(m_ui->sessionTable->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
                    &SessionsPage::showCurrentSession);
            // The reconciler (or retention) changed the stored rows: shown as they are now.
            connect(m_model, &SessionTableModel::storedRowsChanged, this, [this] {
                if (!(m_sync && m_sync->isRunning())) // a sync of this page reloads when it ends
                    m_reloadDelay.start();
            });
            connect(m_model, &SessionTableModel::sessionFound, this, [this](qint64, int row) {
                if (row < 0)
                    return;
                const QModelIndex index = m_model->index(row, SessionTableModel::Room);
                m_ui->sessionTable->setCurrentIndex(index);
                m_ui->sessionTable->scrollTo(index);
            });
        }
        showSession(-1);
        updateCount();
    }
    m_ui->syncButton->setEnabled(m_platform && m_projectId != 0);
    m_ui->exportButton->setEnabled(m_projectId != 0);
    m_ui->syncButton->setToolTip(m_platform
                                     ? tr("Copy the platform's call records of the period into this computer's store")
                                     : tr("Not connected to the platform: the stored sessions are shown"));
    if (m_platform && m_projectId != 0) {
        m_sync = new CdrSync(m_platform, m_store, m_projectId, this);
        connect(m_sync, &CdrSync::progress, this, [this](int done, int total, const QDate &through) {
            m_ui->syncProgress->setRange(0, std::max(total, 1));
            m_ui->syncProgress->setValue(done);
            m_ui->syncStatus->setText(tr("Synced through %1 (UTC)").arg(through.toString(Qt::ISODate)));
        });
        connect(m_sync, &CdrSync::finished, this, [this](const CdrSync::Summary &summary) {
            setSyncing(false);
            QString text = tr("Synced: %n call record(s) received", nullptr, summary.rowsReceived) + u", "_s
                + tr("%n new", nullptr, summary.inserted) + u'.';
            if (summary.withProblems > 0)
                text += u' ' + tr("%n stored with problems.", nullptr, summary.withProblems);
            m_ui->syncStatus->setText(text);
            m_ui->syncStatus->setToolTip(summary.problems.join(u'\n'));
            reloadKeepingSelection();
            Q_EMIT syncFinished(true);
        });
        connect(m_sync, &CdrSync::failed, this, [this](const QString &message) {
            setSyncing(false);
            if (m_cancelling) {
                m_cancelling = false;
                m_ui->syncStatus->setText(tr("Sync cancelled; the next sync of this period resumes where it stopped."));
            } else {
                m_ui->syncStatus->setText(tr("Sync failed."));
                m_ui->errorBanner->showError(tr("Could not sync the call records: %1").arg(message), true);
            }
            // What was stored before the failure is there to see.
            reloadKeepingSelection();
            Q_EMIT syncFinished(false);
        });
        if (m_autoSyncProject == m_projectId) {
            m_autoSyncProject = 0;
            syncNow();
        }
    }
}

qint64 SessionsPage::projectId() const
{
    return m_projectId;
}

void SessionsPage::syncOnceWhenShown(qint64 projectId)
{
    m_autoSyncProject = projectId;
}

CdrFilter SessionsPage::filter() const
{
    CdrFilter filter;
    if (m_ui->presetCombo->currentIndex() != AllTime) {
        filter.from = m_ui->fromDate->date();
        filter.to = m_ui->toDate->date();
    }
    filter.roomId = m_ui->roomCombo->currentData().toString();
    filter.text = m_ui->participantFilter->text().trimmed();
    filter.role = m_ui->roleCombo->currentData().toString();
    filter.minDurationS = m_ui->minDuration->value() * 60.0;
    return filter;
}

SessionTableModel *SessionsPage::sessionModel() const
{
    return m_model;
}

SessionParticipantModel *SessionsPage::participantModel() const
{
    return m_participants;
}

bool SessionsPage::isSyncing() const
{
    return m_sync && m_sync->isRunning();
}

QString SessionsPage::shownSession() const
{
    return m_participants ? m_participants->confNum() : QString();
}

void SessionsPage::applyPreset(int preset)
{
    const QDate today = todayUtc();
    QDate from;
    QDate to = today;
    switch (preset) {
    case Last7Days:
        from = today.addDays(-6);
        break;
    case Last30Days:
        from = today.addDays(-29);
        break;
    case Last90Days:
        from = today.addDays(-89);
        break;
    case ThisMonth:
        from = QDate(today.year(), today.month(), 1);
        break;
    case LastMonth:
        from = QDate(today.year(), today.month(), 1).addMonths(-1);
        to = QDate(today.year(), today.month(), 1).addDays(-1);
        break;
    case AllTime:
    case Custom:
        break;
    default:
        return;
    }
    if (from.isValid()) {
        m_ui->fromDate->setDate(from);
        m_ui->toDate->setDate(to);
    }
    // "All time" has no dates to edit; a custom period keeps what the edits hold.
    m_ui->fromDate->setEnabled(preset != AllTime);
    m_ui->toDate->setEnabled(preset != AllTime);
    applyFilter();
}

void SessionsPage::applyFilter()
{
    m_textDelay.stop();
    if (!m_model)
        return;
    const CdrFilter wanted = filter();
    const CdrFilter &shown = m_model->filter();
    if (wanted.from == shown.from && wanted.to == shown.to && wanted.roomId == shown.roomId && wanted.text == shown.text
        && wanted.role == shown.role && wanted.minDurationS == shown.minDurationS)
        return;
    m_model->setFilter(wanted);
    showSession(-1);
    updateCount();
}

void SessionsPage::updateCount()
{
    if (!m_model) {
        m_ui->countLabel->setText(m_projectId == 0 ? tr("No project") : QString());
        return;
    }
    if (m_model->isCounting())
        m_ui->countLabel->setText(tr("counting…"));
    else
        m_ui->countLabel->setText(
            tr("%n session(s)", nullptr, static_cast<int>(std::max<qint64>(0, m_model->totalCount()))));
}

void SessionsPage::updateRooms()
{
    const QString current = m_ui->roomCombo->currentData().toString();
    const QSignalBlocker blocker(m_ui->roomCombo);
    m_ui->roomCombo->clear();
    m_ui->roomCombo->addItem(tr("All rooms"), QString());
    for (const SessionRoom &room : m_model->rooms()) {
        const QString name = room.roomName.isEmpty() ? room.roomId : room.roomName;
        m_ui->roomCombo->addItem(tr("%1 (%n session(s))", nullptr, room.sessions).arg(name), room.roomId);
        m_ui->roomCombo->setItemData(m_ui->roomCombo->count() - 1, room.roomId, Qt::ToolTipRole);
    }
    const int index = m_ui->roomCombo->findData(current);
    m_ui->roomCombo->setCurrentIndex(std::max(0, index));
}

void SessionsPage::updateZone()
{
    const QTimeZone zone = QTimeZone::systemTimeZone();
    const QDateTime now = QDateTime::currentDateTime();
    const QString id = QString::fromUtf8(zone.id());
    const QString offset = now.timeZoneAbbreviation();
    m_ui->zoneLabel->setText(tr("Times in local time: %1 (%2)").arg(id.isEmpty() ? offset : id, offset));
    m_ui->zoneLabel->setToolTip(tr("Call records are stored in UTC and shown in this computer's time zone. "
                                   "The period's days are UTC days."));
}

void SessionsPage::focusFilter()
{
    m_ui->participantFilter->setFocus(Qt::ShortcutFocusReason);
    m_ui->participantFilter->selectAll();
}

void SessionsPage::openSelectedSession()
{
    showCurrentSession();
    if (!shownSession().isEmpty())
        m_ui->participantTable->setFocus(Qt::OtherFocusReason);
}

void SessionsPage::reloadKeepingSelection()
{
    m_reloadDelay.stop();
    if (!m_model)
        return;
    const QModelIndex current = m_ui->sessionTable->currentIndex();
    const std::optional<SessionRow> session = current.isValid() ? m_model->session(current.row()) : std::nullopt;
    if (session)
        m_model->refreshKeeping(session->id);
    else
        m_model->refresh();
}

void SessionsPage::showCurrentSession()
{
    if (!m_model)
        return;
    const QModelIndex current = m_ui->sessionTable->currentIndex();
    showSession(current.isValid() ? current.row() : -1);
}

void SessionsPage::showRecordings()
{
    const QString confNum = shownSession();
    if (!confNum.isEmpty())
        Q_EMIT recordingsRequested(confNum);
}

void SessionsPage::showSession(int row)
{
    const std::optional<SessionRow> session = m_model && row >= 0 ? m_model->session(row) : std::nullopt;
    if (!session) {
        if (m_participants)
            m_participants->setSession(QString());
        m_ui->timeline->clear();
        m_ui->recordingsButton->setEnabled(false);
        m_ui->detailTitle->setText(row >= 0 ? tr("Loading the session…")
                                            : tr("Select a session to see its participants and timeline."));
        return;
    }
    if (session->confNum == m_participants->confNum())
        return;
    if (!m_participants->setSession(session->confNum)) {
        m_ui->errorBanner->showError(m_participants->errorString(), false);
        return;
    }
    m_ui->recordingsButton->setEnabled(true);
    // The model's label: the room's name even when the call records carried only its id.
    const QString room = m_model->index(row, SessionTableModel::Room).data().toString();
    const QString start =
        QDateTime::fromMSecsSinceEpoch(session->startMs).toLocalTime().toString(u"yyyy-MM-dd HH:mm"_s);
    m_ui->detailTitle->setText(tr("%1, conference %2, %3: %n participant(s)", nullptr, session->participantCount)
                                   .arg(room, session->confNum, start)
                               + u", "_s + tr("peak %1 at once").arg(session->peakConcurrency));

    // One line per person, in order of first join; a rejoin adds a bar to the person's line.
    QList<SessionTimelineLane> lanes;
    QHash<QString, qsizetype> lineOf;
    for (int r = 0; r < m_participants->rowCount(); ++r) {
        const QModelIndex index = m_participants->index(r, SessionParticipantModel::Name);
        const QString person = index.data(SessionParticipantModel::PersonRole).toString();
        const qint64 joined = index.data(SessionParticipantModel::ConnectMsRole).toLongLong();
        const qint64 left = index.data(SessionParticipantModel::DisconnectMsRole).toLongLong();
        qsizetype line = lineOf.value(person, -1);
        if (line < 0) {
            SessionTimelineLane lane;
            lane.label = index.data().toString().isEmpty() ? person : index.data().toString();
            lane.role = m_participants->index(r, SessionParticipantModel::Role).data().toString();
            lanes.append(lane);
            line = lanes.size() - 1;
            lineOf.insert(person, line);
        }
        lanes[line].bars.append({joined, std::max(left, joined)});
    }
    m_ui->timeline->setSession(lanes, session->startMs, session->endMs);
    m_ui->participantTable->resizeColumnsToContents();
    Q_EMIT sessionShown(session->confNum);
}

void SessionsPage::syncNow()
{
    if (!m_sync || m_sync->isRunning())
        return;
    const CdrFilter current = filter();
    CdrSync::Request request;
    // "All time" syncs the last year: the platform keeps call records for a limited time, and a
    // longer period would only ask for empty windows.
    request.to = current.to.isValid() ? current.to : todayUtc();
    request.from = current.from.isValid() ? current.from : request.to.addDays(-364);
    request.roomId = current.roomId;
    m_ui->errorBanner->clear();
    m_ui->errorBanner->hide();
    m_ui->syncStatus->setText(
        tr("Syncing %1 to %2 (UTC)…").arg(request.from.toString(Qt::ISODate), request.to.toString(Qt::ISODate)));
    m_ui->syncStatus->setToolTip(QString());
    m_ui->syncProgress->setRange(0, 0);
    setSyncing(true);
    qCInfo(lcUi) << "syncing call records" << request.from << request.to << request.roomId;
    m_sync->start(request);
}

void SessionsPage::exportRecords()
{
    if (m_projectId == 0)
        return;
    // The call records behind the shown sessions: the same days, room, participant and role. The
    // minimum duration is left out: here it is a session's length, for a call record it would be
    // one connection's.
    CdrFilter records = filter();
    records.minDurationS = 0;
    auto *dialog = new CdrExportDialog(m_store, m_projectId, records, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void SessionsPage::cancelSync()
{
    if (!isSyncing())
        return;
    m_cancelling = true;
    m_sync->cancel();
}

void SessionsPage::setSyncing(bool syncing)
{
    m_ui->syncProgress->setVisible(syncing);
    m_ui->cancelSyncButton->setVisible(syncing);
    m_ui->syncButton->setEnabled(!syncing && m_platform && m_projectId != 0);
}

} // namespace confero
