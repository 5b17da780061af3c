#include "HttpRequestParser.h"

#include <QStringDecoder>

#include <cstring>
#include <utility>

namespace confero::http {

namespace {

// A chunk-size line carries a size and optional extensions; nothing legitimate needs more.
constexpr qsizetype kMaxChunkLineBytes = 4096;
// 15 hex digits stay below 2^60: no overflow when adding sizes, far beyond any body limit.
constexpr qsizetype kMaxChunkSizeDigits = 15;
// 18 decimal digits stay below 2^63.
constexpr qsizetype kMaxLengthDigits = 18;

bool isTchar(char c)
{
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
        return true;
    return std::strchr("!#$%&'*+-.^_`|~", c) != nullptr && c != '\0';
}

bool isToken(QByteArrayView text)
{
    if (text.isEmpty())
        return false;
    for (char c : text) {
        if (!isTchar(c))
            return false;
    }
    return true;
}

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

bool isDigits(QByteArrayView text)
{
    if (text.isEmpty())
        return false;
    for (char c : text) {
        if (c < '0' || c > '9')
            return false;
    }
    return true;
}

QByteArrayView trimmedOws(QByteArrayView text)
{
    while (!text.isEmpty() && (text.front() == ' ' || text.front() == '\t'))
        text = text.sliced(1);
    while (!text.isEmpty() && (text.back() == ' ' || text.back() == '\t'))
        text.chop(1);
    return text;
}

// Field values may hold visible ASCII, spaces, tabs and obs-text, never other control bytes:
// a stray CR or NUL inside a value is a classic way to split headers differently downstream.
bool isValidFieldValue(QByteArrayView value)
{
    for (char ch : value) {
        const auto c = static_cast<unsigned char>(ch);
        if ((c < 0x20 && c != '\t') || c == 0x7f)
            return false;
    }
    return true;
}

} // namespace

HttpRequestParser::HttpRequestParser(qsizetype maxHeaderBytes, qsizetype maxBodyBytes)
    : m_maxHeaderBytes(maxHeaderBytes)
    , m_maxBodyBytes(maxBodyBytes)
{
}

HttpRequestParser::HttpRequestParser(const HttpServerLimits &limits)
    : HttpRequestParser(limits.maxHeaderBytes, limits.maxBodyBytes)
{
}

void HttpRequestParser::setPeer(const QHostAddress &address, quint16 port, bool secure)
{
    m_peerAddress = address;
    m_peerPort = port;
    m_secure = secure;
}

HttpRequestParser::Step HttpRequestParser::fail(int status, const QString &reason, qsizetype consumed)
{
    m_state = State::Failed;
    m_errorStatus = status;
    m_errorReason = reason;
    return {Event::Error, consumed};
}

qsizetype HttpRequestParser::takeLine(QByteArrayView data, bool *complete)
{
    const void *lf = std::memchr(data.data(), '\n', size_t(data.size()));
    const qsizetype take = lf ? static_cast<const char *>(lf) - data.data() + 1 : data.size();
    m_line.append(data.first(take));
    *complete = lf != nullptr;
    return take;
}

HttpRequestParser::Step HttpRequestParser::parse(QByteArrayView data)
{
    qsizetype pos = 0;
    for (;;) {
        switch (m_state) {
        case State::Failed:
            return {Event::Error, pos};

        case State::Complete:
            m_request.peerAddress = m_peerAddress;
            m_request.peerPort = m_peerPort;
            m_request.secure = m_secure;
            m_ready.append(std::move(m_request));
            startNextRequest();
            return {Event::RequestComplete, pos};

        case State::Head:
        case State::Trailers: {
            if (pos == data.size())
                return {Event::NeedMoreData, pos};
            // Refuse before buffering: only as many bytes as the limit still allows are looked at.
            const qsizetype budget = m_maxHeaderBytes - m_headBytes;
            QByteArrayView rest = data.sliced(pos);
            const void *lf = std::memchr(rest.data(), '\n', size_t(rest.size()));
            const qsizetype lineEnd = lf ? static_cast<const char *>(lf) - rest.data() + 1 : rest.size();
            if (lineEnd > budget) {
                return fail(
                    431,
                    m_state == State::Head
                        ? QStringLiteral("the request head is larger than %1 bytes").arg(m_maxHeaderBytes)
                        : QStringLiteral("the chunked trailer section is larger than %1 bytes").arg(m_maxHeaderBytes),
                    pos);
            }
            bool complete = false;
            const qsizetype used = takeLine(rest, &complete);
            pos += used;
            m_headBytes += used;
            if (m_state == State::Head)
                m_idle = false;
            if (!complete)
                continue;
            if (!m_line.endsWith("\r\n"))
                return fail(400, QStringLiteral("a header line ends with a bare LF; HTTP requires CRLF"), pos);
            m_line.chop(2);
            const QByteArray line = std::exchange(m_line, {});

            if (m_state == State::Trailers) {
                if (line.isEmpty()) {
                    m_state = State::Complete;
                } else if (line.front() == ' ' || line.front() == '\t') {
                    return fail(400, QStringLiteral("a trailer line is folded (obs-fold), which HTTP/1.1 forbids"),
                                pos);
                } else if (!parseHeaderLine(line, &m_request.trailers)) {
                    return {Event::Error, pos};
                }
                continue;
            }
            if (!m_requestLineSeen) {
                // RFC 9112 2.2: empty lines before the request line are ignored.
                if (line.isEmpty())
                    continue;
                if (!parseRequestLine(line))
                    return {Event::Error, pos};
                m_requestLineSeen = true;
                continue;
            }
            if (line.isEmpty()) {
                if (!finishHead())
                    return {Event::Error, pos};
                return {Event::HeadersComplete, pos};
            }
            if (line.front() == ' ' || line.front() == '\t')
                return fail(400, QStringLiteral("a header line is folded (obs-fold), which HTTP/1.1 forbids"), pos);
            if (!parseHeaderLine(line, &m_request.headers))
                return {Event::Error, pos};
            continue;
        }

        case State::BodyLength:
        case State::ChunkData: {
            if (m_remaining == 0) {
                m_state = m_state == State::BodyLength ? State::Complete : State::ChunkDataEnd;
                continue;
            }
            if (pos == data.size())
                return {Event::NeedMoreData, pos};
            const qsizetype take = qsizetype(qMin<qint64>(m_remaining, data.size() - pos));
            m_request.body.append(data.sliced(pos, take));
            pos += take;
            m_remaining -= take;
            continue;
        }

        case State::ChunkSize:
        case State::ChunkDataEnd: {
            if (pos == data.size())
                return {Event::NeedMoreData, pos};
            QByteArrayView rest = data.sliced(pos);
            const void *lf = std::memchr(rest.data(), '\n', size_t(rest.size()));
            const qsizetype lineEnd = lf ? static_cast<const char *>(lf) - rest.data() + 1 : rest.size();
            if (m_line.size() + lineEnd > kMaxChunkLineBytes)
                return fail(400, QStringLiteral("a chunk-size line is longer than %1 bytes").arg(kMaxChunkLineBytes),
                            pos);
            bool complete = false;
            pos += takeLine(rest, &complete);
            if (!complete)
                continue;
            const QByteArray line = std::exchange(m_line, {});
            if (m_state == State::ChunkDataEnd) {
                if (line != "\r\n")
                    return fail(400, QStringLiteral("chunk data is not followed by CRLF"), pos);
                m_state = State::ChunkSize;
                continue;
            }
            if (!line.endsWith("\r\n"))
                return fail(400, QStringLiteral("a chunk-size line ends with a bare LF; HTTP requires CRLF"), pos);
            QByteArrayView sizeText(line.constData(), line.size() - 2);
            const qsizetype semicolon = sizeText.indexOf(';');
            if (semicolon >= 0)
                sizeText = sizeText.first(semicolon);
            // Whitespace is allowed between the size and an extension (BWS), not before the size.
            while (!sizeText.isEmpty() && (sizeText.back() == ' ' || sizeText.back() == '\t'))
                sizeText.chop(1);
            if (sizeText.isEmpty() || sizeText.size() > kMaxChunkSizeDigits)
                return fail(400, QStringLiteral("the chunk size is not a hexadecimal number"), pos);
            qint64 size = 0;
            for (char c : sizeText) {
                const int digit = hexValue(c);
                if (digit < 0)
                    return fail(400, QStringLiteral("the chunk size is not a hexadecimal number"), pos);
                size = size * 16 + digit;
            }
            if (size == 0) {
                m_state = State::Trailers;
                m_headBytes = 0;
                continue;
            }
            if (m_bodyTotal + size > m_maxBodyBytes)
                return fail(413, QStringLiteral("the chunked body is larger than %1 bytes").arg(m_maxBodyBytes), pos);
            m_bodyTotal += size;
            m_remaining = size;
            m_state = State::ChunkData;
            continue;
        }
        }
    }
}

bool HttpRequestParser::parseRequestLine(const QByteArray &line)
{
    const QList<QByteArray> parts = line.split(' ');
    if (parts.size() != 3) {
        fail(400, QStringLiteral("the request line is not \"METHOD target HTTP/1.x\""), 0);
        return false;
    }
    const QByteArray &method = parts.at(0);
    const QByteArray &target = parts.at(1);
    const QByteArray &version = parts.at(2);

    if (!isToken(method)) {
        fail(400, QStringLiteral("the request method is not a valid token"), 0);
        return false;
    }
    const bool versionShaped = version.size() == 8 && version.startsWith("HTTP/") && version.at(5) >= '0'
        && version.at(5) <= '9' && version.at(6) == '.' && version.at(7) >= '0' && version.at(7) <= '9';
    if (!versionShaped) {
        fail(400, QStringLiteral("the request line does not end in an HTTP version"), 0);
        return false;
    }
    if (version != "HTTP/1.1" && version != "HTTP/1.0") {
        fail(505,
             QStringLiteral("HTTP version %1 is not supported; use HTTP/1.1").arg(QString::fromLatin1(version.mid(5))),
             0);
        return false;
    }
    if (target.isEmpty()) {
        fail(400, QStringLiteral("the request target is empty"), 0);
        return false;
    }
    for (char ch : target) {
        const auto c = static_cast<unsigned char>(ch);
        if (c <= 0x20 || c >= 0x7f || c == '#') {
            fail(400, QStringLiteral("the request target contains a character that must be percent-encoded"), 0);
            return false;
        }
    }
    m_request.method = method;
    m_request.target = target;
    m_request.versionMinor = version.at(7) - '0';
    return true;
}

bool HttpRequestParser::parseHeaderLine(const QByteArray &line, HeaderList *into)
{
    const qsizetype colon = line.indexOf(':');
    if (colon < 0) {
        fail(400, QStringLiteral("a header line has no colon"), 0);
        return false;
    }
    const QByteArrayView name(line.constData(), colon);
    if (!isToken(name)) {
        // Includes "Name : value": whitespace before the colon is refused (RFC 9112 5.1).
        fail(400, QStringLiteral("a header name is empty or holds characters a name cannot have"), 0);
        return false;
    }
    const QByteArrayView value = trimmedOws(QByteArrayView(line).sliced(colon + 1));
    if (!isValidFieldValue(value)) {
        fail(400, QStringLiteral("the value of header %1 holds control characters").arg(QString::fromLatin1(name)), 0);
        return false;
    }
    into->append({name.toByteArray(), value.toByteArray()});
    return true;
}

bool HttpRequestParser::finishHead()
{
    const bool http11 = m_request.versionMinor >= 1;

    int hostCount = 0;
    QList<QByteArray> lengths;
    QList<QByteArray> codings;
    QList<QByteArray> expectations;
    for (const auto &[name, value] : std::as_const(m_request.headers)) {
        if (name.compare("Host", Qt::CaseInsensitive) == 0) {
            ++hostCount;
        } else if (name.compare("Content-Length", Qt::CaseInsensitive) == 0) {
            const QList<QByteArray> parts = value.split(',');
            for (const QByteArray &part : parts)
                lengths.append(part.trimmed());
        } else if (name.compare("Transfer-Encoding", Qt::CaseInsensitive) == 0) {
            const QList<QByteArray> parts = value.split(',');
            for (const QByteArray &part : parts) {
                const QByteArray coding = part.trimmed().toLower();
                if (!coding.isEmpty())
                    codings.append(coding);
            }
        } else if (name.compare("Expect", Qt::CaseInsensitive) == 0) {
            expectations.append(value.trimmed());
        }
    }

    if (http11 && hostCount == 0) {
        fail(400, QStringLiteral("an HTTP/1.1 request must carry a Host header"), 0);
        return false;
    }
    if (hostCount > 1) {
        fail(400, QStringLiteral("the request carries more than one Host header"), 0);
        return false;
    }

    qint64 contentLength = 0;
    if (!codings.isEmpty()) {
        if (!lengths.isEmpty()) {
            fail(400, QStringLiteral("the request has both Content-Length and Transfer-Encoding"), 0);
            return false;
        }
        if (!http11) {
            fail(400, QStringLiteral("Transfer-Encoding is not allowed in an HTTP/1.0 request"), 0);
            return false;
        }
        if (codings.last() != "chunked") {
            if (codings.contains("chunked")) {
                fail(400, QStringLiteral("\"chunked\" must be the last transfer coding"), 0);
                return false;
            }
            fail(501,
                 QStringLiteral("transfer coding \"%1\" is not supported").arg(QString::fromLatin1(codings.last())), 0);
            return false;
        }
        if (codings.size() > 1) {
            fail(501, QStringLiteral("transfer codings other than \"chunked\" are not supported"), 0);
            return false;
        }
        m_chunked = true;
    } else if (!lengths.isEmpty()) {
        for (const QByteArray &length : std::as_const(lengths)) {
            if (!isDigits(length) || length.size() > kMaxLengthDigits) {
                fail(400, QStringLiteral("Content-Length is not a non-negative decimal number"), 0);
                return false;
            }
            if (length.toLongLong() != lengths.first().toLongLong()) {
                fail(400, QStringLiteral("the request carries differing Content-Length values"), 0);
                return false;
            }
        }
        contentLength = lengths.first().toLongLong();
        if (contentLength > m_maxBodyBytes) {
            fail(413,
                 QStringLiteral("the request body of %1 bytes is larger than the limit of %2 bytes")
                     .arg(contentLength)
                     .arg(m_maxBodyBytes),
                 0);
            return false;
        }
    }

    const bool hasBody = m_chunked || contentLength > 0;
    for (const QByteArray &expectation : std::as_const(expectations)) {
        if (expectation.compare("100-continue", Qt::CaseInsensitive) != 0) {
            fail(417, QStringLiteral("only \"Expect: 100-continue\" is supported"), 0);
            return false;
        }
        // HTTP/1.0 clients cannot understand an interim response (RFC 9110 10.1.1).
        m_expectContinue = http11 && hasBody;
    }

    if (!decodeTarget())
        return false;

    if (m_chunked) {
        m_state = State::ChunkSize;
    } else if (contentLength > 0) {
        m_request.body.reserve(qsizetype(contentLength));
        m_remaining = contentLength;
        m_state = State::BodyLength;
    } else {
        m_state = State::Complete;
    }
    return true;
}

bool HttpRequestParser::decodeTarget()
{
    QByteArrayView target(m_request.target);
    if (target == "*") {
        if (m_request.method != "OPTIONS") {
            fail(400, QStringLiteral("the target \"*\" is only valid for OPTIONS"), 0);
            return false;
        }
        m_request.path = QStringLiteral("*");
        return true;
    }
    // Absolute form (RFC 9112 3.2.2): servers must accept it; only its path matters here.
    for (QByteArrayView scheme : {QByteArrayView("http://"), QByteArrayView("https://")}) {
        if (target.size() > scheme.size()
            && QByteArrayView(target.first(scheme.size())).compare(scheme, Qt::CaseInsensitive) == 0) {
            const QByteArrayView afterScheme = target.sliced(scheme.size());
            qsizetype pathStart = afterScheme.size();
            for (qsizetype i = 0; i < afterScheme.size(); ++i) {
                if (afterScheme.at(i) == '/' || afterScheme.at(i) == '?') {
                    pathStart = i;
                    break;
                }
            }
            target = afterScheme.sliced(pathStart);
            if (target.isEmpty() || target.front() == '?') {
                static const QByteArray slash("/");
                m_request.target = slash + target.toByteArray();
                target = QByteArrayView(m_request.target);
            }
            break;
        }
    }
    if (target.isEmpty() || target.front() != '/') {
        fail(400, QStringLiteral("the request target must be a path starting with \"/\""), 0);
        return false;
    }

    const qsizetype question = target.indexOf('?');
    const QByteArrayView rawPath = question >= 0 ? target.first(question) : target;
    const QByteArrayView rawQuery = question >= 0 ? target.sliced(question + 1) : QByteArrayView();

    QByteArray decoded;
    decoded.reserve(rawPath.size());
    for (qsizetype i = 0; i < rawPath.size(); ++i) {
        const char c = rawPath.at(i);
        if (c != '%') {
            decoded.append(c);
            continue;
        }
        const int high = i + 2 < rawPath.size() ? hexValue(rawPath.at(i + 1)) : -1;
        const int low = i + 2 < rawPath.size() ? hexValue(rawPath.at(i + 2)) : -1;
        if (high < 0 || low < 0) {
            fail(400, QStringLiteral("the path holds a malformed percent-escape"), 0);
            return false;
        }
        const char byte = char(high * 16 + low);
        if (byte == '\0') {
            fail(400, QStringLiteral("the path holds an encoded NUL byte (%00)"), 0);
            return false;
        }
        decoded.append(byte);
        i += 2;
    }
    QStringDecoder toUtf16(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    QString path = toUtf16.decode(decoded);
    if (toUtf16.hasError()) {
        fail(400, QStringLiteral("the decoded path is not valid UTF-8"), 0);
        return false;
    }
    m_request.path = std::move(path);
    m_request.query = QUrlQuery(QString::fromUtf8(rawQuery));
    return true;
}

void HttpRequestParser::startNextRequest()
{
    m_request = HttpRequest{};
    m_state = State::Head;
    m_requestLineSeen = false;
    m_idle = true;
    m_headBytes = 0;
    m_line.clear();
    m_remaining = 0;
    m_bodyTotal = 0;
    m_chunked = false;
    m_expectContinue = false;
}

void HttpRequestParser::feed(QByteArrayView data)
{
    qsizetype pos = 0;
    for (;;) {
        const Step step = parse(data.sliced(pos));
        pos += step.consumed;
        if (step.event == Event::NeedMoreData || step.event == Event::Error)
            return;
    }
}

bool HttpRequestParser::hasRequest() const
{
    return !m_ready.isEmpty();
}

qsizetype HttpRequestParser::readyCount() const
{
    return m_ready.size();
}

HttpRequest HttpRequestParser::takeRequest()
{
    return m_ready.isEmpty() ? HttpRequest{} : m_ready.takeFirst();
}

bool HttpRequestParser::hasError() const
{
    return m_state == State::Failed;
}

int HttpRequestParser::errorStatus() const
{
    return m_errorStatus;
}

QString HttpRequestParser::errorReason() const
{
    return m_errorReason;
}

bool HttpRequestParser::isIdle() const
{
    return m_state == State::Head && m_idle;
}

bool HttpRequestParser::isReadingHead() const
{
    return m_state == State::Head && !m_idle;
}

bool HttpRequestParser::isReadingBody() const
{
    switch (m_state) {
    case State::BodyLength:
    case State::ChunkSize:
    case State::ChunkData:
    case State::ChunkDataEnd:
    case State::Trailers:
        return true;
    default:
        return false;
    }
}

bool HttpRequestParser::expectsContinue() const
{
    return m_expectContinue && isReadingBody();
}

const HttpRequest &HttpRequestParser::currentRequest() const
{
    return m_request;
}

} // namespace confero::http
