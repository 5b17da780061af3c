#include "RecordingCredentialsDialog.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace confero {

using namespace Qt::StringLiterals;

RecordingCredentialsDialog::RecordingCredentialsDialog(const QString &projectName, QWidget *parent)
    : QDialog(parent)
    , m_user(new QLineEdit(this))
    , m_password(new QLineEdit(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(tr("Recording-file password"));
    m_user->setObjectName(u"userEdit"_s);
    m_password->setObjectName(u"passwordEdit"_s);
    m_password->setEchoMode(QLineEdit::Password);
    m_buttons->setObjectName(u"buttonBox"_s);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Save in keychain"));

    auto *intro = new QLabel(tr("The platform protects recording files with their own user name and password, "
                                "separate from the App ID and App Key of %1. They are kept in the system's "
                                "keychain.")
                                 .arg(projectName),
                             this);
    intro->setWordWrap(true);
    auto *form = new QFormLayout;
    form->addRow(tr("&User name:"), m_user);
    form->addRow(tr("&Password:"), m_password);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(m_buttons);

    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_user, &QLineEdit::textChanged, this, &RecordingCredentialsDialog::updateOk);
    connect(m_password, &QLineEdit::textChanged, this, &RecordingCredentialsDialog::updateOk);
    updateOk();
    resize(420, sizeHint().height());
}

void RecordingCredentialsDialog::setUser(const QString &user)
{
    m_user->setText(user);
    if (!user.isEmpty())
        m_password->setFocus();
}

QString RecordingCredentialsDialog::user() const
{
    return m_user->text().trimmed();
}

QString RecordingCredentialsDialog::password() const
{
    return m_password->text();
}

void RecordingCredentialsDialog::updateOk()
{
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(!user().isEmpty() && !password().isEmpty());
}

} // namespace confero
