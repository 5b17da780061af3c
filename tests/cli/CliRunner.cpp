#include "CliRunner.h"

#include <QProcess>
#include <QSignalSpy>

namespace confero::test {

QStringList CliRun::errLines() const
{
    return QString::fromUtf8(err).split(u'\n', Qt::SkipEmptyParts);
}

CliRunner::CliRunner(const QProcessEnvironment &environment)
    : m_environment(environment)
{
}

QProcessEnvironment &CliRunner::environment()
{
    return m_environment;
}

CliRun CliRunner::run(const QStringList &arguments, const QByteArray &input, int timeoutMs) const
{
    QProcess process;
    process.setProcessEnvironment(m_environment);
    QSignalSpy finished(&process, &QProcess::finished);
    process.start(QStringLiteral(CONFEROCTL_PATH), arguments);
    CliRun run;
    if (!process.waitForStarted(10'000))
        return run;
    process.write(input);
    process.closeWriteChannel();
    // QSignalSpy::wait spins the event loop: the sandbox in this process keeps serving.
    run.finished = finished.count() > 0 || finished.wait(timeoutMs);
    if (!run.finished) {
        process.kill();
        process.waitForFinished(5'000);
        return run;
    }
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    run.out = process.readAllStandardOutput();
    run.err = process.readAllStandardError();
    return run;
}

} // namespace confero::test
