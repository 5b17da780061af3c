#pragma once

#include "FieldErrorDisplay.h"
#include "config/Project.h"

#include <QDialog>

#include <memory>
#include <optional>

namespace Ui {
class ProjectDialog;
}

namespace confero {

class PlatformConnector;
class ProjectStore;
class SecretStore;
class VideoPlatform;

// Adds or edits a project: name, API address, App ID and App Key. The key goes to the keychain
// through SecretStore; when that fails (no keychain on this desktop) the dialog says why and stays
// open, and a new project is not kept without its key. "Test connection" lists rooms with what is
// typed and shows the answer under the button.
class ProjectDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProjectDialog)

public:
    ProjectDialog(ProjectStore *projects, SecretStore *secrets, PlatformConnector *connector,
                  QWidget *parent = nullptr);
    ProjectDialog(ProjectStore *projects, SecretStore *secrets, PlatformConnector *connector, const Project &project,
                  QWidget *parent = nullptr);
    ~ProjectDialog() override;

    // What the fields say now (id of the project being edited, else 0).
    Project project() const;
    bool isBusy() const;

public Q_SLOTS:
    void accept() override;
    void testConnection();

Q_SIGNALS:
    void projectSaved(const confero::Project &project);

private:
    void setUpControls();
    bool validateFields();
    void saveKey(const Project &saved, bool isNew);
    void setBusy(bool busy, const QString &status = {});
    void runTest(std::unique_ptr<VideoPlatform> platform);

    std::unique_ptr<Ui::ProjectDialog> m_ui;
    ProjectStore *m_projects;
    SecretStore *m_secrets;
    PlatformConnector *m_connector;
    std::optional<Project> m_original;
    std::unique_ptr<VideoPlatform> m_testPlatform;
    FieldErrorDisplay m_errors;
    bool m_busy = false;
};

} // namespace confero
