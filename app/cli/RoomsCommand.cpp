#include "RoomsCommand.h"

#include "CliContext.h"
#include "RoomOptions.h"
#include "TableWriter.h"
#include "platform/VideoPlatform.h"
#include "store/RoomCache.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace confero::cli {

using namespace Qt::StringLiterals;

namespace {

QString createdText(const Room &room)
{
    return room.created.isValid() ? room.created.toUTC().toString(u"yyyy-MM-dd HH:mm"_s) : QString();
}

QString participantsText(const RoomSettings &s)
{
    return s.participants == 0 ? RoomsCommand::tr("no limit") : QString::number(s.participants);
}

} // namespace

void RoomsCommand::start()
{
    const CommandLine &line = m_context->commandLine();
    const QString action = line.action();
    QStringList allowed;
    int positionals = 0;
    if (action == u"list") {
    } else if (action == u"show") {
        positionals = 1;
    } else if (action == u"create") {
        allowed = RoomOptions::createOptions();
    } else if (action == u"update") {
        allowed = RoomOptions::updateOptions();
        positionals = 1;
    } else if (action == u"delete") {
        positionals = -1;
    } else {
        fail(tr("Unknown rooms action \"%1\": use list, show, create, update or delete.").arg(action), UsageError);
        return;
    }
    const QString unknown = line.unknownOption(allowed);
    if (!unknown.isEmpty()) {
        fail(tr("rooms %1 does not take --%2.").arg(action, unknown), UsageError);
        return;
    }
    const QStringList arguments = line.arguments();
    if ((positionals >= 0 && arguments.size() != positionals) || (positionals < 0 && arguments.isEmpty())) {
        fail(positionals == 0 ? tr("rooms %1 takes no arguments.").arg(action)
                              : tr("rooms %1 needs a room ID.").arg(action),
             UsageError);
        return;
    }

    // Flags are checked before the keychain or the network is touched.
    std::optional<RoomDefinition> definition;
    QString error;
    if (action == u"create") {
        definition = RoomOptions::definition(line, &error);
        if (!definition) {
            fail(error, UsageError);
            return;
        }
    }
    VideoPlatform *platform = m_context->platform(&error);
    if (!platform) {
        fail(error);
        return;
    }
    if (action == u"list")
        list(platform);
    else if (action == u"show")
        show(platform, arguments.constFirst());
    else if (action == u"create")
        create(platform, *definition);
    else if (action == u"update")
        update(platform, arguments.constFirst());
    else {
        m_toDelete = arguments;
        deleteNext(platform);
    }
}

void RoomsCommand::list(VideoPlatform *platform)
{
    platform->listRooms(this, [this](PlatformResult<QList<Room>> result) {
        if (!result) {
            fail(result.error().message());
            return;
        }
        const QList<Room> &rooms = result.value();
        if (const std::optional<Project> project = m_context->storedProject()) {
            RoomCache cache(m_context->store());
            cache.replace(project->id, rooms, QDateTime::currentDateTimeUtc());
        }
        if (m_context->json()) {
            QJsonArray array;
            for (const Room &room : rooms)
                array.append(room.raw);
            m_context->printJson(array);
        } else {
            TableWriter table({tr("ROOM ID"), tr("NAME"), tr("KIND"), tr("MODE"), tr("MODERATORS"), tr("PARTICIPANTS"),
                               tr("QUALITY"), tr("CREATED (UTC)")});
            table.setRightAligned(4);
            table.setRightAligned(5);
            for (const Room &room : rooms) {
                const RoomSettings &s = room.settings;
                table.addRow({room.id, room.name, roomKindName(s.kind), roomModeName(s.mode),
                              QString::number(s.moderators), participantsText(s),
                              s.quality.isEmpty() ? u"-"_s : s.quality, createdText(room)});
            }
            m_context->print(table.toString());
        }
        succeed();
    });
}

void RoomsCommand::printRoom(const Room &room) const
{
    if (m_context->json()) {
        m_context->printJson(room.raw);
        return;
    }
    const RoomSettings &s = room.settings;
    TableWriter table({tr("FIELD"), tr("VALUE")});
    table.addRow({tr("Room ID"), room.id});
    table.addRow({tr("Name"), room.name});
    table.addRow({tr("Owner ref"), room.ownerRef});
    table.addRow({tr("Kind"), roomKindName(s.kind)});
    table.addRow({tr("Mode"), roomModeName(s.mode)});
    if (!s.description.isEmpty())
        table.addRow({tr("Description"), s.description});
    if (s.kind == RoomSettings::Kind::Scheduled)
        table.addRow({tr("Scheduled (UTC)"), s.scheduledTime.toUTC().toString(u"yyyy-MM-dd HH:mm:ss"_s)});
    if (s.durationMinutes)
        table.addRow({tr("Duration (min)"), QString::number(*s.durationMinutes)});
    table.addRow({tr("Moderators"), QString::number(s.moderators)});
    table.addRow({tr("Participants"), participantsText(s)});
    table.addRow({tr("Quality"), s.quality.isEmpty() ? tr("platform default") : s.quality});
    table.addRow({tr("Auto recording"), s.autoRecording ? tr("yes") : tr("no")});
    table.addRow({tr("Created (UTC)"), createdText(room)});
    m_context->print(table.toString());
}

void RoomsCommand::show(VideoPlatform *platform, const QString &roomId)
{
    platform->getRoom(roomId, this, [this](PlatformResult<Room> result) {
        if (!result) {
            fail(result.error().message());
            return;
        }
        printRoom(result.value());
        succeed();
    });
}

void RoomsCommand::create(VideoPlatform *platform, const RoomDefinition &definition)
{
    platform->createRoom(definition, this, [this](PlatformResult<Room> result) {
        if (!result) {
            fail(result.error().message());
            return;
        }
        const Room &room = result.value();
        if (m_context->json())
            m_context->printJson(room.raw);
        else
            m_context->print(tr("Created room \"%1\": %2\n").arg(room.name, room.id));
        succeed();
    });
}

void RoomsCommand::update(VideoPlatform *platform, const QString &roomId)
{
    QString error;
    const std::optional<QJsonObject> changes =
        RoomOptions::changes(m_context->commandLine(), QDateTime::currentDateTimeUtc(), &error);
    if (!changes) {
        fail(error, UsageError);
        return;
    }
    // PATCH answers only {"result":0}: read the room back to show what the platform now holds.
    platform->updateRoom(roomId, *changes, this, [this, platform, roomId](const PlatformResult<Done> &result) {
        if (!result) {
            fail(result.error().message());
            return;
        }
        platform->getRoom(roomId, this, [this](PlatformResult<Room> room) {
            if (!room) {
                fail(room.error().message());
                return;
            }
            if (m_context->json())
                m_context->printJson(room.value().raw);
            else
                m_context->print(tr("Updated room \"%1\": %2\n").arg(room.value().name, room.value().id));
            succeed();
        });
    });
}

void RoomsCommand::deleteNext(VideoPlatform *platform)
{
    if (m_toDelete.isEmpty()) {
        if (m_context->json())
            m_context->printJson(QJsonObject{{u"deleted"_s, QJsonArray::fromStringList(m_deleted)}});
        succeed();
        return;
    }
    const QString roomId = m_toDelete.takeFirst();
    platform->deleteRoom(roomId, this, [this, platform, roomId](const PlatformResult<Done> &result) {
        if (!result) {
            fail(result.error().message());
            return;
        }
        m_deleted.append(roomId);
        if (!m_context->json())
            m_context->print(tr("Deleted room %1\n").arg(roomId));
        deleteNext(platform);
    });
}

} // namespace confero::cli
