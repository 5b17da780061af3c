#pragma once

#include "FieldErrorDisplay.h"
#include "domain/Room.h"

#include <QDateTime>
#include <QDialog>
#include <QJsonObject>
#include <QPointer>

#include <functional>
#include <memory>

namespace Ui {
class RoomEditorDialog;
}

namespace confero {

class PlatformError;
class VideoPlatform;

// Creates a room, or edits one. Every setting of video-api.md 3.2 has a control; what the user typed
// is checked with RoomDefinition::validate before anything is sent, and each problem appears under
// its field ("<field>Error"), as do the platform's own validation errors. The dialog stays open,
// busy, while the request runs and closes only when the platform said yes. Editing sends only the
// keys that changed (PATCH); the room's type keys (kind, mode) cannot change and are disabled.
class RoomEditorDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RoomEditorDialog)

public:
    using Clock = std::function<QDateTime()>;

    // Creating a room.
    explicit RoomEditorDialog(VideoPlatform *platform, QWidget *parent = nullptr);
    // Editing `room`.
    RoomEditorDialog(VideoPlatform *platform, const Room &room, QWidget *parent = nullptr);
    ~RoomEditorDialog() override;

    bool isEditing() const;
    // The clock validation compares a scheduled start against (UTC); tests move it.
    void setClock(Clock clock);

    // What the controls say now.
    RoomDefinition definition() const;
    // Edit mode: the partial body PATCH sends (empty when nothing changed).
    QJsonObject changes() const;
    bool isBusy() const;
    // Create mode, after success: the room as the platform returned it.
    Room createdRoom() const;

    // The dialog's name for a request field ("settings.moderators" -> "moderators"); empty when the
    // dialog has no control for it.
    static QString fieldKeyForPath(const QString &requestPath);

public Q_SLOTS:
    void accept() override;

Q_SIGNALS:
    void roomCreated(const confero::Room &room);
    void roomUpdated(const QString &roomId);

private:
    void setUpControls();
    void load(const Room &room);
    void updateKindDependentControls();
    RoomSettings::Kind selectedKind() const;
    void setBusy(bool busy, const QString &status = {});
    void showErrors(const QList<FieldError> &errors);
    void showPlatformError(const PlatformError &error);
    bool showFieldError(const QString &requestPath, const QString &message);

    std::unique_ptr<Ui::RoomEditorDialog> m_ui;
    QPointer<VideoPlatform> m_platform;
    std::optional<Room> m_original;
    Room m_created;
    Clock m_clock;
    FieldErrorDisplay m_errors;
    bool m_busy = false;
};

} // namespace confero
