#pragma once

#include <QByteArray>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>

#include <optional>

namespace confero::relay {

// The projects a relay takes webhooks for (table `projects`). A project may require HTTP Basic
// credentials on delivery, as the platform's portal offers; only a hash of "user:password" is kept.
class RelayProjects
{
public:
    struct Project
    {
        QString name;
        QByteArray basicAuthSha256; // hex; empty when the project takes webhooks without credentials
    };

    explicit RelayProjects(const QSqlDatabase &db);

    static bool isValidName(const QString &name); // letters, digits, '-', '_', '.', 1 to 64

    // `basicAuth` is "user:password" or empty. Fails with words on a bad or taken name.
    bool add(const QString &name, const QString &basicAuth, QString *error);
    // Replaces the credentials webhooks for `name` must carry (USER:PASS; empty: none).
    bool setBasicAuth(const QString &name, const QString &basicAuth, QString *error);
    std::optional<Project> find(const QString &name, QString *error = nullptr) const;
    QList<Project> list(QString *error) const;

    // True when the project needs no credentials, or `authorization` (the header's value) carries
    // the right ones; compared in constant time.
    static bool isAuthorized(const Project &project, QByteArrayView authorization);

private:
    QSqlDatabase m_db;
};

} // namespace confero::relay
