#include "EventSpool.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>

#include <cerrno>
#include <cstring>

#include <fcntl.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace confero::relay {

EventSpool::EventSpool(QString path)
    : m_path(std::move(path))
{
}

bool EventSpool::append(const QList<Record> &records, QString *error)
{
    QFile file(m_path);
    const bool created = !file.exists();
    if (!file.open(QIODevice::WriteOnly | QIODevice::Append)) {
        *error = file.errorString();
        return false;
    }
    QByteArray lines;
    for (const Record &record : records) {
        const QJsonObject object{{u"id"_s, record.id},
                                 {u"project"_s, record.event.project},
                                 {u"type"_s, record.event.type},
                                 {u"received_at"_s, record.event.receivedAtMs},
                                 {u"body"_s, QString::fromLatin1(record.event.body.toBase64())}};
        lines += QJsonDocument(object).toJson(QJsonDocument::Compact).toBase64() + '\n';
    }
    if (file.write(lines) != lines.size() || !file.flush() || ::fsync(file.handle()) != 0) {
        *error = file.errorString();
        // What was half-written is a torn line that readAll() skips; the webhooks get no 200.
        return false;
    }
    if (created) {
        // A new file's name is durable only once its folder is synced too.
        const int folder = ::open(QFile::encodeName(QFileInfo(m_path).absolutePath()).constData(), O_RDONLY);
        const bool synced = folder >= 0 && ::fsync(folder) == 0;
        if (folder >= 0)
            ::close(folder);
        if (!synced) {
            *error = QString::fromLocal8Bit(strerror(errno));
            return false;
        }
    }
    return true;
}

QList<EventSpool::Record> EventSpool::readAll() const
{
    QList<Record> records;
    QFile file(m_path);
    if (!file.open(QIODevice::ReadOnly))
        return records;
    while (!file.atEnd()) {
        const QByteArray line = file.readLine().trimmed();
        const auto decoded = QByteArray::fromBase64Encoding(line, QByteArray::AbortOnBase64DecodingErrors);
        if (!decoded)
            continue;
        const QJsonObject object = QJsonDocument::fromJson(decoded.decoded).object();
        const auto body = QByteArray::fromBase64Encoding(object.value(u"body").toString().toLatin1(),
                                                         QByteArray::AbortOnBase64DecodingErrors);
        if (object.value(u"id").toString().isEmpty() || !body)
            continue;
        records.append({object.value(u"id").toString(),
                        {object.value(u"project").toString(), object.value(u"type").toString(), body.decoded,
                         object.value(u"received_at").toInteger()}});
    }
    return records;
}

bool EventSpool::isEmpty() const
{
    const QFileInfo info(m_path);
    return !info.exists() || info.size() == 0;
}

bool EventSpool::clear(QString *error)
{
    QFile file(m_path);
    if (!file.exists())
        return true;
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || ::fsync(file.handle()) != 0) {
        *error = file.errorString();
        return false;
    }
    return true;
}

} // namespace confero::relay
