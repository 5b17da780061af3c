#pragma once

#include <QJsonArray>
#include <QList>
#include <QString>

namespace confero::test {

// A participant row of a generated session, as the test knows it (to check filters independently
// of the store).
struct SessionTestPerson
{
    QString name;
    QString userRef;
    QString role;
};

struct SessionTestSession
{
    QString confNum;
    QString roomId;
    QList<SessionTestPerson> rows; // one per connection: a rejoin appears twice
};

// `count` sessions over about a week from 2025-04-01 06:00 UTC, in three rooms, 2 to 5 people each
// (the first a moderator, some viewers), every fifth with a rejoin; names and refs repeat across
// sessions. `window` gets the platform's CDR rows, `sessions` what the test knows of each.
void generateSessions(int count, QJsonArray *window, QList<SessionTestSession> *sessions);

} // namespace confero::test
