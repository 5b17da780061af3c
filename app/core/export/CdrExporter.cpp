#include "CdrExporter.h"

#include "CsvWriter.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QIODevice>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTimeZone>

namespace confero {

using namespace Qt::StringLiterals;

namespace {

class ExportText
{
    Q_DECLARE_TR_FUNCTIONS(confero::CdrExporter)
};

QString number(double value)
{
    return QString::number(value, 'g', 15);
}

} // namespace

QStringList CdrExporter::columns()
{
    return {u"id"_s,
            u"cdr_id"_s,
            u"conf_num"_s,
            u"room_id"_s,
            u"room_name"_s,
            u"name"_s,
            u"user_ref"_s,
            u"role"_s,
            u"agent"_s,
            u"ip"_s,
            u"connect"_s,
            u"disconnect"_s,
            u"duration_s"_s,
            u"published_minutes"_s,
            u"subscribed_minutes"_s,
            u"connect_minutes"_s,
            u"problems"_s};
}

QString CdrExporter::isoTime(qint64 ms)
{
    if (ms == 0)
        return {};
    // Spelled out: Qt::ISODateWithMs writes "+00:00" for a QTimeZone::utc() time, not "Z".
    return QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::utc()).toString(u"yyyy-MM-dd'T'HH:mm:ss.zzz'Z'"_s);
}

QStringList CdrExporter::toCells(const CdrStoredRow &stored)
{
    const CdrRow &row = stored.row;
    return {QString::number(stored.id),
            row.cdrId,
            row.confNum,
            row.roomId,
            row.roomName,
            row.name,
            row.userRef,
            row.role,
            row.agent,
            row.ip,
            isoTime(row.connectMs),
            isoTime(row.disconnectMs),
            number(row.durationS),
            number(row.publishedMinutes),
            number(row.subscribedMinutes),
            number(row.connectMinutes),
            row.problems.join(u"; "_s)};
}

QJsonObject CdrExporter::toJson(const CdrStoredRow &stored)
{
    const CdrRow &row = stored.row;
    QJsonObject object{
        {u"id"_s, stored.id},
        {u"cdr_id"_s, row.cdrId},
        {u"conf_num"_s, row.confNum},
        {u"room_id"_s, row.roomId},
        {u"room_name"_s, row.roomName},
        {u"name"_s, row.name},
        {u"user_ref"_s, row.userRef},
        {u"role"_s, row.role},
        {u"agent"_s, row.agent},
        {u"ip"_s, row.ip},
        {u"connect"_s, row.connectMs ? QJsonValue(isoTime(row.connectMs)) : QJsonValue()},
        {u"disconnect"_s, row.disconnectMs ? QJsonValue(isoTime(row.disconnectMs)) : QJsonValue()},
        {u"duration_s"_s, row.durationS},
        {u"published_minutes"_s, row.publishedMinutes},
        {u"subscribed_minutes"_s, row.subscribedMinutes},
        {u"connect_minutes"_s, row.connectMinutes},
    };
    if (!row.problems.isEmpty())
        object.insert(u"problems"_s, QJsonArray::fromStringList(row.problems));
    return object;
}

StoreResult<qint64> CdrExporter::write(const CdrQuery &query, const CdrFilter &filter, const CdrSort &sort,
                                       QIODevice *device, const Options &options,
                                       const std::function<void(qint64)> &progress, const std::atomic<bool> *cancelled)
{
    CsvWriter csv(device, options.escapeFormulas);
    const bool json = options.format == Format::Json;
    if (json ? device->write("[") != 1 : !csv.writeRow(columns()))
        return StoreError{ExportText::tr("Could not write the export: %1").arg(device->errorString()), {}};

    qint64 written = 0;
    std::optional<CdrPageKey> after;
    do {
        if (cancelled && cancelled->load())
            return StoreError{ExportText::tr("The export was cancelled after %n rows.", nullptr, int(written)), {}};
        const StoreResult<CdrPage> page = query.page(filter, sort, options.pageSize, after);
        if (!page)
            return page.error();
        for (const CdrStoredRow &row : page.value().rows) {
            bool ok = false;
            if (json) {
                const QByteArray object = QJsonDocument(toJson(row)).toJson(QJsonDocument::Compact);
                ok = device->write(written == 0 ? "\n" : ",\n") >= 0 && device->write(object) == object.size();
            } else {
                ok = csv.writeRow(toCells(row));
            }
            if (!ok)
                return StoreError{ExportText::tr("Could not write the export: %1").arg(device->errorString()), {}};
            ++written;
        }
        after = page.value().next;
        if (progress)
            progress(written);
    } while (after);
    if (json && device->write(written == 0 ? "]\n" : "\n]\n") < 0)
        return StoreError{ExportText::tr("Could not write the export: %1").arg(device->errorString()), {}};
    return written;
}

} // namespace confero
