#pragma once

#include "review/SessionReview.h"

#include <QWidget>

namespace confero {

class PlayerWidget;

// A window playing one local recording with its session: the Recordings page's way to open the
// player. Closing it deletes it.
class PlayerWindow final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PlayerWindow)

public:
    // Opens `filePath` (a file of <library>/<room_id>/<conf_num>/) in a new window, shown and
    // raised; `context` names the session, for its marks, chat and notes (an empty context plays
    // the file alone). The window is a top-level one owned by `parent` when given.
    static PlayerWindow *openRecording(const QString &filePath, const ReviewContext &context,
                                       QWidget *parent = nullptr);

    explicit PlayerWindow(QWidget *parent = nullptr);

    PlayerWidget *player() const;
    void open(const QString &filePath, const ReviewContext &context);

private:
    PlayerWidget *m_player;
};

} // namespace confero
