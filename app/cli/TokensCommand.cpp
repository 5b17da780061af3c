#include "TokensCommand.h"

#include "CliContext.h"
#include "config/TokenLog.h"
#include "platform/VideoPlatform.h"

#include <QJsonObject>

namespace confero::cli {

using namespace Qt::StringLiterals;

void TokensCommand::start()
{
    const CommandLine &line = m_context->commandLine();
    if (line.action() != u"create") {
        fail(tr("Unknown tokens action \"%1\": use create.").arg(line.action()), UsageError);
        return;
    }
    const QString unknown = line.unknownOption({u"room"_s, u"name"_s, u"role"_s, u"user-ref"_s, u"data"_s});
    if (!unknown.isEmpty()) {
        fail(tr("tokens create does not take --%1.").arg(unknown), UsageError);
        return;
    }
    if (!line.arguments().isEmpty()) {
        fail(tr("tokens create takes no arguments; give the room with --room ID."), UsageError);
        return;
    }
    const QString roomId = line.value(u"room"_s).trimmed();
    if (roomId.isEmpty()) {
        fail(tr("tokens create needs --room ID."), UsageError);
        return;
    }
    TokenRequest request;
    request.name = line.value(u"name"_s);
    request.role = line.value(u"role"_s);
    request.userRef = line.value(u"user-ref"_s);
    for (const QString &pair : line.values(u"data"_s)) {
        const qsizetype equals = pair.indexOf(u'=');
        if (equals <= 0) {
            fail(tr("--data needs KEY=VALUE, not \"%1\".").arg(pair), UsageError);
            return;
        }
        request.data.insert(pair.left(equals), pair.mid(equals + 1));
    }
    const QList<FieldError> errors = request.validate();
    if (!errors.isEmpty()) {
        QString flag = errors.constFirst().field;
        flag.replace(u'_', u'-');
        fail(tr("--%1: %2").arg(flag, errors.constFirst().message), UsageError);
        return;
    }

    QString error;
    VideoPlatform *platform = m_context->platform(&error);
    if (!platform) {
        fail(error);
        return;
    }
    platform->createToken(roomId, request, this, [this, roomId, request](PlatformResult<JoinToken> result) {
        if (!result) {
            fail(result.error().message());
            return;
        }
        const JoinToken &token = result.value();
        if (const std::optional<Project> project = m_context->storedProject()) {
            TokenLog log(m_context->store());
            const StoreResult<bool> logged =
                log.record(project->id, roomId, request, token, QDateTime::currentDateTimeUtc());
            if (!logged) {
                fail(logged.error().message);
                return;
            }
        }
        if (m_context->json()) {
            QJsonObject object{{u"token"_s, token.raw},
                               {u"room_id"_s, token.roomId.isEmpty() ? roomId : token.roomId},
                               {u"role"_s, request.role.trimmed().toLower()},
                               {u"name"_s, request.name.trimmed()},
                               {u"user_ref"_s, request.userRef.trimmed()}};
            if (!token.tokenId.isEmpty())
                object.insert(u"token_id"_s, token.tokenId);
            m_context->printJson(object);
        } else {
            m_context->print(token.raw + u'\n');
        }
        succeed();
    });
}

} // namespace confero::cli
