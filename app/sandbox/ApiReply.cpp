#include "ApiReply.h"

using namespace Qt::StringLiterals;

namespace confero::sandbox {

ApiReply ApiReply::success(QJsonObject fields)
{
    ApiReply reply;
    fields.insert(u"result"_s, ResultCode::Success);
    reply.body = fields;
    return reply;
}

ApiReply ApiReply::failure(const SandboxError &error)
{
    ApiReply reply;
    reply.status = error.httpStatus();
    reply.body = QJsonObject{{u"result"_s, error.result}, {u"error"_s, error.error}, {u"desc"_s, error.desc}};
    return reply;
}

ApiReply ApiReply::streamed(std::shared_ptr<QIODevice> device)
{
    ApiReply reply;
    reply.stream = std::move(device);
    return reply;
}

ApiReply ApiReply::plain(int status, QJsonObject body)
{
    ApiReply reply;
    reply.status = status;
    reply.body = std::move(body);
    return reply;
}

bool ApiReply::isSuccess() const
{
    return status >= 200 && status < 300;
}

} // namespace confero::sandbox
