// player_screenshot OUTPUT.png: the documentation's picture of the player (docs/screenshots/player.png).
// Opens PlayerWindow on the sandbox's own media (MediaCache runs ffmpeg) as a recorded session with
// its chat and metadata files beside it (the sandbox's formats) and a reviewer's note kept in a real
// SQLite store, seeks into the session and photographs the window from the screen, so the video is
// in the picture where the display draws it. Run on a virtual X server:
//   xvfb-run -s "-screen 0 1280x800x24" build/tests/ui/player_screenshot docs/screenshots/player.png

#include "MediaCache.h"
#include "PlayerWidget.h"
#include "PlayerWindow.h"
#include "review/RecordingNoteStore.h"
#include "store/Store.h"

#include <QApplication>
#include <QDir>
#include <QFile>
#include <QPixmap>
#include <QScreen>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QVideoFrame>
#include <QVideoSink>

#include <cstdio>
#include <memory>

using namespace confero;
using namespace Qt::StringLiterals;

namespace {

int fail(const QString &message)
{
    std::fprintf(stderr, "player_screenshot: %s\n", qPrintable(message));
    return 1;
}

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    if (argc != 2)
        return fail(u"usage: player_screenshot OUTPUT.png"_s);
    const QString output = QString::fromLocal8Bit(argv[1]);
    QTemporaryDir dir;
    sandbox::MediaCache cache(dir.filePath(u"media"_s));
    QString error;
    if (!cache.ensure(&error))
        return fail(error);
    // The session as the library holds it: <library>/<room_id>/<conf_num>/.
    const QString room = u"65a0e1f2c3d4e5f6a7b8c9d0"_s;
    const QString folder = dir.filePath(u"library/"_s + room + u"/913"_s);
    QDir().mkpath(folder);
    const QString file = folder + u"/out.mp4"_s;
    if (!QFile::copy(cache.path(sandbox::MediaCache::Kind::Transcoded), file)
        || !writeFile(folder + u"/metadata.json"_s,
                      R"({"conf_num":"913","room_id":"65a0e1f2c3d4e5f6a7b8c9d0","start":"2025-01-10T09:30:00.000Z",
 "end":"2025-01-10T09:30:12.000Z","participants":[
 {"name":"Alice Moreau","user_ref":"u-1","role":"moderator","call_num":"1","join_offset_ms":0,"leave_offset_ms":12000},
 {"name":"Ben Okafor","user_ref":"u-2","role":"participant","call_num":"2","join_offset_ms":1400,"leave_offset_ms":4800},
 {"name":"Ben Okafor","user_ref":"u-2","role":"participant","call_num":"3","join_offset_ms":6100,"leave_offset_ms":11600},
 {"name":"Chen Wei","user_ref":"u-3","role":"viewer","call_num":"4","join_offset_ms":2900,"leave_offset_ms":9700}]})")
        || !writeFile(folder + u"/chatdata.json"_s,
                      R"({"conf_num":"913","room_id":"65a0e1f2c3d4e5f6a7b8c9d0","messages":[
 {"offset_ms":900,"name":"Alice Moreau","user_ref":"u-1","message":"Good morning, let's start with the release plan"},
 {"offset_ms":3300,"name":"Chen Wei","user_ref":"u-3","message":"Joining as a viewer today"},
 {"offset_ms":5000,"name":"Alice Moreau","user_ref":"u-1","message":"Ben dropped, waiting for him to rejoin"},
 {"offset_ms":6600,"name":"Ben Okafor","user_ref":"u-2","message":"Sorry, network trouble. Back now"},
 {"offset_ms":10200,"name":"Alice Moreau","user_ref":"u-1","message":"Thanks all, notes follow by mail"}]})"))
        return fail(u"cannot lay out the session in "_s + folder);

    Store store;
    if (const StoreResult<bool> opened = store.open(dir.filePath(u"console.sqlite"_s)); !opened)
        return fail(opened.error().message);
    QSqlQuery insert(store.database());
    if (!insert.exec(u"INSERT INTO projects (name, api_base_url, app_id, created_at) "
                     "VALUES ('Sandbox', 'http://127.0.0.1:1/', 'app', 0)"_s))
        return fail(u"no project"_s);
    const ReviewContext context{&store, insert.lastInsertId().toLongLong(), room, u"913"_s};
    RecordingNote note;
    note.projectId = context.projectId;
    note.roomId = room;
    note.confNum = u"913"_s;
    note.positionMs = 4800;
    note.text = u"Ben's connection drops here; check his network stats"_s;
    if (!RecordingNoteStore(&store).add(note))
        return fail(u"the note was not stored"_s);

    PlayerWindow *window = PlayerWindow::openRecording(file, context);
    window->resize(1180, 640);
    window->move(40, 40);
    PlayerWidget *player = window->player();
    const auto frames = std::make_shared<int>(0);
    QObject::connect(player->videoSink(), &QVideoSink::videoFrameChanged, player, [frames](const QVideoFrame &frame) {
        if (frame.isValid())
            ++*frames;
    });
    if (!QTest::qWaitFor([&] { return *frames > 0 && player->mediaPlayer()->duration() > 0; }, 20'000))
        return fail(u"no frame: "_s + player->errorText());
    player->seek(7200);
    *frames = 0;
    if (!QTest::qWaitFor([&] { return *frames > 0; }, 10'000))
        std::fprintf(stderr, "player_screenshot: no new frame after the seek\n");
    QTest::qWait(1500); // the picture reaches the screen, the lists repaint
    const QRect frame = window->frameGeometry();
    const QPixmap shot = window->screen()->grabWindow(0, frame.x(), frame.y(), frame.width(), frame.height());
    const QPixmap picture = shot.isNull() ? window->grab() : shot;
    if (!picture.save(output))
        return fail(u"cannot write "_s + output);
    std::printf("%s: %dx%d\n", qPrintable(output), picture.width(), picture.height());
    delete window;
    return 0;
}
