#pragma once

#include "Project.h"
#include "domain/FieldError.h"
#include "store/StoreError.h"

#include <QList>
#include <QObject>

#include <optional>

namespace confero {

class Store;

// Projects in the store's `projects` table (no secrets), plus which one is current (kept in the
// store too, so the console and conferoctl agree).
class ProjectStore final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProjectStore)

public:
    explicit ProjectStore(Store *store, QObject *parent = nullptr);

    QList<Project> projects() const;
    std::optional<Project> byId(qint64 id) const;
    std::optional<Project> byName(const QString &name) const;

    // Validates (non-empty unique name, http(s) URL, App ID) and inserts; fills `project.id`.
    StoreResult<Project> add(Project project);
    StoreResult<Project> update(const Project &input);
    StoreResult<bool> remove(qint64 id);

    std::optional<Project> current() const;
    void setCurrent(qint64 id);

    // The embedded sandbox's project: created on first use (named "Sandbox"), its URL and App ID
    // updated on every run since the sandbox picks a new port. `id` is 0 when the store refused.
    Project ensureSandboxProject(const QUrl &apiBaseUrl, const QString &appId);

    // The checks add() and update() make, for dialogs that want them before saving.
    static QList<FieldError> validate(const Project &project);

Q_SIGNALS:
    void projectsChanged();
    void currentChanged(qint64 id);

private:
    Store *m_store;
};

} // namespace confero
