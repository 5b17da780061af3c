#include "MediaCache.h"
#include "PlayerSeekBar.h"
#include "PlayerWidget.h"
#include "PlayerWindow.h"
#include "review/RecordingNoteStore.h"
#include "store/Store.h"

#include <QAudioDevice>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMediaDevices>
#include <QPushButton>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QVideoFrame>
#include <QVideoSink>

#include <memory>

using namespace confero;
using namespace Qt::StringLiterals;

namespace {
constexpr int kWaitMs = 20000; // a loaded 2-core machine, ASan
constexpr qint64 kFrameMs = 40; // the test media is 25 fps
} // namespace

// The player on real media (the sandbox's MediaCache runs ffmpeg: a 12 s 25 fps test pattern with
// sound, MP4 and Matroska) decoded by the real Qt Multimedia backend, observed through the video
// widget's own QVideoSink (a grab of the widget would be blank offscreen): frames arrive; a seek to
// 50 % yields a frame within 1 s of it; a frame step moves by one frame, and so do the comma and
// period keys; a corrupt file and a missing one say so; notes are kept in a real SQLite store and
// come back in a new player; the session's metadata marks the seek bar and its chat follows playback.
class TestPlayer : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_mp4;
    QString m_mkv;
    QString m_sessionFolder; // <library>/room-a/913/ with out.mp4, chatdata.json, metadata.json
    Store m_store;
    qint64 m_projectId = 0;
    qint64 m_lastFrameUs = -1;
    int m_frames = 0;

    void watch(PlayerWidget &player)
    {
        m_lastFrameUs = -1;
        m_frames = 0;
        connect(player.videoSink(), &QVideoSink::videoFrameChanged, this, [this](const QVideoFrame &frame) {
            if (!frame.isValid())
                return;
            ++m_frames;
            m_lastFrameUs = frame.startTime();
        });
    }

    static bool writeFile(const QString &path, const QByteArray &bytes)
    {
        QFile file(path);
        return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
    }

    ReviewContext context() { return {&m_store, m_projectId, u"room-a"_s, u"913"_s}; }

    // Opens the file and waits for its first frame, shown paused without playing.
    bool openAndWait(PlayerWidget &player, const QString &path, const ReviewContext &ctx)
    {
        watch(player);
        player.open(path, ctx);
        return QTest::qWaitFor([&] { return m_frames > 0; }, kWaitMs) && player.errorText().isEmpty()
               && player.mediaPlayer()->playbackState() == QMediaPlayer::PausedState;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        sandbox::MediaCache cache(m_dir.filePath(u"media"_s));
        QString error;
        QVERIFY2(cache.ensure(&error), qPrintable(error));
        m_mp4 = cache.path(sandbox::MediaCache::Kind::Transcoded);
        m_mkv = cache.path(sandbox::MediaCache::Kind::Recording);

        m_sessionFolder = m_dir.filePath(u"library/room-a/913"_s);
        QVERIFY(QDir().mkpath(m_sessionFolder));
        QVERIFY(QFile::copy(m_mp4, m_sessionFolder + u"/out.mp4"_s));
        QVERIFY(writeFile(m_sessionFolder + u"/metadata.json"_s,
                          R"({"conf_num":"913","room_id":"room-a","start":"2025-01-10T09:00:00.000Z",
                 "end":"2025-01-10T09:00:12.000Z","participants":[
                 {"name":"Ann","user_ref":"ann","role":"moderator","join_offset_ms":0,"leave_offset_ms":12000},
                 {"name":"Bob","user_ref":"bob","role":"participant","join_offset_ms":2500,"leave_offset_ms":9000},
                 {"name":"Late","user_ref":"late","role":"viewer","join_offset_ms":60000,"leave_offset_ms":70000}]})"));
        QVERIFY(writeFile(m_sessionFolder + u"/chatdata.json"_s,
                          R"({"conf_num":"913","room_id":"room-a","messages":[
                 {"offset_ms":3000,"name":"Bob","user_ref":"bob","message":"Can you see my screen?"},
                 {"offset_ms":1000,"name":"Ann","user_ref":"ann","message":"Welcome, everyone"},
                 {"offset_ms":8000,"name":"Ann","user_ref":"ann","message":"Thanks, that was all"}]})"));

        QVERIFY(m_store.open(m_dir.filePath(u"console.sqlite"_s)));
        QSqlQuery insert(m_store.database());
        QVERIFY(insert.exec(u"INSERT INTO projects (name, api_base_url, app_id, created_at) "
                            "VALUES ('p', 'http://127.0.0.1:1/', 'app', 0)"_s));
        m_projectId = insert.lastInsertId().toLongLong();
        qInfo() << "audio output" << QMediaDevices::defaultAudioOutput().description();
    }

    void framesArriveWhilePlaying_data()
    {
        QTest::addColumn<bool>("matroska");
        QTest::newRow("mp4") << false;
        QTest::newRow("mkv") << true;
    }
    void framesArriveWhilePlaying()
    {
        QFETCH(bool, matroska);
        PlayerWidget player;
        player.resize(900, 500);
        player.show();
        QVERIFY(openAndWait(player, matroska ? m_mkv : m_mp4, {}));
        QTRY_COMPARE_WITH_TIMEOUT(player.mediaPlayer()->duration() / 1000, 12, kWaitMs);
        const int before = m_frames;
        player.togglePlayPause();
        QTRY_VERIFY_WITH_TIMEOUT(m_frames >= before + 10, kWaitMs);
        QTRY_VERIFY_WITH_TIMEOUT(player.mediaPlayer()->position() > 0, kWaitMs);
        player.togglePlayPause();
        QTRY_COMPARE_WITH_TIMEOUT(player.mediaPlayer()->playbackState(), QMediaPlayer::PausedState, kWaitMs);
        QVERIFY(player.findChild<QLabel *>(u"timeLabel"_s)->text().contains(u"/ 0:12."_s));
    }

    void seekingToHalfShowsAFrameThere()
    {
        PlayerWidget player;
        player.resize(900, 500);
        player.show();
        QVERIFY(openAndWait(player, m_mp4, {}));
        QTRY_VERIFY_WITH_TIMEOUT(player.mediaPlayer()->duration() > 0, kWaitMs);
        const qint64 target = player.mediaPlayer()->duration() / 2;
        m_lastFrameUs = -1;
        player.seek(target);
        QTRY_VERIFY_WITH_TIMEOUT(m_lastFrameUs >= 0 && std::abs(m_lastFrameUs / 1000 - target) <= 1000, kWaitMs);
        qInfo() << "seek to" << target << "ms: frame at" << m_lastFrameUs / 1000 << "ms";
    }

    void frameStepMovesOneFrame()
    {
        PlayerWidget player;
        player.resize(900, 500);
        player.show();
        QVERIFY(QTest::qWaitForWindowExposed(&player));
        QVERIFY(openAndWait(player, m_mp4, {}));
        QCOMPARE(player.frameDurationMs(), kFrameMs); // the stream's 25 fps
        player.seek(4000);
        QTRY_VERIFY_WITH_TIMEOUT(std::abs(m_lastFrameUs / 1000 - 4000) <= kFrameMs, kWaitMs);
        QCOMPARE(player.mediaPlayer()->playbackState(), QMediaPlayer::PausedState);

        const qint64 start = player.mediaPlayer()->position();
        const qint64 frameBefore = m_lastFrameUs;
        player.stepFrames(1);
        QCOMPARE(player.mediaPlayer()->position(), start + kFrameMs);
        QTRY_VERIFY_WITH_TIMEOUT(m_lastFrameUs > frameBefore, kWaitMs);
        QVERIFY2(std::abs(m_lastFrameUs - frameBefore - kFrameMs * 1000) < kFrameMs * 1000 / 2,
                 qPrintable(u"frame moved from %1 to %2 us"_s.arg(frameBefore).arg(m_lastFrameUs)));

        // The keys do the same: period forward, comma back; the player stays paused.
        player.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&player));
        const qint64 afterStep = player.mediaPlayer()->position();
        QTest::keyClick(&player, Qt::Key_Period);
        QCOMPARE(player.mediaPlayer()->position(), afterStep + kFrameMs);
        QTest::keyClick(&player, Qt::Key_Comma);
        QTest::keyClick(&player, Qt::Key_Comma);
        QCOMPARE(player.mediaPlayer()->position(), afterStep - kFrameMs);
        QTRY_VERIFY_WITH_TIMEOUT(std::abs(m_lastFrameUs / 1000 - (afterStep - kFrameMs)) < kFrameMs, kWaitMs);
        QCOMPARE(player.mediaPlayer()->playbackState(), QMediaPlayer::PausedState);
        // Space plays, Right skips 5 s ahead.
        QTest::keyClick(&player, Qt::Key_Space);
        QTRY_COMPARE_WITH_TIMEOUT(player.mediaPlayer()->playbackState(), QMediaPlayer::PlayingState, kWaitMs);
        QTest::keyClick(&player, Qt::Key_Space);
        QTRY_COMPARE_WITH_TIMEOUT(player.mediaPlayer()->playbackState(), QMediaPlayer::PausedState, kWaitMs);
        const qint64 here = player.mediaPlayer()->position();
        QTest::keyClick(&player, Qt::Key_Right);
        QCOMPARE(player.mediaPlayer()->position(), here + PlayerWidget::SkipMs);
    }

    void aCorruptFileSaysSo()
    {
        const QString corrupt = m_dir.filePath(u"corrupt.mp4"_s);
        // A real MP4's first 4 KiB, then noise: a container that starts right and cannot be decoded.
        QFile source(m_mp4);
        QVERIFY(source.open(QIODevice::ReadOnly));
        QByteArray bytes = source.read(4096);
        for (int i = 0; i < 200'000; ++i)
            bytes.append(char((i * 7919) & 0xff));
        QVERIFY(writeFile(corrupt, bytes.mid(64))); // the ftyp box cut: no longer a file anyone can read
        PlayerWidget player;
        player.resize(900, 500);
        player.show();
        QSignalSpy shown(&player, &PlayerWidget::errorShown);
        player.open(corrupt, {});
        player.togglePlayPause();
        QTRY_VERIFY_WITH_TIMEOUT(!player.errorText().isEmpty(), kWaitMs);
        QVERIFY(player.errorText().contains(u"cannot be played"_s));
        const auto *banner = player.findChild<QWidget *>(u"errorBanner"_s);
        QVERIFY(banner->isVisible());
        QVERIFY(banner->findChild<QLabel *>(u"message"_s)->text().contains(u"cannot be played"_s));
        QVERIFY(!player.findChild<QWidget *>(u"playButton"_s)->isEnabled());
        QVERIFY(shown.count() >= 1);

        PlayerWidget missing;
        missing.open(m_dir.filePath(u"gone.mp4"_s), {});
        QVERIFY(missing.errorText().contains(u"not there"_s));
    }

    void marksChatAndNotes()
    {
        const QString file = m_sessionFolder + u"/out.mp4"_s;
        {
            PlayerWindow *window = PlayerWindow::openRecording(file, context());
            std::unique_ptr<PlayerWindow> owner(window);
            PlayerWidget &player = *window->player();
            QVERIFY(openAndWait(player, file, context()));
            QTRY_VERIFY_WITH_TIMEOUT(player.mediaPlayer()->duration() > 0, kWaitMs);

            // Two people joined and left within the 12 s; the late viewer's marks are past the end.
            const auto *seekBar = player.findChild<PlayerSeekBar *>(u"seekBar"_s);
            const QList<PlayerSeekBar::Mark> marks = seekBar->marks();
            QCOMPARE(marks.size(), 4);
            QCOMPARE(marks.at(1).kind, PlayerSeekBar::Mark::Kind::Join);
            QCOMPARE(marks.at(1).positionMs, 2500);
            QVERIFY(marks.at(1).text.contains(u"Bob"_s));
            QVERIFY(seekBar->toolTipAt(QPoint(seekBar->xFor(2500), 3)).contains(u"Bob joined"_s));

            // The chat follows playback: nothing said at 0.5 s, Bob's line current at 5 s.
            auto *chat = player.findChild<QListWidget *>(u"chatList"_s);
            QCOMPARE(chat->count(), 3);
            QCOMPARE(chat->item(0)->text(), u"0:01  Ann: Welcome, everyone"_s);
            player.seek(500);
            QTRY_COMPARE_WITH_TIMEOUT(chat->currentRow(), -1, kWaitMs);
            player.seek(5000);
            QTRY_COMPARE_WITH_TIMEOUT(chat->currentRow(), 1, kWaitMs);
            // A click on a chat line seeks there.
            QTest::mouseClick(chat->viewport(), Qt::LeftButton, {}, chat->visualItemRect(chat->item(2)).center());
            QCOMPARE(player.mediaPlayer()->position(), 8000);
            QTRY_COMPARE_WITH_TIMEOUT(chat->currentRow(), 2, kWaitMs);

            // A note at the current position, typed and added with Return.
            player.seek(6000);
            auto *edit = player.findChild<QLineEdit *>(u"noteEdit"_s);
            QVERIFY(edit->isEnabled());
            edit->setText(u"Bob's screen share froze here"_s);
            QTest::keyClick(edit, Qt::Key_Return);
            QVERIFY(edit->text().isEmpty());
            QCOMPARE(player.findChild<QListWidget *>(u"notesList"_s)->count(), 1);
            QCOMPARE(seekBar->marks().size(), 5);

            // Exported with the session: the marks, the note and the chat in one file.
            const QString exported = m_sessionFolder + u"/review-913.json"_s;
            QVERIFY(player.exportReviewTo(exported));
            QFile file(exported);
            QVERIFY(file.open(QIODevice::ReadOnly));
            const QJsonObject review = QJsonDocument::fromJson(file.readAll()).object();
            QCOMPARE(review.value(u"conf_num").toString(), u"913"_s);
            QCOMPARE(review.value(u"notes").toArray().size(), 1);
            QCOMPARE(review.value(u"notes").toArray().at(0).toObject().value(u"position").toString(), u"0:06.000"_s);
            QCOMPARE(review.value(u"chat").toArray().size(), 3);
            QVERIFY(!review.value(u"participants").toArray().isEmpty());
            // A folder that cannot be written: said in the player's banner, nothing written.
            QVERIFY(!player.exportReviewTo(u"/proc/review.json"_s));
            QVERIFY(player.findChild<QWidget *>(u"errorBanner"_s)->isVisible());
        }
        // Kept in the store: a new player on the same session shows it, and a click seeks to it.
        const QList<RecordingNote> stored =
            RecordingNoteStore(&m_store).list(m_projectId, u"room-a"_s, u"913"_s).value();
        QCOMPARE(stored.size(), 1);
        QCOMPARE(stored.at(0).positionMs, 6000);
        PlayerWidget again;
        again.resize(900, 500);
        again.show();
        QVERIFY(openAndWait(again, file, context()));
        auto *notes = again.findChild<QListWidget *>(u"notesList"_s);
        QCOMPARE(notes->count(), 1);
        QCOMPARE(notes->item(0)->text(), u"0:06.000  Bob's screen share froze here"_s);
        QTest::mouseClick(notes->viewport(), Qt::LeftButton, {}, notes->visualItemRect(notes->item(0)).center());
        QCOMPARE(again.mediaPlayer()->position(), 6000);
        notes->setCurrentRow(0);
        again.findChild<QPushButton *>(u"removeNoteButton"_s)->click();
        QCOMPARE(notes->count(), 0);
        QVERIFY(RecordingNoteStore(&m_store).list(m_projectId, u"room-a"_s, u"913"_s).value().isEmpty());
    }

    void aLooseFileHasNoNotes()
    {
        PlayerWidget player;
        player.open(m_mp4, {});
        QVERIFY(!player.findChild<QLineEdit *>(u"noteEdit"_s)->isEnabled());
        QVERIFY(!player.addNote(u"nowhere"_s));
    }

    void speedAndFullScreen()
    {
        PlayerWindow window;
        window.open(m_mp4, {});
        window.show();
        PlayerWidget &player = *window.player();
        auto *speed = player.findChild<QComboBox *>(u"speedBox"_s);
        QCOMPARE(speed->count(), 6);
        QCOMPARE(speed->itemData(0).toDouble(), 0.5);
        QCOMPARE(speed->itemData(speed->count() - 1).toDouble(), 2.0);
        player.setSpeed(2.0);
        QCOMPARE(player.mediaPlayer()->playbackRate(), 2.0);
        player.setSpeed(5.0);
        QCOMPARE(player.mediaPlayer()->playbackRate(), 2.0);
        player.setFullScreenView(true);
        QVERIFY(player.isFullScreenView());
        QVERIFY(!player.findChild<QListWidget *>(u"chatList"_s)->isVisible());
        player.setFullScreenView(false);
        QVERIFY(!player.isFullScreenView());
        QVERIFY(player.findChild<QListWidget *>(u"chatList"_s)->isVisible());
    }
};

QTEST_MAIN(TestPlayer)
#include "TestPlayer.moc"
