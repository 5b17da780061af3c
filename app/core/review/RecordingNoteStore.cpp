#include "RecordingNoteStore.h"

#include "store/Store.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

using namespace Qt::StringLiterals;

namespace confero {

namespace {

StoreError failure(const QSqlQuery &query, const QString &what)
{
    return {QCoreApplication::translate("RecordingNoteStore", "The review notes could not be %1.").arg(what),
            query.lastError().text()};
}

} // namespace

RecordingNoteStore::RecordingNoteStore(Store *store)
    : m_store(store)
{
}

StoreResult<RecordingNote> RecordingNoteStore::add(const RecordingNote &note)
{
    RecordingNote stored = note;
    stored.text = note.text.trimmed().left(MaxTextLength);
    if (stored.text.isEmpty())
        return StoreError{QCoreApplication::translate("RecordingNoteStore", "A note needs some text."), {}};
    if (note.positionMs < 0)
        return StoreError{QCoreApplication::translate("RecordingNoteStore", "A note's position cannot be negative."),
                          {}};
    stored.createdMs = QDateTime::currentMSecsSinceEpoch();
    QSqlQuery query(m_store->database());
    // RETURNING reads the same on SQLite (3.35+, Debian 12 has 3.40) and PostgreSQL, where
    // lastInsertId() does not.
    query.prepare(u"INSERT INTO review_notes (project_id, room_id, conf_num, position_ms, text, created_at) "
                  "VALUES (?, ?, ?, ?, ?, ?) RETURNING id"_s);
    query.addBindValue(stored.projectId);
    query.addBindValue(stored.roomId.isNull() ? u""_s : stored.roomId);
    query.addBindValue(stored.confNum.isNull() ? u""_s : stored.confNum);
    query.addBindValue(stored.positionMs);
    query.addBindValue(stored.text);
    query.addBindValue(stored.createdMs);
    if (!query.exec() || !query.next())
        return failure(query, QCoreApplication::translate("RecordingNoteStore", "saved"));
    stored.id = query.value(0).toLongLong();
    return stored;
}

StoreResult<bool> RecordingNoteStore::remove(qint64 noteId)
{
    QSqlQuery query(m_store->database());
    query.prepare(u"DELETE FROM review_notes WHERE id = ?"_s);
    query.addBindValue(noteId);
    if (!query.exec())
        return failure(query, QCoreApplication::translate("RecordingNoteStore", "deleted"));
    return query.numRowsAffected() > 0;
}

StoreResult<QList<RecordingNote>> RecordingNoteStore::list(qint64 projectId, const QString &roomId,
                                                           const QString &confNum) const
{
    QSqlQuery query(m_store->database());
    query.prepare(u"SELECT id, position_ms, text, created_at FROM review_notes WHERE project_id = ? AND room_id = ? "
                  "AND conf_num = ? ORDER BY position_ms, created_at, id"_s);
    query.addBindValue(projectId);
    query.addBindValue(roomId.isNull() ? u""_s : roomId);
    query.addBindValue(confNum.isNull() ? u""_s : confNum);
    if (!query.exec())
        return failure(query, QCoreApplication::translate("RecordingNoteStore", "read"));
    QList<RecordingNote> notes;
    while (query.next()) {
        RecordingNote note;
        note.id = query.value(0).toLongLong();
        note.projectId = projectId;
        note.roomId = roomId;
        note.confNum = confNum;
        note.positionMs = query.value(1).toLongLong();
        note.text = query.value(2).toString();
        note.createdMs = query.value(3).toLongLong();
        notes.append(note);
    }
    return notes;
}

} // namespace confero
