#include "RelayTestProcess.h"

#include <QDeadlineTimer>
#include <QDebug>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace confero::test {

QUrl startRelayProcess(QProcess &process, const QString &program, const QString &database, const QStringList &extra)
{
    process.start(program, QStringList{u"serve"_s, u"--listen"_s, u"127.0.0.1:0"_s, u"--db"_s, database} + extra);
    if (!process.waitForStarted(10000))
        return {};
    static const QRegularExpression listening(u"listening on (http://127\\.0\\.0\\.1:\\d+)\\n"_s);
    QByteArray seen;
    QDeadlineTimer deadline(30000);
    while (!deadline.hasExpired() && process.state() == QProcess::Running) {
        if (process.waitForReadyRead(100))
            seen += process.readAllStandardOutput();
        const QRegularExpressionMatch match = listening.match(QString::fromUtf8(seen));
        if (match.hasMatch())
            return QUrl(match.captured(1));
    }
    qWarning() << "no listening line:" << seen << process.readAllStandardError();
    return {};
}

} // namespace confero::test
