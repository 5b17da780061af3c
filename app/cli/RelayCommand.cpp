#include "RelayCommand.h"

#include "CliContext.h"
#include "CommandLine.h"
#include "SubscriberToken.h"
#include "config/SecretStore.h"
#include "relaylink/EventInbox.h"
#include "relaylink/RelayLinkStore.h"
#include "store/Store.h"

#include <QJsonObject>

namespace confero::cli {

using namespace Qt::StringLiterals;

void RelayCommand::start()
{
    const CommandLine &line = m_context->commandLine();
    const QString action = line.action();
    const QStringList allowed = action == u"add" ? QStringList{u"url"_s, u"token"_s} : QStringList{};
    const QString unknown = line.unknownOption(allowed);
    if (!unknown.isEmpty()) {
        fail(tr("relay %1 does not take --%2.").arg(action, unknown), UsageError);
        return;
    }
    QString error;
    const std::optional<qint64> projectId = m_context->cdrProjectId(&error);
    if (!projectId) {
        fail(error);
        return;
    }
    if (action == u"add")
        add(*projectId);
    else if (action == u"show")
        show(*projectId);
    else if (action == u"remove")
        remove(*projectId);
    else
        fail(tr("relay takes add, show or remove; see conferoctl --help."), UsageError);
}

void RelayCommand::add(qint64 projectId)
{
    const CommandLine &line = m_context->commandLine();
    QString error;
    const std::optional<QUrl> url = RelayLinkStore::parseUrl(line.value(u"url"_s), &error);
    if (!url) {
        fail(error, UsageError);
        return;
    }
    // From the command line as the contract has it, or from the environment, which `ps` does not show.
    const QString token = line.has(u"token"_s) ? line.value(u"token"_s) : qEnvironmentVariable("CONFERO_RELAY_TOKEN");
    if (!protocol::SubscriberToken::parse(token)) {
        fail(tr("--token takes what `confero-relay subscribers add` printed (crs_...)."), UsageError);
        return;
    }
    const SecretStore::Result saved =
        m_context->secrets()->writeNow(RelayLinkStore::tokenKeyName(projectId), token.trimmed());
    if (!saved.ok) {
        fail(saved.errorMessage);
        return;
    }
    const StoreResult<bool> stored = RelayLinkStore(m_context->store()).set(projectId, *url);
    if (!stored) {
        fail(stored.error().message);
        return;
    }
    if (m_context->json())
        m_context->printJson(QJsonObject{{u"project_id"_s, projectId}, {u"url"_s, url->toString()}});
    else
        m_context->print(
            tr("This project now streams its webhooks from %1 (run conferoctl watch).\n").arg(url->toString()));
    succeed();
}

void RelayCommand::show(qint64 projectId)
{
    const StoreResult<std::optional<QUrl>> url = RelayLinkStore(m_context->store()).find(projectId);
    if (!url) {
        fail(url.error().message);
        return;
    }
    if (!url.value()) {
        fail(tr("This project has no relay; add one with conferoctl relay add --url URL --token T."));
        return;
    }
    const StoreResult<qint64> cursor =
        EventInbox(m_context->store()->database(), projectId, url.value()->toString()).cursor();
    if (!cursor) {
        fail(cursor.error().message);
        return;
    }
    if (m_context->json())
        m_context->printJson(QJsonObject{
            {u"project_id"_s, projectId}, {u"url"_s, url.value()->toString()}, {u"acked_seq"_s, cursor.value()}});
    else
        m_context->print(tr("relay %1, events stored up to seq %2\n").arg(url.value()->toString()).arg(cursor.value()));
    succeed();
}

void RelayCommand::remove(qint64 projectId)
{
    const StoreResult<bool> removed = RelayLinkStore(m_context->store()).remove(projectId);
    if (!removed) {
        fail(removed.error().message);
        return;
    }
    if (!removed.value()) {
        fail(tr("This project has no relay."));
        return;
    }
    const SecretStore::Result forgotten = m_context->secrets()->removeNow(RelayLinkStore::tokenKeyName(projectId));
    if (!forgotten.ok)
        m_context->printError(tr("The relay is removed, but its token could not be removed from the keychain: %1")
                                  .arg(forgotten.errorMessage));
    succeed();
}

} // namespace confero::cli
