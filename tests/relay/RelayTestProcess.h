#pragma once

#include <QProcess>
#include <QStringList>
#include <QUrl>

namespace confero::test {

// Starts `confero-relay serve --listen 127.0.0.1:0 --db DATABASE EXTRA...` in `process` and waits up
// to 30 s for its "listening on" line; the relay's base URL, or an empty URL (with a warning) when
// it did not come up.
QUrl startRelayProcess(QProcess &process, const QString &program, const QString &database,
                       const QStringList &extra = {});

} // namespace confero::test
