#pragma once

#include "domain/JoinToken.h"
#include "domain/Room.h"

#include <QHash>
#include <QPointer>
#include <QWidget>

#include <memory>

class QAction;
class QTableView;

namespace Ui {
class RoomsPage;
}

namespace confero {

class PlatformError;
class RoomDeletionQueue;
class RoomFilterProxyModel;
class RoomTableModel;
class TokenLog;
class VideoPlatform;

// The rooms of the current project: a sortable, filterable table; New, Edit, Delete, Issue token
// and Refresh; an inline banner when listing fails; deleting with a countdown and Undo
// (RoomDeletionQueue). Its actions carry the shortcuts Ctrl+N, Del, F5, Ctrl+F and Ctrl+T and act
// only while the page is shown.
class RoomsPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RoomsPage)

public:
    explicit RoomsPage(QWidget *parent = nullptr);
    ~RoomsPage() override;

    // Switching projects sends waiting deletes to the old platform at once (the Undo window cannot
    // outlive the project it belongs to), then lists the new project's rooms.
    void setPlatform(VideoPlatform *platform, qint64 projectId = 0);
    VideoPlatform *platform() const;
    // Tokens issued from this page are recorded here (may stay null: nothing recorded).
    void setTokenLog(TokenLog *log);

    RoomDeletionQueue *deletionQueue() const;
    QList<Room> rooms() const;
    QList<Room> selectedRooms() const;
    bool isLoading() const;
    QList<QAction *> roomActions() const;

public Q_SLOTS:
    void refresh();
    void newRoom();
    void editSelectedRoom();
    void deleteSelectedRooms();
    void undoDelete();
    void issueTokenForSelectedRoom();
    void focusFilter();

Q_SIGNALS:
    void roomsLoaded(int count);
    void listingFailed(const confero::PlatformError &error);
    void tokenIssued(const QString &roomId, const confero::TokenRequest &request, const confero::JoinToken &token);

private:
    void setUpActions();
    void showRooms(const QList<Room> &rooms);
    void markPendingDeletions();
    void updateActions();
    void updateEmptyState();
    void updateUndoNotice();
    void onRoomDeleted(const QString &roomId);
    void onDeleteFailed(const Room &room, const PlatformError &error);

    std::unique_ptr<Ui::RoomsPage> m_ui;
    QPointer<VideoPlatform> m_platform;
    qint64 m_projectId = 0;
    TokenLog *m_tokenLog = nullptr;
    RoomTableModel *m_model;
    RoomFilterProxyModel *m_proxy;
    RoomDeletionQueue *m_deletions;
    bool m_loading = false;
    bool m_loaded = false;
    int m_listingGeneration = 0;

    QAction *m_newAction;
    QAction *m_editAction;
    QAction *m_deleteAction;
    QAction *m_tokenAction;
    QAction *m_refreshAction;
    QAction *m_filterAction;
};

} // namespace confero
