#pragma once

#include "DownloadRecord.h"

#include <QDate>
#include <QList>
#include <QString>

namespace confero {

// What the recordings library holds on disk, by room and by month of the session (the archive
// entry's date; the download's when the platform gave none): the storage policy's disk-usage view.
// Whole files and the parts of unfinished ones count; cancelled and removed files hold nothing.
class LibraryUsage
{
public:
    class Row
    {
    public:
        QString roomId;
        QDate month; // the first day of the month (UTC); invalid when neither date is known
        int files = 0; // complete files
        int partial = 0; // unfinished files holding bytes
        qint64 bytes = 0;
    };

    // Rows ordered by room, then month (newest first); rooms with nothing on disk are left out.
    static QList<Row> byRoomAndMonth(const QList<DownloadRecord> &records);
    static qint64 totalBytes(const QList<Row> &rows);
};

} // namespace confero
