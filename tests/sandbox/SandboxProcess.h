#pragma once

#include <QProcess>
#include <QStringList>
#include <QUrl>

namespace confero::test {

// The confero-sandbox program run as a child process, for tests that need it apart from the test's
// own memory and threads: waits for its "listening on URL" line, reads its resident size, stops it.
class SandboxProcess
{
public:
    SandboxProcess();
    ~SandboxProcess();
    SandboxProcess(const SandboxProcess &) = delete;
    SandboxProcess &operator=(const SandboxProcess &) = delete;

    // Starts the program with `arguments` and waits (bounded) for its listening line; the URL is
    // empty when it did not come (what was printed goes to the test log).
    QUrl start(const QStringList &arguments);
    void stop();

    // Resident set size of the child in bytes (from /proc/<pid>/statm), -1 when unknown.
    qint64 residentBytes() const;

    QProcess &process() { return m_process; }

private:
    QProcess m_process;
};

} // namespace confero::test
