#include "ProjectDialog.h"
#include "ui_ProjectDialog.h"

#include "Logging.h"
#include "PlatformConnector.h"
#include "config/ProjectStore.h"
#include "config/SecretStore.h"
#include "platform/VideoPlatform.h"

#include <QDialogButtonBox>
#include <QPushButton>

namespace confero {

using namespace Qt::StringLiterals;

namespace {

QString fieldKeyForPath(const QString &path)
{
    if (path == u"name")
        return u"name"_s;
    if (path == u"api_base_url")
        return u"apiBaseUrl"_s;
    if (path == u"app_id")
        return u"appId"_s;
    if (path == u"app_key")
        return u"appKey"_s;
    return {};
}

} // namespace

ProjectDialog::ProjectDialog(ProjectStore *projects, SecretStore *secrets, PlatformConnector *connector,
                             QWidget *parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::ProjectDialog>())
    , m_projects(projects)
    , m_secrets(secrets)
    , m_connector(connector)
{
    setUpControls();
    setWindowTitle(tr("Add project"));
}

ProjectDialog::ProjectDialog(ProjectStore *projects, SecretStore *secrets, PlatformConnector *connector,
                             const Project &project, QWidget *parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::ProjectDialog>())
    , m_projects(projects)
    , m_secrets(secrets)
    , m_connector(connector)
    , m_original(project)
{
    setUpControls();
    setWindowTitle(tr("Edit project \"%1\"").arg(project.name));
    m_ui->nameEdit->setText(project.name);
    m_ui->apiBaseUrlEdit->setText(project.apiBaseUrl.toString());
    m_ui->appIdEdit->setText(project.appId);
    m_ui->appKeyEdit->setPlaceholderText(tr("unchanged (kept in the keychain)"));
}

ProjectDialog::~ProjectDialog() = default;

void ProjectDialog::setUpControls()
{
    m_ui->setupUi(this);
    setStyleSheet(FieldErrorDisplay::styleSheet());
    m_ui->formError->setStyleSheet(u"color: #c0392b;"_s);
    m_ui->formError->hide();
    m_errors.add(u"name"_s, m_ui->nameEdit, m_ui->nameError);
    m_errors.add(u"apiBaseUrl"_s, m_ui->apiBaseUrlEdit, m_ui->apiBaseUrlError);
    m_errors.add(u"appId"_s, m_ui->appIdEdit, m_ui->appIdError);
    m_errors.add(u"appKey"_s, m_ui->appKeyEdit, m_ui->appKeyError);
    connect(m_ui->testConnectionButton, &QPushButton::clicked, this, &ProjectDialog::testConnection);
    connect(m_ui->buttonBox, &QDialogButtonBox::accepted, this, &ProjectDialog::accept);
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &ProjectDialog::reject);
}

Project ProjectDialog::project() const
{
    Project project = m_original.value_or(Project{});
    project.name = m_ui->nameEdit->text().trimmed();
    project.apiBaseUrl = QUrl::fromUserInput(m_ui->apiBaseUrlEdit->text().trimmed());
    project.appId = m_ui->appIdEdit->text().trimmed();
    return project;
}

bool ProjectDialog::isBusy() const
{
    return m_busy;
}

bool ProjectDialog::validateFields()
{
    m_errors.clearAll();
    m_ui->formError->hide();
    QList<FieldError> errors = ProjectStore::validate(project());
    // A new project needs its key; an edited one keeps the stored key when the field stays empty.
    if (!m_original && m_ui->appKeyEdit->text().isEmpty())
        errors.append({u"app_key"_s, tr("The project needs its App Key.")});
    for (const FieldError &error : std::as_const(errors)) {
        if (!m_errors.show(fieldKeyForPath(error.field), error.message)) {
            m_ui->formError->setText(error.message);
            m_ui->formError->show();
        }
    }
    if (QWidget *input = m_errors.firstInvalidInput())
        input->setFocus();
    return errors.isEmpty();
}

void ProjectDialog::accept()
{
    if (m_busy || !validateFields())
        return;
    const Project wanted = project();
    const bool isNew = !m_original;
    const StoreResult<Project> saved = isNew ? m_projects->add(wanted) : m_projects->update(wanted);
    if (!saved) {
        qCWarning(lcUi) << "saving project failed:" << saved.error().detail;
        m_ui->formError->setText(saved.error().message);
        m_ui->formError->show();
        return;
    }
    if (m_ui->appKeyEdit->text().isEmpty()) {
        Q_EMIT projectSaved(saved.value());
        QDialog::accept();
        return;
    }
    saveKey(saved.value(), isNew);
}

void ProjectDialog::saveKey(const Project &saved, bool isNew)
{
    setBusy(true, tr("Saving the App Key in the keychain…"));
    m_secrets->write(SecretStore::appKeyName(saved.id), m_ui->appKeyEdit->text(), this,
                     [this, saved, isNew](const SecretStore::Result &result) {
                         setBusy(false);
                         if (!result.ok) {
                             qCWarning(lcUi)
                                 << "keychain refused the App Key of project" << saved.id << ":" << result.errorMessage;
                             // A new project without its key could never connect: do not keep it half-made.
                             if (isNew)
                                 m_projects->remove(saved.id);
                             m_errors.show(u"appKey"_s, result.errorMessage);
                             return;
                         }
                         Q_EMIT projectSaved(saved);
                         QDialog::accept();
                     });
}

void ProjectDialog::testConnection()
{
    if (m_busy)
        return;
    m_ui->testResultLabel->clear();
    m_errors.clearAll();
    const Project typed = project();
    const QList<FieldError> errors = ProjectStore::validate(typed);
    if (!errors.isEmpty()) {
        for (const FieldError &error : errors)
            m_errors.show(fieldKeyForPath(error.field), error.message);
        return;
    }
    if (!m_ui->appKeyEdit->text().isEmpty()) {
        runTest(m_connector->openWithKey(typed.apiBaseUrl, typed.appId, m_ui->appKeyEdit->text()));
        return;
    }
    if (!m_original) {
        m_errors.show(u"appKey"_s, tr("Type the App Key to test the connection."));
        return;
    }
    // Editing with the key left as stored: test with the stored key and the typed address.
    setBusy(true, tr("Reading the App Key…"));
    m_connector->open(typed, this, [this](std::unique_ptr<VideoPlatform> platform, const QString &error) {
        setBusy(false);
        if (!platform) {
            m_ui->testResultLabel->setText(error);
            return;
        }
        runTest(std::move(platform));
    });
}

void ProjectDialog::runTest(std::unique_ptr<VideoPlatform> platform)
{
    m_testPlatform = std::move(platform);
    setBusy(true, tr("Connecting…"));
    m_testPlatform->listRooms(this, [this](PlatformResult<QList<Room>> result) {
        setBusy(false);
        if (result)
            m_ui->testResultLabel->setText(tr("Connected: the project has %1 room(s).").arg(result.value().size()));
        else
            m_ui->testResultLabel->setText(result.error().message());
        m_ui->testResultLabel->setStyleSheet(result ? u"color: #1e7b34;"_s : u"color: #c0392b;"_s);
    });
}

void ProjectDialog::setBusy(bool busy, const QString &status)
{
    m_busy = busy;
    m_ui->busySpinner->setRunning(busy);
    if (!status.isEmpty() || !busy)
        m_ui->testResultLabel->setText(status);
    m_ui->testResultLabel->setStyleSheet(QString());
    m_ui->testConnectionButton->setEnabled(!busy);
    m_ui->buttonBox->button(QDialogButtonBox::Save)->setEnabled(!busy);
}

} // namespace confero
