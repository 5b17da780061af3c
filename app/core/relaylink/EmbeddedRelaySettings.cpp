#include "EmbeddedRelaySettings.h"

#include "store/Store.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QSqlError>
#include <QSqlQuery>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace confero {

namespace {

class EmbeddedRelayText
{
    Q_DECLARE_TR_FUNCTIONS(confero::EmbeddedRelaySettings)
};

} // namespace

bool EmbeddedRelaySettings::parseListen(QHostAddress *address, quint16 *port) const
{
    // Read as the authority of a URL, which already knows "[::1]:8443" from "127.0.0.1:8443".
    const QUrl url(u"http://"_s + listen, QUrl::StrictMode);
    const QHostAddress parsed(url.host());
    if (!url.isValid() || url.port() < 1 || parsed.isNull() || !url.path().isEmpty() || !url.userInfo().isEmpty()
        || listen.contains(u'/'))
        return false;
    *address = parsed;
    *port = quint16(url.port());
    return true;
}

QString EmbeddedRelaySettings::problem() const
{
    QHostAddress address;
    quint16 port = 0;
    if (!parseListen(&address, &port))
        return EmbeddedRelayText::tr("Listen on ADDRESS:PORT, for example 0.0.0.0:8443 or 127.0.0.1:8443: \"%1\" "
                                     "is not that.")
            .arg(listen);
    if (tlsCert.isEmpty() != tlsKey.isEmpty())
        return EmbeddedRelayText::tr("The certificate and its private key go together: give both or neither.");
    if (tlsCert.isEmpty() && !address.isLoopback())
        return EmbeddedRelayText::tr("Plain HTTP is for loopback only (behind a proxy that adds HTTPS): give a "
                                     "certificate and key to listen on %1.")
            .arg(address.toString());
    if (webhookUser.isEmpty() || webhookUser.contains(u':'))
        return EmbeddedRelayText::tr("The webhook user name is needed, without a colon.");
    return {};
}

EmbeddedRelaySettingsStore::EmbeddedRelaySettingsStore(Store *store)
    : m_store(store)
{
}

QString EmbeddedRelaySettingsStore::passwordKeyName(qint64 projectId)
{
    return u"relay-webhook-password/%1"_s.arg(projectId);
}

StoreResult<bool> EmbeddedRelaySettingsStore::set(qint64 projectId, const EmbeddedRelaySettings &settings)
{
    QSqlQuery query(m_store->database());
    query.prepare(u"INSERT INTO embedded_relays (project_id, listen, tls_cert, tls_key, webhook_user, updated_at) "
                  "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (project_id) DO UPDATE SET listen = excluded.listen, "
                  "tls_cert = excluded.tls_cert, tls_key = excluded.tls_key, webhook_user = excluded.webhook_user, "
                  "updated_at = excluded.updated_at"_s);
    // A null QString binds as NULL, and the columns are NOT NULL: an empty text for "none".
    const auto text = [](const QString &value) { return value.isNull() ? u""_s : value; };
    query.addBindValue(projectId);
    query.addBindValue(text(settings.listen));
    query.addBindValue(text(settings.tlsCert));
    query.addBindValue(text(settings.tlsKey));
    query.addBindValue(text(settings.webhookUser));
    query.addBindValue(QDateTime::currentMSecsSinceEpoch());
    if (!query.exec())
        return StoreError{EmbeddedRelayText::tr("Could not save the relay settings of this project."),
                          query.lastError().text()};
    return true;
}

StoreResult<std::optional<EmbeddedRelaySettings>> EmbeddedRelaySettingsStore::find(qint64 projectId) const
{
    QSqlQuery query(m_store->database());
    query.prepare(u"SELECT listen, tls_cert, tls_key, webhook_user FROM embedded_relays WHERE project_id = ?"_s);
    query.addBindValue(projectId);
    if (!query.exec())
        return StoreError{EmbeddedRelayText::tr("Could not read the relay settings of this project."),
                          query.lastError().text()};
    if (!query.next())
        return std::optional<EmbeddedRelaySettings>();
    EmbeddedRelaySettings settings;
    settings.listen = query.value(0).toString();
    settings.tlsCert = query.value(1).toString();
    settings.tlsKey = query.value(2).toString();
    settings.webhookUser = query.value(3).toString();
    return std::optional<EmbeddedRelaySettings>(settings);
}

StoreResult<bool> EmbeddedRelaySettingsStore::remove(qint64 projectId)
{
    QSqlQuery query(m_store->database());
    query.prepare(u"DELETE FROM embedded_relays WHERE project_id = ?"_s);
    query.addBindValue(projectId);
    if (!query.exec())
        return StoreError{EmbeddedRelayText::tr("Could not remove the relay settings of this project."),
                          query.lastError().text()};
    return query.numRowsAffected() > 0;
}

} // namespace confero
