// confero-relay: the webhook relay, headless (docs/ARCHITECTURE.md "Command-line contract").
//   confero-relay serve --listen ADDR:PORT --db FILE|URL [--tls-cert F --tls-key F] [--key-file F]
//   (--db: a SQLite file, or a postgresql:// URL that several relays share; then --key-file too)
//   confero-relay projects add NAME [--basic-auth USER:PASS] --db FILE | projects list --db FILE
//   confero-relay subscribers add NAME --projects A,B --db FILE   (prints the token once)
//   confero-relay subscribers list | revoke NAME | rotate NAME --db FILE

#include "Logging.h"
#include "MasterKey.h"
#include "RelayDatabase.h"
#include "RelayProjects.h"
#include "RelayServer.h"
#include "SelfSignedCertificate.h"
#include "SubscriberRegistry.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QTextStream>

using namespace Qt::StringLiterals;
using namespace confero;
using namespace confero::relay;

namespace {

int fail(const QString &message, int code = 1)
{
    QTextStream(stderr) << "confero-relay: " << message << Qt::endl;
    return code;
}

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

// The admin commands run against the database directly, as short-lived processes beside `serve`
// (SQLite's locking keeps them apart from the running relay's writer).
int runAdmin(const QStringList &positional, const QCommandLineParser &parser, const QCommandLineOption &db,
             const QCommandLineOption &keyFile, const QCommandLineOption &basicAuth, const QCommandLineOption &projects)
{
    if (!parser.isSet(db))
        return fail(u"give the database with --db FILE"_s, 2);
    QString error;
    // Subscribers' tokens carry their signing keys, derived from the master key.
    const QByteArray masterKey = MasterKey::loadOrCreate(
        parser.isSet(keyFile) ? parser.value(keyFile) : MasterKey::defaultPath(parser.value(db)), &error);
    if (masterKey.isEmpty())
        return fail(error);
    const QString connection = u"confero-relay-admin"_s;
    QSqlDatabase database = RelayDatabase::open(parser.value(db), connection, &error);
    if (!database.isOpen())
        return fail(error);
    QTextStream out(stdout);
    const QString group = positional.value(0);
    const QString verb = positional.value(1);
    const QString name = positional.value(2);
    int code = 0;
    if (group == u"projects" && verb == u"add" && !name.isEmpty()) {
        if (RelayProjects(database).add(name, parser.value(basicAuth), &error))
            out << "project " << name << " added: webhooks go to /hooks/enablex/" << name << Qt::endl;
        else
            code = fail(error);
    } else if (group == u"projects" && verb == u"list") {
        const QList<RelayProjects::Project> list = RelayProjects(database).list(&error);
        if (!error.isEmpty())
            code = fail(error);
        for (const RelayProjects::Project &project : list)
            out << project.name << (project.basicAuthSha256.isEmpty() ? "\tno auth" : "\tbasic auth") << Qt::endl;
    } else if (group == u"subscribers" && verb == u"add" && !name.isEmpty()) {
        const std::optional<QString> token =
            SubscriberRegistry(database, masterKey)
                .add(name, parser.value(projects).split(u',', Qt::SkipEmptyParts), &error);
        if (token)
            out << *token << Qt::endl;
        else
            code = fail(error);
    } else if (group == u"subscribers" && verb == u"rotate" && !name.isEmpty()) {
        const std::optional<QString> token = SubscriberRegistry(database, masterKey).rotate(name, &error);
        if (token)
            out << *token << Qt::endl;
        else
            code = fail(error);
    } else if (group == u"subscribers" && verb == u"revoke" && !name.isEmpty()) {
        if (!SubscriberRegistry(database, masterKey).revoke(name, &error))
            code = fail(error);
    } else if (group == u"subscribers" && verb == u"list") {
        const QList<SubscriberRegistry::Subscriber> list = SubscriberRegistry(database, masterKey).list(&error);
        if (!error.isEmpty())
            code = fail(error);
        for (const SubscriberRegistry::Subscriber &subscriber : list)
            out << subscriber.name << '\t' << subscriber.projects.join(u',') << "\tacked " << subscriber.ackedSeq
                << (subscriber.revoked ? "\trevoked" : "") << Qt::endl;
    } else {
        code = fail(u"unknown command \"%1\"; see confero-relay --help"_s.arg(positional.join(u' ')), 2);
    }
    database = {};
    RelayDatabase::close(connection);
    return code;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setOrganizationName(u"Confero"_s);
    QCoreApplication::setApplicationName(u"confero-relay"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(CONFERO_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"Receives the video platform's webhooks, stores each durably before answering, and streams them "
        "to subscribed consoles.\n\nCommands:\n"
        "  serve --listen ADDR:PORT --db FILE|URL [--tls-cert F --tls-key F] [--max-connections N]\n"
        "        [--idle-timeout SECONDS]\n"
        "  projects add NAME [--basic-auth USER:PASS] | projects list\n"
        "  subscribers add NAME --projects A,B | list | revoke NAME | rotate NAME"_s);
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(u"command"_s, u"serve, projects or subscribers, and its arguments."_s);
    const QCommandLineOption listen(u"listen"_s, u"Address and port; plain HTTP only on loopback."_s, u"ADDR:PORT"_s,
                                    u"127.0.0.1:8443"_s);
    const QCommandLineOption db(u"db"_s,
                                u"The relay's database: a SQLite file, or a postgresql://USER@HOST:PORT/DB URL "
                                "that several relays behind one load balancer share (give them the same --key-file)."_s,
                                u"FILE|URL"_s);
    const QCommandLineOption tlsCert(u"tls-cert"_s, u"PEM certificate (chain) for HTTPS."_s, u"FILE"_s);
    const QCommandLineOption tlsKey(u"tls-key"_s, u"PEM private key of --tls-cert."_s, u"FILE"_s);
    const QCommandLineOption keyFile(
        u"key-file"_s, u"The master key file (default: the database's path + .key; required with PostgreSQL)."_s,
        u"FILE"_s);
    const QCommandLineOption basicAuth(u"basic-auth"_s, u"projects add: credentials the platform must send."_s,
                                       u"USER:PASS"_s);
    const QCommandLineOption projects(u"projects"_s, u"subscribers add: the projects it may read."_s, u"A,B"_s);
    const QCommandLineOption maxConnections(
        u"max-connections"_s, u"serve: connections held at once; more are answered 503 and closed (default 1000)."_s,
        u"N"_s, u"1000"_s);
    const QCommandLineOption idleTimeout(
        u"idle-timeout"_s, u"serve: a connection with no request in progress is closed after this (default 30)."_s,
        u"SECONDS"_s, u"30"_s);
    parser.addOptions({listen, db, tlsCert, tlsKey, keyFile, basicAuth, projects, maxConnections, idleTimeout});
    parser.process(app);

    const QStringList positional = parser.positionalArguments();
    if (positional.isEmpty())
        return fail(u"no command; see confero-relay --help"_s, 2);
    if (positional.first() != u"serve")
        return runAdmin(positional, parser, db, keyFile, basicAuth, projects);

    if (!parser.isSet(db))
        return fail(u"give the database with --db FILE"_s, 2);
    QHostAddress address;
    quint16 port = 0;
    if (!parseListen(parser.value(listen), &address, &port))
        return fail(u"--listen takes ADDR:PORT, for example 127.0.0.1:8443"_s, 2);
    if (parser.isSet(tlsCert) != parser.isSet(tlsKey))
        return fail(u"--tls-cert and --tls-key go together"_s, 2);

    bool capOk = false;
    bool idleOk = false;
    const int cap = parser.value(maxConnections).toInt(&capOk);
    const int idleSeconds = parser.value(idleTimeout).toInt(&idleOk);
    if (!capOk || cap < 1 || cap > 1'000'000)
        return fail(u"--max-connections takes a number from 1 to 1000000"_s, 2);
    if (!idleOk || idleSeconds < 1 || idleSeconds > 86'400)
        return fail(u"--idle-timeout takes seconds, from 1 to 86400"_s, 2);

    RelayServer::Options options;
    options.databasePath = parser.value(db);
    options.limits.maxConnections = cap;
    options.limits.idleTimeoutMs = idleSeconds * 1000;
    options.masterKeyPath = parser.value(keyFile);
    RelayServer server(options);
    QString error;
    if (parser.isSet(tlsCert)) {
        const std::optional<QSslConfiguration> tls =
            http::SelfSignedCertificate::loadServerConfiguration(parser.value(tlsCert), parser.value(tlsKey), &error);
        if (!tls)
            return fail(error);
        server.setTls(*tls);
    }
    if (!server.start(address, port, &error))
        return fail(error);
    QTextStream(stdout) << "listening on " << server.baseUrl().toString() << Qt::endl;
    return QCoreApplication::exec();
}
