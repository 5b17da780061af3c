#pragma once

#include "BenchFigure.h"

#include <QList>
#include <QString>
#include <QUrl>

class QNetworkAccessManager;

namespace confero::bench {

// Issue 5's download figures. Confero's DownloadTask and `curl -o` fetch the same file from the same
// server, in pairs whose order alternates, and the ratio is taken pair by pair (one run's disk and
// loopback differ too much from the next one's for a ratio of medians to mean anything). Two servers:
// nginx serving the file as a static file (the reference) and the sandbox's recording-file route
// (with its Basic auth and Repr-Digest, so Confero also checks the sha-256 there). Each server's own
// ceiling is curl to /dev/null; a server under twice the client's rate is flagged server-bound.
//
// Memory: RSS growth while one file downloads; while the writer is held back (the thread that writes
// is stalled 8 ms of every 10, as behind a slow disk, so the network runs ahead of it and only the
// bounded read buffer stands between the two); and four files at once.
class DownloadBench
{
public:
    class Options
    {
    public:
        QString sandboxProgram;
        QString workDir;
        qint64 fileMiB = 1024;
        int runs = 5;
    };

    explicit DownloadBench(Options options);

    QList<BenchFigure> run(QString *error);

private:
    class Source
    {
    public:
        QString name; // "nginx", "the sandbox"
        QUrl url;
        QString user;
        QString password;
    };

    bool prepareFile(QString *error);
    bool measureSource(QNetworkAccessManager *network, const Source &source, QList<BenchFigure> *figures,
                       QString *error);
    // Seconds for curl to fetch `source` into `output` ("/dev/null" for the ceiling); < 0 on failure.
    double curlSeconds(const Source &source, const QString &output, QString *error) const;
    // Seconds for DownloadTasks to fetch `source` into `count` files at once; < 0 on failure.
    double conferoSeconds(QNetworkAccessManager *network, const Source &source, int count, bool stallWriter,
                          QString *error);
    bool measureMemory(QNetworkAccessManager *network, const Source &source, QList<BenchFigure> *figures,
                       QString *error);

    Options m_options;
    QString m_served; // the folder both servers serve the file from
    qint64 m_bytes = 0;
    QString m_curl;
};

} // namespace confero::bench
