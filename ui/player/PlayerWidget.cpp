#include "PlayerWidget.h"

#include "ErrorBanner.h"
#include "Logging.h"
#include "PlayerSeekBar.h"
#include "PlayerTime.h"
#include "review/SessionReviewExport.h"

#include <QAudioOutput>
#include <QBoxLayout>
#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMediaMetaData>
#include <QPushButton>
#include <QShortcut>
#include <QSlider>
#include <QSplitter>
#include <QStyle>
#include <QToolButton>
#include <QUrl>
#include <QVideoFrame>
#include <QVideoSink>
#include <QVideoWidget>

#include <algorithm>
#include <cmath>

namespace confero {

using namespace Qt::StringLiterals;

namespace {

constexpr int kPositionRole = Qt::UserRole + 1; // qint64 ms, on note and chat items
constexpr int kNoteIdRole = Qt::UserRole + 2;

const double kSpeeds[] = {0.5, 0.75, 1.0, 1.25, 1.5, 2.0};

QToolButton *toolButton(QWidget *parent, const QString &name, QStyle::StandardPixmap icon, const QString &tip)
{
    auto *button = new QToolButton(parent);
    button->setObjectName(name);
    button->setIcon(parent->style()->standardIcon(icon));
    button->setToolTip(tip);
    button->setAccessibleName(tip);
    button->setAutoRaise(true);
    return button;
}

} // namespace

PlayerWidget::PlayerWidget(QWidget *parent)
    : QWidget(parent)
    , m_player(new QMediaPlayer(this))
    , m_audio(new QAudioOutput(this))
    , m_review(std::make_unique<SessionReview>(ReviewContext{}))
{
    buildUi();
    buildShortcuts();
    m_player->setAudioOutput(m_audio);
    m_player->setVideoOutput(m_video);

    connect(m_player, &QMediaPlayer::positionChanged, this, &PlayerWidget::onPositionChanged);
    connect(m_player, &QMediaPlayer::durationChanged, this, &PlayerWidget::onDurationChanged);
    connect(m_player, &QMediaPlayer::mediaStatusChanged, this, &PlayerWidget::onMediaStatus);
    connect(m_player, &QMediaPlayer::playbackStateChanged, this, &PlayerWidget::onPlaybackState);
    connect(m_player, &QMediaPlayer::errorOccurred, this, [this](QMediaPlayer::Error error, const QString &text) {
        if (error == QMediaPlayer::NoError)
            return;
        qCWarning(lcUi) << "player error" << error << text;
        showError(tr("This recording cannot be played: %1").arg(text.isEmpty() ? tr("the file is damaged or not a "
                                                                                    "video or audio file.")
                                                                                 : text));
    });
    connect(m_player, &QMediaPlayer::metaDataChanged, this, [this] {
        const double rate = m_player->metaData().value(QMediaMetaData::VideoFrameRate).toDouble();
        m_metaFrameMs = rate > 0 && std::isfinite(rate) ? qint64(std::llround(1000.0 / rate)) : 0;
    });
    // Frames arrive on the video sink, from the media backend's thread: queued to this one.
    connect(m_video->videoSink(), &QVideoSink::videoFrameChanged, this, &PlayerWidget::onFrame);
}

PlayerWidget::~PlayerWidget()
{
    // The player stops its pipeline when destroyed and hands the video widget's sink a last empty
    // frame: by then (as a child deleted by ~QWidget) this object would no longer be a PlayerWidget.
    disconnect(m_video->videoSink(), nullptr, this, nullptr);
    delete m_player;
}

void PlayerWidget::buildUi()
{
    m_video = new QVideoWidget(this);
    m_video->setObjectName(u"videoWidget"_s);
    m_video->setMinimumSize(320, 180);
    m_video->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
    m_video->setAttribute(Qt::WA_OpaquePaintEvent);
    // The keys (WidgetWithChildrenShortcut) need the focus inside the player: the picture takes it.
    m_video->setFocusPolicy(Qt::StrongFocus);

    m_banner = new ErrorBanner(this);
    m_banner->setObjectName(u"errorBanner"_s);

    m_seekBar = new PlayerSeekBar(this);
    m_seekBar->setObjectName(u"seekBar"_s);
    connect(m_seekBar, &PlayerSeekBar::seekRequested, this, &PlayerWidget::seek);

    m_play = toolButton(this, u"playButton"_s, QStyle::SP_MediaPlay, tr("Play (Space)"));
    connect(m_play, &QToolButton::clicked, this, &PlayerWidget::togglePlayPause);
    m_frameBack = toolButton(this, u"frameBackButton"_s, QStyle::SP_MediaSeekBackward, tr("One frame back (,)"));
    connect(m_frameBack, &QToolButton::clicked, this, [this] { stepFrames(-1); });
    m_frameForward =
        toolButton(this, u"frameForwardButton"_s, QStyle::SP_MediaSeekForward, tr("One frame forward (.)"));
    connect(m_frameForward, &QToolButton::clicked, this, [this] { stepFrames(1); });
    m_fullScreen = toolButton(this, u"fullScreenButton"_s, QStyle::SP_TitleBarMaxButton, tr("Full screen (F)"));
    m_fullScreen->setCheckable(true);
    connect(m_fullScreen, &QToolButton::toggled, this, &PlayerWidget::setFullScreenView);

    m_time = new QLabel(this);
    m_time->setObjectName(u"timeLabel"_s);
    m_time->setAccessibleName(tr("Position"));
    m_time->setFont(QFont(u"monospace"_s));

    m_speed = new QComboBox(this);
    m_speed->setObjectName(u"speedBox"_s);
    m_speed->setToolTip(tr("Playback speed"));
    m_speed->setAccessibleName(tr("Playback speed"));
    for (const double speed : kSpeeds)
        m_speed->addItem(tr("%1x").arg(speed), speed);
    m_speed->setCurrentIndex(m_speed->findData(1.0));
    connect(m_speed, &QComboBox::activated, this, [this](int index) { setSpeed(m_speed->itemData(index).toDouble()); });

    auto *volumeIcon = new QLabel(this);
    volumeIcon->setPixmap(style()->standardIcon(QStyle::SP_MediaVolume).pixmap(16, 16));
    m_volume = new QSlider(Qt::Horizontal, this);
    m_volume->setObjectName(u"volumeSlider"_s);
    m_volume->setRange(0, 100);
    m_volume->setValue(80);
    m_volume->setMaximumWidth(110);
    m_volume->setToolTip(tr("Volume"));
    m_volume->setAccessibleName(tr("Volume"));
    m_audio->setVolume(0.8f);
    connect(m_volume, &QSlider::valueChanged, this, [this](int value) { m_audio->setVolume(float(value) / 100.0f); });

    auto *controls = new QHBoxLayout;
    controls->setContentsMargins(0, 0, 0, 0);
    controls->addWidget(m_play);
    controls->addWidget(m_frameBack);
    controls->addWidget(m_frameForward);
    controls->addWidget(m_time);
    controls->addSpacing(12);
    // What the seek bar's marks mean, in their colours (PlayerSeekBar draws them).
    auto *legend = new QLabel(u"<span style=\"color:#2e9e44\">&#9660;</span> %1 &nbsp; "
                              "<span style=\"color:#c62828\">&#9650;</span> %2 &nbsp; "
                              "<span style=\"color:#e09a00\">&#9650;</span> %3"_s.arg(
                                  tr("joined").toHtmlEscaped(), tr("left").toHtmlEscaped(), tr("note").toHtmlEscaped()),
                              this);
    legend->setObjectName(u"markLegend"_s);
    legend->setEnabled(false);
    controls->addWidget(legend);
    controls->addStretch();
    controls->addWidget(m_speed);
    controls->addWidget(volumeIcon);
    controls->addWidget(m_volume);
    controls->addWidget(m_fullScreen);

    auto *videoPane = new QWidget(this);
    auto *videoLayout = new QVBoxLayout(videoPane);
    videoLayout->setContentsMargins(0, 0, 0, 0);
    videoLayout->addWidget(m_banner);
    videoLayout->addWidget(m_video, 1);
    videoLayout->addWidget(m_seekBar);
    videoLayout->addLayout(controls);

    // The side pane: notes above, chat below.
    m_sidePane = new QWidget(this);
    m_sidePane->setMinimumWidth(300); // chat lines of a sentence or two, without a wall of wrapping
    auto *side = new QVBoxLayout(m_sidePane);
    side->setContentsMargins(0, 0, 0, 0);
    auto *notesTitle = new QLabel(tr("<b>Notes</b>"), m_sidePane);
    m_notes = new QListWidget(m_sidePane);
    m_notes->setObjectName(u"notesList"_s);
    m_notes->setAccessibleName(tr("Notes"));
    m_notes->setWordWrap(true);
    m_notesHint = new QLabel(m_sidePane);
    m_notesHint->setWordWrap(true);
    m_notesHint->setEnabled(false);
    m_noteEdit = new QLineEdit(m_sidePane);
    m_noteEdit->setObjectName(u"noteEdit"_s);
    m_noteEdit->setPlaceholderText(tr("Note at the current position"));
    m_noteEdit->setAccessibleName(tr("New note"));
    m_addNote = new QPushButton(tr("Add note"), m_sidePane);
    m_addNote->setObjectName(u"addNoteButton"_s);
    m_removeNote = new QPushButton(tr("Delete"), m_sidePane);
    m_removeNote->setObjectName(u"removeNoteButton"_s);
    m_removeNote->setEnabled(false);
    m_exportReview = new QPushButton(tr("Export…"), m_sidePane);
    m_exportReview->setObjectName(u"exportReviewButton"_s);
    m_exportReview->setToolTip(tr("Save the session's notes, chat and who was there when as a JSON file "
                                  "(Ctrl+E)"));
    // The note's text gets the pane's whole width; the buttons go under it.
    auto *noteRow = new QHBoxLayout;
    noteRow->addWidget(m_exportReview);
    noteRow->addStretch();
    noteRow->addWidget(m_addNote);
    noteRow->addWidget(m_removeNote);
    auto *chatTitle = new QLabel(tr("<b>Chat</b>"), m_sidePane);
    m_chat = new QListWidget(m_sidePane);
    m_chat->setObjectName(u"chatList"_s);
    m_chat->setAccessibleName(tr("Chat"));
    m_chat->setWordWrap(true);
    m_chatHint = new QLabel(m_sidePane);
    m_chatHint->setWordWrap(true);
    m_chatHint->setEnabled(false);
    side->addWidget(notesTitle);
    side->addWidget(m_notes, 2);
    side->addWidget(m_notesHint);
    side->addWidget(m_noteEdit);
    side->addLayout(noteRow);
    side->addWidget(chatTitle);
    side->addWidget(m_chat, 3);
    side->addWidget(m_chatHint);

    const auto add = [this] {
        if (addNote(m_noteEdit->text()))
            m_noteEdit->clear();
    };
    connect(m_addNote, &QPushButton::clicked, this, add);
    connect(m_noteEdit, &QLineEdit::returnPressed, this, add);
    connect(m_removeNote, &QPushButton::clicked, this, &PlayerWidget::removeSelectedNote);
    connect(m_exportReview, &QPushButton::clicked, this, &PlayerWidget::exportReview);
    connect(m_notes, &QListWidget::itemSelectionChanged, this,
            [this] { m_removeNote->setEnabled(m_review->hasSession() && !m_notes->selectedItems().isEmpty()); });
    const auto seekToItem = [this](QListWidgetItem *item) { seek(item->data(kPositionRole).toLongLong()); };
    connect(m_notes, &QListWidget::itemClicked, this, seekToItem);
    connect(m_chat, &QListWidget::itemClicked, this, seekToItem);

    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(videoPane);
    splitter->addWidget(m_sidePane);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 1);
    splitter->setChildrenCollapsible(false);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addWidget(splitter);
    updateTime();
}

void PlayerWidget::buildShortcuts()
{
    // WidgetWithChildrenShortcut: the keys work anywhere in the player, and a line edit still gets
    // its own Space, Left and Right (it claims them through ShortcutOverride).
    const auto bind = [this](const QKeySequence &key, auto slot) {
        auto *shortcut = new QShortcut(key, this);
        shortcut->setContext(Qt::WidgetWithChildrenShortcut);
        connect(shortcut, &QShortcut::activated, this, slot);
    };
    bind(QKeySequence(Qt::Key_Space), [this] { togglePlayPause(); });
    bind(QKeySequence(Qt::Key_Left), [this] { seek(m_player->position() - SkipMs); });
    bind(QKeySequence(Qt::Key_Right), [this] { seek(m_player->position() + SkipMs); });
    bind(QKeySequence(Qt::Key_Comma), [this] { stepFrames(-1); });
    bind(QKeySequence(Qt::Key_Period), [this] { stepFrames(1); });
    bind(QKeySequence(Qt::Key_F), [this] { setFullScreenView(!isFullScreenView()); });
    bind(QKeySequence(Qt::Key_Escape), [this] { setFullScreenView(false); });
    bind(QKeySequence(Qt::CTRL | Qt::Key_E), [this] { exportReview(); });
}

void PlayerWidget::open(const QString &filePath, const ReviewContext &context)
{
    m_player->stop();
    m_banner->clear();
    m_error.clear();
    m_metaFrameMs = 0;
    m_seenFrameMs = 0;
    m_lastFrameStartUs = -1;
    m_filePath = filePath;
    m_video->setFocus();
    const QFileInfo info(filePath);
    m_review = std::make_unique<SessionReview>(context);
    m_review->load(info.exists() ? info.absolutePath() : QString());
    showReview();
    if (!info.exists() || !info.isFile()) {
        m_player->setSource({});
        showError(tr("The recording %1 is not there (it may have been moved or deleted).")
                      .arg(QDir::toNativeSeparators(filePath)));
        return;
    }
    if (!info.isReadable()) {
        m_player->setSource({});
        showError(tr("The recording %1 cannot be read: check its permissions.").arg(QDir::toNativeSeparators(filePath)));
        return;
    }
    m_player->setSource(QUrl::fromLocalFile(info.absoluteFilePath()));
}

QString PlayerWidget::filePath() const
{
    return m_filePath;
}

QMediaPlayer *PlayerWidget::mediaPlayer() const
{
    return m_player;
}

QVideoSink *PlayerWidget::videoSink() const
{
    return m_video->videoSink();
}

const SessionReview *PlayerWidget::review() const
{
    return m_review.get();
}

qint64 PlayerWidget::frameDurationMs() const
{
    if (m_metaFrameMs > 0)
        return m_metaFrameMs;
    if (m_seenFrameMs > 0)
        return m_seenFrameMs;
    return FallbackFrameMs;
}

QString PlayerWidget::errorText() const
{
    return m_error;
}

bool PlayerWidget::isFullScreenView() const
{
    return window()->windowState().testFlag(Qt::WindowFullScreen);
}

void PlayerWidget::togglePlayPause()
{
    if (!m_error.isEmpty())
        return;
    if (m_player->playbackState() == QMediaPlayer::PlayingState)
        m_player->pause();
    else
        m_player->play();
}

void PlayerWidget::seek(qint64 ms)
{
    if (!m_error.isEmpty())
        return;
    const qint64 duration = m_player->duration();
    const qint64 target = std::clamp<qint64>(ms, 0, duration > 0 ? duration : std::max<qint64>(ms, 0));
    m_player->setPosition(target);
    m_seekBar->setPosition(target);
    updateTime();
}

void PlayerWidget::stepFrames(int frames)
{
    if (!m_error.isEmpty())
        return;
    if (m_player->playbackState() == QMediaPlayer::PlayingState)
        m_player->pause();
    seek(m_player->position() + frames * frameDurationMs());
}

void PlayerWidget::setSpeed(double rate)
{
    const double clamped = std::clamp(rate, 0.5, 2.0);
    m_player->setPlaybackRate(clamped);
    const int index = m_speed->findData(clamped);
    if (index >= 0)
        m_speed->setCurrentIndex(index);
}

void PlayerWidget::setFullScreenView(bool on)
{
    QWidget *top = window();
    if (on == isFullScreenView())
        return;
    if (on) {
        m_stateBeforeFullScreen = top->windowState();
        m_sidePane->hide();
        top->setWindowState(top->windowState() | Qt::WindowFullScreen);
    } else {
        m_sidePane->show();
        top->setWindowState(m_stateBeforeFullScreen & ~Qt::WindowFullScreen);
    }
    const QSignalBlocker blocker(m_fullScreen);
    m_fullScreen->setChecked(on);
}

bool PlayerWidget::addNote(const QString &text)
{
    const StoreResult<RecordingNote> added = m_review->addNote(m_player->position(), text);
    if (!added) {
        m_notesHint->setText(added.error().message);
        m_notesHint->show();
        return false;
    }
    showNotes();
    return true;
}

void PlayerWidget::exportReview()
{
    const QFileInfo media(m_filePath);
    const QString suggested = media.dir().filePath(
        u"review-%1.json"_s.arg(m_review->context().confNum.isEmpty() ? media.completeBaseName()
                                                                     : m_review->context().confNum));
    const QString path = QFileDialog::getSaveFileName(this, tr("Export the session's review"), suggested,
                                                      tr("JSON files (*.json)"));
    if (!path.isEmpty())
        exportReviewTo(path);
}

bool PlayerWidget::exportReviewTo(const QString &path)
{
    QString error;
    if (!SessionReviewExport::write(*m_review, m_filePath, path, &error)) {
        m_banner->showError(error, false);
        return false;
    }
    m_notesHint->setText(tr("Review exported to %1").arg(QDir::toNativeSeparators(path)));
    m_notesHint->show();
    return true;
}

void PlayerWidget::removeSelectedNote()
{
    const QList<QListWidgetItem *> selected = m_notes->selectedItems();
    if (selected.isEmpty())
        return;
    const StoreResult<bool> removed = m_review->removeNote(selected.first()->data(kNoteIdRole).toLongLong());
    if (!removed) {
        m_notesHint->setText(removed.error().message);
        m_notesHint->show();
        return;
    }
    showNotes();
}

void PlayerWidget::showError(const QString &message)
{
    if (m_error == message)
        return;
    m_error = message;
    m_banner->showError(message, false);
    for (QWidget *control : {static_cast<QWidget *>(m_play), static_cast<QWidget *>(m_frameBack),
                             static_cast<QWidget *>(m_frameForward), static_cast<QWidget *>(m_seekBar)})
        control->setEnabled(false);
    emit errorShown(message);
}

void PlayerWidget::onPositionChanged(qint64 ms)
{
    m_seekBar->setPosition(ms);
    updateTime();
    followChat(ms);
}

void PlayerWidget::onDurationChanged(qint64 ms)
{
    m_seekBar->setDuration(ms);
    updateTime();
}

void PlayerWidget::onMediaStatus(QMediaPlayer::MediaStatus status)
{
    switch (status) {
    case QMediaPlayer::InvalidMedia:
        showError(tr("This recording cannot be played: the file is damaged or not a video or audio file."));
        break;
    case QMediaPlayer::LoadedMedia:
        // A stopped player shows nothing: pausing prerolls the first frame, so the reviewer sees
        // the picture (and the time to first frame is the time to open) without playing.
        if (m_player->playbackState() == QMediaPlayer::StoppedState)
            m_player->pause();
        for (QWidget *control : {static_cast<QWidget *>(m_play), static_cast<QWidget *>(m_frameBack),
                                 static_cast<QWidget *>(m_frameForward), static_cast<QWidget *>(m_seekBar)})
            control->setEnabled(m_error.isEmpty());
        break;
    default:
        break;
    }
}

void PlayerWidget::onPlaybackState(QMediaPlayer::PlaybackState state)
{
    const bool playing = state == QMediaPlayer::PlayingState;
    m_play->setIcon(style()->standardIcon(playing ? QStyle::SP_MediaPause : QStyle::SP_MediaPlay));
    m_play->setToolTip(playing ? tr("Pause (Space)") : tr("Play (Space)"));
}

void PlayerWidget::onFrame(const QVideoFrame &frame)
{
    if (!frame.isValid() || frame.startTime() < 0)
        return;
    // Consecutive frames while playing at 1x give the frame length when the stream's metadata
    // has no rate (Matroska often has none).
    const qint64 start = frame.startTime();
    if (m_lastFrameStartUs >= 0 && m_player->playbackState() == QMediaPlayer::PlayingState) {
        const qint64 deltaUs = start - m_lastFrameStartUs;
        if (deltaUs > 1000 && deltaUs < 1'000'000)
            m_seenFrameMs = (deltaUs + 500) / 1000;
    }
    m_lastFrameStartUs = start;
}

void PlayerWidget::updateTime()
{
    m_time->setText(
        u"%1 / %2"_s.arg(PlayerTime::text(m_player->position()), PlayerTime::text(std::max<qint64>(0, m_player->duration()))));
}

void PlayerWidget::showReview()
{
    m_seekBar->setSpans(m_review->marks().spans);
    m_chat->clear();
    m_chatIndex = -1;
    for (const ChatMessage &message : m_review->chat().messages) {
        auto *item = new QListWidgetItem(
            u"%1  %2: %3"_s.arg(PlayerTime::text(message.offsetMs).section(u'.', 0, 0), message.name, message.text), m_chat);
        item->setData(kPositionRole, message.offsetMs);
        item->setToolTip(message.userRef);
    }
    QStringList chatHints;
    if (!m_review->hasChat())
        chatHints.append(tr("No chat file beside this recording."));
    else if (m_review->chat().messages.isEmpty())
        chatHints.append(tr("Nobody wrote in the chat."));
    chatHints.append(m_review->problems());
    m_chatHint->setText(chatHints.join(u'\n'));
    m_chatHint->setVisible(!chatHints.isEmpty());

    const bool notes = m_review->hasSession();
    m_noteEdit->setEnabled(notes);
    m_addNote->setEnabled(notes);
    m_notesHint->setText(notes ? QString() : tr("Notes are kept per session: open this recording from the Recordings "
                                                "page to add notes."));
    m_notesHint->setVisible(!notes);
    showNotes();
    followChat(m_player->position());
}

void PlayerWidget::showNotes()
{
    m_notes->clear();
    QList<QPair<qint64, QString>> marks;
    for (const RecordingNote &note : m_review->notes()) {
        auto *item = new QListWidgetItem(u"%1  %2"_s.arg(PlayerTime::text(note.positionMs), note.text), m_notes);
        item->setData(kPositionRole, note.positionMs);
        item->setData(kNoteIdRole, note.id);
        marks.append({note.positionMs, note.text});
    }
    m_seekBar->setNotes(marks);
    m_removeNote->setEnabled(false);
}

void PlayerWidget::followChat(qint64 ms)
{
    const int index = m_review->chat().indexAt(ms);
    if (index == m_chatIndex)
        return;
    m_chatIndex = index;
    // Lines not said yet are greyed; the last one said is current and kept in view.
    const QPalette pal = m_chat->palette();
    for (int row = 0; row < m_chat->count(); ++row) {
        QListWidgetItem *item = m_chat->item(row);
        item->setForeground(row <= index ? pal.color(QPalette::Text)
                                         : pal.color(QPalette::Disabled, QPalette::Text));
    }
    if (index >= 0) {
        const QSignalBlocker blocker(m_chat);
        m_chat->setCurrentRow(index);
        m_chat->scrollToItem(m_chat->item(index));
    } else {
        m_chat->setCurrentRow(-1);
    }
}

} // namespace confero
