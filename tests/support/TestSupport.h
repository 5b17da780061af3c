#pragma once

#include <QByteArray>
#include <QString>
#include <QUrl>

namespace confero::test {

// Reads the whole of a file (empty when missing): for tests that look for a secret on disk.
QByteArray readAll(const QString &path);

// Every regular file below `dir` whose bytes contain `needle`.
QStringList filesContaining(const QString &dir, const QByteArray &needle);

// Resident set size of this process in bytes (from /proc/self/statm), for bounded-memory checks.
qint64 residentBytes();

// POSTs `body` to `url` as a webhook (HTTP Basic `credentials` "USER:PASS" unless empty, the given
// Content-Type) and waits up to 15 s: the HTTP status, or -1 when no answer came.
int postWebhook(const QUrl &url, const QByteArray &credentials, const QByteArray &body,
                const QString &contentType = QStringLiteral("application/json"));

// GETs `url` and waits up to 15 s: the body of a 200 answer, or an empty array.
QByteArray getBody(const QUrl &url);

} // namespace confero::test
