#pragma once

#include <QByteArray>
#include <QString>

namespace confero::test {

// Reads the whole of a file (empty when missing): for tests that look for a secret on disk.
QByteArray readAll(const QString &path);

// Every regular file below `dir` whose bytes contain `needle`.
QStringList filesContaining(const QString &dir, const QByteArray &needle);

// Resident set size of this process in bytes (from /proc/self/statm), for bounded-memory checks.
qint64 residentBytes();

} // namespace confero::test
