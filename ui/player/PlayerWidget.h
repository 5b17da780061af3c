#pragma once

#include "review/SessionReview.h"

#include <QMediaPlayer>
#include <QWidget>

#include <memory>

class QAudioOutput;
class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QListWidgetItem;
class QPushButton;
class QSlider;
class QToolButton;
class QVideoFrame;
class QVideoSink;
class QVideoWidget;

namespace confero {

class ErrorBanner;
class PlayerSeekBar;

// Plays one recording for review (Qt Multimedia): play/pause, a seek bar with the participants'
// join and leave marks and the notes, current/total time, speed 0.5x..2x, volume, frame step
// while paused, full screen; beside the video the reviewer's notes (added at the current
// position, a click seeks there) and the session's chat, which follows playback. A file that
// cannot be read or played says so in a banner instead of a black picture.
//
// Keys: Space play/pause, Left/Right 5 s back/forward, comma/period one frame back/forward (pauses
// first), F full screen, Esc leaves full screen. Children: "videoWidget", "playButton", "seekBar",
// "timeLabel", "speedBox", "volumeSlider", "frameBackButton", "frameForwardButton",
// "fullScreenButton", "noteEdit", "addNoteButton", "removeNoteButton", "notesList", "chatList",
// "errorBanner".
class PlayerWidget final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PlayerWidget)

public:
    static constexpr qint64 SkipMs = 5000; // Left/Right
    static constexpr qint64 FallbackFrameMs = 40; // 25 fps, when the stream tells nothing

    explicit PlayerWidget(QWidget *parent = nullptr);
    ~PlayerWidget() override;

    // Opens `filePath` with its session (marks, chat and notes; see SessionReview) and shows its
    // first frame, paused. A missing or unreadable file is refused at once with a message.
    void open(const QString &filePath, const ReviewContext &context);
    QString filePath() const;

    QMediaPlayer *mediaPlayer() const;
    QVideoSink *videoSink() const;
    const SessionReview *review() const;
    // One frame's length: from the stream's frame rate, else from the frames seen, else 40 ms.
    qint64 frameDurationMs() const;
    // The message shown for a file that cannot be played, empty when it plays.
    QString errorText() const;
    bool isFullScreenView() const;

public Q_SLOTS:
    void togglePlayPause();
    void seek(qint64 ms);
    // Pauses, then moves the position by `frames` frames (negative: back).
    void stepFrames(int frames);
    void setSpeed(double rate);
    void setFullScreenView(bool on);
    // Adds a note at the current position; false (with the reason shown) when it could not be kept.
    bool addNote(const QString &text);
    // Writes the session's review (marks, notes, chat; SessionReviewExport) to `path`; false with the
    // reason shown. exportReview() asks where first.
    bool exportReviewTo(const QString &path);
    void exportReview();

Q_SIGNALS:
    void errorShown(const QString &message);

private:
    void buildUi();
    void buildShortcuts();
    void showError(const QString &message);
    void onPositionChanged(qint64 ms);
    void onDurationChanged(qint64 ms);
    void onMediaStatus(QMediaPlayer::MediaStatus status);
    void onPlaybackState(QMediaPlayer::PlaybackState state);
    void onFrame(const QVideoFrame &frame);
    void updateTime();
    void showReview();
    void showNotes();
    void followChat(qint64 ms);
    void removeSelectedNote();

    QMediaPlayer *m_player;
    QAudioOutput *m_audio;
    QVideoWidget *m_video;
    ErrorBanner *m_banner;
    PlayerSeekBar *m_seekBar;
    QToolButton *m_play;
    QToolButton *m_frameBack;
    QToolButton *m_frameForward;
    QToolButton *m_fullScreen;
    QLabel *m_time;
    QComboBox *m_speed;
    QSlider *m_volume;
    QWidget *m_sidePane;
    QListWidget *m_notes;
    QLineEdit *m_noteEdit;
    QPushButton *m_addNote;
    QPushButton *m_removeNote;
    QPushButton *m_exportReview;
    QLabel *m_notesHint;
    QListWidget *m_chat;
    QLabel *m_chatHint;

    QString m_filePath;
    std::unique_ptr<SessionReview> m_review;
    QString m_error;
    qint64 m_metaFrameMs = 0; // from the stream's frame rate
    qint64 m_seenFrameMs = 0; // from consecutive frames' start times
    qint64 m_lastFrameStartUs = -1;
    int m_chatIndex = -1;
    Qt::WindowStates m_stateBeforeFullScreen;
};

} // namespace confero
