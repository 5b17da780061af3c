#include "LibraryUsage.h"

#include <QMap>

#include <algorithm>

namespace confero {

QList<LibraryUsage::Row> LibraryUsage::byRoomAndMonth(const QList<DownloadRecord> &records)
{
    QMap<std::pair<QString, QDate>, Row> rows;
    for (const DownloadRecord &record : records) {
        if (record.state == DownloadRecord::State::Cancelled || record.state == DownloadRecord::State::Removed
            || record.bytesDone <= 0)
            continue;
        const QDateTime when = record.sessionAt.isValid() ? record.sessionAt : record.completedAt;
        QDate month;
        if (when.isValid()) {
            const QDate day = when.toUTC().date();
            month = QDate(day.year(), day.month(), 1);
        }
        Row &row = rows[{record.roomId, month}];
        row.roomId = record.roomId;
        row.month = month;
        if (record.state == DownloadRecord::State::Done)
            ++row.files;
        else
            ++row.partial;
        row.bytes += record.bytesDone;
    }
    QList<Row> list = rows.values();
    std::stable_sort(list.begin(), list.end(), [](const Row &a, const Row &b) {
        if (a.roomId != b.roomId)
            return a.roomId < b.roomId;
        return a.month > b.month; // newest first; an unknown month (invalid) last
    });
    return list;
}

qint64 LibraryUsage::totalBytes(const QList<Row> &rows)
{
    qint64 total = 0;
    for (const Row &row : rows)
        total += row.bytes;
    return total;
}

} // namespace confero
