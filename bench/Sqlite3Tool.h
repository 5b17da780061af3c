#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <optional>

namespace confero::bench {

// The sqlite3 command-line tool, the reference the bench compares Confero with: the same work done
// by SQLite's own shell, timed as a whole process (start-up included, a few ms).
class Sqlite3Tool
{
public:
    explicit Sqlite3Tool(const QString &program = QStringLiteral("sqlite3"));

    // The program's path, or empty when it is not installed.
    QString path() const;

    // Runs `script` (fed on stdin) against `database`; with `outputFile`, stdout goes there.
    // `arguments` come before the database (e.g. "-csv"). Wall seconds, or nothing with *error set.
    std::optional<double> run(const QString &database, const QByteArray &script, QString *error,
                              const QStringList &arguments = {}, const QString &outputFile = {}) const;

private:
    QString m_path;
};

} // namespace confero::bench
