#include "SecretStore.h"

#include "Logging.h"

#include <QEventLoop>
#include <QPointer>

#include <qt6keychain/keychain.h>

namespace confero {

using namespace Qt::StringLiterals;

namespace {

const QString kService = u"confero"_s;

// QtKeychain reports a missing Secret Service in several ways depending on the backend it tried
// (libsecret, the D-Bus Secret Service API, KWallet): treat all of them as "no keychain".
bool looksLikeNoKeychain(QKeychain::Error error, const QString &text)
{
    if (error == QKeychain::NoBackendAvailable || error == QKeychain::NotImplemented)
        return true;
    if (error != QKeychain::OtherError && error != QKeychain::AccessDenied)
        return false;
    static const char *const hints[] = {"dbus",
                                        "d-bus",
                                        "org.freedesktop",
                                        "secret service",
                                        "secrets service",
                                        "no such file",
                                        "connection refused",
                                        "kwallet",
                                        "not provided by any .service",
                                        "no backend",
                                        "cannot autolaunch",
                                        "unknown"};
    const QString lower = text.toLower();
    for (const char *hint : hints) {
        if (lower.contains(QLatin1String(hint)))
            return true;
    }
    return false;
}

QString messageFor(QKeychain::Error error, const QString &text, const QString &key)
{
    if (looksLikeNoKeychain(error, text))
        return SecretStore::noKeychainMessage();
    switch (error) {
    case QKeychain::EntryNotFound:
        return SecretStore::tr("The keychain holds no secret for %1. Enter it again in the project's "
                               "settings.")
            .arg(key);
    case QKeychain::AccessDeniedByUser:
        return SecretStore::tr("Access to the keychain was denied. Allow Confero to use it and try again.");
    case QKeychain::AccessDenied:
        return SecretStore::tr("The keychain refused access. Unlock it and try again.");
    case QKeychain::CouldNotDeleteEntry:
        return SecretStore::tr("The keychain could not delete the secret for %1.").arg(key);
    default:
        return SecretStore::tr("The keychain could not complete the request. Check that it is "
                               "unlocked and try again.");
    }
}

template<typename Job>
void runJob(Job *job, const QString &key, QObject *context, SecretStore::Callback done,
            std::function<QString(Job *)> valueOf)
{
    job->setAutoDelete(true);
    job->setInsecureFallback(false);
    job->setKey(key);
    QObject::connect(job, &QKeychain::Job::finished, context,
                     [key, done = std::move(done), valueOf = std::move(valueOf)](QKeychain::Job *finished) {
                         SecretStore::Result result;
                         if (finished->error() == QKeychain::NoError) {
                             result.ok = true;
                             if (valueOf)
                                 result.value = valueOf(static_cast<Job *>(finished));
                         } else {
                             result.errorMessage = messageFor(finished->error(), finished->errorString(), key);
                             // The error text names the key and the backend, never the secret.
                             qCInfo(lcConfig).noquote()
                                 << "keychain:" << key << "error" << finished->error() << finished->errorString();
                         }
                         done(result);
                     });
    job->start();
}

} // namespace

SecretStore::SecretStore(QObject *parent)
    : QObject(parent)
{
}

QString SecretStore::noKeychainMessage()
{
    return tr("No keychain is available (no D-Bus session or Secret Service is running). Confero "
              "keeps App Keys only in the OS keychain; start a desktop session or gnome-keyring and "
              "try again.");
}

QString SecretStore::appKeyName(qint64 projectId)
{
    return u"app-key/%1"_s.arg(projectId);
}

void SecretStore::write(const QString &key, const QString &secret, QObject *context, Callback done)
{
    auto *job = new QKeychain::WritePasswordJob(kService, this);
    job->setTextData(secret);
    runJob<QKeychain::WritePasswordJob>(job, key, context ? context : this, std::move(done), {});
}

void SecretStore::read(const QString &key, QObject *context, Callback done)
{
    auto *job = new QKeychain::ReadPasswordJob(kService, this);
    runJob<QKeychain::ReadPasswordJob>(job, key, context ? context : this, std::move(done),
                                       [](QKeychain::ReadPasswordJob *j) { return j->textData(); });
}

void SecretStore::remove(const QString &key, QObject *context, Callback done)
{
    auto *job = new QKeychain::DeletePasswordJob(kService, this);
    runJob<QKeychain::DeletePasswordJob>(job, key, context ? context : this, std::move(done), {});
}

namespace {

template<typename Start>
SecretStore::Result waitFor(Start start)
{
    QEventLoop loop;
    SecretStore::Result result;
    bool finished = false;
    start(&loop, [&](SecretStore::Result r) {
        result = std::move(r);
        finished = true;
        loop.quit();
    });
    if (!finished)
        loop.exec();
    return result;
}

} // namespace

SecretStore::Result SecretStore::readNow(const QString &key)
{
    return waitFor([&](QObject *context, Callback done) { read(key, context, std::move(done)); });
}

SecretStore::Result SecretStore::writeNow(const QString &key, const QString &secret)
{
    return waitFor([&](QObject *context, Callback done) { write(key, secret, context, std::move(done)); });
}

SecretStore::Result SecretStore::removeNow(const QString &key)
{
    return waitFor([&](QObject *context, Callback done) { remove(key, context, std::move(done)); });
}

} // namespace confero
