#pragma once

#include <QProcess>
#include <QString>

namespace confero::bench {

// nginx on 127.0.0.1 answering every request 200 with no body (`return 200;`): the relay bench's
// reference for what a tuned server does with the same load; with a static root, it also serves that
// folder's files under /static/ (the download bench's reference). Its configuration is generated in a
// folder of the bench's own; nginx runs in the foreground as this object's child and is stopped
// with it. No system nginx configuration, log or service is read or touched.
class NginxReference
{
public:
    NginxReference();
    ~NginxReference();
    NginxReference(const NginxReference &) = delete;
    NginxReference &operator=(const NginxReference &) = delete;

    // The nginx program on PATH or in /usr/sbin; empty when none is installed.
    static QString findProgram();

    // Before start(): serve `folder`'s files as /static/<name> (sendfile, Range).
    void setStaticRoot(const QString &folder);
    bool start(const QString &program, const QString &folder, QString *error);
    void stop();
    quint16 port() const;

private:
    QProcess m_process;
    quint16 m_port = 0;
    QString m_staticRoot;
};

} // namespace confero::bench
