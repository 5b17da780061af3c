#pragma once

#include <QDialog>

class QDialogButtonBox;
class QLineEdit;
class QPushButton;

namespace confero {

class ErrorBanner;
class SecretStore;
class Store;

// Where a project's webhooks come from: the address of its confero-relay and the subscriber token
// `confero-relay subscribers add` printed. Saving checks both, puts the token in the keychain (never
// in a file) and then the address in the store; "Remove link" forgets both. The dialog stays open,
// with the reason beside the field, when something cannot be saved.
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
    void removeLink();
    void showProblem(const QString &message);
    void setBusy(bool busy);

    Store *m_store;
    SecretStore *m_secrets;
    qint64 m_projectId;
    QLineEdit *m_url;
    QLineEdit *m_token;
    ErrorBanner *m_problem;
    QDialogButtonBox *m_buttons;
    QPushButton *m_remove;
};

} // namespace confero
