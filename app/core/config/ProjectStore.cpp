#include "ProjectStore.h"

#include "Logging.h"
#include "store/Store.h"

#include <QDateTime>
#include <QSqlError>
#include <QSqlQuery>

namespace confero {

using namespace Qt::StringLiterals;

namespace {

const QString kCurrentProjectKey = u"current_project"_s;

QUrl normalisedUrl(QUrl url)
{
    if (!url.path().endsWith(u'/'))
        url.setPath(url.path() + u'/');
    return url;
}

Project projectFrom(const QSqlQuery &query)
{
    Project project;
    project.id = query.value(0).toLongLong();
    project.name = query.value(1).toString();
    project.apiBaseUrl = QUrl(query.value(2).toString());
    project.appId = query.value(3).toString();
    project.isSandbox = query.value(4).toInt() != 0;
    return project;
}

const QString kSelect = u"SELECT id, name, api_base_url, app_id, is_sandbox FROM projects "_s;

} // namespace

ProjectStore::ProjectStore(Store *store, QObject *parent)
    : QObject(parent)
    , m_store(store)
{
}

QList<FieldError> ProjectStore::validate(const Project &project)
{
    QList<FieldError> errors;
    if (project.name.trimmed().isEmpty())
        errors.append({u"name"_s, tr("The project needs a name.")});
    const QUrl &url = project.apiBaseUrl;
    if (!url.isValid() || (url.scheme() != u"https" && url.scheme() != u"http") || url.host().isEmpty())
        errors.append({u"api_base_url"_s,
                       tr("The API address must be an http:// or https:// address, e.g. "
                          "https://api.enablex.io/video/v2/.")});
    if (project.appId.trimmed().isEmpty())
        errors.append({u"app_id"_s, tr("The project needs its App ID.")});
    return errors;
}

QList<Project> ProjectStore::projects() const
{
    QList<Project> list;
    QSqlQuery query(m_store->database());
    if (!query.exec(kSelect + u"ORDER BY name"_s)) {
        qCWarning(lcConfig) << "listing projects failed:" << query.lastError().text();
        return list;
    }
    while (query.next())
        list.append(projectFrom(query));
    return list;
}

std::optional<Project> ProjectStore::byId(qint64 id) const
{
    QSqlQuery query(m_store->database());
    query.prepare(kSelect + u"WHERE id = ?"_s);
    query.addBindValue(id);
    if (query.exec() && query.next())
        return projectFrom(query);
    return std::nullopt;
}

std::optional<Project> ProjectStore::byName(const QString &name) const
{
    QSqlQuery query(m_store->database());
    query.prepare(kSelect + u"WHERE name = ?"_s);
    query.addBindValue(name.trimmed());
    if (query.exec() && query.next())
        return projectFrom(query);
    return std::nullopt;
}

StoreResult<Project> ProjectStore::add(Project project)
{
    project.name = project.name.trimmed();
    project.appId = project.appId.trimmed();
    const QList<FieldError> errors = validate(project);
    if (!errors.isEmpty())
        return StoreError{errors.constFirst().message, {}};
    if (byName(project.name))
        return StoreError{tr("A project named \"%1\" already exists.").arg(project.name), {}};
    project.apiBaseUrl = normalisedUrl(project.apiBaseUrl);

    QSqlQuery query(m_store->database());
    // RETURNING works on SQLite (3.35+) and PostgreSQL alike, where lastInsertId() does not.
    query.prepare(u"INSERT INTO projects (name, api_base_url, app_id, is_sandbox, created_at) "
                  "VALUES (?, ?, ?, ?, ?) RETURNING id"_s);
    query.addBindValue(project.name);
    query.addBindValue(project.apiBaseUrl.toString());
    query.addBindValue(project.appId);
    query.addBindValue(project.isSandbox ? 1 : 0);
    query.addBindValue(QDateTime::currentMSecsSinceEpoch());
    if (!query.exec() || !query.next())
        return StoreError{tr("Could not save the project \"%1\".").arg(project.name), query.lastError().text()};
    project.id = query.value(0).toLongLong();
    qCInfo(lcConfig).noquote() << "added project" << project.id << project.name;
    Q_EMIT projectsChanged();
    return project;
}

StoreResult<Project> ProjectStore::update(const Project &input)
{
    Project project = input;
    project.name = project.name.trimmed();
    project.appId = project.appId.trimmed();
    const QList<FieldError> errors = validate(project);
    if (!errors.isEmpty())
        return StoreError{errors.constFirst().message, {}};
    const std::optional<Project> sameName = byName(project.name);
    if (sameName && sameName->id != project.id)
        return StoreError{tr("A project named \"%1\" already exists.").arg(project.name), {}};
    project.apiBaseUrl = normalisedUrl(project.apiBaseUrl);

    QSqlQuery query(m_store->database());
    query.prepare(u"UPDATE projects SET name = ?, api_base_url = ?, app_id = ?, is_sandbox = ? WHERE id = ?"_s);
    query.addBindValue(project.name);
    query.addBindValue(project.apiBaseUrl.toString());
    query.addBindValue(project.appId);
    query.addBindValue(project.isSandbox ? 1 : 0);
    query.addBindValue(project.id);
    if (!query.exec())
        return StoreError{tr("Could not save the project \"%1\".").arg(project.name), query.lastError().text()};
    if (query.numRowsAffected() == 0)
        return StoreError{tr("The project \"%1\" no longer exists.").arg(project.name), {}};
    Q_EMIT projectsChanged();
    return project;
}

StoreResult<bool> ProjectStore::remove(qint64 id)
{
    const std::optional<Project> current = this->current();
    QSqlQuery query(m_store->database());
    query.prepare(u"DELETE FROM projects WHERE id = ?"_s);
    query.addBindValue(id);
    if (!query.exec())
        return StoreError{tr("Could not remove the project."), query.lastError().text()};
    if (query.numRowsAffected() == 0)
        return StoreError{tr("That project does not exist."), {}};
    if (current && current->id == id) {
        QSqlQuery clear(m_store->database());
        clear.prepare(u"DELETE FROM app_state WHERE key = ?"_s);
        clear.addBindValue(kCurrentProjectKey);
        clear.exec();
        Q_EMIT currentChanged(0);
    }
    Q_EMIT projectsChanged();
    return true;
}

std::optional<Project> ProjectStore::current() const
{
    QSqlQuery query(m_store->database());
    query.prepare(u"SELECT value FROM app_state WHERE key = ?"_s);
    query.addBindValue(kCurrentProjectKey);
    if (!query.exec() || !query.next())
        return std::nullopt;
    return byId(query.value(0).toLongLong());
}

void ProjectStore::setCurrent(qint64 id)
{
    QSqlQuery query(m_store->database());
    query.prepare(u"INSERT INTO app_state (key, value) VALUES (?, ?) "
                  "ON CONFLICT (key) DO UPDATE SET value = excluded.value"_s);
    query.addBindValue(kCurrentProjectKey);
    query.addBindValue(QString::number(id));
    if (!query.exec()) {
        qCWarning(lcConfig) << "saving the current project failed:" << query.lastError().text();
        return;
    }
    Q_EMIT currentChanged(id);
}

Project ProjectStore::ensureSandboxProject(const QUrl &apiBaseUrl, const QString &appId)
{
    QSqlQuery query(m_store->database());
    if (query.exec(kSelect + u"WHERE is_sandbox = 1 ORDER BY id LIMIT 1"_s) && query.next()) {
        Project project = projectFrom(query);
        query.finish();
        project.apiBaseUrl = apiBaseUrl;
        project.appId = appId;
        const StoreResult<Project> saved = update(project);
        if (saved)
            return saved.value();
        qCWarning(lcConfig).noquote() << "updating the sandbox project failed:" << saved.error().message
                                      << saved.error().detail;
        return {};
    }
    Project project;
    project.name = byName(u"Sandbox"_s) ? u"Sandbox (local)"_s : u"Sandbox"_s;
    project.apiBaseUrl = apiBaseUrl;
    project.appId = appId;
    project.isSandbox = true;
    const StoreResult<Project> added = add(project);
    if (added)
        return added.value();
    qCWarning(lcConfig).noquote() << "creating the sandbox project failed:" << added.error().message
                                  << added.error().detail;
    return {};
}

} // namespace confero
