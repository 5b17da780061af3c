#pragma once

#include "FieldErrorDisplay.h"
#include "domain/JoinToken.h"
#include "domain/Room.h"

#include <QDialog>
#include <QPointer>

#include <memory>

namespace Ui {
class TokenDialog;
}

namespace confero {

class PlatformError;
class TokenLog;
class VideoPlatform;

// Issues a join token for one room: name, role and user reference in; the token out, with a Copy
// button and what it decodes to (it is base64 JSON, video-api.md 4.3). Each token issued is recorded
// in the token log (who, which role, which room, when; a hash, never the token itself).
class TokenDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TokenDialog)

public:
    // `log` may be null (nothing recorded); `projectId` is the project the room belongs to.
    TokenDialog(VideoPlatform *platform, const Room &room, TokenLog *log, qint64 projectId, QWidget *parent = nullptr);
    ~TokenDialog() override;

    TokenRequest request() const;
    // The last token issued; empty before.
    QString token() const;
    bool isBusy() const;

public Q_SLOTS:
    void issue();

Q_SIGNALS:
    void tokenIssued(const QString &roomId, const confero::TokenRequest &request, const confero::JoinToken &token);

private:
    void setBusy(bool busy, const QString &status = {});
    void showToken(const JoinToken &token);
    void showPlatformError(const PlatformError &error);
    void showFieldErrors(const QList<FieldError> &errors);

    std::unique_ptr<Ui::TokenDialog> m_ui;
    QPointer<VideoPlatform> m_platform;
    Room m_room;
    TokenLog *m_log;
    qint64 m_projectId;
    FieldErrorDisplay m_errors;
    bool m_busy = false;
};

} // namespace confero
