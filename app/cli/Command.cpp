#include "Command.h"

#include "CliContext.h"

namespace confero::cli {

void Command::fail(const QString &message, int code)
{
    m_context->printError(message);
    Q_EMIT finished(code);
}

void Command::succeed()
{
    Q_EMIT finished(Success);
}

} // namespace confero::cli
