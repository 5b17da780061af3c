// confero-sandbox: the EnableX Video API emulator, headless (DESIGN.md "Command-line contract").

#include "Logging.h"
#include "SandboxServer.h"
#include "SelfSignedCertificate.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QTextStream>

#include <cstdio>

using namespace Qt::StringLiterals;
using confero::sandbox::SandboxOptions;
using confero::sandbox::SandboxServer;

namespace {

int fail(const QString &message)
{
    QTextStream(stderr) << "confero-sandbox: " << message << Qt::endl;
    return 1;
}

// "127.0.0.1:8080", "[::1]:8080", "0.0.0.0:0".
bool parseListen(const QString &text, QHostAddress *address, quint16 *port)
{
    const qsizetype colon = text.lastIndexOf(u':');
    if (colon <= 0)
        return false;
    QString host = text.first(colon);
    if (host.startsWith(u'[') && host.endsWith(u']'))
        host = host.sliced(1, host.size() - 2);
    bool ok = false;
    const uint number = text.sliced(colon + 1).toUInt(&ok);
    if (host == u"localhost")
        host = u"127.0.0.1"_s;
    if (!ok || number > 65535 || !address->setAddress(host))
        return false;
    *port = quint16(number);
    return true;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setOrganizationName(u"Confero"_s);
    QCoreApplication::setApplicationName(u"confero"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(CONFERO_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"Emulates the EnableX Video API v2 on this machine: rooms, tokens, live users, fault injection "
        "and a loopback-only control surface under /sandbox/."_s);
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption listen(u"listen"_s, u"Address and port to listen on; port 0 picks a free one."_s,
                                    u"ADDR:PORT"_s, u"127.0.0.1:0"_s);
    const QCommandLineOption appId(u"app-id"_s, u"App ID clients must send as the Basic user name."_s, u"ID"_s);
    const QCommandLineOption appKey(u"app-key"_s, u"App Key clients must send as the Basic password."_s, u"KEY"_s);
    const QCommandLineOption state(u"state"_s, u"Keep rooms and tokens in this JSON file across restarts."_s,
                                   u"FILE"_s);
    const QCommandLineOption tlsCert(u"tls-cert"_s, u"Serve HTTPS with this PEM certificate (with --tls-key)."_s,
                                     u"FILE"_s);
    const QCommandLineOption tlsKey(u"tls-key"_s, u"PEM private key of --tls-cert."_s, u"FILE"_s);
    const QCommandLineOption demoRooms(u"demo-rooms"_s, u"Create four demo rooms when the state is empty."_s);
    const QCommandLineOption makeCert(u"make-cert"_s,
                                      u"Write a self-signed certificate and key for 127.0.0.1 and localhost "
                                      "into DIR (sandbox-cert.pem, sandbox-key.pem), then exit."_s,
                                      u"DIR"_s);
    const QCommandLineOption simulateDays(u"simulate-days"_s,
                                          u"Generate D days of CDR history ending yesterday (UTC), regenerated "
                                          "from the seed at every start, never saved."_s,
                                          u"D"_s);
    const QCommandLineOption sessionsPerDay(u"sessions-per-day"_s, u"Sessions per simulated day (default 40)."_s,
                                            u"N"_s, u"40"_s);
    const QCommandLineOption seed(u"seed"_s, u"Seed of the simulated history (default 1)."_s, u"S"_s, u"1"_s);
    const QCommandLineOption recordingUser(
        u"recording-user"_s, u"User name of the recording-file Basic auth (default recordings)."_s, u"NAME"_s);
    const QCommandLineOption recordingPassword(
        u"recording-password"_s,
        u"Password of the recording-file Basic auth, 10 characters or more (default: random, shown by GET "
        "/sandbox/archive/credentials)."_s,
        u"PASSWORD"_s);
    const QCommandLineOption mediaCache(
        u"media-cache"_s, u"Folder of the generated recording media (made once with ffmpeg)."_s, u"DIR"_s);
    parser.addOptions({listen, appId, appKey, state, tlsCert, tlsKey, demoRooms, makeCert, simulateDays, sessionsPerDay,
                       seed, recordingUser, recordingPassword, mediaCache});
    parser.process(app);

    if (parser.isSet(makeCert)) {
        const QDir dir(parser.value(makeCert));
        if (!QDir().mkpath(dir.absolutePath()))
            return fail(u"cannot create the folder %1"_s.arg(dir.absolutePath()));
        const QString certPath = dir.absoluteFilePath(u"sandbox-cert.pem"_s);
        const QString keyPath = dir.absoluteFilePath(u"sandbox-key.pem"_s);
        QString error;
        if (!confero::http::SelfSignedCertificate::generate(certPath, keyPath, {u"127.0.0.1"_s, u"localhost"_s},
                                                            &error))
            return fail(u"cannot write a self-signed certificate: %1"_s.arg(error));
        QTextStream(stdout) << "certificate " << certPath << "\nkey " << keyPath << Qt::endl;
        return 0;
    }

    if (!parser.isSet(appId) || !parser.isSet(appKey) || parser.value(appId).isEmpty()
        || parser.value(appKey).isEmpty())
        return fail(u"--app-id and --app-key are required (the Basic credentials clients must send)"_s);
    QHostAddress address;
    quint16 port = 0;
    if (!parseListen(parser.value(listen), &address, &port))
        return fail(u"--listen wants ADDR:PORT, such as 127.0.0.1:8080; got \"%1\""_s.arg(parser.value(listen)));
    if (parser.isSet(tlsCert) != parser.isSet(tlsKey))
        return fail(u"--tls-cert and --tls-key go together"_s);
    const bool tls = parser.isSet(tlsCert);
    // The App Key travels in every request: off this machine it must not travel in clear text.
    if (!address.isLoopback() && !tls)
        return fail(u"refusing to listen on %1 without TLS; use a loopback address or give --tls-cert and "
                    "--tls-key"_s.arg(address.toString()));

    SandboxOptions options;
    options.appId = parser.value(appId);
    options.appKey = parser.value(appKey);
    options.stateFile = parser.value(state);
    options.demoRooms = parser.isSet(demoRooms);
    if (parser.isSet(recordingPassword) && parser.value(recordingPassword).size() < 10)
        return fail(u"--recording-password needs at least 10 characters, as the platform's portal requires"_s);
    options.recordingUser = parser.value(recordingUser);
    options.recordingPassword = parser.value(recordingPassword);
    options.mediaCacheDir = parser.value(mediaCache);
    SandboxServer server(options);
    if (tls) {
        QString error;
        const std::optional<QSslConfiguration> configuration =
            confero::http::SelfSignedCertificate::loadServerConfiguration(parser.value(tlsCert), parser.value(tlsKey),
                                                                          &error);
        if (!configuration)
            return fail(u"cannot use the TLS certificate: %1"_s.arg(error));
        server.setTls(*configuration);
    }
    QString error;
    if (!server.start(address, port, &error))
        return fail(error);

    if (parser.isSet(simulateDays)) {
        bool daysOk = false;
        bool perDayOk = false;
        bool seedOk = false;
        confero::sandbox::CdrSimulationPlan plan;
        plan.days = parser.value(simulateDays).toInt(&daysOk);
        plan.sessionsPerDay = parser.value(sessionsPerDay).toInt(&perDayOk);
        plan.seed = parser.value(seed).toULongLong(&seedOk);
        plan.endDate = server.clock().now().toUTC().date().addDays(-1);
        if (!daysOk || !perDayOk || !seedOk || plan.days < 1 || plan.sessionsPerDay < 1)
            return fail(u"--simulate-days and --sessions-per-day want positive whole numbers, --seed a whole "
                        "number 0 or more"_s);
        const std::optional<qsizetype> rows = server.simulateCdr(plan, &error);
        if (!rows)
            return fail(u"cannot simulate CDR history: %1"_s.arg(error));
        QTextStream(stderr) << "simulated " << *rows << " CDR rows over " << plan.days << " days" << Qt::endl;
    }

    QTextStream out(stdout);
    out << "listening on " << server.apiBaseUrl().adjusted(QUrl::RemovePath).toString() << Qt::endl;
    std::fflush(stdout);
    return QCoreApplication::exec();
}
