#include "RelayTestDatabase.h"

#include "MasterKey.h"
#include "RelayDatabase.h"
#include "RelayProjects.h"
#include "SubscriberRegistry.h"

#include <QSqlDatabase>

using namespace Qt::StringLiterals;

namespace confero::test {

std::optional<QString> createRelayTestDatabase(const QString &path, const QString &basicAuth, QString *error)
{
    const QByteArray master = relay::MasterKey::loadOrCreate(relay::MasterKey::defaultPath(path), error);
    if (master.isEmpty())
        return std::nullopt;
    const QString connection = u"relay-test-setup"_s;
    std::optional<QString> token;
    {
        QSqlDatabase db = relay::RelayDatabase::open(path, connection, error);
        if (db.isOpen() && relay::RelayProjects(db).add(u"acme"_s, basicAuth, error))
            token = relay::SubscriberRegistry(db, master).add(u"laptop"_s, {u"acme"_s}, error);
    }
    relay::RelayDatabase::close(connection);
    return token;
}

} // namespace confero::test
