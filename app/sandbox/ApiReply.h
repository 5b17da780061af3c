#pragma once

#include "SandboxError.h"

#include <QByteArray>
#include <QIODevice>
#include <QJsonObject>
#include <QList>
#include <QPair>

#include <memory>

namespace confero::sandbox {

// What a controller answers, before it becomes bytes: the HTTP status, the JSON envelope and any
// extra headers. Controllers stay socket-free and testable; SandboxServer turns this into a response.
class ApiReply
{
public:
    int status = 200;
    QJsonObject body;
    QList<QPair<QByteArray, QByteArray>> headers;
    // When set, the JSON body is streamed from this device instead of `body` (CDR answers, which
    // can be a year of rows).
    std::shared_ptr<QIODevice> stream;

    // {"result":0, ...fields}
    static ApiReply success(QJsonObject fields = {});
    // {"result":<code>,"error":"...","desc":"..."} with the status SandboxError::httpStatus() picks.
    static ApiReply failure(const SandboxError &error);
    // 200 with a JSON body read from `device` as the socket drains.
    static ApiReply streamed(std::shared_ptr<QIODevice> device);
    // A control-surface answer that is not a platform envelope.
    static ApiReply plain(int status, QJsonObject body);

    bool isSuccess() const;
};

} // namespace confero::sandbox
