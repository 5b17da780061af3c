#pragma once

#include <QObject>
#include <QString>

#include <functional>

namespace confero {

// Secrets (App Keys, recording-file passwords, relay tokens) in the OS keychain through QtKeychain,
// service "confero", key "<kind>/<project id>". The insecure plain-text fallback is never enabled.
// Where no keychain answers (no D-Bus session, no Secret Service) the error says so in plain words.
class SecretStore final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SecretStore)

public:
    struct Result
    {
        bool ok = false;
        QString value; // for reads
        QString errorMessage; // for a person
    };
    using Callback = std::function<void(Result)>;

    explicit SecretStore(QObject *parent = nullptr);

    static QString appKeyName(qint64 projectId);

    void write(const QString &key, const QString &secret, QObject *context, Callback done);
    void read(const QString &key, QObject *context, Callback done);
    void remove(const QString &key, QObject *context, Callback done);

    // Blocking helpers for conferoctl and tests (run a local event loop).
    Result readNow(const QString &key);
    Result writeNow(const QString &key, const QString &secret);
    Result removeNow(const QString &key);

    // The sentence shown when no keychain answers at all.
    static QString noKeychainMessage();
};

} // namespace confero
