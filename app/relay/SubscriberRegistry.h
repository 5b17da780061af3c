#pragma once

#include <QByteArray>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>

#include <optional>

namespace confero::relay {

// The consoles allowed to stream (table `subscribers`). A subscriber's bearer token is shown once,
// when it is made, and kept only as a SHA-256; its projects bound what it may read; `acked_seq` is
// the cursor it resumes from.
class SubscriberRegistry
{
public:
    struct Subscriber
    {
        QString name;
        QStringList projects;
        qint64 ackedSeq = 0;
        bool revoked = false;
    };

    // `masterKey` (MasterKey) derives each subscriber's signing key, which its token carries.
    SubscriberRegistry(const QSqlDatabase &db, const QByteArray &masterKey);

    // Returns the new token (protocol::SubscriberToken: the only time it exists outside the
    // subscriber's hands).
    std::optional<QString> add(const QString &name, const QStringList &projects, QString *error);
    // A new secret; the signing key stays (it follows the master key and the name).
    std::optional<QString> rotate(const QString &name, QString *error);
    bool revoke(const QString &name, QString *error);
    QList<Subscriber> list(QString *error) const;

    // The live (not revoked) subscriber a bearer token belongs to.
    std::optional<Subscriber> authenticate(QByteArrayView token) const;
    // Moves the cursor forward only: an old ack arriving late never moves it back.
    bool acknowledge(const QString &name, qint64 seq, QString *error);

private:
    QString newToken(const QString &name) const;
    static QString tokenHash(QByteArrayView token);

    QSqlDatabase m_db;
    QByteArray m_masterKey;
};

} // namespace confero::relay
