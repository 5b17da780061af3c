#pragma once

#include "CdrRow.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QStringView>

#include <optional>

namespace confero {

// Reads CDR rows from the platform's JSON, tolerantly: a missing field, a number sent as a string,
// "true"/"false" strings for booleans (the classic schema) all give what can be read plus a
// problem for a person; nothing here throws a row, let alone a window, away.
class CdrRowParser
{
public:
    static CdrRow parse(const QJsonObject &object);
    static QList<CdrRow> parse(const QJsonArray &rows);
    // The row at `index` (from 0) of a window's array, object or not: what parse(rows) gives for it.
    static CdrRow parseRow(const QJsonValue &value, qsizetype index);

    // "YYYY-MM-DDTHH:MM:SS[.fff]Z" (also with a space, without Z, or with a +HH:MM offset) to UTC
    // Unix ms. Hand-written because it runs for every time of every row on ingest, and
    // QDateTime::fromString is several times slower.
    static std::optional<qint64> parseIsoUtcMs(QStringView text);
};

} // namespace confero
