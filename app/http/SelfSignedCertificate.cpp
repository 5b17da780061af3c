#include "SelfSignedCertificate.h"

#include "Logging.h"

#include <QFile>
#include <QHostAddress>
#include <QProcess>
#include <QRegularExpression>
#include <QSslCertificate>
#include <QSslKey>
#include <QStandardPaths>

namespace confero::http {

namespace {

constexpr int kStartTimeoutMs = 10'000;
// Key generation is quick with an EC key, but a loaded machine can be slow; never hang forever.
constexpr int kFinishTimeoutMs = 60'000;

void setError(QString *error, const QString &text)
{
    if (error)
        *error = text;
}

bool restrictToOwner(const QString &path)
{
    return QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
}

} // namespace

bool SelfSignedCertificate::generate(const QString &certPath, const QString &keyPath, const QStringList &hostNames,
                                     QString *error)
{
    const QString openssl = QStandardPaths::findExecutable(QStringLiteral("openssl"));
    if (openssl.isEmpty()) {
        setError(error,
                 QStringLiteral("cannot make a certificate: the openssl program is not installed "
                                "(on Debian: apt install openssl)"));
        return false;
    }

    static const QRegularExpression validName(QStringLiteral("^[A-Za-z0-9*.:-]+$"));
    QStringList names = hostNames;
    names << QStringLiteral("localhost") << QStringLiteral("127.0.0.1") << QStringLiteral("::1");
    names.removeDuplicates();
    QStringList altNames;
    for (const QString &name : std::as_const(names)) {
        if (!validName.match(name).hasMatch()) {
            setError(error,
                     QStringLiteral("cannot make a certificate for \"%1\": not a host name or address").arg(name));
            return false;
        }
        QHostAddress address;
        altNames << (address.setAddress(name) ? QStringLiteral("IP:") + address.toString()
                                              : QStringLiteral("DNS:") + name);
    }

    // The key file exists with owner-only permissions before openssl writes the key into it.
    QFile keyFile(keyPath);
    if (!keyFile.open(QIODevice::WriteOnly | QIODevice::Truncate) || !restrictToOwner(keyPath)) {
        setError(error, QStringLiteral("cannot write the key file %1: %2").arg(keyPath, keyFile.errorString()));
        return false;
    }
    keyFile.close();

    const QStringList arguments = {
        QStringLiteral("req"),
        QStringLiteral("-x509"),
        QStringLiteral("-nodes"),
        QStringLiteral("-newkey"),
        QStringLiteral("ec"),
        QStringLiteral("-pkeyopt"),
        QStringLiteral("ec_paramgen_curve:prime256v1"),
        QStringLiteral("-keyout"),
        keyPath,
        QStringLiteral("-out"),
        certPath,
        QStringLiteral("-days"),
        QStringLiteral("825"),
        QStringLiteral("-subj"),
        QStringLiteral("/CN=") + names.first(),
        QStringLiteral("-addext"),
        QStringLiteral("subjectAltName=") + altNames.join(QLatin1Char(',')),
    };
    QProcess process;
    process.setProcessChannelMode(QProcess::SeparateChannels);
    process.start(openssl, arguments);
    if (!process.waitForStarted(kStartTimeoutMs)) {
        setError(error, QStringLiteral("cannot run openssl: %1").arg(process.errorString()));
        QFile::remove(keyPath);
        return false;
    }
    if (!process.waitForFinished(kFinishTimeoutMs)) {
        process.kill();
        process.waitForFinished(kStartTimeoutMs);
        setError(
            error,
            QStringLiteral("openssl did not finish making the certificate within %1 s").arg(kFinishTimeoutMs / 1000));
        QFile::remove(keyPath);
        return false;
    }
    if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
        const QString detail = QString::fromLocal8Bit(process.readAllStandardError()).trimmed();
        setError(error, QStringLiteral("openssl could not make the certificate: %1").arg(detail));
        QFile::remove(keyPath);
        return false;
    }
    if (!restrictToOwner(keyPath)) {
        setError(error, QStringLiteral("cannot restrict the permissions of the key file %1").arg(keyPath));
        return false;
    }
    qCInfo(lcHttp) << "made a self-signed certificate" << certPath << "for" << names;
    return true;
}

std::optional<QSslConfiguration> SelfSignedCertificate::loadServerConfiguration(const QString &certPath,
                                                                                const QString &keyPath, QString *error)
{
    QFile certFile(certPath);
    if (!certFile.open(QIODevice::ReadOnly)) {
        setError(error, QStringLiteral("cannot read the certificate %1: %2").arg(certPath, certFile.errorString()));
        return std::nullopt;
    }
    const QList<QSslCertificate> chain = QSslCertificate::fromData(certFile.readAll(), QSsl::Pem);
    if (chain.isEmpty() || chain.first().isNull()) {
        setError(error, QStringLiteral("%1 holds no PEM certificate").arg(certPath));
        return std::nullopt;
    }

    QFile keyFile(keyPath);
    if (!keyFile.open(QIODevice::ReadOnly)) {
        setError(error, QStringLiteral("cannot read the private key %1: %2").arg(keyPath, keyFile.errorString()));
        return std::nullopt;
    }
    const QByteArray keyData = keyFile.readAll();
    QSslKey key;
    // The PEM does not always name its algorithm ("BEGIN PRIVATE KEY"): try the usual ones.
    for (QSsl::KeyAlgorithm algorithm : {QSsl::Ec, QSsl::Rsa, QSsl::Dsa}) {
        key = QSslKey(keyData, algorithm, QSsl::Pem, QSsl::PrivateKey);
        if (!key.isNull())
            break;
    }
    if (key.isNull()) {
        setError(error, QStringLiteral("%1 holds no unencrypted PEM private key").arg(keyPath));
        return std::nullopt;
    }

    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    configuration.setLocalCertificateChain(chain);
    configuration.setPrivateKey(key);
    configuration.setPeerVerifyMode(QSslSocket::VerifyNone); // clients do not present certificates
    configuration.setProtocol(QSsl::SecureProtocols);
    return configuration;
}

} // namespace confero::http
