#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>

namespace confero::sandbox {

// Someone connected to a room's live session (joined by consuming a token).
class LiveUser
{
public:
    QString roomId;
    QString confNum;
    QString clientId;
    QString tokenId;
    QString name;
    QString userRef;
    QString role;
    QJsonValue data;
    QDateTime joinedAt;
    QString agent; // the client's user agent, for its CDR row
    QString ip; // the client's address, for its CDR row

    // The element of GET /rooms/{id}/users (video-api.md 3.7).
    QJsonObject toApiJson() const;
    // The control surface's view, with what the sandbox tracks besides.
    QJsonObject toStateJson() const;
};

} // namespace confero::sandbox
