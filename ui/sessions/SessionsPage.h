#pragma once

#include "store/CdrFilter.h"

#include <QPointer>
#include <QTimer>
#include <QWidget>

#include <memory>

namespace Ui {
class SessionsPage;
}

namespace confero {

class CdrSync;
class SessionParticipantModel;
class SessionTableModel;
class Store;
class VideoPlatform;

// The sessions of the current project from the store: a filter bar (a period of UTC days with
// presets, room, participant name or ref, role, minimum duration), the windowed table sorted by any
// header both ways with "counting…" until the total is known, and a detail pane with the selected
// session's participants and their timeline. "Sync now" copies the filter's period from the
// platform (CdrSync) with progress and Cancel; a failure shows in the page's banner and blocks
// nothing. Times are shown in local time and the page says which zone. Ctrl+F goes to the
// participant filter; Enter in the table opens the session's participants.
class SessionsPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SessionsPage)

public:
    // The period presets, in the combo's order.
    enum Preset { Last7Days, Last30Days, Last90Days, ThisMonth, LastMonth, AllTime, Custom };
    Q_ENUM(Preset)

    explicit SessionsPage(Store *store, QWidget *parent = nullptr);
    ~SessionsPage() override;

    // The project whose sessions are shown (0: none) and the platform "Sync now" fetches from
    // (nullptr: not connected; the stored sessions are still shown). A running sync is cancelled.
    void setPlatform(VideoPlatform *platform, qint64 projectId);
    qint64 projectId() const;
    // Syncs the filter's period once, the first time this project is shown with a platform (the
    // embedded sandbox's project: a new user sees its simulated history without a click).
    void syncOnceWhenShown(qint64 projectId);

    CdrFilter filter() const;
    SessionTableModel *sessionModel() const;
    SessionParticipantModel *participantModel() const;
    bool isSyncing() const;
    // The conf number the detail pane shows (empty when none).
    QString shownSession() const;

public Q_SLOTS:
    void syncNow();
    void cancelSync();
    // Opens the export dialog for the call records behind the filter.
    void exportRecords();
    void focusFilter();
    // Shows the current row's session in the detail pane and moves the focus there.
    void openSelectedSession();
    // Asks for the recordings of the session the detail pane shows (recordingsRequested).
    void showRecordings();

Q_SIGNALS:
    void syncFinished(bool succeeded);
    void sessionShown(const QString &confNum);
    // "Recordings" for the shown session: the console opens the Recordings page on it.
    void recordingsRequested(const QString &confNum);

private:
    void applyPreset(int preset);
    void applyFilter();
    void updateCount();
    void updateRooms();
    void updateZone();
    void showCurrentSession();
    void showSession(int row);
    void setSyncing(bool syncing);
    void reloadKeepingSelection();

    std::unique_ptr<Ui::SessionsPage> m_ui;
    Store *m_store;
    QPointer<VideoPlatform> m_platform;
    qint64 m_projectId = 0;
    qint64 m_autoSyncProject = 0;
    SessionTableModel *m_model = nullptr;
    SessionParticipantModel *m_participants = nullptr;
    CdrSync *m_sync = nullptr;
    bool m_cancelling = false;
    QTimer m_textDelay; // typing in the participant filter applies after a pause
    QTimer m_reloadDelay; // the store's changes (a reconciler pass: a window at a time) reload once
};

} // namespace confero
