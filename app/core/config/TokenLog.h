#pragma once

#include "domain/JoinToken.h"
#include "store/StoreError.h"

#include <QDateTime>
#include <QList>

namespace confero {

class Store;

// Who was given which role for which room and when (`token_log`). Keeps a SHA-256 of the token,
// never the token: a token lets anyone join until it is used.
class TokenLog
{
public:
    struct Entry
    {
        qint64 projectId = 0;
        QString roomId;
        QString role;
        QString name;
        QString userRef;
        QString tokenSha256; // hex
        QDateTime issuedAt; // UTC
    };

    explicit TokenLog(Store *store);

    StoreResult<bool> record(qint64 projectId, const QString &roomId, const TokenRequest &request,
                             const JoinToken &token, const QDateTime &issuedAt);
    // Newest first; every room when `roomId` is empty.
    QList<Entry> entries(qint64 projectId, const QString &roomId = {}, int limit = 500) const;

    static QString sha256Hex(const QString &token);

private:
    Store *m_store;
};

} // namespace confero
