#include "RelayLinkStore.h"

#include "store/Store.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QSqlError>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace confero {

namespace {

class RelayLinkText
{
    Q_DECLARE_TR_FUNCTIONS(confero::RelayLinkStore)
};

} // namespace

RelayLinkStore::RelayLinkStore(Store *store)
    : m_store(store)
{
}

QString RelayLinkStore::tokenKeyName(qint64 projectId)
{
    return u"relay-token/%1"_s.arg(projectId);
}

std::optional<QUrl> RelayLinkStore::parseUrl(const QString &text, QString *error)
{
    const QUrl url(text.trimmed(), QUrl::StrictMode);
    if (!url.isValid() || (url.scheme() != u"https" && url.scheme() != u"http") || url.host().isEmpty()
        || url.hasQuery() || url.hasFragment() || !url.userInfo().isEmpty()) {
        *error =
            RelayLinkText::tr("A relay address is https://host[:port], as confero-relay printed it: \"%1\" is not.")
                .arg(text);
        return std::nullopt;
    }
    return url.adjusted(QUrl::StripTrailingSlash);
}

StoreResult<bool> RelayLinkStore::set(qint64 projectId, const QUrl &url)
{
    QSqlQuery query(m_store->database());
    query.prepare(u"INSERT INTO relay_links (project_id, url, added_at) VALUES (?, ?, ?) "
                  "ON CONFLICT (project_id) DO UPDATE SET url = excluded.url, added_at = excluded.added_at"_s);
    query.addBindValue(projectId);
    query.addBindValue(url.toString());
    query.addBindValue(QDateTime::currentMSecsSinceEpoch());
    if (!query.exec())
        return StoreError{RelayLinkText::tr("Could not save the relay of this project."), query.lastError().text()};
    return true;
}

StoreResult<std::optional<QUrl>> RelayLinkStore::find(qint64 projectId) const
{
    QSqlQuery query(m_store->database());
    query.prepare(u"SELECT url FROM relay_links WHERE project_id = ?"_s);
    query.addBindValue(projectId);
    if (!query.exec())
        return StoreError{RelayLinkText::tr("Could not read the relay of this project."), query.lastError().text()};
    if (!query.next())
        return std::optional<QUrl>();
    return std::optional<QUrl>(QUrl(query.value(0).toString()));
}

StoreResult<bool> RelayLinkStore::remove(qint64 projectId)
{
    QSqlQuery query(m_store->database());
    query.prepare(u"DELETE FROM relay_links WHERE project_id = ?"_s);
    query.addBindValue(projectId);
    if (!query.exec())
        return StoreError{RelayLinkText::tr("Could not remove the relay of this project."), query.lastError().text()};
    return query.numRowsAffected() > 0;
}

} // namespace confero
