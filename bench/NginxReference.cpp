#include "NginxReference.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QThread>

#include <unistd.h>

namespace confero::bench {

using namespace Qt::StringLiterals;

NginxReference::NginxReference() = default;

NginxReference::~NginxReference()
{
    stop();
}

QString NginxReference::findProgram()
{
    QString program = QStandardPaths::findExecutable(u"nginx"_s);
    if (program.isEmpty())
        program = QStandardPaths::findExecutable(u"nginx"_s, {u"/usr/sbin"_s, u"/usr/local/sbin"_s});
    return program;
}

void NginxReference::setStaticRoot(const QString &folder)
{
    m_staticRoot = QDir(folder).absolutePath();
}

bool NginxReference::start(const QString &program, const QString &folder, QString *error)
{
    if (!QDir().mkpath(folder)) {
        *error = u"cannot create "_s + folder;
        return false;
    }
    // A free port, named in the configuration (nginx cannot report one it chose).
    {
        QTcpServer probe;
        if (!probe.listen(QHostAddress::LocalHost, 0)) {
            *error = probe.errorString();
            return false;
        }
        m_port = probe.serverPort();
    }
    const QString dir = QDir(folder).absolutePath();
    // Everything nginx writes goes into `dir`; the bodies are small enough never to need a file.
    // As root, nginx's workers would run as nobody, who cannot enter the bench's private temporary
    // folder to read the static files: they keep the bench's own user (loopback only, a bench's run).
    const QString user = ::geteuid() == 0 ? u"user root;\n"_s : QString();
    const QString config = user
        + uR"(daemon off;
master_process on;
worker_processes auto;
pid %1/nginx.pid;
error_log %1/error.log warn;
events { worker_connections 1024; }
http {
    access_log off;
    client_body_temp_path %1/body;
    proxy_temp_path %1/proxy;
    fastcgi_temp_path %1/fastcgi;
    uwsgi_temp_path %1/uwsgi;
    scgi_temp_path %1/scgi;
    keepalive_requests 100000000;
    keepalive_timeout 60s;
    sendfile on;
    server {
        listen 127.0.0.1:%2;
        location / { return 200; }
%3    }
}
)"_s.arg(dir)
              .arg(m_port)
              .arg(m_staticRoot.isEmpty() ? QString()
                                          : u"        location /static/ { alias %1/; }\n"_s.arg(m_staticRoot));
    QFile file(dir + u"/nginx.conf"_s);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(config.toUtf8()) < 0) {
        *error = file.errorString();
        return false;
    }
    file.close();
    m_process.setProcessChannelMode(QProcess::MergedChannels);
    // -e: the error log before the configuration is read, so the system's log folder is never opened.
    m_process.start(program, {u"-p"_s, dir, u"-e"_s, dir + u"/error.log"_s, u"-c"_s, dir + u"/nginx.conf"_s});
    if (!m_process.waitForStarted(10'000)) {
        *error = m_process.errorString();
        return false;
    }
    const QDeadlineTimer deadline(10'000);
    while (!deadline.hasExpired()) {
        if (m_process.state() != QProcess::Running) {
            *error = u"nginx stopped: "_s + QString::fromLocal8Bit(m_process.readAll()).trimmed();
            return false;
        }
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, m_port);
        if (socket.waitForConnected(200))
            return true;
        QThread::msleep(20);
    }
    *error = u"nginx did not listen on port %1"_s.arg(m_port);
    stop();
    return false;
}

void NginxReference::stop()
{
    if (m_process.state() == QProcess::NotRunning)
        return;
    m_process.terminate(); // SIGTERM: nginx's fast shutdown, workers included
    if (!m_process.waitForFinished(10'000)) {
        m_process.kill();
        m_process.waitForFinished(5'000);
    }
}

quint16 NginxReference::port() const
{
    return m_port;
}

} // namespace confero::bench
