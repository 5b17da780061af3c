#pragma once

#include "Samples.h"

#include <QByteArray>
#include <QString>

#include <vector>

namespace confero::bench {

// A purpose-built HTTP/1.1 load sender for the relay bench: keep-alive connections to 127.0.0.1,
// plain non-blocking sockets and epoll on threads of its own. QNetworkAccessManager would cost the
// machine more than some of the servers measured; this costs little and measures from the socket.
// Either closed loop (each connection sends its next webhook as soon as the last is answered: the
// server's throughput) or at a set rate (latency at a given load). Each webhook's body carries its
// number "n", so what a console stored can be matched with the 200 that acknowledged it.
class HttpLoad
{
public:
    struct Options
    {
        quint16 port = 0;
        QByteArray path;
        QByteArray authorization; // the header's value; empty: none
        int connections = 64;
        int threads = 2;
        double ratePerSecond = 0; // 0: closed loop
        int durationMs = 2000;
        qint64 maxRequests = 2'000'000; // whichever of the two ends first
        qint64 firstNumber = 1; // the bodies' "n" count from here
    };
    struct Result
    {
        qint64 sent = 0;
        qint64 ok = 0; // answered 200
        qint64 failed = 0; // another status, or the connection lost with it
        double seconds = 0; // from the start to the last answer
        // Closed loop: from the send to the whole answer. At a set rate: from when it was due, so a
        // sender that falls behind shows as latency instead of hiding it.
        Samples latencyMs;
        std::vector<qint64> okAtNs; // steady-clock time of each 200, at n - firstNumber; 0: none
        QString error;

        double perSecond() const { return seconds > 0 ? double(ok) / seconds : 0; }
    };

    static QByteArray body(qint64 n);
    static qint64 nowNs(); // the clock of okAtNs
    static Result run(const Options &options);
};

} // namespace confero::bench
