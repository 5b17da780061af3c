#pragma once

#include <QDateTime>
#include <QJsonValue>
#include <QString>

#include <optional>

namespace confero::json {

// Tolerant readers for what the platform returns: the docs and EnableX's own samples send counts as
// strings ("5") where third parties send numbers, and booleans sometimes arrive as "true"/"false".
std::optional<int> toInt(const QJsonValue &value);
std::optional<bool> toBool(const QJsonValue &value);
QString toString(const QJsonValue &value);
// "YYYY-MM-DD HH:MM:SS" (UTC, the scheduled_time format) or ISO-8601 ("2018-07-12T11:30:24.851Z").
QDateTime toUtcDateTime(const QJsonValue &value);

// The wire format of settings.scheduled_time: "YYYY-MM-DD HH:MM:SS", UTC.
QString scheduledTimeText(const QDateTime &time);

} // namespace confero::json
