// Fuzzes confero::http::HttpRequestParser, the first code to touch bytes from the network.
//
// Input layout: byte 0 picks the limits (small ones reach the 431 and 413 paths), bytes 1..4 seed the
// split points, the rest is the byte stream of one connection. The stream is parsed twice: whole,
// through feed(), and cut at the derived split points, through parse() the way HttpConnection drives
// it. Both must agree exactly; every complete request must keep the framing invariants; and a complete
// request written back out canonically must parse to the same request.

#include "FuzzCheck.h"

#include "HttpRequestParser.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <iterator>

using confero::http::HeaderList;
using confero::http::HttpRequest;
using confero::http::HttpRequestParser;

namespace {

struct Limits
{
    qsizetype header;
    qsizetype body;
};

Limits limitsFor(std::uint8_t selector)
{
    static constexpr qsizetype kHeaderLimits[] = {16 * 1024, 256, 64, 1024};
    static constexpr qsizetype kBodyLimits[] = {1024 * 1024, 16, 0, 300};
    return {kHeaderLimits[selector & 3], kBodyLimits[(selector >> 2) & 3]};
}

// xorshift32: split points must follow from the input alone, so a crash replays exactly.
class SplitSource
{
public:
    explicit SplitSource(quint32 seed)
        : m_state(seed ? seed : 0x9e3779b9u)
    {
    }

    qsizetype nextLength(qsizetype remaining)
    {
        m_state ^= m_state << 13;
        m_state ^= m_state >> 17;
        m_state ^= m_state << 5;
        // Mostly short pieces (the interesting cuts are inside tokens and CRLFs), now and then a long one.
        const qsizetype length = (m_state & 0x300) == 0x300 ? qsizetype(m_state >> 20) : qsizetype(m_state & 15);
        return qBound<qsizetype>(1, length, remaining);
    }

private:
    quint32 m_state;
};

struct Outcome
{
    QList<HttpRequest> requests;
    int errorStatus = 0;
    QString errorReason;
    bool idle = false;
    bool readingHead = false;
    bool readingBody = false;
};

void collectState(const HttpRequestParser &parser, Outcome *outcome)
{
    outcome->errorStatus = parser.errorStatus();
    outcome->errorReason = parser.errorReason();
    outcome->idle = parser.isIdle();
    outcome->readingHead = parser.isReadingHead();
    outcome->readingBody = parser.isReadingBody();
    CONFERO_FUZZ_CHECK(parser.hasError() == (outcome->errorStatus != 0));
    CONFERO_FUZZ_CHECK(
        int(outcome->idle) + int(outcome->readingHead) + int(outcome->readingBody) + int(parser.hasError()) <= 1);
}

Outcome parseWhole(QByteArrayView stream, Limits limits)
{
    HttpRequestParser parser(limits.header, limits.body);
    parser.feed(stream);
    Outcome outcome;
    CONFERO_FUZZ_CHECK(parser.hasRequest() == (parser.readyCount() > 0));
    while (parser.hasRequest())
        outcome.requests.append(parser.takeRequest());
    collectState(parser, &outcome);
    return outcome;
}

Outcome parseInPieces(QByteArrayView stream, Limits limits, quint32 seed)
{
    HttpRequestParser parser(limits.header, limits.body);
    Outcome outcome;
    SplitSource splits(seed);
    qsizetype offset = 0;
    bool failed = false;
    while (offset < stream.size() && !failed) {
        const QByteArrayView piece = stream.sliced(offset, splits.nextLength(stream.size() - offset));
        offset += piece.size();
        qsizetype pos = 0;
        for (;;) {
            const HttpRequestParser::Step step = parser.parse(piece.sliced(pos));
            CONFERO_FUZZ_CHECK(step.consumed >= 0 && step.consumed <= piece.size() - pos);
            pos += step.consumed;
            if (step.event == HttpRequestParser::Event::Error) {
                CONFERO_FUZZ_CHECK(parser.hasError());
                failed = true;
                break;
            }
            if (step.event == HttpRequestParser::Event::NeedMoreData) {
                CONFERO_FUZZ_CHECK(pos == piece.size());
                break;
            }
            if (step.event == HttpRequestParser::Event::HeadersComplete) {
                const HttpRequest &head = parser.currentRequest();
                CONFERO_FUZZ_CHECK(!head.method.isEmpty() && !head.path.isEmpty());
                CONFERO_FUZZ_CHECK(head.body.isEmpty());
                // An interim 100 only for an HTTP/1.1 client that asked for it (RFC 9110 10.1.1).
                if (parser.expectsContinue())
                    CONFERO_FUZZ_CHECK(head.versionMinor == 1 && head.hasHeader("Expect"));
                continue;
            }
            CONFERO_FUZZ_CHECK(step.event == HttpRequestParser::Event::RequestComplete);
            CONFERO_FUZZ_CHECK(parser.readyCount() == 1);
            outcome.requests.append(parser.takeRequest());
            CONFERO_FUZZ_CHECK(!parser.hasRequest());
        }
    }
    collectState(parser, &outcome);
    return outcome;
}

// Any non-empty transfer coding makes the body chunked (anything else was refused).
bool isChunked(const HttpRequest &request)
{
    for (const auto &[name, value] : request.headers) {
        if (name.compare("Transfer-Encoding", Qt::CaseInsensitive) != 0)
            continue;
        const QList<QByteArray> codings = value.split(',');
        for (const QByteArray &coding : codings) {
            if (!coding.trimmed().isEmpty())
                return true;
        }
    }
    return false;
}

void checkRequest(const HttpRequest &request, Limits limits)
{
    CONFERO_FUZZ_CHECK(!request.method.isEmpty());
    CONFERO_FUZZ_CHECK(request.versionMinor == 0 || request.versionMinor == 1);
    CONFERO_FUZZ_CHECK(request.path == u"*" || request.path.startsWith(u'/'));
    CONFERO_FUZZ_CHECK(!request.path.contains(QChar(0)));
    CONFERO_FUZZ_CHECK(request.body.size() <= limits.body);
    if (request.versionMinor == 1) {
        int hosts = 0;
        for (const auto &header : request.headers)
            hosts += header.first.compare("Host", Qt::CaseInsensitive) == 0 ? 1 : 0;
        CONFERO_FUZZ_CHECK(hosts == 1);
    }
    if (isChunked(request)) {
        CONFERO_FUZZ_CHECK(!request.hasHeader("Content-Length"));
    } else {
        CONFERO_FUZZ_CHECK(request.trailers.isEmpty());
        // A complete request's body is exactly as long as it declared (equal repeats were allowed).
        const qint64 declared = request.hasHeader("Content-Length")
            ? request.header("Content-Length").split(',').first().trimmed().toLongLong()
            : 0;
        CONFERO_FUZZ_CHECK(request.body.size() == declared);
    }
    for (const auto &[name, value] : request.headers) {
        CONFERO_FUZZ_CHECK(!name.isEmpty() && !name.contains(':') && !name.contains(' '));
        CONFERO_FUZZ_CHECK(!value.contains('\r') && !value.contains('\n') && !value.contains('\0'));
    }
}

bool sameHeaders(const HeaderList &a, const HeaderList &b)
{
    return a == b;
}

bool sameRequest(const HttpRequest &a, const HttpRequest &b)
{
    return a.method == b.method && a.target == b.target && a.path == b.path
        && a.query.toString(QUrl::FullyEncoded) == b.query.toString(QUrl::FullyEncoded)
        && a.versionMinor == b.versionMinor && sameHeaders(a.headers, b.headers) && a.body == b.body
        && sameHeaders(a.trailers, b.trailers);
}

HeaderList withoutFraming(const HeaderList &headers)
{
    HeaderList kept;
    for (const auto &header : headers) {
        if (header.first.compare("Content-Length", Qt::CaseInsensitive) != 0
            && header.first.compare("Transfer-Encoding", Qt::CaseInsensitive) != 0)
            kept.append(header);
    }
    return kept;
}

// The request as a well-behaved client would send it: one Content-Length instead of whatever framing
// it arrived with. Parsing that must give back the same request.
void checkRoundTrip(const HttpRequest &request, Limits limits)
{
    const HeaderList headers = withoutFraming(request.headers);
    QByteArray wire =
        request.method + ' ' + request.target + " HTTP/1." + QByteArray::number(request.versionMinor) + "\r\n";
    for (const auto &[name, value] : headers)
        wire += name + ": " + value + "\r\n";
    wire += "Content-Length: " + QByteArray::number(request.body.size()) + "\r\n\r\n" + request.body;

    // The rewritten head may be a little longer (a space after each colon): give it room.
    HttpRequestParser parser(wire.size() + 1, limits.body);
    parser.feed(wire);
    CONFERO_FUZZ_CHECK(!parser.hasError());
    CONFERO_FUZZ_CHECK(parser.readyCount() == 1);
    const HttpRequest again = parser.takeRequest();
    CONFERO_FUZZ_CHECK(again.method == request.method && again.target == request.target);
    CONFERO_FUZZ_CHECK(again.path == request.path && again.versionMinor == request.versionMinor);
    CONFERO_FUZZ_CHECK(again.body == request.body);
    CONFERO_FUZZ_CHECK(withoutFraming(again.headers) == headers);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    if (size < 5)
        return 0;
    const Limits limits = limitsFor(data[0]);
    const quint32 seed = quint32(data[1]) | quint32(data[2]) << 8 | quint32(data[3]) << 16 | quint32(data[4]) << 24;
    const QByteArrayView stream(reinterpret_cast<const char *>(data) + 5, qsizetype(size - 5));

    const Outcome whole = parseWhole(stream, limits);
    const Outcome pieces = parseInPieces(stream, limits, seed);

    CONFERO_FUZZ_CHECK(whole.requests.size() == pieces.requests.size());
    for (qsizetype i = 0; i < whole.requests.size(); ++i)
        CONFERO_FUZZ_CHECK(sameRequest(whole.requests.at(i), pieces.requests.at(i)));
    CONFERO_FUZZ_CHECK(whole.errorStatus == pieces.errorStatus);
    CONFERO_FUZZ_CHECK(whole.errorReason == pieces.errorReason);
    CONFERO_FUZZ_CHECK(whole.idle == pieces.idle && whole.readingHead == pieces.readingHead
                       && whole.readingBody == pieces.readingBody);

    static constexpr int kStatuses[] = {0, 400, 413, 417, 431, 501, 505};
    CONFERO_FUZZ_CHECK(std::find(std::begin(kStatuses), std::end(kStatuses), whole.errorStatus) != std::end(kStatuses));
    CONFERO_FUZZ_CHECK((whole.errorStatus == 0) == whole.errorReason.isEmpty());

    for (const HttpRequest &request : whole.requests) {
        checkRequest(request, limits);
        checkRoundTrip(request, limits);
    }
    return 0;
}
