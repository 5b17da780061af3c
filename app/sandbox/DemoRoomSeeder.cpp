#include "DemoRoomSeeder.h"

#include "Logging.h"
#include "RoomsController.h"
#include "SandboxClock.h"

#include <QJsonDocument>
#include <QTimeZone>

using namespace Qt::StringLiterals;

namespace confero::sandbox {

int DemoRoomSeeder::seed(RoomsController &rooms, const SandboxClock &clock)
{
    const QDateTime tomorrow(clock.now().date().addDays(1), QTime(9, 30), Qt::UTC);
    const QList<QJsonObject> definitions{
        {{u"name"_s, u"Team stand-up"_s},
         {u"owner_ref"_s, u"ops-team"_s},
         {u"settings"_s,
          QJsonObject{{u"description"_s, u"Daily 15-minute sync of the operations team"_s},
                      {u"mode"_s, u"group"_s},
                      {u"scheduled"_s, false},
                      {u"adhoc"_s, false},
                      {u"moderators"_s, u"1"_s},
                      {u"participants"_s, u"12"_s},
                      {u"quality"_s, u"SD"_s},
                      {u"auto_recording"_s, false}}},
         {u"sip"_s, QJsonObject{{u"enabled"_s, false}}}},
        {{u"name"_s, u"Product lecture: quarterly roadmap"_s},
         {u"owner_ref"_s, u"product-office"_s},
         {u"settings"_s,
          QJsonObject{{u"description"_s, u"Roadmap presentation with questions from the floor"_s},
                      {u"mode"_s, u"lecture"_s},
                      {u"scheduled"_s, false},
                      {u"adhoc"_s, false},
                      {u"moderators"_s, u"2"_s},
                      {u"participants"_s, u"100"_s},
                      {u"quality"_s, u"HD"_s},
                      {u"auto_recording"_s, true}}},
         {u"data"_s, QJsonObject{{u"department"_s, u"product"_s}}}},
        {{u"name"_s, u"Customer onboarding call"_s},
         {u"owner_ref"_s, u"account-manager-7"_s},
         {u"settings"_s,
          QJsonObject{{u"mode"_s, u"group"_s},
                      {u"scheduled"_s, true},
                      {u"adhoc"_s, false},
                      {u"scheduled_time"_s, tomorrow.toString(u"yyyy-MM-dd HH:mm:ss"_s)},
                      {u"duration"_s, u"45"_s},
                      {u"moderators"_s, u"1"_s},
                      {u"participants"_s, u"4"_s},
                      {u"quality"_s, u"SD"_s}}}},
        {{u"name"_s, u"Quick support session"_s},
         {u"owner_ref"_s, u"support-desk"_s},
         {u"settings"_s,
          QJsonObject{{u"mode"_s, u"group"_s},
                      {u"scheduled"_s, false},
                      {u"adhoc"_s, true},
                      {u"moderators"_s, 1},
                      {u"participants"_s, 2},
                      {u"quality"_s, u"LD"_s}}}},
    };
    int created = 0;
    for (const QJsonObject &definition : definitions) {
        const ApiReply reply = rooms.create(QJsonDocument(definition).toJson(QJsonDocument::Compact));
        if (reply.isSuccess())
            ++created;
        else
            qCWarning(lcSandbox) << "demo room refused:" << reply.body.value(u"desc").toString();
    }
    return created;
}

} // namespace confero::sandbox
