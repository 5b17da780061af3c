#include "DatabaseLocation.h"

#include <QDir>
#include <QStringList>
#include <QUrl>
#include <QUrlQuery>

namespace confero {

using namespace Qt::StringLiterals;

bool DatabaseLocation::isPostgres(const QString &location)
{
    return location.startsWith(u"postgresql://") || location.startsWith(u"postgres://");
}

QString DatabaseLocation::display(const QString &location)
{
    if (!isPostgres(location))
        return QDir::toNativeSeparators(location);
    QUrl url(location);
    url.setPassword({});
    return url.toString(QUrl::RemoveQuery);
}

void DatabaseLocation::configurePostgres(QSqlDatabase &db, const QString &location)
{
    const QUrl url(location);
    db.setHostName(url.host().isEmpty() ? u"localhost"_s : url.host());
    db.setPort(url.port(5432));
    db.setUserName(url.userName());
    db.setPassword(url.password());
    db.setDatabaseName(url.path().mid(1));
    QStringList options;
    for (const auto &[name, value] : QUrlQuery(url).queryItems(QUrl::FullyDecoded))
        options.append(name + u'=' + value);
    db.setConnectOptions(options.join(u';'));
}

} // namespace confero
