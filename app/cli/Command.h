#pragma once

#include <QObject>

namespace confero::cli {

class CliContext;

// One command group (rooms, tokens, projects). start() runs the action named on the command line,
// asynchronously where it talks to the platform, and ends with exactly one finished(exitCode).
class Command : public QObject
{
    Q_OBJECT

public:
    enum ExitCode { Success = 0, Failure = 1, UsageError = 2 };

    explicit Command(CliContext *context, QObject *parent = nullptr)
        : QObject(parent)
        , m_context(context)
    {
    }

    virtual void start() = 0;

Q_SIGNALS:
    void finished(int exitCode);

protected:
    // Prints `message` as the one line on stderr and finishes with `code`.
    void fail(const QString &message, int code = Failure);
    void succeed();

    CliContext *m_context;
};

} // namespace confero::cli
