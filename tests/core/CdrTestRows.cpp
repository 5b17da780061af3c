#include "CdrTestRows.h"

#include <QTimeZone>

namespace confero::test {

using namespace Qt::StringLiterals;

QString isoMs(const QDateTime &time)
{
    return time.toUTC().toString(Qt::ISODateWithMs);
}

QJsonObject cdrRow(const CdrRowSpec &spec)
{
    const double seconds = static_cast<double>(spec.connect.msecsTo(spec.disconnect)) / 1000.0;
    QJsonObject row{
        {u"trans_date"_s, isoMs(spec.disconnect)},
        {u"conf_num"_s, spec.confNum},
        {u"app_id"_s, u"64f0c0ffee0000000000a11d"_s},
        {u"room"_s,
         QJsonObject{
             {u"room_id"_s, spec.roomId},
             {u"connect_dt"_s, isoMs(spec.connect)},
             {u"disconnect_dt"_s, isoMs(spec.disconnect)},
             {u"duration"_s, seconds},
             {u"room_details"_s,
              QJsonObject{{u"name"_s, u"Daily stand-up"_s}, {u"settings"_s, QJsonObject{{u"mode"_s, u"group"_s}}}}}}},
        {u"user"_s,
         QJsonObject{{u"ip"_s, u"203.0.113.7"_s},
                     {u"name"_s, spec.name},
                     {u"role"_s, spec.role},
                     {u"ref"_s, spec.userRef},
                     {u"agent"_s, u"Mozilla/5.0"_s}}},
        {u"published_track"_s, QJsonObject{{u"audio"_s, true}, {u"video"_s, true}, {u"screen"_s, false}}},
        {u"usage"_s,
         QJsonObject{{u"subscribed_minutes"_s, seconds / 60.0},
                     {u"published_minutes"_s, seconds / 60.0},
                     {u"connect_minutes"_s, seconds / 60.0}}},
    };
    if (!spec.cdrId.isEmpty())
        row.insert(u"cdr_id"_s, spec.cdrId);
    if (!spec.callNum.isEmpty())
        row.insert(u"call_num"_s, spec.callNum);
    if (!spec.callLogId.isEmpty())
        row.insert(u"call_log_id"_s, spec.callLogId);
    return row;
}

} // namespace confero::test
