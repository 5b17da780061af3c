#pragma once

#include <QDate>
#include <QString>

namespace confero {

// What a CDR view or export is narrowed to. Empty members do not filter.
struct CdrFilter
{
    QDate from;            // UTC day of the join (room.connect_dt), included
    QDate to;              // included
    QString roomId;
    QString confNum;
    QString text;          // substring of the participant's name or user ref, any case
    QString role;
    double minDurationS = 0;
};

// A sort: one of CdrQuery::columns(), ascending or descending; ties broken by the row id in the
// same direction, so every order is total and keyset paging never skips or repeats a row.
struct CdrSort
{
    QString column = QStringLiteral("connect_ms");
    bool descending = false;
};

} // namespace confero
