#include "RelayProjects.h"

#include "Digest.h"
#include "FrameSignature.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace confero::relay {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("confero::relay::RelayProjects", text);
}

QByteArray credentialsHash(QByteArrayView credentials)
{
    return protocol::Digest::sha256(credentials).toHex();
}

} // namespace

RelayProjects::RelayProjects(const QSqlDatabase &db)
    : m_db(db)
{
}

bool RelayProjects::isValidName(const QString &name)
{
    static const QRegularExpression pattern(u"^[A-Za-z0-9._-]{1,64}$"_s);
    return pattern.match(name).hasMatch();
}

bool RelayProjects::add(const QString &name, const QString &basicAuth, QString *error)
{
    if (!isValidName(name)) {
        *error = tr("A project name is 1 to 64 letters, digits, dots, dashes or underscores: \"%1\" is not.").arg(name);
        return false;
    }
    if (!basicAuth.isEmpty() && (!basicAuth.contains(u':') || basicAuth.startsWith(u':'))) {
        *error = tr("Basic credentials are written USER:PASSWORD.");
        return false;
    }
    if (find(name)) {
        *error = tr("There is already a project named \"%1\".").arg(name);
        return false;
    }
    QSqlQuery query(m_db);
    query.prepare(u"INSERT INTO projects (name, basic_auth_sha256, created_at) VALUES (?, ?, ?)"_s);
    query.addBindValue(name);
    // An empty (not null) text: a null QString binds as NULL.
    query.addBindValue(basicAuth.isEmpty() ? u""_s : QString::fromLatin1(credentialsHash(basicAuth.toUtf8())));
    query.addBindValue(QDateTime::currentMSecsSinceEpoch());
    if (!query.exec()) {
        *error = tr("Could not save the project: %1").arg(query.lastError().text());
        return false;
    }
    return true;
}

bool RelayProjects::setBasicAuth(const QString &name, const QString &basicAuth, QString *error)
{
    if (!basicAuth.isEmpty() && (!basicAuth.contains(u':') || basicAuth.startsWith(u':'))) {
        *error = tr("Basic credentials are written USER:PASSWORD.");
        return false;
    }
    QSqlQuery query(m_db);
    query.prepare(u"UPDATE projects SET basic_auth_sha256 = ? WHERE name = ?"_s);
    query.addBindValue(basicAuth.isEmpty() ? u""_s : QString::fromLatin1(credentialsHash(basicAuth.toUtf8())));
    query.addBindValue(name);
    if (!query.exec() || query.numRowsAffected() != 1) {
        *error = query.lastError().type() == QSqlError::NoError
            ? tr("There is no project named \"%1\".").arg(name)
            : tr("Could not save the project: %1").arg(query.lastError().text());
        return false;
    }
    return true;
}

std::optional<RelayProjects::Project> RelayProjects::find(const QString &name, QString *error) const
{
    QSqlQuery query(m_db);
    query.prepare(u"SELECT name, basic_auth_sha256 FROM projects WHERE name = ?"_s);
    query.addBindValue(name);
    if (!query.exec()) {
        if (error)
            *error = tr("Could not read the projects: %1").arg(query.lastError().text());
        return std::nullopt;
    }
    if (!query.next())
        return std::nullopt;
    return Project{query.value(0).toString(), query.value(1).toString().toLatin1()};
}

QList<RelayProjects::Project> RelayProjects::list(QString *error) const
{
    QList<Project> projects;
    QSqlQuery query(m_db);
    if (!query.exec(u"SELECT name, basic_auth_sha256 FROM projects ORDER BY name"_s)) {
        *error = tr("Could not read the projects: %1").arg(query.lastError().text());
        return projects;
    }
    while (query.next())
        projects.append({query.value(0).toString(), query.value(1).toString().toLatin1()});
    return projects;
}

bool RelayProjects::isAuthorized(const Project &project, QByteArrayView authorization)
{
    if (project.basicAuthSha256.isEmpty())
        return true;
    const QByteArrayView scheme = "Basic ";
    if (!authorization.startsWith(scheme))
        return false;
    const auto decoded = QByteArray::fromBase64Encoding(authorization.sliced(scheme.size()).trimmed().toByteArray());
    if (!decoded)
        return false;
    // Hashing first makes the comparison's length fixed whatever was sent.
    return protocol::FrameSignature::constantTimeEquals(credentialsHash(*decoded), project.basicAuthSha256);
}

} // namespace confero::relay
