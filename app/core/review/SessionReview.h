#pragma once

#include "ChatTranscript.h"
#include "ParticipantMarks.h"
#include "RecordingNote.h"

#include "store/StoreError.h"

#include <QList>
#include <QString>

namespace confero {

class Store;

// Which session a recording is of: the store that holds its CDR rows and notes, and its ids. A
// file opened without a session (no store, or no conf_num) still plays; it has no marks or notes.
struct ReviewContext
{
    Store *store = nullptr;
    qint64 projectId = 0;
    QString roomId;
    QString confNum;
};

// Everything the player shows beside a recording, read on the calling thread (a session has a few
// hundred CDR rows at most, its chat and metadata files are small): the join/leave marks (the
// stored CDR rows, else the session's metadata file), the chat transcript, and the reviewer's notes.
// The archive's files sit together in <library>/<room_id>/<conf_num>/, so the chat and metadata
// files are looked for beside the media.
class SessionReview
{
public:
    enum class MarksSource { None, Cdr, Metadata };

    static QString chatFileName(); // chatdata.json
    static QString metadataFileName(); // metadata.json

    explicit SessionReview(ReviewContext context);

    const ReviewContext &context() const;
    bool hasSession() const; // a store and a conf_num: notes can be kept

    // (Re)reads marks, chat and notes; `folder` is the media file's folder (empty: none).
    void load(const QString &folder);

    const ParticipantMarks &marks() const;
    MarksSource marksSource() const;
    const ChatTranscript &chat() const;
    bool hasChat() const; // a chat file was there and could be read
    const QList<RecordingNote> &notes() const;
    // What could not be read, a sentence each (empty when all was well or simply absent).
    QStringList problems() const;

    // Stores a note at `positionMs` and keeps the list in order; the stored note, or why not.
    StoreResult<RecordingNote> addNote(qint64 positionMs, const QString &text);
    StoreResult<bool> removeNote(qint64 noteId);

private:
    void loadMarks(const QString &folder);
    void loadChat(const QString &folder);
    void loadNotes();

    ReviewContext m_context;
    ParticipantMarks m_marks;
    MarksSource m_marksSource = MarksSource::None;
    ChatTranscript m_chat;
    bool m_hasChat = false;
    QList<RecordingNote> m_notes;
    QStringList m_problems;
};

} // namespace confero
