#include "SubscriberRegistry.h"

#include "Digest.h"
#include "FrameSignature.h"
#include "RelayProjects.h"
#include "SubscriberToken.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QRandomGenerator>
#include <QSqlError>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace confero::relay {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("confero::relay::SubscriberRegistry", text);
}

} // namespace

SubscriberRegistry::SubscriberRegistry(const QSqlDatabase &db, const QByteArray &masterKey)
    : m_db(db)
    , m_masterKey(masterKey)
{
}

QString SubscriberRegistry::newToken(const QString &name) const
{
    protocol::SubscriberToken token;
    token.secret = QByteArray(32, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(token.secret.data()), 32 / 4);
    token.key = protocol::FrameSignature::deriveSubscriberKey(m_masterKey, name);
    return token.toString();
}

QString SubscriberRegistry::tokenHash(QByteArrayView token)
{
    return QString::fromLatin1(protocol::Digest::sha256(token).toHex());
}

std::optional<QString> SubscriberRegistry::add(const QString &name, const QStringList &projects, QString *error)
{
    if (!RelayProjects::isValidName(name)) {
        *error =
            tr("A subscriber name is 1 to 64 letters, digits, dots, dashes or underscores: \"%1\" is not.").arg(name);
        return std::nullopt;
    }
    RelayProjects known(m_db);
    if (projects.isEmpty()) {
        *error = tr("Name the projects the subscriber may read (--projects A,B).");
        return std::nullopt;
    }
    for (const QString &project : projects) {
        if (!known.find(project)) {
            *error = tr("There is no project named \"%1\"; add it first (confero-relay projects add).").arg(project);
            return std::nullopt;
        }
    }
    const QString token = newToken(name);
    QSqlQuery query(m_db);
    query.prepare(u"INSERT INTO subscribers (name, token_sha256, projects, acked_seq, revoked, created_at) "
                  "VALUES (?, ?, ?, 0, 0, ?)"_s);
    query.addBindValue(name);
    query.addBindValue(tokenHash(token.toLatin1()));
    query.addBindValue(projects.join(u','));
    query.addBindValue(QDateTime::currentMSecsSinceEpoch());
    if (!query.exec()) {
        *error = tr("Could not add the subscriber \"%1\" (is the name taken?): %2").arg(name, query.lastError().text());
        return std::nullopt;
    }
    return token;
}

std::optional<QString> SubscriberRegistry::rotate(const QString &name, QString *error)
{
    const QString token = newToken(name);
    QSqlQuery query(m_db);
    query.prepare(u"UPDATE subscribers SET token_sha256 = ?, revoked = 0 WHERE name = ?"_s);
    query.addBindValue(tokenHash(token.toLatin1()));
    query.addBindValue(name);
    if (!query.exec() || query.numRowsAffected() != 1) {
        *error = query.lastError().type() == QSqlError::NoError
            ? tr("There is no subscriber named \"%1\".").arg(name)
            : tr("Could not rotate the token: %1").arg(query.lastError().text());
        return std::nullopt;
    }
    return token;
}

bool SubscriberRegistry::revoke(const QString &name, QString *error)
{
    QSqlQuery query(m_db);
    query.prepare(u"UPDATE subscribers SET revoked = 1 WHERE name = ?"_s);
    query.addBindValue(name);
    if (!query.exec() || query.numRowsAffected() != 1) {
        *error = query.lastError().type() == QSqlError::NoError
            ? tr("There is no subscriber named \"%1\".").arg(name)
            : tr("Could not revoke the subscriber: %1").arg(query.lastError().text());
        return false;
    }
    return true;
}

QList<SubscriberRegistry::Subscriber> SubscriberRegistry::list(QString *error) const
{
    QList<Subscriber> subscribers;
    QSqlQuery query(m_db);
    if (!query.exec(u"SELECT name, projects, acked_seq, revoked FROM subscribers ORDER BY name"_s)) {
        *error = tr("Could not read the subscribers: %1").arg(query.lastError().text());
        return subscribers;
    }
    while (query.next())
        subscribers.append({query.value(0).toString(), query.value(1).toString().split(u',', Qt::SkipEmptyParts),
                            query.value(2).toLongLong(), query.value(3).toBool()});
    return subscribers;
}

std::optional<SubscriberRegistry::Subscriber> SubscriberRegistry::authenticate(QByteArrayView token) const
{
    if (token.isEmpty())
        return std::nullopt;
    // Looked up by the token's hash: the comparison is the database's index lookup on a hash, so its
    // timing says nothing about the token itself.
    QSqlQuery query(m_db);
    query.prepare(u"SELECT name, projects, acked_seq, revoked FROM subscribers WHERE token_sha256 = ?"_s);
    query.addBindValue(tokenHash(token));
    if (!query.exec() || !query.next() || query.value(3).toBool())
        return std::nullopt;
    return Subscriber{query.value(0).toString(), query.value(1).toString().split(u',', Qt::SkipEmptyParts),
                      query.value(2).toLongLong(), false};
}

bool SubscriberRegistry::acknowledge(const QString &name, qint64 seq, QString *error)
{
    QSqlQuery query(m_db);
    query.prepare(u"UPDATE subscribers SET acked_seq = ? WHERE name = ? AND acked_seq < ?"_s);
    query.addBindValue(seq);
    query.addBindValue(name);
    query.addBindValue(seq);
    if (!query.exec()) {
        *error = tr("Could not record the acknowledgement: %1").arg(query.lastError().text());
        return false;
    }
    return true;
}

} // namespace confero::relay
