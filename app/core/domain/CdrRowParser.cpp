#include "CdrRowParser.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QJsonDocument>

#include <cmath>

namespace confero {

using namespace Qt::StringLiterals;

namespace {

class CdrText
{
    Q_DECLARE_TR_FUNCTIONS(confero::CdrRowParser)
};

// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil).
qint64 daysFromCivil(int y, int m, int d)
{
    y -= m <= 2;
    const qint64 era = (y >= 0 ? y : y - 399) / 400;
    const int yoe = static_cast<int>(y - era * 400);
    const int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

bool digits(QStringView text, qsizetype at, qsizetype count, int *out)
{
    if (at + count > text.size())
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

// Where the JSON value starting at `at` in compact JSON text ends (one past its last byte).
qsizetype skipValue(const QByteArray &json, qsizetype at)
{
    const qsizetype size = json.size();
    int depth = 0;
    while (at < size) {
        const char c = json.at(at);
        if (c == '"') {
            for (++at; at < size && json.at(at) != '"'; ++at) {
                if (json.at(at) == '\\')
                    ++at;
            }
            ++at;
        } else if (c == '{' || c == '[') {
            ++depth;
            ++at;
        } else if (c == '}' || c == ']') {
            if (depth == 0)
                return at;
            --depth;
            ++at;
        } else if (c == ',' && depth == 0) {
            return at;
        } else {
            ++at;
        }
        if (depth == 0 && (c == '"' || c == '}' || c == ']'))
            return at;
    }
    return at;
}

// The compact text of an object without its top-level member `quotedKey` ("\"cdr_id\""): the text
// QJsonDocument would write for the object with that member removed, since it writes members one
// after another in key order, each key escaped one way. Cutting the member out of the text saves
// copying the object and serialising it a second time, for every row of every window.
QByteArray withoutMember(const QByteArray &json, QByteArrayView quotedKey)
{
    if (json.size() < 2 || json.at(0) != '{')
        return json;
    qsizetype at = 1;
    while (at < json.size() && json.at(at) == '"') {
        const qsizetype memberStart = at;
        const qsizetype keyEnd = skipValue(json, at);
        if (keyEnd >= json.size() || json.at(keyEnd) != ':')
            return json;
        const qsizetype valueEnd = skipValue(json, keyEnd + 1);
        if (QByteArrayView(json).sliced(memberStart, keyEnd - memberStart) == quotedKey) {
            QByteArray cut = json;
            if (valueEnd < json.size() && json.at(valueEnd) == ',')
                cut.remove(memberStart, valueEnd + 1 - memberStart); // first or middle: its comma after
            else if (memberStart > 1)
                cut.remove(memberStart - 1, valueEnd - memberStart + 1); // last: the comma before
            else
                cut.remove(memberStart, valueEnd - memberStart); // the only member
            return cut;
        }
        if (valueEnd >= json.size() || json.at(valueEnd) != ',')
            break;
        at = valueEnd + 1;
    }
    return json;
}

class Reader
{
public:
    explicit Reader(CdrRow *row)
        : m_row(row)
    {
    }

    QString text(const QJsonValue &value, const QString &path, bool required)
    {
        switch (value.type()) {
        case QJsonValue::String:
            return value.toString();
        case QJsonValue::Double: {
            // conf_num and friends are strings in the docs; a number is the same identifier.
            const double number = value.toDouble();
            // Range first: casting a double beyond qint64 (1e300) is undefined behaviour.
            if (std::abs(number) < 9.0e18 && number == std::trunc(number))
                return QString::number(static_cast<qint64>(number));
            return QString::number(number, 'g', 17);
        }
        case QJsonValue::Null:
        case QJsonValue::Undefined:
            if (required)
                problem(path, CdrText::tr("missing"));
            return {};
        default:
            problem(path, CdrText::tr("not text"));
            return {};
        }
    }

    double number(const QJsonValue &value, const QString &path, bool required)
    {
        if (value.isDouble())
            return value.toDouble();
        if (value.isString()) {
            bool ok = false;
            const double number = value.toString().trimmed().toDouble(&ok);
            if (ok)
                return number;
            problem(path, CdrText::tr("not a number (\"%1\")").arg(value.toString().left(40)));
            return 0;
        }
        if (value.isNull() || value.isUndefined()) {
            if (required)
                problem(path, CdrText::tr("missing"));
            return 0;
        }
        problem(path, CdrText::tr("not a number"));
        return 0;
    }

    bool boolean(const QJsonValue &value, const QString &path)
    {
        // The classic schema sends "true"/"false" strings, the newer one booleans.
        if (value.isBool())
            return value.toBool();
        if (value.isString()) {
            const QString text = value.toString().trimmed();
            if (text.compare(u"true", Qt::CaseInsensitive) == 0 || text == u"1")
                return true;
            if (text.compare(u"false", Qt::CaseInsensitive) == 0 || text == u"0" || text.isEmpty())
                return false;
        } else if (value.isDouble()) {
            return value.toDouble() != 0.0;
        } else if (value.isNull() || value.isUndefined()) {
            return false;
        }
        problem(path, CdrText::tr("not true or false"));
        return false;
    }

    qint64 time(const QJsonValue &value, const QString &path, bool required)
    {
        if (value.isString()) {
            if (const std::optional<qint64> ms = CdrRowParser::parseIsoUtcMs(value.toString()))
                return *ms;
            problem(path, CdrText::tr("not a date (\"%1\")").arg(value.toString().left(40)));
            return 0;
        }
        if (value.isNull() || value.isUndefined()) {
            if (required)
                problem(path, CdrText::tr("missing"));
            return 0;
        }
        problem(path, CdrText::tr("not a date"));
        return 0;
    }

    QJsonObject object(const QJsonValue &value, const QString &path, bool required)
    {
        if (value.isObject())
            return value.toObject();
        if (!value.isNull() && !value.isUndefined())
            problem(path, CdrText::tr("not an object"));
        else if (required)
            problem(path, CdrText::tr("missing"));
        return {};
    }

    void problem(const QString &path, const QString &what) { m_row->problems.append(path + u": "_s + what); }

private:
    CdrRow *m_row;
};

} // namespace

std::optional<qint64> CdrRowParser::parseIsoUtcMs(QStringView text)
{
    text = text.trimmed();
    int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
    if (text.size() < 19 || !digits(text, 0, 4, &year) || text[4] != u'-' || !digits(text, 5, 2, &month)
        || text[7] != u'-' || !digits(text, 8, 2, &day) || (text[10] != u'T' && text[10] != u' ')
        || !digits(text, 11, 2, &hour) || text[13] != u':' || !digits(text, 14, 2, &minute) || text[16] != u':'
        || !digits(text, 17, 2, &second))
        return std::nullopt;
    if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60)
        return std::nullopt;
    qsizetype at = 19;
    int millis = 0;
    if (at < text.size() && text[at] == u'.') {
        ++at;
        int scale = 100;
        const qsizetype start = at;
        // ASCII only: QChar::isDigit() also takes other scripts' digits, whose code points are not
        // their values.
        while (at < text.size() && text[at].unicode() >= u'0' && text[at].unicode() <= u'9') {
            if (scale > 0)
                millis += (text[at].unicode() - u'0') * scale;
            scale /= 10;
            ++at;
        }
        if (at == start)
            return std::nullopt;
    }
    qint64 offsetMinutes = 0;
    if (at < text.size()) {
        const QChar sign = text[at];
        if (sign == u'Z' || sign == u'z') {
            ++at;
        } else if (sign == u'+' || sign == u'-') {
            int oh = 0, om = 0;
            if (!digits(text, at + 1, 2, &oh))
                return std::nullopt;
            qsizetype next = at + 3;
            if (next < text.size() && text[next] == u':')
                ++next;
            if (!digits(text, next, 2, &om))
                return std::nullopt;
            offsetMinutes = (oh * 60 + om) * (sign == u'-' ? -1 : 1);
            at = next + 2;
        }
    }
    if (at != text.size())
        return std::nullopt;
    const qint64 days = daysFromCivil(year, month, day);
    const qint64 seconds = days * 86400 + hour * 3600 + minute * 60 + second - offsetMinutes * 60;
    return seconds * 1000 + millis;
}

CdrRow CdrRowParser::parse(const QJsonObject &object)
{
    CdrRow row;
    Reader read(&row);

    row.rawJson = QJsonDocument(object).toJson(QJsonDocument::Compact);
    // QJsonObject keeps its keys sorted, so this is canonical for the same content. cdr_id is left
    // out so a row later sent with its cdr_id hashes the same.
    row.rowSha256 =
        QCryptographicHash::hash(object.contains(u"cdr_id") ? withoutMember(row.rawJson, "\"cdr_id\"") : row.rawJson,
                                 QCryptographicHash::Sha256)
            .toHex();

    row.cdrId = read.text(object.value(u"cdr_id"), u"cdr_id"_s, false).trimmed();
    row.appId = read.text(object.value(u"app_id"), u"app_id"_s, false).trimmed();
    row.confNum = read.text(object.value(u"conf_num"), u"conf_num"_s, true).trimmed();
    row.callNum = read.text(object.value(u"call_num"), u"call_num"_s, false).trimmed();
    row.callLogId = read.text(object.value(u"call_log_id"), u"call_log_id"_s, false).trimmed();
    row.transDateMs = read.time(object.value(u"trans_date"), u"trans_date"_s, false);

    const QJsonObject room = read.object(object.value(u"room"), u"room"_s, true);
    row.roomId = read.text(room.value(u"room_id"), u"room.room_id"_s, true).trimmed();
    row.connectMs = read.time(room.value(u"connect_dt"), u"room.connect_dt"_s, true);
    row.disconnectMs = read.time(room.value(u"disconnect_dt"), u"room.disconnect_dt"_s, true);
    const QJsonValue duration = room.value(u"duration");
    if (duration.isNull() || duration.isUndefined()) {
        if (row.connectMs > 0 && row.disconnectMs >= row.connectMs)
            row.durationS = static_cast<double>(row.disconnectMs - row.connectMs) / 1000.0;
        else
            read.problem(u"room.duration"_s, CdrText::tr("missing"));
    } else {
        row.durationS = read.number(duration, u"room.duration"_s, false);
    }
    const QJsonObject details = read.object(room.value(u"room_details"), u"room.room_details"_s, false);
    row.roomName = read.text(details.value(u"name"), u"room.room_details.name"_s, false);
    const QJsonObject settings = read.object(details.value(u"settings"), u"room.room_details.settings"_s, false);
    row.recorded = read.boolean(settings.value(u"auto_recording"), u"room.room_details.settings.auto_recording"_s);

    const QJsonObject user = read.object(object.value(u"user"), u"user"_s, true);
    row.name = read.text(user.value(u"name"), u"user.name"_s, false);
    row.userRef = read.text(user.value(u"ref"), u"user.ref"_s, false);
    row.role = read.text(user.value(u"role"), u"user.role"_s, false).trimmed().toLower();
    row.agent = read.text(user.value(u"agent"), u"user.agent"_s, false);
    row.ip = read.text(user.value(u"ip"), u"user.ip"_s, false);

    const QJsonObject usage = read.object(object.value(u"usage"), u"usage"_s, false);
    row.publishedMinutes = read.number(usage.value(u"published_minutes"), u"usage.published_minutes"_s, false);
    row.subscribedMinutes = read.number(usage.value(u"subscribed_minutes"), u"usage.subscribed_minutes"_s, false);
    row.connectMinutes = read.number(usage.value(u"connect_minutes"), u"usage.connect_minutes"_s, false);

    // Read only to report a wrong type; what was published stays in raw_json.
    const QJsonObject tracks = read.object(object.value(u"published_track"), u"published_track"_s, false);
    for (auto it = tracks.constBegin(); it != tracks.constEnd(); ++it) {
        if (it.key() != u"url")
            read.boolean(it.value(), u"published_track."_s + it.key());
    }
    return row;
}

QList<CdrRow> CdrRowParser::parse(const QJsonArray &rows)
{
    QList<CdrRow> list;
    list.reserve(rows.size());
    for (qsizetype i = 0; i < rows.size(); ++i)
        list.append(parseRow(rows.at(i), i));
    return list;
}

CdrRow CdrRowParser::parseRow(const QJsonValue &value, qsizetype index)
{
    if (value.isObject())
        return parse(value.toObject());
    // Kept so the count of what the platform sent is honest; it has nothing to be found by but its
    // hash.
    CdrRow row;
    QJsonArray wrapper{value};
    row.rawJson = QJsonDocument(wrapper).toJson(QJsonDocument::Compact);
    row.rawJson = row.rawJson.mid(1, row.rawJson.size() - 2);
    row.rowSha256 = QCryptographicHash::hash(row.rawJson, QCryptographicHash::Sha256).toHex();
    row.problems.append(CdrText::tr("row %1 is not an object").arg(index + 1));
    return row;
}

} // namespace confero
