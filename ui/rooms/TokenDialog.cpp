#include "TokenDialog.h"
#include "ui_TokenDialog.h"

#include "Logging.h"
#include "config/TokenLog.h"
#include "platform/VideoPlatform.h"

#include <QClipboard>
#include <QDialogButtonBox>
#include <QGuiApplication>
#include <QJsonDocument>
#include <QPushButton>

namespace confero {

using namespace Qt::StringLiterals;

namespace {

const QStringList roleValues{u"moderator"_s, u"participant"_s, u"viewer"_s, u"audience"_s};

QString fieldKeyForPath(const QString &path)
{
    if (path == u"name")
        return u"name"_s;
    if (path == u"role")
        return u"role"_s;
    if (path == u"user_ref")
        return u"userRef"_s;
    return {};
}

} // namespace

TokenDialog::TokenDialog(VideoPlatform *platform, const Room &room, TokenLog *log, qint64 projectId, QWidget *parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::TokenDialog>())
    , m_platform(platform)
    , m_room(room)
    , m_log(log)
    , m_projectId(projectId)
{
    m_ui->setupUi(this);
    setStyleSheet(FieldErrorDisplay::styleSheet());
    setWindowTitle(tr("Issue join token for \"%1\"").arg(room.name));
    m_ui->roomLabel->setText(tr("Room <b>%1</b> (%2)").arg(room.name.toHtmlEscaped(), room.id));
    m_ui->formError->setStyleSheet(u"color: #c0392b;"_s);
    m_ui->formError->hide();
    m_ui->roleCombo->setCurrentIndex(roleValues.indexOf(u"participant"_s));
    m_ui->resultGroup->hide();
    QFont mono(u"monospace"_s);
    mono.setStyleHint(QFont::Monospace);
    m_ui->decodedView->setFont(mono);

    m_errors.add(u"name"_s, m_ui->nameEdit, m_ui->nameError);
    m_errors.add(u"role"_s, m_ui->roleCombo, m_ui->roleError);
    m_errors.add(u"userRef"_s, m_ui->userRefEdit, m_ui->userRefError);

    connect(m_ui->issueButton, &QPushButton::clicked, this, &TokenDialog::issue);
    connect(m_ui->copyButton, &QPushButton::clicked, this, [this] {
        QGuiApplication::clipboard()->setText(m_ui->tokenEdit->text());
        m_ui->statusLabel->setText(tr("Token copied to the clipboard."));
    });
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &TokenDialog::reject);
}

TokenDialog::~TokenDialog() = default;

TokenRequest TokenDialog::request() const
{
    TokenRequest request;
    request.name = m_ui->nameEdit->text().trimmed();
    request.role = roleValues.value(m_ui->roleCombo->currentIndex());
    request.userRef = m_ui->userRefEdit->text().trimmed();
    return request;
}

QString TokenDialog::token() const
{
    return m_ui->tokenEdit->text();
}

bool TokenDialog::isBusy() const
{
    return m_busy;
}

void TokenDialog::issue()
{
    if (m_busy)
        return;
    m_errors.clearAll();
    m_ui->formError->hide();
    const TokenRequest wanted = request();
    const QList<FieldError> problems = wanted.validate();
    if (!problems.isEmpty()) {
        showFieldErrors(problems);
        return;
    }
    if (!m_platform) {
        showFieldErrors({{QString(), tr("Not connected to a project: choose one in the toolbar first.")}});
        return;
    }
    setBusy(true, tr("Issuing token…"));
    const QString roomId = m_room.id;
    m_platform->createToken(roomId, wanted, this, [this, roomId, wanted](PlatformResult<JoinToken> result) {
        setBusy(false);
        if (!result) {
            showPlatformError(result.error());
            return;
        }
        qCInfo(lcUi) << "issued a" << wanted.role << "token for room" << roomId;
        showToken(result.value());
        if (m_log) {
            const StoreResult<bool> recorded =
                m_log->record(m_projectId, roomId, wanted, result.value(), QDateTime::currentDateTimeUtc());
            if (!recorded) {
                qCWarning(lcUi) << "token log:" << recorded.error().detail;
                m_ui->statusLabel->setText(
                    tr("The token was issued but not written to the token log: %1").arg(recorded.error().message));
            }
        }
        Q_EMIT tokenIssued(roomId, wanted, result.value());
    });
}

void TokenDialog::setBusy(bool busy, const QString &status)
{
    m_busy = busy;
    m_ui->busySpinner->setRunning(busy);
    m_ui->statusLabel->setText(status);
    m_ui->issueButton->setEnabled(!busy);
}

void TokenDialog::showToken(const JoinToken &token)
{
    m_ui->tokenEdit->setText(token.raw);
    m_ui->tokenEdit->setCursorPosition(0);
    // A token the platform sent but we cannot read is still usable; say so instead of hiding it.
    const std::optional<JoinToken> decoded = JoinToken::decode(token.raw);
    m_ui->decodedView->setPlainText(
        decoded ? QString::fromUtf8(QJsonDocument(decoded->decoded).toJson(QJsonDocument::Indented))
                : tr("This token is not base64 JSON, so its contents cannot be shown. "
                     "It may still be valid for the platform."));
    m_ui->resultGroup->show();
}

void TokenDialog::showPlatformError(const PlatformError &error)
{
    qCWarning(lcUi) << "token request failed:" << error.detail;
    showFieldErrors({{error.kind == PlatformError::Kind::Validation ? error.field : QString(), error.message()}});
}

void TokenDialog::showFieldErrors(const QList<FieldError> &errors)
{
    for (const FieldError &error : errors) {
        const QString key = fieldKeyForPath(error.field);
        if (key.isEmpty() || !m_errors.show(key, error.message)) {
            const QString text = m_ui->formError->isHidden() ? QString() : m_ui->formError->text() + u'\n';
            m_ui->formError->setText(text + error.message);
            m_ui->formError->show();
        }
    }
    if (QWidget *input = m_errors.firstInvalidInput())
        input->setFocus();
}

} // namespace confero
