#include "RoomsPage.h"
#include "ui_RoomsPage.h"

#include "Logging.h"
#include "RoomDeletionQueue.h"
#include "RoomEditorDialog.h"
#include "TokenDialog.h"
#include "UiResources.h"
#include "models/RoomFilterProxyModel.h"
#include "models/RoomTableModel.h"
#include "platform/VideoPlatform.h"

#include <QAction>
#include <QHeaderView>
#include <QItemSelectionModel>

namespace confero {

using namespace Qt::StringLiterals;

RoomsPage::RoomsPage(QWidget *parent)
    : QWidget(parent)
    , m_ui(std::make_unique<Ui::RoomsPage>())
    , m_model(new RoomTableModel(this))
    , m_proxy(new RoomFilterProxyModel(this))
    , m_deletions(new RoomDeletionQueue(this))
{
    m_ui->setupUi(this);
    m_proxy->setSourceModel(m_model);
    m_ui->roomsTable->setModel(m_proxy);
    m_ui->roomsTable->sortByColumn(RoomTableModel::Created, Qt::DescendingOrder);
    m_ui->roomsTable->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_ui->roomsTable->setContextMenuPolicy(Qt::ActionsContextMenu);

    setUpActions();

    connect(m_ui->filterEdit, &QLineEdit::textChanged, this, [this](const QString &text) {
        m_proxy->setFilterText(text);
        updateEmptyState();
    });
    connect(m_ui->roomsTable->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &RoomsPage::updateActions);
    connect(m_ui->roomsTable, &QTableView::doubleClicked, this, &RoomsPage::editSelectedRoom);
    connect(m_ui->listingErrorBanner, &ErrorBanner::retryRequested, this, &RoomsPage::refresh);
    connect(m_ui->undoNotice, &UndoNotice::undoRequested, this, &RoomsPage::undoDelete);

    connect(m_deletions, &RoomDeletionQueue::waitingChanged, this, &RoomsPage::updateUndoNotice);
    connect(m_deletions, &RoomDeletionQueue::roomDeleted, this, &RoomsPage::onRoomDeleted);
    connect(m_deletions, &RoomDeletionQueue::deleteFailed, this, &RoomsPage::onDeleteFailed);

    updateActions();
    updateEmptyState();
}

RoomsPage::~RoomsPage() = default;

void RoomsPage::setUpActions()
{
    const auto make = [this](const QString &icon, const QString &text, const QKeySequence &key,
                             void (RoomsPage::*slot)()) {
        auto *action = new QAction(icon.isEmpty() ? QIcon() : UiResources::icon(icon), text, this);
        action->setShortcut(key);
        // Window-wide, yet only while this page is visible: a hidden widget's shortcuts do not fire.
        action->setShortcutContext(Qt::WindowShortcut);
        const QString plain = QString(text).remove(u'&');
        action->setToolTip(key.isEmpty() ? plain : u"%1 (%2)"_s.arg(plain, key.toString(QKeySequence::NativeText)));
        connect(action, &QAction::triggered, this, slot);
        addAction(action);
        return action;
    };
    m_newAction = make(u"add"_s, tr("&New room"), QKeySequence(Qt::CTRL | Qt::Key_N), &RoomsPage::newRoom);
    m_editAction = make(u"edit"_s, tr("&Edit"), QKeySequence(), &RoomsPage::editSelectedRoom);
    m_deleteAction = make(u"delete"_s, tr("&Delete"), QKeySequence(Qt::Key_Delete), &RoomsPage::deleteSelectedRooms);
    m_tokenAction =
        make(u"token"_s, tr("Issue &token"), QKeySequence(Qt::CTRL | Qt::Key_T), &RoomsPage::issueTokenForSelectedRoom);
    m_refreshAction = make(u"refresh"_s, tr("&Refresh"), QKeySequence(Qt::Key_F5), &RoomsPage::refresh);
    m_filterAction = make(QString(), tr("&Filter"), QKeySequence(Qt::CTRL | Qt::Key_F), &RoomsPage::focusFilter);

    m_ui->newRoomButton->setDefaultAction(m_newAction);
    m_ui->editRoomButton->setDefaultAction(m_editAction);
    m_ui->deleteRoomButton->setDefaultAction(m_deleteAction);
    m_ui->issueTokenButton->setDefaultAction(m_tokenAction);
    m_ui->refreshButton->setDefaultAction(m_refreshAction);
    m_ui->roomsTable->addActions({m_editAction, m_tokenAction, m_deleteAction});
}

QList<QAction *> RoomsPage::roomActions() const
{
    return {m_newAction, m_editAction, m_deleteAction, m_tokenAction, m_refreshAction, m_filterAction};
}

void RoomsPage::setPlatform(VideoPlatform *platform, qint64 projectId)
{
    m_projectId = projectId;
    if (platform == m_platform)
        return;
    m_deletions->commitNow();
    m_deletions->setPlatform(platform);
    m_platform = platform;
    m_loaded = false;
    m_model->setRooms({});
    m_ui->listingErrorBanner->clear();
    refresh();
}

VideoPlatform *RoomsPage::platform() const
{
    return m_platform;
}

void RoomsPage::setTokenLog(TokenLog *log)
{
    m_tokenLog = log;
}

RoomDeletionQueue *RoomsPage::deletionQueue() const
{
    return m_deletions;
}

QList<Room> RoomsPage::rooms() const
{
    return m_model->rooms();
}

QList<Room> RoomsPage::selectedRooms() const
{
    QList<Room> selected;
    const QModelIndexList rows = m_ui->roomsTable->selectionModel()->selectedRows();
    for (const QModelIndex &index : rows) {
        if (const std::optional<Room> room = m_model->room(index.data(RoomTableModel::RoomIdRole).toString()))
            selected << *room;
    }
    return selected;
}

bool RoomsPage::isLoading() const
{
    return m_loading;
}

void RoomsPage::refresh()
{
    if (!m_platform) {
        updateActions();
        updateEmptyState();
        return;
    }
    m_loading = true;
    const int generation = ++m_listingGeneration;
    updateActions();
    updateEmptyState();
    m_platform->listRooms(this, [this, generation](PlatformResult<QList<Room>> result) {
        // A later refresh, or another project, has taken over.
        if (generation != m_listingGeneration)
            return;
        m_loading = false;
        if (!result) {
            qCWarning(lcUi) << "listing rooms failed:" << result.error().detail;
            m_ui->listingErrorBanner->showError(result.error().message(), true);
            updateActions();
            updateEmptyState();
            Q_EMIT listingFailed(result.error());
            return;
        }
        m_ui->listingErrorBanner->clear();
        const bool firstListing = !m_loaded;
        m_loaded = true;
        showRooms(result.value());
        // Fit the columns to the first listing; the last one stretches to the table's edge.
        for (int column = 0; firstListing && column < RoomTableModel::ColumnCount - 1; ++column)
            m_ui->roomsTable->resizeColumnToContents(column);
        Q_EMIT roomsLoaded(int(m_model->rooms().size()));
    });
}

void RoomsPage::showRooms(const QList<Room> &rooms)
{
    m_model->setRooms(rooms);
    markPendingDeletions();
    updateActions();
    updateEmptyState();
}

void RoomsPage::markPendingDeletions()
{
    const QStringList pending = m_deletions->waitingIds() + m_deletions->sendingIds();
    for (const QString &id : pending)
        m_model->setPendingDeletion(id, true);
}

void RoomsPage::newRoom()
{
    auto *dialog = new RoomEditorDialog(m_platform, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &RoomEditorDialog::roomCreated, this, [this](const Room &room) {
        m_model->upsertRoom(room);
        updateEmptyState();
    });
    dialog->open();
}

void RoomsPage::editSelectedRoom()
{
    const QList<Room> selected = selectedRooms();
    if (selected.size() != 1)
        return;
    auto *dialog = new RoomEditorDialog(m_platform, selected.first(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    // The PATCH answer carries no room: fetch the listing again to show what the platform kept.
    connect(dialog, &RoomEditorDialog::roomUpdated, this, &RoomsPage::refresh);
    dialog->open();
}

void RoomsPage::deleteSelectedRooms()
{
    QList<Room> selected = selectedRooms();
    const QStringList pending = m_deletions->waitingIds() + m_deletions->sendingIds();
    selected.removeIf([&](const Room &room) { return pending.contains(room.id); });
    if (selected.isEmpty())
        return;
    m_deletions->schedule(selected);
    for (const Room &room : std::as_const(selected))
        m_model->setPendingDeletion(room.id, true);
    m_ui->roomsTable->clearSelection();
    updateActions();
}

void RoomsPage::undoDelete()
{
    const QList<Room> restored = m_deletions->undo();
    for (const Room &room : restored)
        m_model->setPendingDeletion(room.id, false);
    updateActions();
}

void RoomsPage::issueTokenForSelectedRoom()
{
    const QList<Room> selected = selectedRooms();
    if (selected.size() != 1)
        return;
    auto *dialog = new TokenDialog(m_platform, selected.first(), m_tokenLog, m_projectId, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &TokenDialog::tokenIssued, this, &RoomsPage::tokenIssued);
    dialog->open();
}

void RoomsPage::focusFilter()
{
    m_ui->filterEdit->setFocus(Qt::ShortcutFocusReason);
    m_ui->filterEdit->selectAll();
}

void RoomsPage::updateActions()
{
    const QList<Room> selected = selectedRooms();
    const bool connected = m_platform != nullptr;
    m_newAction->setEnabled(connected);
    m_editAction->setEnabled(connected && selected.size() == 1);
    m_tokenAction->setEnabled(connected && selected.size() == 1);
    m_deleteAction->setEnabled(connected && !selected.isEmpty());
    m_refreshAction->setEnabled(connected && !m_loading);
}

void RoomsPage::updateEmptyState()
{
    QString text;
    if (!m_platform)
        text = tr("Not connected to a project. Add one, or start Confero with --sandbox to try the built-in emulator.");
    else if (!m_loaded && m_loading)
        text = tr("Loading rooms…");
    else if (!m_loaded)
        text = tr("The rooms could not be listed.");
    else if (m_model->rowCount() == 0)
        text = tr("This project has no rooms yet.\nCreate one with New room (Ctrl+N).");
    else if (m_proxy->rowCount() == 0)
        text = tr("No room matches \"%1\".").arg(m_ui->filterEdit->text());
    m_ui->emptyStateLabel->setText(text);
    m_ui->contentStack->setCurrentWidget(text.isEmpty() ? m_ui->tablePage : m_ui->emptyPage);
}

void RoomsPage::updateUndoNotice()
{
    const int waiting = int(m_deletions->waiting().size());
    if (waiting == 0) {
        m_ui->undoNotice->dismiss();
        return;
    }
    const QString message = waiting == 1
        ? tr("Room \"%1\" will be deleted.").arg(m_deletions->waiting().constFirst().name)
        : tr("%1 rooms will be deleted.").arg(waiting);
    m_ui->undoNotice->showNotice(message, m_deletions->deadline());
}

void RoomsPage::onRoomDeleted(const QString &roomId)
{
    m_model->removeRoom(roomId);
    updateActions();
    updateEmptyState();
}

void RoomsPage::onDeleteFailed(const Room &room, const PlatformError &error)
{
    qCWarning(lcUi) << "deleting room" << room.id << "failed:" << error.detail;
    m_model->setPendingDeletion(room.id, false);
    m_ui->listingErrorBanner->showError(tr("Room \"%1\" was not deleted. %2").arg(room.name, error.message()), false);
}

} // namespace confero
