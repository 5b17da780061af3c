#pragma once

#include "BenchFigure.h"
#include "HttpLoad.h"

#include <QHash>
#include <QList>
#include <QProcess>
#include <QString>
#include <QUrl>

#include <memory>

namespace confero {
class RelayClient;
class Store;
} // namespace confero

namespace confero::bench {

// The relay's figures (issue 6, "Numbers"), side by side in one run over loopback: the real
// confero-relay program taking webhooks from HttpLoad's keep-alive connections, with one console
// (RelayClient and EventInbox into a real store, in this process) subscribed and acking the
// whole time; the same load against a plain QHttpServer that answers 200 without storing (a child
// of this program, --phase plain-server) and against nginx answering 200 (NginxReference).
// Throughput and answer latency are medians of `runs` rounds of each server in turn; events per
// fsync come from the relay's /metrics; "200 -> committed in the console's store" is measured per
// webhook at set rates, and every webhook that got 200 must reach the store, or the run fails.
class RelayBench
{
public:
    struct Options
    {
        QString relayProgram; // confero-relay
        QString benchProgram; // this program, for the plain server
        QString workDir;
        int runs = 3;
        int connections = 64;
        int roundMs = 3000; // each closed-loop round
        int pacedMs = 4000; // each round at a set rate
        QList<double> rates{500, 5000};
    };

    explicit RelayBench(Options options);
    ~RelayBench();
    RelayBench(const RelayBench &) = delete;
    RelayBench &operator=(const RelayBench &) = delete;

    QList<BenchFigure> run(QString *error);

    // The child phase "plain-server": a QHttpServer that answers every webhook 200 and stores
    // nothing; prints "listening on http://127.0.0.1:PORT" and serves until stopped.
    static int servePlain();

private:
    struct Round
    {
        double perSecond = 0;
        double p50 = 0;
        double p99 = 0;
    };
    struct Server
    {
        QString name;
        quint16 port = 0;
        QList<Round> rounds;
    };

    bool setUpRelay(QString *error);
    bool startConsole(QString *error);
    HttpLoad::Result load(quint16 port, double rate, int durationMs);
    bool closedLoopRound(Server *server, bool relay, QString *error);
    bool pacedRound(double rate, double *p50, double *p99, QString *error);
    bool waitForConsole(QString *error);
    QByteArray get(const QString &path, QString *error);
    std::optional<double> metric(const QByteArray &metrics, const QByteArray &name) const;
    void onConsoleStored();

    Options m_options;
    QProcess m_relay;
    QProcess m_plain;
    QUrl m_relayUrl;
    QString m_token;
    QByteArray m_authorization;
    std::unique_ptr<Store> m_store;
    std::unique_ptr<RelayClient> m_client;
    qint64 m_projectId = 0;
    qint64 m_nextNumber = 1;
    // The console's commit time of each webhook, by its "n", while a paced round is measured.
    bool m_tracking = false;
    qint64 m_seenRow = 0; // the console's last events row read
    QHash<qint64, qint64> m_committedAt;
    QList<double> m_eventsPerFsync;
};

} // namespace confero::bench
