#include "domain/CdrRow.h"
#include "review/ChatTranscript.h"
#include "review/ParticipantMarks.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>
#include <QTimeZone>

using namespace confero;
using namespace Qt::StringLiterals;

// The readers of a session's chat data and metadata files: the sandbox's shape read in time order,
// a message placed by its time when it has no offset, unusable messages skipped and counted, what
// is not a chat object refused with a sentence; the position -> message lookup the chat pane
// follows playback with; join/leave marks from CDR rows (a rejoin is a second span of the same
// person; a row without a leave lasts to the session's end) and from metadata.
class TestChatTranscript : public QObject
{
    Q_OBJECT

private slots:
    void readsTheSandboxShapeInTimeOrder()
    {
        const QByteArray json = R"({"conf_num":"913","room_id":"r1","messages":[
            {"time":"2025-01-10T09:00:12.000Z","offset_ms":12000,"name":"Bob","user_ref":"bob","message":"second"},
            {"time":"2025-01-10T09:00:03.000Z","offset_ms":3000,"name":"Ann","user_ref":"ann","message":"first"},
            {"time":"2025-01-10T09:00:12.000Z","offset_ms":"12000","name":"Ann","user_ref":"ann","message":"same time"}
        ]})";
        QString error;
        const std::optional<ChatTranscript> chat = ChatTranscript::parse(json, 0, &error);
        QVERIFY2(chat, qPrintable(error));
        QCOMPARE(chat->confNum, u"913"_s);
        QCOMPARE(chat->roomId, u"r1"_s);
        QCOMPARE(chat->messages.size(), 3);
        QCOMPARE(chat->messages.at(0).text, u"first"_s);
        QCOMPARE(chat->messages.at(0).offsetMs, 3000);
        QCOMPARE(chat->messages.at(0).name, u"Ann"_s);
        QCOMPARE(chat->messages.at(0).userRef, u"ann"_s);
        QCOMPARE(chat->messages.at(1).text, u"second"_s); // equal offsets keep the file's order
        QCOMPARE(chat->messages.at(2).text, u"same time"_s);
        QCOMPARE(chat->skipped, 0);

        QCOMPARE(chat->indexAt(0), -1);
        QCOMPARE(chat->indexAt(2999), -1);
        QCOMPARE(chat->indexAt(3000), 0);
        QCOMPARE(chat->indexAt(11999), 0);
        QCOMPARE(chat->indexAt(12000), 2);
        QCOMPARE(chat->indexAt(1'000'000), 2);
    }

    void placesByTimeOrSkips()
    {
        const qint64 start = QDateTime(QDate(2025, 1, 10), QTime(9, 0), QTimeZone::utc()).toMSecsSinceEpoch();
        const QByteArray json = R"({"messages":[
            {"time":"2025-01-10T09:00:05.500Z","name":"Ann","message":"by its time"},
            {"time":"2025-01-10T08:59:00.000Z","name":"Ann","message":"before the start"},
            {"offset_ms":-5,"message":"negative"},
            {"offset_ms":1e300,"message":"beyond a year"},
            {"offset_ms":100,"message":""},
            {"offset_ms":100},
            "not an object",
            {"offset_ms":7000,"message":"kept","name":7}
        ]})";
        QString error;
        const std::optional<ChatTranscript> chat = ChatTranscript::parse(json, start, &error);
        QVERIFY2(chat, qPrintable(error));
        QCOMPARE(chat->messages.size(), 2);
        QCOMPARE(chat->messages.at(0).offsetMs, 5500);
        QCOMPARE(chat->messages.at(1).text, u"kept"_s);
        QCOMPARE(chat->skipped, 6);
        // Without the session's start the time alone cannot place a message.
        QCOMPARE(ChatTranscript::parse(json, 0, &error)->messages.size(), 1);
    }

    void refusesWhatIsNotAChatFile_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::newRow("empty") << QByteArray();
        QTest::newRow("garbage") << QByteArray("\x00\xff{", 3);
        QTest::newRow("array") << QByteArray("[]");
        QTest::newRow("messages not a list") << QByteArray(R"({"messages":{"a":1}})");
        QTest::newRow("truncated") << QByteArray(R"({"messages":[{"offset_ms":1,"message":"x"})");
    }
    void refusesWhatIsNotAChatFile()
    {
        QFETCH(QByteArray, json);
        QString error;
        QVERIFY(!ChatTranscript::parse(json, 0, &error));
        QVERIFY(!error.isEmpty());
    }

    void longTextIsCut()
    {
        const QString text(ChatTranscript::MaxTextLength * 2, u'a');
        const QByteArray json = QJsonDocument(QJsonObject{{u"messages"_s,
                                                           QJsonArray{QJsonObject{{u"offset_ms"_s, 1},
                                                                                  {u"message"_s, text}}}}})
                                    .toJson();
        QString error;
        const std::optional<ChatTranscript> chat = ChatTranscript::parse(json, 0, &error);
        QVERIFY(chat);
        QCOMPARE(chat->messages.at(0).text.size(), ChatTranscript::MaxTextLength);
    }

    void marksFromCdrRows()
    {
        const qint64 t0 = QDateTime(QDate(2025, 1, 10), QTime(9, 0), QTimeZone::utc()).toMSecsSinceEpoch();
        const auto row = [](const QString &name, const QString &ref, qint64 connect, qint64 disconnect) {
            CdrRow r;
            r.name = name;
            r.userRef = ref;
            r.role = u"participant"_s;
            r.connectMs = connect;
            r.disconnectMs = disconnect;
            return r;
        };
        const ParticipantMarks marks = ParticipantMarks::fromCdrRows({
            row(u"Bob"_s, u"bob"_s, t0 + 40'000, t0 + 50'000),
            row(u"Ann"_s, u""_s, t0 + 1'000, t0 + 90'000),
            row(u"Bob"_s, u"bob"_s, t0 + 5'000, 0), // no leave time: to the session's end
            row(u"Nobody"_s, u"n"_s, 0, 0), // no join time: cannot be placed
        });
        QCOMPARE(marks.sessionStartMs, t0 + 1'000);
        QCOMPARE(marks.sessionEndMs, t0 + 90'000);
        QCOMPARE(marks.skipped, 1);
        QCOMPARE(marks.spans.size(), 3);
        QCOMPARE(marks.spans.at(0).person, u"Ann"_s); // no ref: the name
        QCOMPARE(marks.spans.at(0).joinMs, 0);
        QCOMPARE(marks.spans.at(0).leaveMs, 89'000);
        QCOMPARE(marks.spans.at(1).person, u"bob"_s);
        QCOMPARE(marks.spans.at(1).joinMs, 4'000);
        QCOMPARE(marks.spans.at(1).leaveMs, 89'000);
        QCOMPARE(marks.spans.at(2).joinMs, 39'000);
        QCOMPARE(marks.spans.at(2).leaveMs, 49'000);
    }

    void marksFromMetadata()
    {
        const QByteArray json = R"({"conf_num":"913","room_id":"r1","start":"2025-01-10T09:00:00.000Z",
            "end":"2025-01-10T09:00:12.000Z","participants":[
            {"name":"Bob","user_ref":"bob","role":"participant","call_num":"2","join":"2025-01-10T09:00:04.000Z",
             "leave":"2025-01-10T09:00:09.000Z"},
            {"name":"Ann","user_ref":"ann","role":"moderator","call_num":"1","join_offset_ms":0,"leave_offset_ms":12000},
            {"name":"Eve","leave_offset_ms":3}
        ]})";
        QString error;
        const std::optional<ParticipantMarks> marks = ParticipantMarks::fromMetadata(json, &error);
        QVERIFY2(marks, qPrintable(error));
        QCOMPARE(marks->sessionEndMs - marks->sessionStartMs, 12'000);
        QCOMPARE(marks->skipped, 1);
        QCOMPARE(marks->spans.size(), 2);
        QCOMPARE(marks->spans.at(0).role, u"moderator"_s);
        QCOMPARE(marks->spans.at(1).person, u"bob"_s);
        QCOMPARE(marks->spans.at(1).joinMs, 4'000);
        QCOMPARE(marks->spans.at(1).leaveMs, 9'000);

        QVERIFY(!ParticipantMarks::fromMetadata("[1]", &error));
        QVERIFY(!error.isEmpty());
        QVERIFY(!ParticipantMarks::fromMetadata(R"({"participants":"x"})", &error));
    }
};

QTEST_GUILESS_MAIN(TestChatTranscript)
#include "tst_chattranscript.moc"
