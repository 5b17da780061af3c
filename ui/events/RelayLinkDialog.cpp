#include "RelayLinkDialog.h"

#include "ErrorBanner.h"
#include "SubscriberToken.h"
#include "config/SecretStore.h"
#include "relaylink/EmbeddedRelaySettings.h"
#include "relaylink/RelayLinkStore.h"

#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace confero {

namespace {

// A line edit with a "Browse…" button that picks a PEM file.
QWidget *withBrowse(QLineEdit *edit, QWidget *parent, const QString &caption)
{
    auto *row = new QWidget(parent);
    auto *layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *browse = new QPushButton(RelayLinkDialog::tr("Browse…"), row);
    layout->addWidget(edit, 1);
    layout->addWidget(browse);
    QObject::connect(browse, &QPushButton::clicked, edit, [edit, caption] {
        const QString file = QFileDialog::getOpenFileName(
            edit->window(), caption, edit->text(), RelayLinkDialog::tr("PEM files (*.pem *.crt *.key);;All files (*)"));
        if (!file.isEmpty())
            edit->setText(file);
    });
    return row;
}

// What to tell a person when either of two store writes failed (the first one's reason), or nothing.
QString firstProblem(const StoreResult<bool> &first, const StoreResult<bool> &second)
{
    if (!first)
        return first.error().message;
    return second ? QString() : second.error().message;
}

} // namespace

RelayLinkDialog::RelayLinkDialog(Store *store, SecretStore *secrets, qint64 projectId, const QString &projectName,
                                 QWidget *parent)
    : QDialog(parent)
    , m_store(store)
    , m_secrets(secrets)
    , m_projectId(projectId)
    , m_remoteMode(new QRadioButton(tr("A relay &elsewhere (confero-relay on a server the platform reaches)"), this))
    , m_embeddedMode(new QRadioButton(tr("A relay in &this console (the platform reaches this machine)"), this))
    , m_remoteFields(new QWidget(this))
    , m_embeddedFields(new QWidget(this))
    , m_url(new QLineEdit(this))
    , m_token(new QLineEdit(this))
    , m_listen(new QLineEdit(this))
    , m_tlsCert(new QLineEdit(this))
    , m_tlsKey(new QLineEdit(this))
    , m_webhookUser(new QLineEdit(this))
    , m_webhookPassword(new QLineEdit(this))
    , m_problem(new ErrorBanner(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this))
    , m_remove(new QPushButton(tr("&Remove link"), this))
{
    setWindowTitle(tr("Relay link of %1").arg(projectName));
    m_remoteMode->setObjectName(u"remoteModeRadio"_s);
    m_embeddedMode->setObjectName(u"embeddedModeRadio"_s);
    m_url->setObjectName(u"relayUrlEdit"_s);
    m_url->setPlaceholderText(u"https://relay.example.com:8443"_s);
    m_token->setObjectName(u"relayTokenEdit"_s);
    m_token->setEchoMode(QLineEdit::Password);
    m_token->setPlaceholderText(u"crs_…"_s);
    m_listen->setObjectName(u"embeddedListenEdit"_s);
    m_listen->setToolTip(tr("0.0.0.0:8443 takes webhooks on every address of this machine; 127.0.0.1:8443 only "
                            "from a proxy on this machine (nginx adding HTTPS)."));
    m_tlsCert->setObjectName(u"embeddedCertEdit"_s);
    m_tlsCert->setPlaceholderText(tr("PEM certificate; none for plain HTTP on loopback"));
    m_tlsKey->setObjectName(u"embeddedKeyEdit"_s);
    m_tlsKey->setPlaceholderText(tr("its PEM private key"));
    m_webhookUser->setObjectName(u"webhookUserEdit"_s);
    m_webhookPassword->setObjectName(u"webhookPasswordEdit"_s);
    m_webhookPassword->setEchoMode(QLineEdit::Password);
    m_problem->setObjectName(u"relayProblemBanner"_s);
    m_buttons->setObjectName(u"buttonBox"_s);
    m_buttons->button(QDialogButtonBox::Save)->setText(tr("Save (secret to keychain)"));
    m_remove->setObjectName(u"removeLinkButton"_s);
    m_buttons->addButton(m_remove, QDialogButtonBox::DestructiveRole);

    auto *intro = new QLabel(tr("The platform posts its webhooks to a relay, which keeps each one until this console "
                                "has stored it, also while the console was closed or offline."),
                             this);
    intro->setWordWrap(true);
    auto *remoteForm = new QFormLayout(m_remoteFields);
    remoteForm->addRow(tr("Relay &address:"), m_url);
    remoteForm->addRow(tr("Subscriber &token:"), m_token);
    auto *embeddedForm = new QFormLayout(m_embeddedFields);
    embeddedForm->addRow(tr("&Listen on:"), m_listen);
    embeddedForm->addRow(tr("&Certificate:"), withBrowse(m_tlsCert, this, tr("The relay's certificate")));
    embeddedForm->addRow(tr("Private &key:"), withBrowse(m_tlsKey, this, tr("The certificate's private key")));
    embeddedForm->addRow(tr("Webhook &user:"), m_webhookUser);
    embeddedForm->addRow(tr("Webhook pass&word:"), m_webhookPassword);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(m_remoteMode);
    layout->addWidget(m_remoteFields);
    layout->addWidget(m_embeddedMode);
    layout->addWidget(m_embeddedFields);
    layout->addWidget(m_problem);
    layout->addWidget(m_buttons);

    const StoreResult<std::optional<QUrl>> remote = RelayLinkStore(m_store).find(m_projectId);
    const StoreResult<std::optional<EmbeddedRelaySettings>> embedded =
        EmbeddedRelaySettingsStore(m_store).find(m_projectId);
    m_hasRemote = remote && remote.value();
    m_hasEmbedded = embedded && embedded.value();
    const EmbeddedRelaySettings settings = m_hasEmbedded ? *embedded.value() : EmbeddedRelaySettings();
    m_listen->setText(settings.listen);
    m_tlsCert->setText(settings.tlsCert);
    m_tlsKey->setText(settings.tlsKey);
    m_webhookUser->setText(settings.webhookUser);
    if (m_hasRemote) {
        m_url->setText(remote.value()->toString());
        m_token->setPlaceholderText(tr("(kept in the keychain; type a new one to replace it)"));
    }
    if (m_hasEmbedded)
        m_webhookPassword->setPlaceholderText(tr("(kept in the keychain; type a new one to replace it)"));
    (m_hasEmbedded ? m_embeddedMode : m_remoteMode)->setChecked(true);
    m_remove->setEnabled(m_hasRemote || m_hasEmbedded);

    connect(m_remoteMode, &QRadioButton::toggled, this, &RelayLinkDialog::updateMode);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &RelayLinkDialog::save);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_remove, &QPushButton::clicked, this, &RelayLinkDialog::removeLink);
    updateMode();
    resize(600, sizeHint().height());
}

void RelayLinkDialog::updateMode()
{
    m_remoteFields->setEnabled(m_remoteMode->isChecked());
    m_embeddedFields->setEnabled(m_embeddedMode->isChecked());
}

void RelayLinkDialog::save()
{
    m_problem->clear();
    if (m_remoteMode->isChecked())
        saveRemote();
    else
        saveEmbedded();
}

void RelayLinkDialog::saveRemote()
{
    QString error;
    const std::optional<QUrl> url = RelayLinkStore::parseUrl(m_url->text(), &error);
    if (!url) {
        showProblem(error);
        m_url->setFocus();
        return;
    }
    const QString token = m_token->text().trimmed();
    const bool keepToken = token.isEmpty() && m_hasRemote;
    if (!keepToken && !protocol::SubscriberToken::parse(token)) {
        showProblem(tr("The token is what confero-relay printed when the subscriber was added: it starts with "
                       "crs_ and has no spaces."));
        m_token->setFocus();
        return;
    }
    writeSecretThenStore(RelayLinkStore::tokenKeyName(m_projectId), keepToken ? QString() : token, [this, url] {
        const StoreResult<bool> stored = RelayLinkStore(m_store).set(m_projectId, *url);
        return firstProblem(stored, EmbeddedRelaySettingsStore(m_store).remove(m_projectId));
    });
}

void RelayLinkDialog::saveEmbedded()
{
    EmbeddedRelaySettings settings;
    settings.listen = m_listen->text().trimmed();
    settings.tlsCert = m_tlsCert->text().trimmed();
    settings.tlsKey = m_tlsKey->text().trimmed();
    settings.webhookUser = m_webhookUser->text().trimmed();
    if (const QString problem = settings.problem(); !problem.isEmpty()) {
        showProblem(problem);
        return;
    }
    const QString password = m_webhookPassword->text();
    const bool keepPassword = password.isEmpty() && m_hasEmbedded;
    if (!keepPassword && password.size() < 12) {
        showProblem(tr("The webhook password keeps strangers from posting events: use at least 12 characters."));
        m_webhookPassword->setFocus();
        return;
    }
    writeSecretThenStore(EmbeddedRelaySettingsStore::passwordKeyName(m_projectId), keepPassword ? QString() : password,
                         [this, settings] {
                             const StoreResult<bool> stored =
                                 EmbeddedRelaySettingsStore(m_store).set(m_projectId, settings);
                             return firstProblem(stored, RelayLinkStore(m_store).remove(m_projectId));
                         });
}

void RelayLinkDialog::writeSecretThenStore(const QString &key, const QString &secret,
                                           const std::function<QString()> &store)
{
    const auto storeAndFinish = [this, store] {
        setBusy(false);
        if (const QString problem = store(); !problem.isEmpty()) {
            showProblem(problem);
            return;
        }
        finish();
    };
    if (secret.isEmpty()) {
        storeAndFinish();
        return;
    }
    setBusy(true);
    m_secrets->write(key, secret, this, [this, storeAndFinish](const SecretStore::Result &written) {
        if (!written.ok) {
            setBusy(false);
            showProblem(written.errorMessage);
            return;
        }
        storeAndFinish();
    });
}

void RelayLinkDialog::removeLink()
{
    const StoreResult<bool> removed = RelayLinkStore(m_store).remove(m_projectId);
    if (const QString problem = firstProblem(removed, EmbeddedRelaySettingsStore(m_store).remove(m_projectId));
        !problem.isEmpty()) {
        showProblem(problem);
        return;
    }
    setBusy(true);
    // The secrets go whatever the keychain says: without a link they are never used.
    m_secrets->remove(RelayLinkStore::tokenKeyName(m_projectId), this, [this](const SecretStore::Result &) {
        m_secrets->remove(EmbeddedRelaySettingsStore::passwordKeyName(m_projectId), this,
                          [this](const SecretStore::Result &) {
                              setBusy(false);
                              finish();
                          });
    });
}

void RelayLinkDialog::finish()
{
    Q_EMIT linkChanged();
    accept();
}

void RelayLinkDialog::showProblem(const QString &message)
{
    m_problem->showError(message, false);
}

void RelayLinkDialog::setBusy(bool busy)
{
    m_buttons->setEnabled(!busy);
    m_remoteMode->setEnabled(!busy);
    m_embeddedMode->setEnabled(!busy);
    if (busy) {
        m_remoteFields->setEnabled(false);
        m_embeddedFields->setEnabled(false);
    } else {
        updateMode();
    }
}

} // namespace confero
