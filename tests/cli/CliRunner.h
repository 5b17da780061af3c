#pragma once

#include <QByteArray>
#include <QProcessEnvironment>
#include <QStringList>

namespace confero::test {

// Runs the built conferoctl without blocking the event loop, so an in-process sandbox can answer it.
struct CliRun
{
    int exitCode = -1;
    bool finished = false;
    QByteArray out;
    QByteArray err;

    QStringList errLines() const;
};

class CliRunner
{
public:
    explicit CliRunner(const QProcessEnvironment &environment);

    QProcessEnvironment &environment();
    CliRun run(const QStringList &arguments, const QByteArray &input = {}, int timeoutMs = 60'000) const;

private:
    QProcessEnvironment m_environment;
};

} // namespace confero::test
