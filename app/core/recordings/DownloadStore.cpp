#include "DownloadStore.h"

#include "store/Store.h"

#include <QDateTime>
#include <QSqlError>
#include <QSqlQuery>
#include <QTimeZone>
#include <QVariant>

using namespace Qt::StringLiterals;

namespace confero {

namespace {

StoreError failure(const QSqlQuery &query, const QString &what)
{
    return {QCoreApplication::translate("DownloadStore", "The download list could not be %1.").arg(what),
            query.lastError().text()};
}

constexpr const char16_t *columns = u"id, project_id, room_id, conf_num, kind, file_name, url, local_path, state, "
                                    u"bytes_done, bytes_total, error_kind, error, completed_at, session_at";

// Milliseconds since the epoch, 0 for "not known", as the table keeps times.
qint64 toMs(const QDateTime &time)
{
    return time.isValid() ? time.toMSecsSinceEpoch() : 0;
}

QDateTime fromMs(qint64 ms)
{
    return ms > 0 ? QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::utc()) : QDateTime();
}

// A null QString binds as NULL; the columns are NOT NULL with '' for "none".
QString text(const QString &value)
{
    return value.isNull() ? u""_s : value;
}

DownloadRecord readRecord(const QSqlQuery &query)
{
    DownloadRecord record;
    record.id = query.value(0).toLongLong();
    record.projectId = query.value(1).toLongLong();
    record.roomId = query.value(2).toString();
    record.confNum = query.value(3).toString();
    record.kind = DownloadRecord::kindFromName(query.value(4).toString());
    record.fileName = query.value(5).toString();
    record.url = QUrl(query.value(6).toString());
    record.localPath = query.value(7).toString();
    record.state = DownloadRecord::stateFromName(query.value(8).toString());
    record.bytesDone = query.value(9).toLongLong();
    record.bytesTotal = query.value(10).toLongLong();
    record.errorKind = DownloadError::kindFromName(query.value(11).toString());
    record.error = query.value(12).toString();
    record.completedAt = fromMs(query.value(13).toLongLong());
    record.sessionAt = fromMs(query.value(14).toLongLong());
    return record;
}

} // namespace

DownloadStore::DownloadStore(Store *store)
    : m_store(store)
{
}

StoreResult<DownloadRecord> DownloadStore::add(const DownloadRecord &record)
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    QSqlQuery query(m_store->database());
    // ON CONFLICT reads the same on SQLite (3.24+) and PostgreSQL; the link is refreshed, the
    // progress kept.
    query.prepare(u"INSERT INTO recordings (project_id, room_id, conf_num, kind, file_name, url, local_path, "
                  "state, session_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'queued', ?, ?, ?) "
                  "ON CONFLICT (project_id, room_id, conf_num, kind, file_name) DO UPDATE SET url = excluded.url, "
                  "updated_at = excluded.updated_at"_s);
    query.addBindValue(record.projectId);
    query.addBindValue(record.roomId);
    query.addBindValue(record.confNum);
    query.addBindValue(ArchiveFile::kindName(record.kind));
    query.addBindValue(record.fileName);
    query.addBindValue(record.url.toString());
    query.addBindValue(record.localPath);
    query.addBindValue(toMs(record.sessionAt));
    query.addBindValue(now);
    query.addBindValue(now);
    if (!query.exec())
        return failure(query, QCoreApplication::translate("DownloadStore", "extended"));
    QSqlQuery read(m_store->database());
    read.prepare(u"SELECT "_s + QString::fromUtf16(columns)
                 + u" FROM recordings WHERE project_id = ? AND room_id = ? AND conf_num = ? AND kind = ? "
                   "AND file_name = ?"_s);
    read.addBindValue(record.projectId);
    read.addBindValue(record.roomId);
    read.addBindValue(record.confNum);
    read.addBindValue(ArchiveFile::kindName(record.kind));
    read.addBindValue(record.fileName);
    if (!read.exec() || !read.next())
        return failure(read, QCoreApplication::translate("DownloadStore", "read"));
    return readRecord(read);
}

StoreResult<bool> DownloadStore::update(const DownloadRecord &record)
{
    QSqlQuery query(m_store->database());
    query.prepare(u"UPDATE recordings SET url = ?, state = ?, bytes_done = ?, bytes_total = ?, error_kind = ?, "
                  "error = ?, completed_at = ?, updated_at = ? WHERE id = ?"_s);
    query.addBindValue(text(record.url.toString()));
    query.addBindValue(DownloadRecord::stateName(record.state));
    query.addBindValue(record.bytesDone);
    query.addBindValue(record.bytesTotal);
    query.addBindValue(text(DownloadError::kindName(record.errorKind)));
    query.addBindValue(text(record.error));
    query.addBindValue(toMs(record.completedAt));
    query.addBindValue(QDateTime::currentMSecsSinceEpoch());
    query.addBindValue(record.id);
    if (!query.exec())
        return failure(query, QCoreApplication::translate("DownloadStore", "saved"));
    return true;
}

StoreResult<QList<DownloadRecord>> DownloadStore::list(qint64 projectId) const
{
    QSqlQuery query(m_store->database());
    query.prepare(u"SELECT "_s + QString::fromUtf16(columns) + u" FROM recordings WHERE project_id = ? ORDER BY id"_s);
    query.addBindValue(projectId);
    if (!query.exec())
        return failure(query, QCoreApplication::translate("DownloadStore", "read"));
    QList<DownloadRecord> records;
    while (query.next())
        records.append(readRecord(query));
    return records;
}

} // namespace confero
