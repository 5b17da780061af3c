#include "HttpLoad.h"

#include <atomic>
#include <chrono>
#include <cmath>
#include <thread>

#include <arpa/inet.h>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace confero::bench {

using namespace Qt::StringLiterals;

namespace {

struct Connection
{
    int fd = -1;
    QByteArray out;
    qsizetype written = 0;
    QByteArray in;
    qint64 n = -1; // the webhook in flight; -1: idle
    qint64 startNs = 0;
};

struct Shared
{
    const HttpLoad::Options *options = nullptr;
    QByteArray head; // the request up to the Content-Length value
    std::atomic<qint64> next{0}; // the next webhook to take, counted from 0
    qint64 startNs = 0;
    qint64 deadlineNs = 0;
};

struct ThreadResult
{
    qint64 sent = 0;
    qint64 ok = 0;
    qint64 failed = 0;
    qint64 lastAnswerNs = 0;
    std::vector<double> latencyMs;
    QString error;
};

// A blocking connect (instant on loopback), then non-blocking from there on.
int connectTo(quint16 port)
{
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return -1;
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    const int one = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    if (::connect(fd, reinterpret_cast<const sockaddr *>(&address), sizeof address) != 0
        || ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK) != 0) {
        ::close(fd);
        return -1;
    }
    return fd;
}

// The length of the whole response at the front of `in`: 0 while incomplete, -1 when it is not one
// this sender reads (chunked bodies: none of the servers measured sends them for these answers).
qsizetype parseResponse(const QByteArray &in, int *status, bool *close)
{
    const qsizetype end = in.indexOf("\r\n\r\n");
    if (end < 0)
        return 0;
    if (!in.startsWith("HTTP/1.") || end < 12)
        return -1;
    *status = QByteArrayView(in).sliced(9, 3).toInt();
    *close = in.startsWith("HTTP/1.0");
    qsizetype length = 0;
    qsizetype line = in.indexOf("\r\n") + 2;
    while (line < end) {
        const qsizetype lineEnd = in.indexOf("\r\n", line);
        const QByteArrayView header = QByteArrayView(in).sliced(line, lineEnd - line);
        const qsizetype colon = header.indexOf(':');
        if (colon > 0) {
            const QByteArrayView name = header.first(colon);
            const QByteArrayView value = header.sliced(colon + 1).trimmed();
            if (name.compare("content-length", Qt::CaseInsensitive) == 0)
                length = value.toLongLong();
            else if (name.compare("connection", Qt::CaseInsensitive) == 0)
                *close = value.compare("close", Qt::CaseInsensitive) == 0;
            else if (name.compare("transfer-encoding", Qt::CaseInsensitive) == 0)
                return -1;
        }
        line = lineEnd + 2;
    }
    const qsizetype total = end + 4 + length;
    return in.size() >= total ? total : 0;
}

void worker(Shared *shared, int connectionCount, std::vector<qint64> *okAt, ThreadResult *result)
{
    const HttpLoad::Options &options = *shared->options;
    const bool paced = options.ratePerSecond > 0;
    const int poll = ::epoll_create1(EPOLL_CLOEXEC);
    if (poll < 0) {
        result->error = u"epoll: "_s + QString::fromLocal8Bit(std::strerror(errno));
        return;
    }
    std::vector<Connection> connections(static_cast<size_t>(connectionCount));
    std::vector<int> idle;
    const auto open = [&](int index) {
        Connection &connection = connections[size_t(index)];
        connection = {};
        connection.fd = connectTo(options.port);
        if (connection.fd < 0)
            return false;
        epoll_event event{};
        event.events = EPOLLIN;
        event.data.u32 = uint32_t(index);
        ::epoll_ctl(poll, EPOLL_CTL_ADD, connection.fd, &event);
        idle.push_back(index);
        return true;
    };
    const auto lose = [&](int index) {
        Connection &connection = connections[size_t(index)];
        if (connection.n >= 0)
            ++result->failed;
        std::erase(idle, index); // open() puts it back
        ::epoll_ctl(poll, EPOLL_CTL_DEL, connection.fd, nullptr);
        ::close(connection.fd);
        connection.fd = -1;
        connection.n = -1;
    };
    const auto wantWrite = [&](int index, bool on) {
        epoll_event event{};
        event.events = EPOLLIN | (on ? EPOLLOUT : 0u);
        event.data.u32 = uint32_t(index);
        ::epoll_ctl(poll, EPOLL_CTL_MOD, connections[size_t(index)].fd, &event);
    };
    // False when the connection broke.
    const auto flush = [&](int index) {
        Connection &connection = connections[size_t(index)];
        while (connection.written < connection.out.size()) {
            const ssize_t done = ::send(connection.fd, connection.out.constData() + connection.written,
                                        size_t(connection.out.size() - connection.written), MSG_NOSIGNAL);
            if (done < 0)
                return errno == EAGAIN || errno == EWOULDBLOCK;
            connection.written += done;
        }
        return true;
    };
    for (int i = 0; i < connectionCount; ++i) {
        if (!open(i)) {
            result->error = u"cannot connect to 127.0.0.1:%1: %2"_s.arg(options.port).arg(
                QString::fromLocal8Bit(std::strerror(errno)));
            ::close(poll);
            return;
        }
    }

    qint64 held = -1; // a webhook taken but not yet due
    bool taking = true;
    int busy = 0;
    epoll_event events[64];
    char buffer[16384];
    while (taking || busy > 0) {
        int timeoutMs = 100;
        qint64 now = HttpLoad::nowNs();
        if (now >= shared->deadlineNs)
            taking = false;
        while (taking && !idle.empty()) {
            if (held < 0) {
                held = shared->next.fetch_add(1);
                if (held >= options.maxRequests) {
                    taking = false;
                    break;
                }
            }
            const qint64 due = paced ? shared->startNs + qint64(double(held) * 1e9 / options.ratePerSecond) : now;
            if (due > now) {
                timeoutMs = int((due - now + 999'999) / 1'000'000);
                break;
            }
            const int index = idle.back();
            idle.pop_back();
            Connection &connection = connections[size_t(index)];
            const QByteArray body = HttpLoad::body(options.firstNumber + held);
            connection.out = shared->head + QByteArray::number(body.size()) + "\r\n\r\n" + body;
            connection.written = 0;
            connection.n = held;
            connection.startNs = due;
            held = -1;
            ++result->sent;
            ++busy;
            if (!flush(index)) {
                --busy;
                lose(index);
                if (!open(index))
                    taking = false;
                continue;
            }
            if (connection.written < connection.out.size())
                wantWrite(index, true);
            now = HttpLoad::nowNs();
        }
        if (!taking && busy == 0)
            break;
        const int ready = ::epoll_wait(poll, events, 64, timeoutMs);
        for (int e = 0; e < ready; ++e) {
            const int index = int(events[e].data.u32);
            Connection &connection = connections[size_t(index)];
            if (connection.fd < 0)
                continue;
            if (events[e].events & EPOLLOUT) {
                if (!flush(index)) {
                    --busy;
                    lose(index);
                    if (taking && !open(index))
                        taking = false;
                    continue;
                }
                if (connection.written == connection.out.size())
                    wantWrite(index, false);
            }
            if (!(events[e].events & (EPOLLIN | EPOLLERR | EPOLLHUP)))
                continue;
            bool broken = false;
            for (;;) {
                const ssize_t got = ::recv(connection.fd, buffer, sizeof buffer, 0);
                if (got > 0) {
                    connection.in.append(buffer, got);
                    continue;
                }
                broken = got == 0 || (errno != EAGAIN && errno != EWOULDBLOCK);
                break;
            }
            bool closeAfter = false;
            while (connection.n >= 0) {
                int status = 0;
                const qsizetype length = parseResponse(connection.in, &status, &closeAfter);
                if (length == 0)
                    break;
                if (length < 0) {
                    result->error = u"an answer this sender cannot read: "_s
                        + QString::fromLatin1(connection.in.left(200));
                    broken = true;
                    break;
                }
                const qint64 answered = HttpLoad::nowNs();
                result->latencyMs.push_back(double(answered - connection.startNs) / 1e6);
                result->lastAnswerNs = answered;
                if (status == 200) {
                    ++result->ok;
                    (*okAt)[size_t(connection.n)] = answered;
                } else {
                    ++result->failed;
                }
                connection.in.remove(0, length);
                connection.n = -1;
                --busy;
                if (!closeAfter)
                    idle.push_back(index);
            }
            if (broken || closeAfter) {
                if (connection.n >= 0)
                    --busy;
                lose(index);
                if (taking && !open(index))
                    taking = false;
            }
        }
    }
    for (Connection &connection : connections) {
        if (connection.fd >= 0)
            ::close(connection.fd);
    }
    ::close(poll);
}

} // namespace

QByteArray HttpLoad::body(qint64 n)
{
    // The size and shape of the platform's room events (docs video-api.md, section 9.2).
    const QByteArray number = QByteArray::number(n);
    return R"({"type":"roomdrop","n":)" + number + R"(,"app_id":"bench-app","room_id":"6f1c0a2b9d3e4f5a6b7c8d9e",)"
        + R"("conf_num":")" + number + R"(","created_at":"2026-11-28T12:00:00Z","reason":"all participants left"})";
}

qint64 HttpLoad::nowNs()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

HttpLoad::Result HttpLoad::run(const Options &options)
{
    Result result;
    Shared shared;
    shared.options = &options;
    shared.head = "POST " + options.path + " HTTP/1.1\r\nHost: 127.0.0.1:" + QByteArray::number(options.port)
        + "\r\nContent-Type: application/json\r\n";
    if (!options.authorization.isEmpty())
        shared.head += "Authorization: " + options.authorization + "\r\n";
    shared.head += "Content-Length: ";
    qint64 limit = options.maxRequests;
    if (options.ratePerSecond > 0)
        limit = qMin(limit, qint64(std::ceil(options.ratePerSecond * options.durationMs / 1000.0)));
    Options bounded = options;
    bounded.maxRequests = limit;
    shared.options = &bounded;
    result.okAtNs.assign(size_t(limit), 0);

    const int threads = qBound(1, options.threads, options.connections);
    std::vector<ThreadResult> partial(static_cast<size_t>(threads));
    std::vector<std::thread> workers;
    shared.startNs = nowNs();
    shared.deadlineNs = shared.startNs + qint64(options.durationMs) * 1'000'000;
    for (int t = 0; t < threads; ++t) {
        const int count = options.connections / threads + (t < options.connections % threads ? 1 : 0);
        workers.emplace_back(worker, &shared, count, &result.okAtNs, &partial[size_t(t)]);
    }
    qint64 last = shared.startNs;
    for (int t = 0; t < threads; ++t) {
        workers[size_t(t)].join();
        const ThreadResult &part = partial[size_t(t)];
        result.sent += part.sent;
        result.ok += part.ok;
        result.failed += part.failed;
        last = qMax(last, part.lastAnswerNs);
        for (const double latency : part.latencyMs)
            result.latencyMs.add(latency);
        if (result.error.isEmpty())
            result.error = part.error;
    }
    result.seconds = double(last - shared.startNs) / 1e9;
    return result;
}

} // namespace confero::bench
