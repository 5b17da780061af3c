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

// The same text as the CSV's (CsvWriter::appendNumber), for the cells.
QString number(double value)
{
    QByteArray text;
    CsvWriter::appendNumber(text, value, false);
    return QString::fromLatin1(text);
}

constexpr qsizetype kIsoTimeSize = 24; // "2025-01-10T09:31:05.120Z"

// `ms` as "YYYY-MM-DDTHH:MM:SS.mmmZ" in `out` (kIsoTimeSize characters), for 1970 to 9999; false
// for a time outside them. Written digit by digit: QDateTime::toString parses its format for every
// call, two calls a row, which was the largest cost of an export.
template<typename Char>
bool writeIsoTime(qint64 ms, Char *out)
{
    constexpr qint64 kDayMs = 86'400'000;
    constexpr qint64 kLastMs = 253'402'300'799'999; // 9999-12-31T23:59:59.999Z
    if (ms < 0 || ms > kLastMs)
        return false;
    // Days to a civil date (proleptic Gregorian, the algorithm of H. Hinnant's "chrono-Compatible
    // Low-Level Date Algorithms"), exact for every day here.
    const qint64 z = ms / kDayMs + 719'468;
    const qint64 era = z / 146'097;
    const qint64 doe = z - era * 146'097;
    const qint64 yoe = (doe - doe / 1460 + doe / 36'524 - doe / 146'096) / 365;
    const qint64 doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const qint64 mp = (5 * doy + 2) / 153;
    const int day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
    const int month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
    const int year = static_cast<int>(yoe + era * 400 + (month <= 2 ? 1 : 0));
    const qint64 inDay = ms % kDayMs;
    const auto put = [out](int at, int value, int digits) {
        for (int i = digits - 1; i >= 0; --i) {
            out[at + i] = static_cast<Char>('0' + value % 10);
            value /= 10;
        }
    };
    put(0, year, 4);
    out[4] = '-';
    put(5, month, 2);
    out[7] = '-';
    put(8, day, 2);
    out[10] = 'T';
    put(11, static_cast<int>(inDay / 3'600'000), 2);
    out[13] = ':';
    put(14, static_cast<int>(inDay / 60'000 % 60), 2);
    out[16] = ':';
    put(17, static_cast<int>(inDay / 1000 % 60), 2);
    out[19] = '.';
    put(20, static_cast<int>(inDay % 1000), 3);
    out[23] = 'Z';
    return true;
}

// A CSV line of toCells(), appended to `line` without a list of strings per row.
void appendCsv(QByteArray &line, const CdrStoredRow &stored, bool escapeFormulas)
{
    const CdrRow &row = stored.row;
    line.append(QByteArray::number(stored.id));
    for (const QString *text : {&row.cdrId, &row.confNum, &row.roomId, &row.roomName, &row.name, &row.userRef,
                                &row.role, &row.agent, &row.ip}) {
        line.append(',');
        CsvWriter::appendField(line, *text, escapeFormulas);
    }
    for (const qint64 ms : {row.connectMs, row.disconnectMs}) {
        line.append(',');
        // A time never starts with a formula character nor holds one to quote.
        const qsizetype at = line.size();
        line.resize(at + kIsoTimeSize);
        if (ms == 0)
            line.truncate(at);
        else if (!writeIsoTime(ms, line.data() + at))
            line.replace(at, kIsoTimeSize, CdrExporter::isoTime(ms).toLatin1());
    }
    for (const double value : {row.durationS, row.publishedMinutes, row.subscribedMinutes, row.connectMinutes}) {
        line.append(',');
        CsvWriter::appendNumber(line, value, escapeFormulas);
    }
    line.append(',');
    if (!row.problems.isEmpty())
        CsvWriter::appendField(line, row.problems.join(u"; "_s), escapeFormulas);
    line.append("\r\n");
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
    char16_t text[kIsoTimeSize];
    if (writeIsoTime(ms, text))
        return QString(reinterpret_cast<const QChar *>(text), kIsoTimeSize);
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
    QByteArray line;
    std::optional<CdrPageKey> after;
    do {
        if (cancelled && cancelled->load())
            return StoreError{ExportText::tr("The export was cancelled after %n rows.", nullptr, int(written)), {}};
        // raw_json is not exported: not reading it saves most of the bytes a page moves.
        const StoreResult<CdrPage> page =
            query.page(filter, sort, options.pageSize, after, CdrQuery::Content::WithoutRawJson);
        if (!page)
            return page.error();
        for (const CdrStoredRow &row : page.value().rows) {
            bool ok = false;
            if (json) {
                const QByteArray object = QJsonDocument(toJson(row)).toJson(QJsonDocument::Compact);
                ok = device->write(written == 0 ? "\n" : ",\n") >= 0 && device->write(object) == object.size();
            } else {
                // A page's lines go to the device in one write.
                appendCsv(line, row, options.escapeFormulas);
                ok = true;
            }
            if (!ok)
                return StoreError{ExportText::tr("Could not write the export: %1").arg(device->errorString()), {}};
            ++written;
        }
        if (!json) {
            if (!csv.writeLine(line))
                return StoreError{ExportText::tr("Could not write the export: %1").arg(device->errorString()), {}};
            line.resize(0); // keeps its capacity for the next page
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
