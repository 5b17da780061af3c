#pragma once

#include "HttpRequest.h"

#include <QIODevice>
#include <QJsonDocument>
#include <QJsonObject>

#include <memory>

namespace confero::http {

// A response to send. The body is either in memory (`body`) or streamed from a device
// (`bodyDevice`, with `bodyLength` bytes, or -1 for chunked transfer encoding). Streaming reads the
// device in bounded chunks and only as fast as the socket drains, so a 1 GiB file never sits in memory.
class HttpResponse
{
public:
    int status = 200;
    HeaderList headers;
    QByteArray body;
    std::shared_ptr<QIODevice> bodyDevice;
    qint64 bodyLength = -1;

    // Test and fault-injection hook: close the connection after this many body bytes were written
    // (-1: never). The sandbox uses it to play a server that drops mid-transfer.
    qint64 dropAfterBodyBytes = -1;
    // Fault-injection hook: send the body at no more than this many bytes a second (0: as fast as the
    // socket drains). The sandbox uses it to play a slow server.
    qint64 maxBodyBytesPerSecond = 0;

    void setHeader(const QByteArray &name, const QByteArray &value); // replaces any same-named header
    QByteArray header(QByteArrayView name) const;

    static HttpResponse json(int status, const QJsonObject &object);
    static HttpResponse json(int status, const QJsonDocument &document);
    static HttpResponse text(int status, const QByteArray &text);
    static HttpResponse empty(int status);

    // Serves `device` (already open, seekable) honouring the request's Range header:
    // 200 with the whole content, 206 with one satisfiable range, 416 otherwise.
    // Adds Accept-Ranges, Content-Range and the given content type.
    static HttpResponse fromDevice(const HttpRequest &request, std::shared_ptr<QIODevice> device,
                                   const QByteArray &contentType);
};

QByteArray reasonPhrase(int status);

} // namespace confero::http
