#include "JsonRead.h"

#include <QTimeZone>

#include <cmath>
#include <limits>

namespace confero::json {

std::optional<int> toInt(const QJsonValue &value)
{
    if (value.isDouble()) {
        const double number = value.toDouble();
        // Casting a double outside int's range is undefined behaviour (found by fuzz_room_json), so
        // range and integrality are checked before the cast.
        if (!(number >= std::numeric_limits<int>::min() && number <= std::numeric_limits<int>::max())
            || std::trunc(number) != number)
            return std::nullopt;
        return static_cast<int>(number);
    }
    if (value.isString()) {
        bool ok = false;
        const int number = value.toString().trimmed().toInt(&ok);
        if (ok)
            return number;
    }
    return std::nullopt;
}

std::optional<bool> toBool(const QJsonValue &value)
{
    if (value.isBool())
        return value.toBool();
    if (value.isString()) {
        const QString text = value.toString().trimmed().toLower();
        if (text == u"true" || text == u"1")
            return true;
        if (text == u"false" || text == u"0")
            return false;
    }
    if (value.isDouble())
        return value.toDouble() != 0.0;
    return std::nullopt;
}

QString toString(const QJsonValue &value)
{
    if (value.isString())
        return value.toString();
    if (value.isDouble())
        return QString::number(value.toDouble(), 'g', 17);
    return {};
}

QDateTime toUtcDateTime(const QJsonValue &value)
{
    const QString text = value.toString().trimmed();
    if (text.isEmpty())
        return {};
    QDateTime time = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!time.isValid())
        time = QDateTime::fromString(text, QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    if (!time.isValid())
        time = QDateTime::fromString(text, QStringLiteral("yyyy-MM-dd HH:mm"));
    if (!time.isValid())
        return {};
    // A time without an offset is UTC on this platform (video-api.md 1.4).
    if (time.timeSpec() == Qt::LocalTime)
        time.setTimeZone(QTimeZone::utc());
    time = time.toUTC();
    // An offset can push 9999-12-31 into year 10000, which no `YYYY-MM-DD` field can carry back.
    if (time.date().year() < 1 || time.date().year() > 9999)
        return {};
    return time;
}

QString scheduledTimeText(const QDateTime &time)
{
    return time.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
}

} // namespace confero::json
