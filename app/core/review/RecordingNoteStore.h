#pragma once

#include "RecordingNote.h"

#include "store/StoreError.h"

#include <QList>

namespace confero {

class Store;

// The `review_notes` table: a session's notes, small statements on the owner's connection (a
// session has tens of notes, written one at a time by a person).
class RecordingNoteStore
{
public:
    // Longer text is cut: a note is a remark, not a document.
    static constexpr qsizetype MaxTextLength = 4'000;

    explicit RecordingNoteStore(Store *store);

    // Stores a new note (its id and created time set in the result). Refused when the text is
    // blank or the position negative.
    StoreResult<RecordingNote> add(const RecordingNote &note);
    StoreResult<bool> remove(qint64 noteId);
    // The session's notes by position, then by when they were written.
    StoreResult<QList<RecordingNote>> list(qint64 projectId, const QString &roomId, const QString &confNum) const;

private:
    Store *m_store = nullptr;
};

} // namespace confero
