#include "TokenLog.h"

#include "store/Store.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QSqlError>
#include <QSqlQuery>
#include <QTimeZone>

namespace confero {

using namespace Qt::StringLiterals;

namespace {

class TokenLogText
{
    Q_DECLARE_TR_FUNCTIONS(confero::TokenLog)
};

} // namespace

TokenLog::TokenLog(Store *store)
    : m_store(store)
{
}

QString TokenLog::sha256Hex(const QString &token)
{
    return QString::fromLatin1(QCryptographicHash::hash(token.toUtf8(), QCryptographicHash::Sha256).toHex());
}

StoreResult<bool> TokenLog::record(qint64 projectId, const QString &roomId, const TokenRequest &request,
                                   const JoinToken &token, const QDateTime &issuedAt)
{
    QSqlQuery query(m_store->database());
    query.prepare(u"INSERT INTO token_log (project_id, room_id, role, name, user_ref, token_sha256, "
                  "issued_at) VALUES (?, ?, ?, ?, ?, ?, ?)"_s);
    query.addBindValue(projectId);
    query.addBindValue(roomId);
    query.addBindValue(request.role.trimmed().toLower());
    query.addBindValue(request.name.trimmed());
    query.addBindValue(request.userRef.trimmed());
    query.addBindValue(sha256Hex(token.raw));
    query.addBindValue(issuedAt.toMSecsSinceEpoch());
    if (!query.exec())
        return StoreError{TokenLogText::tr("Could not record the issued token in the log."), query.lastError().text()};
    return true;
}

QList<TokenLog::Entry> TokenLog::entries(qint64 projectId, const QString &roomId, int limit) const
{
    QList<Entry> list;
    QSqlQuery query(m_store->database());
    QString sql = u"SELECT project_id, room_id, role, name, user_ref, token_sha256, issued_at "
                  "FROM token_log WHERE project_id = ?"_s;
    if (!roomId.isEmpty())
        sql += u" AND room_id = ?"_s;
    sql += u" ORDER BY issued_at DESC, id DESC LIMIT ?"_s;
    query.prepare(sql);
    query.addBindValue(projectId);
    if (!roomId.isEmpty())
        query.addBindValue(roomId);
    query.addBindValue(limit);
    if (!query.exec())
        return list;
    while (query.next()) {
        Entry entry;
        entry.projectId = query.value(0).toLongLong();
        entry.roomId = query.value(1).toString();
        entry.role = query.value(2).toString();
        entry.name = query.value(3).toString();
        entry.userRef = query.value(4).toString();
        entry.tokenSha256 = query.value(5).toString();
        entry.issuedAt = QDateTime::fromMSecsSinceEpoch(query.value(6).toLongLong(), QTimeZone::utc());
        list.append(entry);
    }
    return list;
}

} // namespace confero
