#include "SandboxProcess.h"

#include <QDeadlineTimer>
#include <QDebug>
#include <QFile>
#include <QRegularExpression>

#include <unistd.h>

using namespace Qt::StringLiterals;

namespace confero::test {

SandboxProcess::SandboxProcess() = default;

SandboxProcess::~SandboxProcess()
{
    stop();
}

QUrl SandboxProcess::start(const QStringList &arguments)
{
    m_process.start(QStringLiteral(CONFERO_SANDBOX_EXECUTABLE), arguments);
    if (!m_process.waitForStarted(10000)) {
        qWarning() << "confero-sandbox did not start:" << m_process.errorString();
        return {};
    }
    static const QRegularExpression listening(u"listening on (https?://127\\.0\\.0\\.1:\\d+)\\n"_s);
    QByteArray seen;
    const QDeadlineTimer deadline(30000);
    while (!deadline.hasExpired() && m_process.state() != QProcess::NotRunning) {
        if (!m_process.waitForReadyRead(int(qMax<qint64>(1, deadline.remainingTime()))))
            continue;
        seen += m_process.readAllStandardOutput();
        const QRegularExpressionMatch match = listening.match(QString::fromUtf8(seen));
        if (match.hasMatch())
            return QUrl(match.captured(1));
    }
    qWarning() << "no listening line; stdout:" << seen << "stderr:" << m_process.readAllStandardError();
    return {};
}

void SandboxProcess::stop()
{
    if (m_process.state() == QProcess::NotRunning)
        return;
    m_process.terminate();
    if (!m_process.waitForFinished(10000)) {
        m_process.kill();
        m_process.waitForFinished(10000);
    }
}

qint64 SandboxProcess::residentBytes() const
{
    QFile statm(u"/proc/%1/statm"_s.arg(m_process.processId()));
    if (!statm.open(QIODevice::ReadOnly))
        return -1;
    const QList<QByteArray> fields = statm.readAll().split(' ');
    if (fields.size() < 2)
        return -1;
    return fields.at(1).toLongLong() * sysconf(_SC_PAGESIZE);
}

} // namespace confero::test
