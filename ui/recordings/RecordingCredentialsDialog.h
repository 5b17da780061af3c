#pragma once

#include <QDialog>

class QDialogButtonBox;
class QLabel;
class QLineEdit;

namespace confero {

// Asks for a project's recording-file user name and password (the platform's separate Basic auth
// for downloading recordings, not the App ID and Key). The page stores them in the keychain.
// Children: "userEdit", "passwordEdit", "buttonBox".
class RecordingCredentialsDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RecordingCredentialsDialog)

public:
    explicit RecordingCredentialsDialog(const QString &projectName, QWidget *parent = nullptr);

    void setUser(const QString &user);
    QString user() const;
    QString password() const;

private:
    void updateOk();

    QLineEdit *m_user;
    QLineEdit *m_password;
    QDialogButtonBox *m_buttons;
};

} // namespace confero
