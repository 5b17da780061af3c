#pragma once

#include "PlayerWindow.h" // a complete type: playerOpened() carries one
#include "recordings/RecordingSettingsStore.h"

#include <QHash>
#include <QPointer>
#include <QWidget>

class QComboBox;
class QDateEdit;
class QDialog;
class QLabel;
class QLineEdit;
class QNetworkAccessManager;
class QProgressBar;
class QPushButton;
class QSortFilterProxyModel;
class QSpinBox;
class QTableView;

namespace confero {

class ArchiveReconciler;
class DownloadManager;
class ErrorBanner;
class RecordingTableModel;
class SecretStore;
class Store;
class VideoPlatform;

// The recordings of the current project: a filter (a period of UTC days, a room, or one session),
// "Load" from the archive routes, and the files with their local copy. Download, Pause, Resume and
// Cancel act on every selected row; the downloads run in the background (DownloadManager) with a
// progress bar per row and in total, into <library>/<room_id>/<conf_num>/<file>. How many run at
// once and the library folder are kept per project in the store; the recording-file user and
// password in the keychain (SecretStore), entered in a small dialog. The storage policy (kinds that
// download by themselves, a quota, keep-days) is carried out by an ArchiveReconciler while the project
// is open and its credentials are known; "Disk usage" shows the library by room and month. Failures
// show in the page's banner and block nothing. Keys: F5 loads, Ctrl+D downloads, Ctrl+P pauses, Ctrl+R resumes, Del
// cancels, Ctrl+O opens the containing folder.
class RecordingsPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RecordingsPage)

public:
    // `defaultLibrary`: where files go for a project that chose no folder (<data dir>/recordings).
    RecordingsPage(Store *store, SecretStore *secrets, QNetworkAccessManager *network, QString defaultLibrary,
                   QWidget *parent = nullptr);
    ~RecordingsPage() override;

    // The project shown (0: none) and the platform its archive comes from (nullptr: not connected).
    void setPlatform(VideoPlatform *platform, qint64 projectId, const QString &projectName = {});
    // Credentials held in memory for one project instead of the keychain: the embedded sandbox's,
    // which change every run and protect nothing beyond this process (as its App Key).
    void setInMemoryCredentials(qint64 projectId, const QString &user, const QString &password);

    RecordingTableModel *model() const;
    DownloadManager *manager() const;
    ArchiveReconciler *reconciler() const;
    QString libraryFolder() const;
    bool hasCredentials() const;
    bool isLoading() const;
    // The model's rows of the table's selection, in the table's order.
    QList<int> selectedRows() const;

public Q_SLOTS:
    void load();
    // Filters to one session (the Sessions page's "Recordings") and loads it.
    void showSession(const QString &confNum);
    void downloadSelected();
    void pauseSelected();
    void resumeSelected();
    void cancelSelected();
    void openContainingFolder();
    // Opens the current row's video (a complete recording or transcoded file) in the player, with
    // its session's join/leave marks, chat and notes.
    void playCurrent();
    void editCredentials();
    void chooseLibrary();
    void setLibraryFolder(const QString &folder);
    // The storage policy dialog, then (accepted) the policy saved and applied at once.
    void editStoragePolicy();
    // Applies a policy as the dialog would: saved, quota set, the archive checked and retention run.
    void applyStoragePolicy(const confero::RecordingSettings &policy);
    void showDiskUsage();

Q_SIGNALS:
    void loadFinished(bool succeeded);
    // playCurrent() opened a player window (top-level, deleted when closed).
    void playerOpened(confero::PlayerWindow *window);
    // The keychain answered (a read at project change, or a save from the dialog).
    void credentialsChanged(bool present);
    // The storage policy dialog or the disk-usage view opened (not yet shown; for tests and screenshots).
    void dialogOpened(QDialog *dialog);

private:
    void makeManager();
    void startReconciler();
    void readCredentials();
    void applyCredentials(const QString &user, const QString &password);
    void updateActions();
    void updateTotal(qint64 done, qint64 total);
    void updateRooms();
    void saveSettings();
    QList<qint64> selectedDownloads() const;
    bool isPlayable(int row) const; // a complete video file

    Store *m_store;
    RecordingSettingsStore m_settings;
    SecretStore *m_secrets;
    QNetworkAccessManager *m_network;
    QString m_defaultLibrary;
    QPointer<VideoPlatform> m_platform;
    qint64 m_projectId = 0;
    QString m_projectName;
    QString m_library;
    QString m_user;
    QString m_password;
    bool m_credentialsKnown = false;
    QHash<qint64, std::pair<QString, QString>> m_inMemoryCredentials;
    int m_loadGeneration = 0;
    bool m_loading = false;

    RecordingTableModel *m_model;
    QSortFilterProxyModel *m_proxy;
    DownloadManager *m_manager = nullptr;
    ArchiveReconciler *m_reconciler = nullptr;

    ErrorBanner *m_banner;
    QDateEdit *m_from;
    QDateEdit *m_to;
    QComboBox *m_room;
    QLineEdit *m_session;
    QPushButton *m_load;
    QPushButton *m_download;
    QPushButton *m_pause;
    QPushButton *m_resume;
    QPushButton *m_cancel;
    QPushButton *m_openFolder;
    QPushButton *m_play;
    QPushButton *m_credentials;
    QSpinBox *m_parallel;
    QLabel *m_libraryLabel;
    QPushButton *m_libraryButton;
    QPushButton *m_policyButton;
    QPushButton *m_usageButton;
    QTableView *m_table;
    QProgressBar *m_totalBar;
    QLabel *m_totalLabel;
    QLabel *m_status;
};

} // namespace confero
