// Fuzzes the core's reading of call detail records (CdrRowParser), the rows of every CDR answer the
// platform sends (video-api.md 5.1).
//
// The input is JSON text: a CDR answer ({"result": "0", "cdr": [rows]}), a bare array of rows or one
// row. The parser is tolerant by contract: whatever it is given, each row comes back with what could
// be read, a key to store it by and one problem per field it could not read. The times are checked
// against a reference reading written here with QDate, not with the parser's own arithmetic.
// CdrWindowScanner, which finds the rows of an answer in its bytes for the bulk load, must find
// exactly the rows the whole reading finds whenever it finds any in a valid document.

#include "FuzzCheck.h"

#include "domain/CdrRow.h"
#include "domain/CdrRowParser.h"
#include "domain/CdrWindowScanner.h"

#include <QDate>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTime>
#include <QTimeZone>

#include <cstddef>
#include <cstdint>
#include <optional>

using confero::CdrRow;
using confero::CdrRowParser;

namespace {

// What a reference reading of a time says about a text.
enum class Reading { Invalid, Exact, Unchecked };

struct ReferenceTime
{
    Reading reading = Reading::Invalid;
    qint64 ms = 0;
};

bool asciiDigits(QStringView text, qsizetype at, qsizetype count, int *out)
{
    if (at < 0 || at + count > text.size())
        return false;
    int value = 0;
    for (qsizetype i = at; i < at + count; ++i) {
        const char16_t c = text[i].unicode();
        if (c < u'0' || c > u'9')
            return false;
        value = value * 10 + (c - u'0');
    }
    *out = value;
    return true;
}

// The grammar of CdrRowParser.h: "YYYY-MM-DD[T ]HH:MM:SS[.f+][Z|+HH:MM|+HHMM]", ASCII digits only.
// Dates that do not exist on a calendar (2025-02-31, year 0) and leap seconds are left unchecked:
// the header does not say what they give.
ReferenceTime referenceTime(QStringView text)
{
    text = text.trimmed();
    int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
    if (text.size() < 19 || !asciiDigits(text, 0, 4, &year) || text[4] != u'-' || !asciiDigits(text, 5, 2, &month)
        || text[7] != u'-' || !asciiDigits(text, 8, 2, &day) || (text[10] != u'T' && text[10] != u' ')
        || !asciiDigits(text, 11, 2, &hour) || text[13] != u':' || !asciiDigits(text, 14, 2, &minute)
        || text[16] != u':' || !asciiDigits(text, 17, 2, &second))
        return {};
    if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60)
        return {};
    qsizetype at = 19;
    int millis = 0;
    if (at < text.size() && text[at] == u'.') {
        ++at;
        const qsizetype start = at;
        int digit = 0;
        while (asciiDigits(text, at, 1, &digit)) {
            if (at - start < 3)
                millis = millis * 10 + digit;
            ++at;
        }
        if (at == start)
            return {};
        for (qsizetype n = at - start; n < 3; ++n)
            millis *= 10;
    }
    int offsetMinutes = 0;
    if (at < text.size() && (text[at] == u'Z' || text[at] == u'z')) {
        ++at;
    } else if (at < text.size() && (text[at] == u'+' || text[at] == u'-')) {
        const int sign = text[at] == u'-' ? -1 : 1;
        int oh = 0, om = 0;
        if (!asciiDigits(text, at + 1, 2, &oh))
            return {};
        qsizetype next = at + 3;
        if (next < text.size() && text[next] == u':')
            ++next;
        if (!asciiDigits(text, next, 2, &om))
            return {};
        offsetMinutes = sign * (oh * 60 + om);
        at = next + 2;
    }
    if (at != text.size())
        return {};
    const QDate date(year, month, day);
    if (year == 0 || !date.isValid() || second == 60)
        return {Reading::Unchecked, 0};
    const QDateTime utc(date, QTime(hour, minute, second), QTimeZone::utc());
    return {Reading::Exact, utc.toMSecsSinceEpoch() + millis - qint64(offsetMinutes) * 60'000};
}

void checkIsoTime(const QString &text)
{
    const std::optional<qint64> parsed = CdrRowParser::parseIsoUtcMs(text);
    const ReferenceTime reference = referenceTime(text);
    switch (reference.reading) {
    case Reading::Invalid:
        CONFERO_FUZZ_CHECK(!parsed.has_value());
        break;
    case Reading::Exact:
        CONFERO_FUZZ_CHECK(parsed.has_value() && *parsed == reference.ms);
        break;
    case Reading::Unchecked:
        CONFERO_FUZZ_CHECK(parsed.has_value());
        break;
    }
}

bool hasProblem(const CdrRow &row, const QString &path)
{
    const QString prefix = path + QStringLiteral(": ");
    for (const QString &problem : row.problems) {
        if (problem.startsWith(prefix))
            return true;
    }
    return false;
}

bool absent(const QJsonValue &value)
{
    return value.isNull() || value.isUndefined();
}

// A time is the parsed text, or 0 with a problem unless it was optional and absent.
void checkTime(const CdrRow &row, const QJsonValue &value, const QString &path, qint64 reported, bool required)
{
    if (value.isString()) {
        checkIsoTime(value.toString());
        const std::optional<qint64> parsed = CdrRowParser::parseIsoUtcMs(value.toString());
        CONFERO_FUZZ_CHECK(reported == parsed.value_or(0));
        CONFERO_FUZZ_CHECK(hasProblem(row, path) == !parsed.has_value());
        return;
    }
    CONFERO_FUZZ_CHECK(reported == 0);
    CONFERO_FUZZ_CHECK(hasProblem(row, path) == (required || !absent(value)));
}

// An identifier: text as sent (numbers spelled out), a problem when it is of another type or is
// required and missing.
void checkText(const CdrRow &row, const QJsonValue &value, const QString &path, const QString &read, bool required,
               bool asSent = true)
{
    if (value.isString() || value.isDouble()) {
        CONFERO_FUZZ_CHECK(!hasProblem(row, path));
        if (value.isString() && asSent)
            CONFERO_FUZZ_CHECK(value.toString().trimmed() == read.trimmed());
        return;
    }
    CONFERO_FUZZ_CHECK(read.isEmpty());
    CONFERO_FUZZ_CHECK(hasProblem(row, path) == (required || !absent(value)));
}

bool isTrimmed(const QString &text)
{
    return text == text.trimmed();
}

bool isLowerHex(const QByteArray &bytes, qsizetype size)
{
    if (bytes.size() != size)
        return false;
    for (const char c : bytes) {
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
            return false;
    }
    return true;
}

void checkKey(const CdrRow &row)
{
    const QString key = row.key();
    CONFERO_FUZZ_CHECK(!key.isEmpty());
    CONFERO_FUZZ_CHECK(isLowerHex(row.rowSha256, 64));
    if (!row.cdrId.isEmpty()) {
        CONFERO_FUZZ_CHECK(key == QStringLiteral("id:") + row.cdrId);
    } else if (!row.naturalKey().isEmpty()) {
        CONFERO_FUZZ_CHECK(key == QStringLiteral("nk:") + row.naturalKey());
        CONFERO_FUZZ_CHECK(!row.confNum.isEmpty() && !(row.callNum.isEmpty() && row.callLogId.isEmpty()));
    } else {
        CONFERO_FUZZ_CHECK(key == QStringLiteral("h:") + QString::fromLatin1(row.rowSha256));
    }
}

void checkRow(const QJsonObject &object, const CdrRow &row)
{
    checkKey(row);

    // The raw row keeps every field, known or not.
    QJsonParseError error;
    const QJsonDocument raw = QJsonDocument::fromJson(row.rawJson, &error);
    CONFERO_FUZZ_CHECK(error.error == QJsonParseError::NoError && raw.isObject());
    CONFERO_FUZZ_CHECK(raw.object().keys() == object.keys());

    // The same content with its cdr_id dropped hashes the same: a row sent later with its id is
    // recognised.
    QJsonObject withoutId = object;
    withoutId.remove(QStringLiteral("cdr_id"));
    CONFERO_FUZZ_CHECK(CdrRowParser::parse(withoutId).rowSha256 == row.rowSha256);

    for (const QString &problem : row.problems)
        CONFERO_FUZZ_CHECK(!problem.isEmpty());

    checkText(row, object.value(u"cdr_id"), QStringLiteral("cdr_id"), row.cdrId, false);
    checkText(row, object.value(u"app_id"), QStringLiteral("app_id"), row.appId, false);
    checkText(row, object.value(u"conf_num"), QStringLiteral("conf_num"), row.confNum, true);
    checkText(row, object.value(u"call_num"), QStringLiteral("call_num"), row.callNum, false);
    checkText(row, object.value(u"call_log_id"), QStringLiteral("call_log_id"), row.callLogId, false);
    CONFERO_FUZZ_CHECK(isTrimmed(row.cdrId) && isTrimmed(row.appId) && isTrimmed(row.confNum));
    CONFERO_FUZZ_CHECK(isTrimmed(row.callNum) && isTrimmed(row.callLogId) && isTrimmed(row.roomId));

    checkTime(row, object.value(u"trans_date"), QStringLiteral("trans_date"), row.transDateMs, false);

    const QJsonValue roomValue = object.value(u"room");
    CONFERO_FUZZ_CHECK(hasProblem(row, QStringLiteral("room")) == !roomValue.isObject());
    const QJsonObject room = roomValue.toObject();
    checkText(row, room.value(u"room_id"), QStringLiteral("room.room_id"), row.roomId, true);
    checkTime(row, room.value(u"connect_dt"), QStringLiteral("room.connect_dt"), row.connectMs, true);
    checkTime(row, room.value(u"disconnect_dt"), QStringLiteral("room.disconnect_dt"), row.disconnectMs, true);

    // Without a duration it is the span between the two times, when they make one.
    const QJsonValue duration = room.value(u"duration");
    if (absent(duration)) {
        const bool span = row.connectMs > 0 && row.disconnectMs >= row.connectMs;
        CONFERO_FUZZ_CHECK(hasProblem(row, QStringLiteral("room.duration")) == !span);
        if (span)
            CONFERO_FUZZ_CHECK(row.durationS == double(row.disconnectMs - row.connectMs) / 1000.0);
        else
            CONFERO_FUZZ_CHECK(row.durationS == 0);
    } else if (duration.isDouble()) {
        CONFERO_FUZZ_CHECK(!hasProblem(row, QStringLiteral("room.duration")));
        CONFERO_FUZZ_CHECK(row.durationS == duration.toDouble());
    }

    const QJsonValue userValue = object.value(u"user");
    CONFERO_FUZZ_CHECK(hasProblem(row, QStringLiteral("user")) == !userValue.isObject());
    const QJsonObject user = userValue.toObject();
    checkText(row, user.value(u"name"), QStringLiteral("user.name"), row.name, false);
    // The role is kept in lower case, so it is not compared as sent.
    checkText(row, user.value(u"role"), QStringLiteral("user.role"), row.role, false, false);
    if (user.value(u"name").isString())
        CONFERO_FUZZ_CHECK(row.name == user.value(u"name").toString());
}

void checkRows(const QJsonArray &rows)
{
    const QList<CdrRow> parsed = CdrRowParser::parse(rows);
    // Every row the platform sent is counted, readable or not.
    CONFERO_FUZZ_CHECK(parsed.size() == rows.size());
    for (qsizetype i = 0; i < rows.size(); ++i) {
        const CdrRow &row = parsed.at(i);
        checkKey(row);
        CONFERO_FUZZ_CHECK(!row.rawJson.isEmpty());
        if (rows.at(i).isObject()) {
            const CdrRow alone = CdrRowParser::parse(rows.at(i).toObject());
            CONFERO_FUZZ_CHECK(row.key() == alone.key() && row.problems == alone.problems);
            CONFERO_FUZZ_CHECK(row.rawJson == alone.rawJson);
            checkRow(rows.at(i).toObject(), row);
        } else {
            // Nothing to be found by but its hash, and a problem that says why.
            CONFERO_FUZZ_CHECK(row.key().startsWith(QStringLiteral("h:")));
            CONFERO_FUZZ_CHECK(row.problems.size() == 1);
        }
    }
}

} // namespace

// The scanner's rows, each read alone, are the document's "cdr" array (when it is valid JSON).
void checkScan(const QByteArray &text, const QJsonDocument &document, bool valid)
{
    const std::optional<QList<QByteArrayView>> found = confero::CdrWindowScanner::rows(text);
    if (!found || !valid)
        return;
    CONFERO_FUZZ_CHECK(document.isObject() && document.object().value(u"cdr").isArray());
    const QJsonArray rows = document.object().value(u"cdr").toArray();
    CONFERO_FUZZ_CHECK(found->size() == rows.size());
    for (qsizetype i = 0; i < rows.size(); ++i) {
        QJsonParseError error;
        const QJsonDocument one = QJsonDocument::fromJson('[' + found->at(i).toByteArray() + ']', &error);
        CONFERO_FUZZ_CHECK(error.error == QJsonParseError::NoError && one.array().size() == 1);
        CONFERO_FUZZ_CHECK(one.array().at(0) == rows.at(i));
    }
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QByteArray text = QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size));
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(text, &error);
    checkScan(text, document, error.error == QJsonParseError::NoError);
    if (error.error != QJsonParseError::NoError) {
        // Not JSON: the bytes still go through the time reader, which reads text of any kind.
        checkIsoTime(QString::fromUtf8(text));
        return 0;
    }
    if (document.isArray()) {
        checkRows(document.array());
        return 0;
    }
    const QJsonObject object = document.object();
    if (object.value(u"cdr").isArray())
        checkRows(object.value(u"cdr").toArray());
    else
        checkRow(object, CdrRowParser::parse(object));
    return 0;
}
