#include "SessionReview.h"

#include "RecordingNoteStore.h"
#include "recordings/RecordingsLogging.h"
#include "store/CdrQuery.h"
#include "store/Store.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace confero {

namespace {

// More connections than a session has (CdrQuery's own page limit for a session's rows).
constexpr int kMaxRows = 10'000;

// The file's bytes when it is there and no larger than `maxBytes`; nothing when it is absent.
std::optional<QByteArray> readSmallFile(const QString &path, qsizetype maxBytes, QStringList *problems)
{
    QFile file(path);
    if (!file.exists())
        return std::nullopt;
    if (file.size() > maxBytes) {
        problems->append(QCoreApplication::translate("SessionReview", "%1 is too large to read (%2 MB).")
                             .arg(QDir::toNativeSeparators(path))
                             .arg(file.size() / (1024 * 1024)));
        return std::nullopt;
    }
    if (!file.open(QIODevice::ReadOnly)) {
        problems->append(QCoreApplication::translate("SessionReview", "%1 could not be read: %2")
                             .arg(QDir::toNativeSeparators(path), file.errorString()));
        return std::nullopt;
    }
    return file.readAll();
}

} // namespace

QString SessionReview::chatFileName()
{
    return u"chatdata.json"_s;
}

QString SessionReview::metadataFileName()
{
    return u"metadata.json"_s;
}

SessionReview::SessionReview(ReviewContext context)
    : m_context(std::move(context))
{
}

const ReviewContext &SessionReview::context() const
{
    return m_context;
}

bool SessionReview::hasSession() const
{
    return m_context.store && !m_context.confNum.isEmpty();
}

void SessionReview::load(const QString &folder)
{
    m_problems.clear();
    loadMarks(folder);
    loadChat(folder);
    loadNotes();
}

void SessionReview::loadMarks(const QString &folder)
{
    m_marks = {};
    m_marksSource = MarksSource::None;
    if (hasSession()) {
        CdrQuery query(m_context.store, m_context.projectId);
        CdrFilter filter;
        filter.roomId = m_context.roomId;
        filter.confNum = m_context.confNum;
        const StoreResult<CdrPage> page = query.page(filter, CdrSort(), kMaxRows);
        if (!page) {
            m_problems.append(page.error().message);
            qCWarning(lcRecordings) << page.error().message << page.error().detail;
        } else if (!page.value().rows.isEmpty()) {
            QList<CdrRow> rows;
            rows.reserve(page.value().rows.size());
            for (const CdrStoredRow &stored : page.value().rows)
                rows.append(stored.row);
            m_marks = ParticipantMarks::fromCdrRows(rows);
            m_marksSource = MarksSource::Cdr;
            return;
        }
    }
    if (folder.isEmpty())
        return;
    const std::optional<QByteArray> bytes =
        readSmallFile(QDir(folder).filePath(metadataFileName()), ParticipantMarks::MaxDocumentBytes, &m_problems);
    if (!bytes)
        return;
    QString error;
    std::optional<ParticipantMarks> marks = ParticipantMarks::fromMetadata(*bytes, &error);
    if (!marks) {
        m_problems.append(error);
        return;
    }
    m_marks = std::move(*marks);
    m_marksSource = MarksSource::Metadata;
}

void SessionReview::loadChat(const QString &folder)
{
    m_chat = {};
    m_hasChat = false;
    if (folder.isEmpty())
        return;
    const std::optional<QByteArray> bytes =
        readSmallFile(QDir(folder).filePath(chatFileName()), ChatTranscript::MaxDocumentBytes, &m_problems);
    if (!bytes)
        return;
    QString error;
    std::optional<ChatTranscript> chat = ChatTranscript::parse(*bytes, m_marks.sessionStartMs, &error);
    if (!chat) {
        m_problems.append(error);
        return;
    }
    m_chat = std::move(*chat);
    m_hasChat = true;
}

void SessionReview::loadNotes()
{
    m_notes.clear();
    if (!hasSession())
        return;
    const StoreResult<QList<RecordingNote>> notes =
        RecordingNoteStore(m_context.store).list(m_context.projectId, m_context.roomId, m_context.confNum);
    if (!notes) {
        m_problems.append(notes.error().message);
        qCWarning(lcRecordings) << notes.error().message << notes.error().detail;
        return;
    }
    m_notes = notes.value();
}

const ParticipantMarks &SessionReview::marks() const
{
    return m_marks;
}

SessionReview::MarksSource SessionReview::marksSource() const
{
    return m_marksSource;
}

const ChatTranscript &SessionReview::chat() const
{
    return m_chat;
}

bool SessionReview::hasChat() const
{
    return m_hasChat;
}

const QList<RecordingNote> &SessionReview::notes() const
{
    return m_notes;
}

QStringList SessionReview::problems() const
{
    return m_problems;
}

StoreResult<RecordingNote> SessionReview::addNote(qint64 positionMs, const QString &text)
{
    if (!hasSession())
        return StoreError{QCoreApplication::translate("SessionReview",
                                                      "Notes are kept per session: this file was opened without one."),
                          {}};
    RecordingNote note;
    note.projectId = m_context.projectId;
    note.roomId = m_context.roomId;
    note.confNum = m_context.confNum;
    note.positionMs = positionMs;
    note.text = text;
    StoreResult<RecordingNote> stored = RecordingNoteStore(m_context.store).add(note);
    if (stored) {
        const auto at = std::upper_bound(m_notes.cbegin(), m_notes.cend(), stored.value().positionMs,
                                         [](qint64 position, const RecordingNote &n) { return position < n.positionMs; });
        m_notes.insert(at - m_notes.cbegin(), stored.value());
    }
    return stored;
}

StoreResult<bool> SessionReview::removeNote(qint64 noteId)
{
    if (!hasSession())
        return false;
    StoreResult<bool> removed = RecordingNoteStore(m_context.store).remove(noteId);
    if (removed)
        m_notes.removeIf([noteId](const RecordingNote &n) { return n.id == noteId; });
    return removed;
}

} // namespace confero
