#include "SessionTestData.h"

#include "CdrTestRows.h"

#include <QJsonObject>

namespace confero::test {

using namespace Qt::StringLiterals;

void generateSessions(int count, QJsonArray *window, QList<SessionTestSession> *sessions)
{
    static const QStringList names{u"Ann Lee"_s,       u"Bob Stone"_s, u"Chloé Martin"_s,
                                   u"Dmitri Ivanov"_s, u"Eve Adams"_s, u"Farid Haddad"_s};
    static const QStringList roomIds{u"room-alpha"_s, u"room-beta"_s, u"room-gamma"_s};
    static const QStringList roomNames{u"Alpha room"_s, u"Beta room"_s, u"Gamma room"_s};
    const QDateTime base(QDate(2025, 4, 1), QTime(6, 0), QTimeZone::utc());
    for (int i = 0; i < count; ++i) {
        SessionTestSession session;
        session.confNum = QString::number(700000 + i);
        session.roomId = roomIds.at(i % 3);
        const QDateTime start = base.addSecs(static_cast<qint64>(i) * 47 * 60);
        const QDateTime end = start.addSecs((12 + (i * 13) % 90) * 60);
        const int people = 2 + i % 4;
        auto add = [&](int person, int serial, const QDateTime &from, const QDateTime &to) {
            CdrRowSpec spec = CdrRowSpec()
                                  .withCdrId(u"s-%1-%2-%3"_s.arg(i).arg(person).arg(serial))
                                  .withConf(session.confNum)
                                  .withName(names.at((i + person) % names.size()))
                                  .withRef(u"u-%1"_s.arg((i * 7 + person) % 50))
                                  .during(from, to);
            spec.roomId = session.roomId;
            spec.role = person == 0 ? u"moderator"_s : ((i + person) % 3 == 0 ? u"viewer"_s : u"participant"_s);
            QJsonObject row = cdrRow(spec);
            QJsonObject room = row.value(u"room"_s).toObject();
            QJsonObject details = room.value(u"room_details"_s).toObject();
            details.insert(u"name"_s, roomNames.at(i % 3));
            room.insert(u"room_details"_s, details);
            row.insert(u"room"_s, room);
            window->append(row);
            session.rows.append(SessionTestPerson{spec.name, spec.userRef, spec.role});
        };
        for (int person = 0; person < people; ++person) {
            const QDateTime joined = start.addSecs(person * 60);
            const QDateTime left = end.addSecs(-person * 30);
            if (person == 1 && i % 5 == 0) {
                // Leaves after four minutes and comes back: two rows, one person.
                add(person, 0, joined, joined.addSecs(240));
                add(person, 1, joined.addSecs(540), left);
            } else {
                add(person, 0, joined, left);
            }
        }
        sessions->append(session);
    }
}

} // namespace confero::test
