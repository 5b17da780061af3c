#pragma once

#include <QPointer>
#include <QUrl>
#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTableView;

namespace confero {

class ErrorBanner;
class EventListModel;
class RelayConnection;
class SecretStore;
class Store;

// The Events page: the webhooks the project's relay delivered, newest first, with the whole body of
// the selected one; above them how the relay link is ("streaming from …", "unreachable, retrying")
// and "Relay link…" to set it. New events appear as the link stores them.
class EventsPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EventsPage)

public:
    EventsPage(Store *store, SecretStore *secrets, QWidget *parent = nullptr);
    ~EventsPage() override;

    // The project shown and its running link (owned elsewhere; may be nullptr).
    void setProject(qint64 projectId, const QString &projectName, RelayConnection *connection);
    EventListModel *model() const;
    // Where the platform should post, when the project's relay runs in this console (empty: none).
    void setWebhookUrl(const QUrl &url, const QString &user);
    // A problem of the relay link that its connection cannot report itself (the embedded relay).
    void showProblem(const QString &message);

Q_SIGNALS:
    // The relay link was saved or removed in its dialog: whoever runs the link starts it again.
    void relayLinkChanged();

public Q_SLOTS:
    void reload();
    void editRelayLink();

private:
    void showStatus();
    void showSelectedBody();

    Store *m_store;
    SecretStore *m_secrets;
    qint64 m_projectId = 0;
    QString m_projectName;
    QPointer<RelayConnection> m_connection;
    EventListModel *m_model;
    QLabel *m_status;
    QLabel *m_webhook;
    QPushButton *m_linkButton;
    ErrorBanner *m_problem;
    QTableView *m_table;
    QPlainTextEdit *m_body;
};

} // namespace confero
