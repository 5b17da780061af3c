#include "HttpResponse.h"

namespace confero::http {

namespace {

struct ByteRange
{
    qint64 first = 0;
    qint64 last = 0; // inclusive
};

enum class RangeVerdict { WholeContent, Partial, Unsatisfiable };

bool parseNumber(QByteArrayView text, qint64 *value)
{
    if (text.isEmpty() || text.size() > 18)
        return false;
    qint64 result = 0;
    for (char c : text) {
        if (c < '0' || c > '9')
            return false;
        result = result * 10 + (c - '0');
    }
    *value = result;
    return true;
}

// RFC 9110 14.2. Only a single range is honoured: a multi-range request is answered with the whole
// content (200), which the RFC allows (a server may ignore Range). multipart/byteranges would have to
// be assembled from the device and the media players and download resumers we serve only ever ask
// for one range, so it would be code without a user. A Range we cannot parse is ignored as well.
RangeVerdict evaluateRange(const QByteArray &header, qint64 size, ByteRange *range)
{
    if (header.isNull())
        return RangeVerdict::WholeContent;
    const QByteArray spec = header.trimmed();
    if (!spec.startsWith("bytes="))
        return RangeVerdict::WholeContent;
    const QByteArrayView set = QByteArrayView(spec).sliced(6);
    if (set.contains(','))
        return RangeVerdict::WholeContent;
    const qsizetype dash = set.indexOf('-');
    if (dash < 0)
        return RangeVerdict::WholeContent;
    const QByteArrayView firstText = set.first(dash).trimmed();
    const QByteArrayView lastText = set.sliced(dash + 1).trimmed();

    if (firstText.isEmpty()) {
        qint64 suffix = 0;
        if (!parseNumber(lastText, &suffix))
            return RangeVerdict::WholeContent;
        if (suffix == 0 || size == 0)
            return RangeVerdict::Unsatisfiable;
        range->first = qMax<qint64>(0, size - suffix);
        range->last = size - 1;
        return RangeVerdict::Partial;
    }
    qint64 first = 0;
    if (!parseNumber(firstText, &first))
        return RangeVerdict::WholeContent;
    qint64 last = size - 1;
    if (!lastText.isEmpty()) {
        if (!parseNumber(lastText, &last))
            return RangeVerdict::WholeContent;
        if (last < first)
            return RangeVerdict::WholeContent; // syntactically invalid: ignored per RFC 9110 14.1.1
    }
    if (first >= size)
        return RangeVerdict::Unsatisfiable;
    range->first = first;
    range->last = qMin(last, size - 1);
    return RangeVerdict::Partial;
}

} // namespace

void HttpResponse::setHeader(const QByteArray &name, const QByteArray &value)
{
    bool replaced = false;
    for (qsizetype i = 0; i < headers.size();) {
        auto &header = headers[i];
        if (header.first.compare(name, Qt::CaseInsensitive) == 0) {
            if (!replaced) {
                header.second = value;
                replaced = true;
                ++i;
            } else {
                headers.removeAt(i);
            }
        } else {
            ++i;
        }
    }
    if (!replaced)
        headers.append({name, value});
}

QByteArray HttpResponse::header(QByteArrayView name) const
{
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

HttpResponse HttpResponse::json(int status, const QJsonObject &object)
{
    return json(status, QJsonDocument(object));
}

HttpResponse HttpResponse::json(int status, const QJsonDocument &document)
{
    HttpResponse response;
    response.status = status;
    response.setHeader("Content-Type", "application/json");
    response.body = document.toJson(QJsonDocument::Compact);
    return response;
}

HttpResponse HttpResponse::text(int status, const QByteArray &text)
{
    HttpResponse response;
    response.status = status;
    response.setHeader("Content-Type", "text/plain; charset=utf-8");
    response.body = text;
    return response;
}

HttpResponse HttpResponse::empty(int status)
{
    HttpResponse response;
    response.status = status;
    return response;
}

HttpResponse HttpResponse::fromDevice(const HttpRequest &request, std::shared_ptr<QIODevice> device,
                                      const QByteArray &contentType)
{
    HttpResponse response;
    if (!device || !device->isOpen() || !device->isReadable() || device->isSequential()) {
        response = text(500, "the content to serve cannot be read");
        return response;
    }
    const qint64 size = device->size();
    response.setHeader("Accept-Ranges", "bytes");

    ByteRange range;
    const RangeVerdict verdict = request.method == "GET" || request.method == "HEAD"
        ? evaluateRange(request.header("Range"), size, &range)
        : RangeVerdict::WholeContent;

    switch (verdict) {
    case RangeVerdict::Unsatisfiable:
        response.status = 416;
        response.setHeader("Content-Range", "bytes */" + QByteArray::number(size));
        response.setHeader("Content-Type", "text/plain; charset=utf-8");
        response.body = "the requested range lies outside the content";
        return response;
    case RangeVerdict::Partial:
        if (!device->seek(range.first)) {
            response = text(500, "the content to serve cannot be read");
            return response;
        }
        response.status = 206;
        response.setHeader("Content-Range",
                           "bytes " + QByteArray::number(range.first) + '-' + QByteArray::number(range.last) + '/'
                               + QByteArray::number(size));
        response.bodyLength = range.last - range.first + 1;
        break;
    case RangeVerdict::WholeContent:
        if (!device->seek(0)) {
            response = text(500, "the content to serve cannot be read");
            return response;
        }
        response.status = 200;
        response.bodyLength = size;
        break;
    }
    if (!contentType.isEmpty())
        response.setHeader("Content-Type", contentType);
    response.bodyDevice = std::move(device);
    return response;
}

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 100:
        return "Continue";
    case 101:
        return "Switching Protocols";
    case 200:
        return "OK";
    case 201:
        return "Created";
    case 202:
        return "Accepted";
    case 204:
        return "No Content";
    case 206:
        return "Partial Content";
    case 301:
        return "Moved Permanently";
    case 302:
        return "Found";
    case 303:
        return "See Other";
    case 304:
        return "Not Modified";
    case 307:
        return "Temporary Redirect";
    case 308:
        return "Permanent Redirect";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 406:
        return "Not Acceptable";
    case 408:
        return "Request Timeout";
    case 409:
        return "Conflict";
    case 410:
        return "Gone";
    case 411:
        return "Length Required";
    case 412:
        return "Precondition Failed";
    case 413:
        return "Content Too Large";
    case 414:
        return "URI Too Long";
    case 415:
        return "Unsupported Media Type";
    case 416:
        return "Range Not Satisfiable";
    case 417:
        return "Expectation Failed";
    case 422:
        return "Unprocessable Content";
    case 426:
        return "Upgrade Required";
    case 429:
        return "Too Many Requests";
    case 431:
        return "Request Header Fields Too Large";
    case 500:
        return "Internal Server Error";
    case 501:
        return "Not Implemented";
    case 502:
        return "Bad Gateway";
    case 503:
        return "Service Unavailable";
    case 504:
        return "Gateway Timeout";
    case 505:
        return "HTTP Version Not Supported";
    default:
        break;
    }
    if (status >= 100 && status < 200)
        return "Informational";
    if (status >= 200 && status < 300)
        return "Success";
    if (status >= 300 && status < 400)
        return "Redirection";
    if (status >= 400 && status < 500)
        return "Client Error";
    return "Server Error";
}

} // namespace confero::http
