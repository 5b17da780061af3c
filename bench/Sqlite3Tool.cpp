#include "Sqlite3Tool.h"

#include <QElapsedTimer>
#include <QProcess>
#include <QStandardPaths>

namespace confero::bench {

using namespace Qt::StringLiterals;

Sqlite3Tool::Sqlite3Tool(const QString &program)
    : m_path(QStandardPaths::findExecutable(program))
{
    if (m_path.isEmpty() && program.contains(u'/'))
        m_path = program;
}

QString Sqlite3Tool::path() const
{
    return m_path;
}

std::optional<double> Sqlite3Tool::run(const QString &database, const QByteArray &script, QString *error,
                                       const QStringList &arguments, const QString &outputFile) const
{
    if (m_path.isEmpty()) {
        *error = u"the sqlite3 command-line tool is not installed (Debian package sqlite3)"_s;
        return std::nullopt;
    }
    QProcess process;
    process.setProgram(m_path);
    // -bail: the first failing statement ends the run, so a broken import is not timed as a fast one.
    process.setArguments(QStringList{u"-bail"_s} + arguments + QStringList{database});
    if (!outputFile.isEmpty())
        process.setStandardOutputFile(outputFile);
    QElapsedTimer timer;
    timer.start();
    process.start();
    if (!process.waitForStarted(30'000)) {
        *error = u"sqlite3 did not start: "_s + process.errorString();
        return std::nullopt;
    }
    process.write(script);
    process.closeWriteChannel();
    // No bound: a million-row import on a loaded machine takes what it takes.
    process.waitForFinished(-1);
    const double seconds = double(timer.nsecsElapsed()) / 1e9;
    const QByteArray stderrText = process.readAllStandardError().trimmed();
    if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
        *error = u"sqlite3 failed (exit %1): %2"_s.arg(process.exitCode()).arg(QString::fromUtf8(stderrText.left(500)));
        return std::nullopt;
    }
    return seconds;
}

} // namespace confero::bench
