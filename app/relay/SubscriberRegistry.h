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

    explicit SubscriberRegistry(QSqlDatabase db);

    // Returns the new token (the only time it exists outside the subscriber's hands).
    std::optional<QString> add(const QString &name, const QStringList &projects, QString *error);
    std::optional<QString> rotate(const QString &name, QString *error);
    bool revoke(const QString &name, QString *error);
    QList<Subscriber> list(QString *error) const;

    // The live (not revoked) subscriber a bearer token belongs to.
    std::optional<Subscriber> authenticate(QByteArrayView token) const;
    // Moves the cursor forward only: an old ack arriving late never moves it back.
    bool acknowledge(const QString &name, qint64 seq, QString *error);

private:
    static QString newToken();
    static QString tokenHash(QByteArrayView token);

    QSqlDatabase m_db;
};

} // namespace confero::relay
