#include "RelayLinkDialog.h"

#include "ErrorBanner.h"
#include "SubscriberToken.h"
#include "config/SecretStore.h"
#include "relaylink/RelayLinkStore.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace confero {

RelayLinkDialog::RelayLinkDialog(Store *store, SecretStore *secrets, qint64 projectId, const QString &projectName,
                                 QWidget *parent)
    : QDialog(parent)
    , m_store(store)
    , m_secrets(secrets)
    , m_projectId(projectId)
    , m_url(new QLineEdit(this))
    , m_token(new QLineEdit(this))
    , m_problem(new ErrorBanner(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this))
    , m_remove(new QPushButton(tr("&Remove link"), this))
{
    setWindowTitle(tr("Relay link of %1").arg(projectName));
    m_url->setObjectName(u"relayUrlEdit"_s);
    m_url->setPlaceholderText(u"https://relay.example.com:8443"_s);
    m_token->setObjectName(u"relayTokenEdit"_s);
    m_token->setEchoMode(QLineEdit::Password);
    m_token->setPlaceholderText(u"crs_…"_s);
    m_problem->setObjectName(u"relayProblemBanner"_s);
    m_buttons->setObjectName(u"buttonBox"_s);
    m_buttons->button(QDialogButtonBox::Save)->setText(tr("Save (token to keychain)"));
    m_remove->setObjectName(u"removeLinkButton"_s);
    m_buttons->addButton(m_remove, QDialogButtonBox::DestructiveRole);

    auto *intro = new QLabel(tr("The platform posts its webhooks to a confero-relay, which keeps them until this "
                                "console fetches them, also after it was closed or offline. Give the relay's "
                                "address and the token <tt>confero-relay subscribers add</tt> printed for this "
                                "console."),
                             this);
    intro->setWordWrap(true);
    auto *form = new QFormLayout;
    form->addRow(tr("Relay &address:"), m_url);
    form->addRow(tr("Subscriber &token:"), m_token);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(m_problem);
    layout->addWidget(m_buttons);

    const StoreResult<std::optional<QUrl>> current = RelayLinkStore(m_store).find(m_projectId);
    if (current && current.value()) {
        m_url->setText(current.value()->toString());
        m_token->setPlaceholderText(tr("(kept in the keychain; type a new one to replace it)"));
    } else {
        m_remove->setEnabled(false);
    }

    connect(m_buttons, &QDialogButtonBox::accepted, this, &RelayLinkDialog::save);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_remove, &QPushButton::clicked, this, &RelayLinkDialog::removeLink);
    resize(520, sizeHint().height());
}

void RelayLinkDialog::save()
{
    QString error;
    const std::optional<QUrl> url = RelayLinkStore::parseUrl(m_url->text(), &error);
    if (!url) {
        showProblem(error);
        m_url->setFocus();
        return;
    }
    const QString token = m_token->text().trimmed();
    const bool keepToken = token.isEmpty() && m_remove->isEnabled();
    if (!keepToken && !protocol::SubscriberToken::parse(token)) {
        showProblem(tr("The token is what confero-relay printed when the subscriber was added: it starts with "
                       "crs_ and has no spaces."));
        m_token->setFocus();
        return;
    }
    const auto storeUrl = [this, url] {
        const StoreResult<bool> stored = RelayLinkStore(m_store).set(m_projectId, *url);
        setBusy(false);
        if (!stored) {
            showProblem(stored.error().message);
            return;
        }
        Q_EMIT linkChanged();
        accept();
    };
    if (keepToken) {
        storeUrl();
        return;
    }
    setBusy(true);
    m_secrets->write(RelayLinkStore::tokenKeyName(m_projectId), token, this,
                     [this, storeUrl](const SecretStore::Result &written) {
                         if (!written.ok) {
                             setBusy(false);
                             showProblem(written.errorMessage);
                             return;
                         }
                         storeUrl();
                     });
}

void RelayLinkDialog::removeLink()
{
    const StoreResult<bool> removed = RelayLinkStore(m_store).remove(m_projectId);
    if (!removed) {
        showProblem(removed.error().message);
        return;
    }
    setBusy(true);
    m_secrets->remove(RelayLinkStore::tokenKeyName(m_projectId), this, [this](const SecretStore::Result &) {
        // The link is gone whatever the keychain said: without an address the token is never used.
        setBusy(false);
        Q_EMIT linkChanged();
        accept();
    });
}

void RelayLinkDialog::showProblem(const QString &message)
{
    m_problem->showError(message, false);
}

void RelayLinkDialog::setBusy(bool busy)
{
    m_buttons->setEnabled(!busy);
    m_url->setEnabled(!busy);
    m_token->setEnabled(!busy);
}

} // namespace confero
