#pragma once

#include "HttpRequest.h"
#include "HttpServerLimits.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>

namespace confero::http {

// Incremental HTTP/1.0 and HTTP/1.1 request parser. It owns no socket: bytes go in, split at any
// point, and complete HttpRequest values come out, so it can be fuzzed and tested on its own.
//
// Framing rules (RFC 9112), chosen to leave no room for request smuggling:
// - Lines must end in CRLF. A bare LF (or a bare CR) is refused with 400 rather than tolerated:
//   the server may sit behind proxies, and two parties disagreeing on where a line ends is how
//   smuggling starts.
// - Content-Length together with Transfer-Encoding, differing Content-Length values, a length that
//   is not a plain decimal number, a chunk size that is not hex, obs-fold (a header line starting
//   with a space or tab), a missing or repeated Host on HTTP/1.1, a malformed method or target:
//   400 with a reason. Transfer codings other than "chunked" are 501; versions other than
//   HTTP/1.0 and HTTP/1.1 are 505; an Expect other than 100-continue is 417.
// - Limits are checked before bytes are buffered: a head longer than maxHeaderBytes is 431 as soon
//   as it grows past the limit, and a declared Content-Length (or the running total of chunk
//   sizes) above maxBodyBytes is 413 before any of that body is read.
// - The path is percent-decoded into HttpRequest::path; "%00", a malformed escape or a path that
//   is not valid UTF-8 is 400. "%2F" decodes to "/" like any other escape.
// - After an error the parser stays in the error state: the connection must answer and close,
//   since the framing of whatever follows cannot be trusted.
class HttpRequestParser
{
public:
    enum class Event {
        NeedMoreData, // every byte given was consumed; feed more
        HeadersComplete, // currentRequest() has its head; the body (if any) follows
        RequestComplete, // takeRequest() returns the complete request
        Error, // errorStatus() and errorReason() say why
    };

    struct Step
    {
        Event event = Event::NeedMoreData;
        qsizetype consumed = 0; // bytes of the input this step used; the rest belongs to later steps
    };

    explicit HttpRequestParser(qsizetype maxHeaderBytes = HttpServerLimits{}.maxHeaderBytes,
                               qsizetype maxBodyBytes = HttpServerLimits{}.maxBodyBytes);
    explicit HttpRequestParser(const HttpServerLimits &limits);

    // Low-level interface for a connection: parses from `data` until one event happens and
    // reports how many bytes it used. It stops right after the head of each request (so the caller
    // can decide on 100-continue or an upgrade before the body is read) and right after each
    // complete request, so bytes of a pipelined next request are left to the caller. Call again
    // (even with no data) after HeadersComplete and RequestComplete.
    Step parse(QByteArrayView data);

    // Convenience interface over a whole buffer: parses all of `data`, queueing every complete
    // request. Do not mix with parse() on the same parser.
    void feed(QByteArrayView data);
    bool hasRequest() const;
    qsizetype readyCount() const;

    // After RequestComplete (or when hasRequest()): the oldest complete request.
    HttpRequest takeRequest();

    bool hasError() const;
    int errorStatus() const; // 400, 413, 417, 431, 501 or 505; 0 without error
    QString errorReason() const;

    // No byte of a next request has been seen: the connection is between requests.
    bool isIdle() const;
    bool isReadingHead() const;
    bool isReadingBody() const;
    // The head in progress asked for "Expect: 100-continue" and its body is still to come.
    bool expectsContinue() const;
    const HttpRequest &currentRequest() const;

    // Stamped on every request this parser produces.
    void setPeer(const QHostAddress &address, quint16 port, bool secure);

private:
    enum class State {
        Head,
        BodyLength,
        ChunkSize,
        ChunkData,
        ChunkDataEnd,
        Trailers,
        Complete,
        Failed,
    };

    Step fail(int status, const QString &reason, qsizetype consumed);
    // Appends bytes up to and including the next LF to m_line. Returns the bytes used and sets
    // `complete` when the line ended. Callers check their limit before calling.
    qsizetype takeLine(QByteArrayView data, bool *complete);
    bool parseRequestLine(const QByteArray &line);
    bool parseHeaderLine(const QByteArray &line, HeaderList *into);
    bool finishHead();
    bool decodeTarget();
    void startNextRequest();

    qsizetype m_maxHeaderBytes;
    qsizetype m_maxBodyBytes;

    State m_state = State::Head;
    HttpRequest m_request;
    bool m_requestLineSeen = false;
    bool m_idle = true;
    qsizetype m_headBytes = 0; // head (or trailer section) bytes so far, for the 431 limit
    QByteArray m_line; // the line being assembled, without its CRLF once complete
    qint64 m_remaining = 0; // bytes left of the body or of the current chunk
    qint64 m_bodyTotal = 0; // chunk sizes so far, for the 413 limit
    bool m_chunked = false;
    bool m_expectContinue = false;

    int m_errorStatus = 0;
    QString m_errorReason;

    QHostAddress m_peerAddress;
    quint16 m_peerPort = 0;
    bool m_secure = false;

    QList<HttpRequest> m_ready;
};

} // namespace confero::http
