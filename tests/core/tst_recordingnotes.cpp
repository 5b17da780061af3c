#include "CdrTestRows.h"
#include "StoreBackends.h"
#include "domain/CdrRowParser.h"
#include "review/RecordingNoteStore.h"
#include "review/SessionReview.h"
#include "review/SessionReviewExport.h"
#include "store/CdrIngest.h"
#include "store/Store.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace confero;
using namespace confero::test;
using namespace Qt::StringLiterals;

// Review notes in a real store (a SQLite file, and PostgreSQL under ctest's fixture): they persist
// across reopening, come back per session in position order, refuse blank text, and are deleted;
// SessionReview gathers a session's marks from its stored CDR rows (before its metadata file), its
// chat file from the media's folder, and its notes; the review exported as one JSON document (marks,
// notes, chat on the recording's time line), written whole or not at all.
class TestRecordingNotes : public QObject
{
    Q_OBJECT

    StoreBackends m_backends;
    std::unique_ptr<Store> m_store;
    qint64 m_projectId = 0;

    bool open()
    {
        QFETCH(bool, postgres);
        QString error;
        m_store = m_backends.open(postgres, &m_projectId, &error);
        if (!m_store)
            qWarning() << error;
        return bool(m_store);
    }

    static RecordingNote note(qint64 projectId, const QString &conf, qint64 positionMs, const QString &text)
    {
        RecordingNote n;
        n.projectId = projectId;
        n.roomId = u"room-a"_s;
        n.confNum = conf;
        n.positionMs = positionMs;
        n.text = text;
        return n;
    }

    static void write(const QString &path, const QByteArray &bytes)
    {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        QCOMPARE(file.write(bytes), bytes.size());
    }

private slots:
    void initTestCase()
    {
        QString error;
        QVERIFY2(m_backends.init(&error), qPrintable(error));
    }
    void cleanup()
    {
        m_store.reset();
        QString error;
        QVERIFY2(m_backends.dropSchemas(&error), qPrintable(error));
    }

    void notesArePerSessionInPositionOrder_data() { StoreBackends::addRows(); }
    void notesArePerSessionInPositionOrder()
    {
        QFETCH(bool, postgres);
        if (postgres && !m_backends.hasPostgres())
            QSKIP("SKIPPED: set CONFERO_TEST_PG_URL to run on PostgreSQL");
        QVERIFY(open());
        RecordingNoteStore notes(m_store.get());
        const StoreResult<RecordingNote> late = notes.add(note(m_projectId, u"913"_s, 9'000, u"  late remark  "_s));
        QVERIFY2(late, late ? "" : qPrintable(late.error().message + late.error().detail));
        QVERIFY(late.value().id > 0);
        QCOMPARE(late.value().text, u"late remark"_s);
        QVERIFY(late.value().createdMs > 0);
        QVERIFY(notes.add(note(m_projectId, u"913"_s, 1'500, u"early"_s)));
        QVERIFY(notes.add(note(m_projectId, u"914"_s, 100, u"another session"_s)));

        const StoreResult<QList<RecordingNote>> listed = notes.list(m_projectId, u"room-a"_s, u"913"_s);
        QVERIFY(listed);
        QCOMPARE(listed.value().size(), 2);
        QCOMPARE(listed.value().at(0).text, u"early"_s);
        QCOMPARE(listed.value().at(0).positionMs, 1'500);
        QCOMPARE(listed.value().at(1), late.value());
        QCOMPARE(notes.list(m_projectId, u"room-b"_s, u"913"_s).value().size(), 0);

        QVERIFY(!notes.add(note(m_projectId, u"913"_s, 10, u"   "_s)));
        QVERIFY(!notes.add(note(m_projectId, u"913"_s, -1, u"before the start"_s)));
        const QString longText(RecordingNoteStore::MaxTextLength + 50, u'x');
        QCOMPARE(notes.add(note(m_projectId, u"913"_s, 10, longText)).value().text.size(),
                 RecordingNoteStore::MaxTextLength);

        QCOMPARE(notes.remove(late.value().id).value(), true);
        QCOMPARE(notes.remove(late.value().id).value(), false);
        QCOMPARE(notes.list(m_projectId, u"room-a"_s, u"913"_s).value().size(), 2);
    }

    void notesSurviveReopeningTheFile()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(u"console.sqlite"_s);
        qint64 projectId = 0;
        {
            Store store;
            const StoreResult<bool> opened = store.open(path);
            QVERIFY2(opened, opened ? "" : qPrintable(opened.error().message));
            QSqlQuery insert(store.database());
            QVERIFY(insert.exec(u"INSERT INTO projects (name, api_base_url, app_id, created_at) "
                                "VALUES ('p', 'http://127.0.0.1:1/', 'app', 0)"_s));
            projectId = insert.lastInsertId().toLongLong();
            QVERIFY(RecordingNoteStore(&store).add(note(projectId, u"7"_s, 4'200, u"kept"_s)));
        }
        Store again;
        QVERIFY(again.open(path));
        const QList<RecordingNote> notes = RecordingNoteStore(&again).list(projectId, u"room-a"_s, u"7"_s).value();
        QCOMPARE(notes.size(), 1);
        QCOMPARE(notes.at(0).text, u"kept"_s);
        QCOMPARE(notes.at(0).positionMs, 4'200);
    }

    void reviewReadsCdrMarksChatAndNotes_data() { StoreBackends::addRows(); }
    void reviewReadsCdrMarksChatAndNotes()
    {
        QFETCH(bool, postgres);
        if (postgres && !m_backends.hasPostgres())
            QSKIP("SKIPPED: set CONFERO_TEST_PG_URL to run on PostgreSQL");
        QVERIFY(open());
        const QDateTime start(QDate(2025, 1, 10), QTime(9, 0), QTimeZone::utc());
        const auto row = [](const QString &conf, const QString &name, const QString &call, const QDateTime &from,
                            const QDateTime &to) {
            CdrRowSpec spec = CdrRowSpec().withConf(conf).withName(name).withRef(name.toLower()).withCall(call, u"l"_s + conf + call).during(from, to);
            spec.roomId = u"room-a"_s;
            return cdrRow(spec);
        };
        QJsonArray window;
        window.append(row(u"913"_s, u"Ann"_s, u"1"_s, start, start.addSecs(60)));
        window.append(row(u"913"_s, u"Bob"_s, u"2"_s, start.addSecs(5), start.addSecs(20)));
        window.append(row(u"913"_s, u"Bob"_s, u"3"_s, start.addSecs(30), start.addSecs(55)));
        // Another session in the same room: not this one's marks.
        window.append(row(u"914"_s, u"Cid"_s, u"1"_s, start.addSecs(-600), start.addSecs(-500)));
        QVERIFY(CdrIngest(m_store->database(), m_projectId).ingest(CdrRowParser::parse(window)));

        QTemporaryDir folder;
        QVERIFY(folder.isValid());
        write(folder.filePath(SessionReview::chatFileName()),
              R"({"conf_num":"913","room_id":"room-a","messages":[
                 {"offset_ms":40000,"name":"Bob","user_ref":"bob","message":"back again"},
                 {"offset_ms":6000,"name":"Ann","user_ref":"ann","message":"hello"}]})");
        // Present but ignored: the CDR rows come first.
        write(folder.filePath(SessionReview::metadataFileName()), R"({"participants":[{"join_offset_ms":1}]})");

        SessionReview review({m_store.get(), m_projectId, u"room-a"_s, u"913"_s});
        QVERIFY(review.hasSession());
        review.load(folder.path());
        QVERIFY2(review.problems().isEmpty(), qPrintable(review.problems().join(u' ')));
        QCOMPARE(review.marksSource(), SessionReview::MarksSource::Cdr);
        const ParticipantMarks &marks = review.marks();
        QCOMPARE(marks.sessionStartMs, start.toMSecsSinceEpoch());
        QCOMPARE(marks.spans.size(), 3);
        QCOMPARE(marks.spans.at(0).name, u"Ann"_s);
        QCOMPARE(marks.spans.at(0).joinMs, 0);
        QCOMPARE(marks.spans.at(0).leaveMs, 60'000);
        QCOMPARE(marks.spans.at(1).person, u"bob"_s);
        QCOMPARE(marks.spans.at(1).joinMs, 5'000);
        QCOMPARE(marks.spans.at(2).person, u"bob"_s);
        QCOMPARE(marks.spans.at(2).joinMs, 30'000);
        QCOMPARE(marks.spans.at(2).leaveMs, 55'000);

        QVERIFY(review.hasChat());
        QCOMPARE(review.chat().messages.size(), 2);
        QCOMPARE(review.chat().messages.at(0).text, u"hello"_s);
        QCOMPARE(review.chat().indexAt(39'999), 0);

        QVERIFY(review.notes().isEmpty());
        QVERIFY(review.addNote(20'000, u"second"_s));
        QVERIFY(review.addNote(2'000, u"first"_s));
        QCOMPARE(review.notes().size(), 2);
        QCOMPARE(review.notes().at(0).text, u"first"_s);
        SessionReview reread({m_store.get(), m_projectId, u"room-a"_s, u"913"_s});
        reread.load(folder.path());
        QCOMPARE(reread.notes(), review.notes());
        QVERIFY(reread.removeNote(reread.notes().at(0).id));
        QCOMPARE(reread.notes().size(), 1);

        // Exported with the session: who was there when, the notes and the chat, as one document.
        const QString exported = folder.filePath(u"review-913.json"_s);
        QString error;
        QVERIFY2(SessionReviewExport::write(reread, folder.filePath(u"out.mp4"_s), exported, &error),
                 qPrintable(error));
        QVERIFY(!QFile::exists(exported + u".part"_s));
        QFile file(exported);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QJsonObject document = QJsonDocument::fromJson(file.readAll()).object();
        QCOMPARE(document.value(u"format").toString(), u"confero-session-review"_s);
        QCOMPARE(document.value(u"conf_num").toString(), u"913"_s);
        QCOMPARE(document.value(u"room_id").toString(), u"room-a"_s);
        QCOMPARE(document.value(u"recording").toString(), u"out.mp4"_s); // the name, not the folder
        QCOMPARE(document.value(u"session").toObject().value(u"start").toString(), u"2025-01-10T09:00:00.000Z"_s);
        const QJsonArray participants = document.value(u"participants").toArray();
        QCOMPARE(participants.size(), 3);
        QCOMPARE(participants.at(2).toObject().value(u"person").toString(), u"bob"_s);
        QCOMPARE(participants.at(2).toObject().value(u"join").toString(), u"0:30.000"_s);
        QCOMPARE(participants.at(2).toObject().value(u"leave_ms").toInteger(), qint64(55'000));
        const QJsonArray notes = document.value(u"notes").toArray();
        QCOMPARE(notes.size(), 1);
        QCOMPARE(notes.at(0).toObject().value(u"text").toString(), u"second"_s);
        QCOMPARE(notes.at(0).toObject().value(u"position").toString(), u"0:20.000"_s);
        QVERIFY(notes.at(0).toObject().value(u"written_at").toString().endsWith(u'Z'));
        const QJsonArray chat = document.value(u"chat").toArray();
        QCOMPARE(chat.size(), 2);
        QCOMPARE(chat.at(1).toObject().value(u"text").toString(), u"back again"_s);
        QCOMPARE(chat.at(1).toObject().value(u"at").toString(), u"0:40.000"_s);
        QVERIFY(document.value(u"problems").toArray().isEmpty());

        // A folder that cannot be written: said, and nothing left behind.
        QVERIFY(!SessionReviewExport::write(reread, {}, u"/proc/confero-review.json"_s, &error));
        QVERIFY2(error.contains(u"/proc/confero-review.json"_s), qPrintable(error));
        QVERIFY(!SessionReviewExport::write(reread, {}, u" "_s, &error));
        QCOMPARE(SessionReviewExport::clockText(3'723'456), u"1:02:03.456"_s);
        QCOMPARE(SessionReviewExport::clockText(59'001), u"0:59.001"_s);
    }

    void reviewFallsBackToMetadataAndReportsBadFiles()
    {
        QTemporaryDir folder;
        QVERIFY(folder.isValid());
        write(folder.filePath(SessionReview::metadataFileName()),
              R"({"start":"2025-01-10T09:00:00.000Z","end":"2025-01-10T09:01:00.000Z","participants":[
                 {"name":"Ann","user_ref":"ann","role":"moderator","join_offset_ms":0,"leave_offset_ms":60000},
                 {"name":"Bob","user_ref":"bob","join":"2025-01-10T09:00:10.000Z"}]})");
        write(folder.filePath(SessionReview::chatFileName()), "not json at all");
        // A loose file: no store, so no notes, but its folder's files still count.
        SessionReview review({});
        QVERIFY(!review.hasSession());
        review.load(folder.path());
        QCOMPARE(review.marksSource(), SessionReview::MarksSource::Metadata);
        QCOMPARE(review.marks().spans.size(), 2);
        QCOMPARE(review.marks().spans.at(1).joinMs, 10'000);
        QCOMPARE(review.marks().spans.at(1).leaveMs, 60'000); // no leave: there to the end
        QVERIFY(!review.hasChat());
        QCOMPARE(review.problems().size(), 1);
        QVERIFY(review.problems().at(0).contains(u"chat"_s));
        QVERIFY(!review.addNote(1'000, u"nowhere to keep it"_s));
    }
};

QTEST_GUILESS_MAIN(TestRecordingNotes)
#include "tst_recordingnotes.moc"
