#pragma once

#include <QSslConfiguration>
#include <QString>
#include <QStringList>

#include <optional>

namespace confero::http {

// A self-signed certificate for serving HTTPS on a development machine (the sandbox, a relay
// tried out locally). Made by the `openssl` command-line tool, which Debian ships, so no crypto
// code of our own is involved.
class SelfSignedCertificate
{
public:
    // Writes a PEM certificate to `certPath` and its private key to `keyPath` (mode 0600). The
    // certificate names `hostNames` plus localhost, 127.0.0.1 and ::1 as subject alternative names
    // and is valid for 825 days. Returns false with a sentence in `error` on failure.
    static bool generate(const QString &certPath, const QString &keyPath, const QStringList &hostNames, QString *error);

    // Loads a PEM certificate (chain) and private key into a server-side TLS configuration.
    static std::optional<QSslConfiguration> loadServerConfiguration(const QString &certPath, const QString &keyPath,
                                                                    QString *error);
};

} // namespace confero::http
