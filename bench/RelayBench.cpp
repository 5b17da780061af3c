#include "RelayBench.h"

#include "EventWait.h"
#include "NginxReference.h"
#include "Samples.h"
#include "relaylink/RelayClient.h"
#include "store/Store.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QHttpServer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>

#include <atomic>
#include <cstdio>
#include <thread>

namespace confero::bench {

using namespace Qt::StringLiterals;

namespace {

const QByteArray HookPath = "/hooks/enablex/bench";

// Starts `process` and reads its stdout until "listening on http://127.0.0.1:PORT".
QUrl startListening(QProcess &process, const QString &program, const QStringList &arguments, QString *error)
{
    process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    process.start(program, arguments);
    if (!process.waitForStarted(10'000)) {
        *error = program + u": "_s + process.errorString();
        return {};
    }
    static const QRegularExpression listening(u"listening on (http://127\\.0\\.0\\.1:\\d+)"_s);
    QByteArray seen;
    const QDeadlineTimer deadline(30'000);
    while (!deadline.hasExpired() && process.state() == QProcess::Running) {
        if (process.waitForReadyRead(100))
            seen += process.readAllStandardOutput();
        const QRegularExpressionMatch match = listening.match(QString::fromUtf8(seen));
        if (match.hasMatch())
            return QUrl(match.captured(1));
    }
    *error = program + u" did not say where it listens: "_s + QString::fromUtf8(seen);
    return {};
}

bool runAdmin(const QString &program, const QStringList &arguments, QByteArray *output, QString *error)
{
    QProcess admin;
    admin.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    admin.start(program, arguments);
    if (!admin.waitForFinished(60'000) || admin.exitStatus() != QProcess::NormalExit || admin.exitCode() != 0) {
        *error = u"confero-relay %1 failed"_s.arg(arguments.mid(0, 2).join(u' '));
        return false;
    }
    *output = admin.readAllStandardOutput();
    return true;
}

void stopChild(QProcess &process)
{
    if (process.state() == QProcess::NotRunning)
        return;
    process.terminate();
    if (!process.waitForFinished(10'000)) {
        process.kill();
        process.waitForFinished(5'000);
    }
}

double median(const QList<double> &values)
{
    Samples samples;
    for (const double value : values)
        samples.add(value);
    return samples.median();
}

} // namespace

RelayBench::RelayBench(Options options)
    : m_options(std::move(options))
{
}

RelayBench::~RelayBench()
{
    m_client.reset();
    stopChild(m_relay);
    stopChild(m_plain);
}

int RelayBench::servePlain()
{
    QHttpServer server;
    server.route(u"/hooks/enablex/<arg>"_s, [](const QString &) {
        return QHttpServerResponse(QByteArrayLiteral("application/json"), QByteArrayLiteral("{\"result\":0}"));
    });
    const quint16 port = server.listen(QHostAddress::LocalHost, 0);
    if (port == 0) {
        std::fprintf(stderr, "confero-bench: the plain server cannot listen\n");
        return 1;
    }
    std::printf("listening on http://127.0.0.1:%u\n", unsigned(port));
    std::fflush(stdout);
    return QCoreApplication::exec();
}

bool RelayBench::setUpRelay(QString *error)
{
    const QString folder = m_options.workDir + u"/relay"_s;
    QDir(folder).removeRecursively();
    if (!QDir().mkpath(folder)) {
        *error = u"cannot create "_s + folder;
        return false;
    }
    const QString database = folder + u"/relay.sqlite"_s;
    QByteArray output;
    // With Basic auth, as the platform would send it: checking it is part of every webhook's cost.
    if (!runAdmin(m_options.relayProgram,
                  {u"projects"_s, u"add"_s, u"bench"_s, u"--basic-auth"_s, u"bench:bench-secret"_s, u"--db"_s,
                   database},
                  &output, error)
        || !runAdmin(m_options.relayProgram,
                     {u"subscribers"_s, u"add"_s, u"console"_s, u"--projects"_s, u"bench"_s, u"--db"_s, database},
                     &output, error))
        return false;
    m_token = QString::fromUtf8(output).trimmed();
    m_authorization = "Basic " + QByteArray("bench:bench-secret").toBase64();
    // The relay's progress lines would bury the figures.
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(u"QT_LOGGING_RULES"_s, u"confero.*.info=false"_s);
    m_relay.setProcessEnvironment(environment);
    m_relayUrl = startListening(m_relay, m_options.relayProgram,
                                {u"serve"_s, u"--listen"_s, u"127.0.0.1:0"_s, u"--db"_s, database}, error);
    return m_relayUrl.isValid();
}

bool RelayBench::startConsole(QString *error)
{
    const QString path = m_options.workDir + u"/relay/console.sqlite"_s;
    QFile::remove(path);
    m_store = std::make_unique<Store>();
    const StoreResult<bool> opened = m_store->open(path);
    if (!opened) {
        *error = opened.error().message + u' ' + opened.error().detail;
        return false;
    }
    QSqlQuery query(m_store->database());
    if (!query.exec(u"INSERT INTO projects (name, api_base_url, app_id, is_sandbox, created_at) "
                    "VALUES ('Bench', 'http://127.0.0.1/video/v2/', 'bench', 0, 0)"_s)
        || !query.exec(u"SELECT MAX(id) FROM projects"_s) || !query.next()) {
        *error = query.lastError().text();
        return false;
    }
    m_projectId = query.value(0).toLongLong();
    m_client = std::make_unique<RelayClient>(m_store.get(), m_projectId, m_relayUrl, m_token);
    QObject::connect(m_client.get(), &RelayClient::eventsStored, m_client.get(), [this] { onConsoleStored(); });
    QObject::connect(m_client.get(), &RelayClient::problem, m_client.get(), [](const QString &message) {
        std::fprintf(stderr, "confero-bench: console: %s\n", qPrintable(message));
    });
    if (!m_client->start()) {
        *error = u"the console's relay link did not start"_s;
        return false;
    }
    if (!waitFor([this] { return m_client->state() == RelayClient::State::Streaming; }, 30'000)) {
        *error = u"the console did not connect to the relay"_s;
        return false;
    }
    return true;
}

// The commit time of each webhook the console stored, read back by its "n" (the RelayClient tells
// only how far it got). Timed before the read, so the read itself is not counted.
void RelayBench::onConsoleStored()
{
    if (!m_tracking)
        return;
    const qint64 now = HttpLoad::nowNs();
    // By row id, which only grows: relay_seq has no index of its own, and a scan of the whole table
    // after each commit would slow the very console it measures.
    QSqlQuery query(m_store->database());
    query.prepare(u"SELECT id, json_extract(body, '$.n') FROM events WHERE id > ? ORDER BY id"_s);
    query.addBindValue(m_seenRow);
    if (!query.exec()) {
        std::fprintf(stderr, "confero-bench: reading the console's store: %s\n", qPrintable(query.lastError().text()));
        return;
    }
    while (query.next()) {
        m_seenRow = query.value(0).toLongLong();
        m_committedAt.insert(query.value(1).toLongLong(), now);
    }
}

HttpLoad::Result RelayBench::load(quint16 port, double rate, int durationMs)
{
    HttpLoad::Options options;
    options.port = port;
    options.path = HookPath;
    options.authorization = m_authorization;
    options.connections = m_options.connections;
    options.ratePerSecond = rate;
    options.durationMs = durationMs;
    options.firstNumber = m_nextNumber;
    // The sender runs on threads of its own; this thread's event loop keeps the console streaming.
    HttpLoad::Result result;
    std::atomic<bool> done{false};
    std::thread sender([&] {
        result = HttpLoad::run(options);
        done = true;
    });
    waitFor([&] { return done.load(); }, durationMs + 600'000);
    sender.join();
    m_nextNumber += qint64(result.okAtNs.size());
    return result;
}

QByteArray RelayBench::get(const QString &path, QString *error)
{
    QNetworkAccessManager network;
    QNetworkReply *reply = network.get(QNetworkRequest(m_relayUrl.resolved(QUrl(path))));
    waitFor([reply] { return reply->isFinished(); }, 30'000);
    QByteArray body;
    if (!reply->isFinished() || reply->error() != QNetworkReply::NoError)
        *error = u"GET "_s + path + u": "_s + reply->errorString();
    else
        body = reply->readAll();
    reply->abort();
    delete reply;
    return body;
}

std::optional<double> RelayBench::metric(const QByteArray &metrics, const QByteArray &name) const
{
    for (const QByteArray &line : metrics.split('\n')) {
        if (line.startsWith(QByteArray(name + ' ')))
            return line.sliced(name.size() + 1).trimmed().toDouble();
    }
    return std::nullopt;
}

bool RelayBench::closedLoopRound(Server *server, bool relay, QString *error)
{
    QByteArray before;
    if (relay && (before = get(u"/metrics"_s, error)).isEmpty())
        return false;
    const HttpLoad::Result result = load(server->port, 0, m_options.roundMs);
    if (!result.error.isEmpty()) {
        *error = server->name + u": "_s + result.error;
        return false;
    }
    if (result.ok == 0) {
        *error = server->name + u": no webhook was answered 200"_s;
        return false;
    }
    if (result.failed > 0)
        std::fprintf(stderr, "confero-bench: %s: %lld of %lld webhooks not answered 200\n", qPrintable(server->name),
                     result.failed, result.sent);
    server->rounds.append({result.perSecond(), result.latencyMs.percentile(50), result.latencyMs.percentile(99)});
    if (relay) {
        const QByteArray after = get(u"/metrics"_s, error);
        const QByteArray events = "confero_relay_events_committed_total";
        const QByteArray fsyncs = "confero_relay_fsyncs_total";
        const std::optional<double> e0 = metric(before, events), e1 = metric(after, events);
        const std::optional<double> f0 = metric(before, fsyncs), f1 = metric(after, fsyncs);
        if (!e0 || !e1 || !f0 || !f1 || *f1 <= *f0) {
            *error = u"the relay's /metrics has no event or fsync counts"_s;
            return false;
        }
        m_eventsPerFsync.append((*e1 - *e0) / (*f1 - *f0));
    }
    return true;
}

// Until the console has committed everything the relay holds (its /healthz head).
bool RelayBench::waitForConsole(QString *error)
{
    const QByteArray health = get(u"/healthz"_s, error);
    if (health.isEmpty())
        return false;
    const qint64 head = QJsonDocument::fromJson(health).object().value(u"head"_s).toInteger();
    if (!waitFor([this, head] { return m_client->cursor() >= head; }, 300'000)) {
        *error = u"the console stopped at seq %1 of %2"_s.arg(m_client->cursor()).arg(head);
        return false;
    }
    return true;
}

bool RelayBench::pacedRound(double rate, double *p50, double *p99, QString *error)
{
    if (!waitForConsole(error))
        return false;
    m_committedAt.clear();
    QSqlQuery last(m_store->database());
    if (!last.exec(u"SELECT COALESCE(MAX(id), 0) FROM events"_s) || !last.next()) {
        *error = last.lastError().text();
        return false;
    }
    m_seenRow = last.value(0).toLongLong();
    m_tracking = true;
    const qint64 first = m_nextNumber;
    const HttpLoad::Result result = load(m_relayUrl.port(), rate, m_options.pacedMs);
    const bool caughtUp = waitForConsole(error);
    m_tracking = false;
    if (!caughtUp)
        return false;
    if (!result.error.isEmpty() || result.ok == 0) {
        *error = u"at %1/s: "_s.arg(rate) + (result.error.isEmpty() ? u"no webhook was answered 200"_s : result.error);
        return false;
    }
    Samples latency;
    for (size_t i = 0; i < result.okAtNs.size(); ++i) {
        const qint64 answered = result.okAtNs[i];
        if (answered == 0)
            continue;
        const auto committed = m_committedAt.constFind(first + qint64(i));
        if (committed == m_committedAt.cend()) {
            *error = u"webhook %1 got 200 and never reached the console's store"_s.arg(first + qint64(i));
            return false;
        }
        // The console can commit before the sender has read the 200; that counts as no wait.
        latency.add(qMax<double>(0, double(*committed - answered) / 1e6));
    }
    *p50 = latency.percentile(50);
    *p99 = latency.percentile(99);
    return true;
}

QList<BenchFigure> RelayBench::run(QString *error)
{
    std::fprintf(stderr, "confero-bench: relay: starting the relay, its console and the plain servers...\n");
    if (!setUpRelay(error) || !startConsole(error))
        return {};
    Server relay{u"confero-relay"_s, quint16(m_relayUrl.port()), {}};
    const QUrl plainUrl = startListening(m_plain, m_options.benchProgram, {u"--phase"_s, u"plain-server"_s}, error);
    if (!plainUrl.isValid())
        return {};
    Server plain{u"QHttpServer"_s, quint16(plainUrl.port()), {}};
    NginxReference nginx;
    Server nginxServer{u"nginx"_s, 0, {}};
    const QString nginxProgram = NginxReference::findProgram();
    if (nginxProgram.isEmpty()) {
        std::fprintf(stderr, "confero-bench: no nginx installed; its reference figures are left out\n");
    } else {
        QString nginxError;
        if (nginx.start(nginxProgram, m_options.workDir + u"/nginx"_s, &nginxError))
            nginxServer.port = nginx.port();
        else
            std::fprintf(stderr, "confero-bench: nginx did not start (%s); its figures are left out\n",
                         qPrintable(nginxError));
    }
    QList<Server *> servers{&relay, &plain};
    if (nginxServer.port != 0)
        servers.append(&nginxServer);

    // Rounds take turns, so a noisy moment on the machine falls on all of them alike.
    std::fprintf(stderr, "confero-bench: relay: %d rounds of %d ms, %d connections...\n", m_options.runs,
                 m_options.roundMs, m_options.connections);
    for (int round = 0; round < m_options.runs; ++round) {
        for (Server *server : std::as_const(servers)) {
            if (!closedLoopRound(server, server == &relay, error))
                return {};
        }
    }
    QList<double> p50s[2], p99s[2];
    for (qsizetype r = 0; r < m_options.rates.size() && r < 2; ++r) {
        std::fprintf(stderr, "confero-bench: relay: 200 -> console store at %.0f/s...\n", m_options.rates.at(r));
        for (int round = 0; round < m_options.runs; ++round) {
            double p50 = 0, p99 = 0;
            if (!pacedRound(m_options.rates.at(r), &p50, &p99, error))
                return {};
            p50s[r].append(p50);
            p99s[r].append(p99);
        }
    }
    nginx.stop();

    const auto rate = [](const Server &server) {
        QList<double> values;
        for (const Round &round : server.rounds)
            values.append(round.perSecond);
        return median(values);
    };
    const auto p = [](const Server &server, bool p99) {
        QList<double> values;
        for (const Round &round : server.rounds)
            values.append(p99 ? round.p99 : round.p50);
        return median(values);
    };
    const QString connections = QString::number(m_options.connections);
    QList<BenchFigure> figures;
    figures.append({u"relay: webhooks durably accepted, %1 connections (vs QHttpServer)"_s.arg(connections),
                    rate(relay), u"req/s"_s, rate(plain), u">= 0.5 x"_s});
    if (nginxServer.port != 0)
        figures.append({u"relay: webhooks durably accepted (vs nginx)"_s, rate(relay), u"req/s"_s,
                        rate(nginxServer), {}});
    figures.append({u"relay: webhook answer, p50 (vs QHttpServer)"_s, p(relay, false), u"ms"_s, p(plain, false), {}});
    figures.append({u"relay: webhook answer, p99 (vs QHttpServer)"_s, p(relay, true), u"ms"_s, p(plain, true),
                    u"<= 25 ms"_s});
    figures.append({u"relay: events per fsync"_s, median(m_eventsPerFsync), u"events"_s, std::nullopt, {}});
    figures.append({u"QHttpServer answering 200, %1 connections"_s.arg(connections), rate(plain), u"req/s"_s,
                    std::nullopt, {}});
    if (nginxServer.port != 0) {
        figures.append({u"nginx answering 200, %1 connections"_s.arg(connections), rate(nginxServer), u"req/s"_s,
                        std::nullopt, {}});
        figures.append({u"nginx answer, p99"_s, p(nginxServer, true), u"ms"_s, std::nullopt, {}});
    }
    for (qsizetype r = 0; r < m_options.rates.size() && r < 2; ++r) {
        const QString at = QString::number(m_options.rates.at(r), 'f', 0);
        figures.append({u"relay: 200 -> console store at %1/s, p50"_s.arg(at), median(p50s[r]), u"ms"_s,
                        std::nullopt, {}});
        figures.append({u"relay: 200 -> console store at %1/s, p99"_s.arg(at), median(p99s[r]), u"ms"_s,
                        std::nullopt, m_options.rates.at(r) == 500 ? u"<= 20 ms"_s : QString()});
    }
    m_client->stop();
    return figures;
}

} // namespace confero::bench
