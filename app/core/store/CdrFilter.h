#pragma once

#include <QDate>
#include <QString>

namespace confero {

// What a CDR view or export is narrowed to. Empty members do not filter.
struct CdrFilter
{
    QDate from; // UTC day of the join (room.connect_dt), included
    QDate to; // included
    QString roomId;
    QString confNum;
    QString text; // substring of the participant's name or user ref, any case
    QString role;
    double minDurationS = 0;
};

} // namespace confero
