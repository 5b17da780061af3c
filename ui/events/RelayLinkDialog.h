#pragma once

#include <QDialog>

#include <functional>

class QDialogButtonBox;
class QLineEdit;
class QPushButton;
class QRadioButton;
class QWidget;

namespace confero {

class ErrorBanner;
class SecretStore;
class Store;

// Where a project's webhooks come from. Either a confero-relay elsewhere: its address and the
// subscriber token `confero-relay subscribers add` printed; or a relay run inside this console, for a
// machine the platform reaches directly: where it listens, its certificate, and the Basic auth the
// platform must send. Saving checks what was typed, puts the secret (token or webhook password) in
// the keychain, never in a file, and the rest in the store; the other kind of link is removed.
// "Remove link" forgets both. The dialog stays open, with the reason shown, when something cannot be
// saved.
class RelayLinkDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RelayLinkDialog)

public:
    RelayLinkDialog(Store *store, SecretStore *secrets, qint64 projectId, const QString &projectName,
                    QWidget *parent = nullptr);

Q_SIGNALS:
    // The link was saved or removed; the project's relay connection should start again.
    void linkChanged();

private:
    void save();
    void saveRemote();
    void saveEmbedded();
    void removeLink();
    // Puts `secret` in the keychain under `key` (an empty one keeps what is there), then runs
    // `store` (the link's rows; empty, or why not) and closes the dialog, or shows why it cannot.
    void writeSecretThenStore(const QString &key, const QString &secret, const std::function<QString()> &store);
    void updateMode();
    void finish();
    void showProblem(const QString &message);
    void setBusy(bool busy);

    Store *m_store;
    SecretStore *m_secrets;
    qint64 m_projectId;
    QRadioButton *m_remoteMode;
    QRadioButton *m_embeddedMode;
    QWidget *m_remoteFields;
    QWidget *m_embeddedFields;
    QLineEdit *m_url;
    QLineEdit *m_token;
    QLineEdit *m_listen;
    QLineEdit *m_tlsCert;
    QLineEdit *m_tlsKey;
    QLineEdit *m_webhookUser;
    QLineEdit *m_webhookPassword;
    bool m_hasRemote = false;
    bool m_hasEmbedded = false;
    ErrorBanner *m_problem;
    QDialogButtonBox *m_buttons;
    QPushButton *m_remove;
};

} // namespace confero
