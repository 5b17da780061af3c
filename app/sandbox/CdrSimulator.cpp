#include "CdrSimulator.h"

#include "Logging.h"

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace confero::sandbox {

namespace {

constexpr int PopulationPerRoom = 300; // the people who ever meet in one room
constexpr qint64 DayMs = 86'400'000;

constexpr const char *firstNames[] = {"Alice",  "Bruno", "Chandra", "Dmitri", "Elena", "Farah", "Goran",
                                      "Hana",   "Ines",  "Jonas",   "Keiko",  "Luis",  "Maya",  "Nikolai",
                                      "Olga",   "Priya", "Quentin", "Rosa",   "Sven",  "Tariq", "Uma",
                                      "Viktor", "Wen",   "Yusuf",   "Zoë"};
constexpr const char *lastNames[] = {"Andersen", "Baptiste", "Costa",   "Dubois", "Eriksen",  "Fischer",
                                     "García",   "Horvat",   "Ivanova", "Jensen", "Kowalski", "Lindqvist"};

// User agents seen on the platform's connections, with how often each is drawn (out of 100).
struct Agent
{
    const char *text;
    int weight;
};
constexpr Agent agents[] = {
    {"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36",
     34},
    {"Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 "
     "Safari/537.36",
     14},
    {"Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 "
     "Safari/605.1.15",
     10},
    {"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36 "
     "Edg/124.0.2478.51",
     9},
    {"Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0", 5},
    {"Mozilla/5.0 (Linux; Android 14; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.6367.82 Mobile "
     "Safari/537.36",
     10},
    {"okhttp/3.5.0", 10},
    {"EnxRtc/2.3.9 CFNetwork/1494.0.7 Darwin/23.4.0", 8},
};

// IPv4 documentation ranges (RFC 5737): realistic shape, nobody's real address.
constexpr quint32 userNetworks[] = {0xC0000200u, 0xC6336400u, 0xCB007100u};

class Population
{
public:
    std::vector<quint32> names;
    std::vector<quint32> refs;
    std::vector<quint32> ips;
    std::vector<quint32> agents;
};

Population makePopulation(CdrLog &log, quint32 room)
{
    Population population;
    constexpr int firstCount = int(std::size(firstNames));
    constexpr int lastCount = int(std::size(lastNames));
    const QByteArray roomTag = log.room(room).roomId.right(6);
    for (int k = 0; k < PopulationPerRoom; ++k) {
        const QByteArray name =
            QByteArray(firstNames[k % firstCount]) + ' ' + lastNames[(k / firstCount + k) % lastCount];
        population.names.push_back(log.intern(name));
        population.refs.push_back(log.intern("user-" + roomTag + '-' + QByteArray::number(k)));
        population.ips.push_back(userNetworks[k % 3] | quint32((k * 37 + 11) % 254 + 1));
    }
    for (const Agent &agent : agents)
        population.agents.push_back(log.intern(agent.text));
    return population;
}

quint32 drawAgent(DeterministicRandom &random, const Population &population)
{
    int pick = int(random.bounded(100));
    for (std::size_t i = 0; i < std::size(agents); ++i) {
        pick -= agents[i].weight;
        if (pick < 0)
            return population.agents[i];
    }
    return population.agents.front();
}

void addSessionWith(CdrLog &log, DeterministicRandom &random, quint32 room, bool lecture, quint32 confNum,
                    qint64 startMs, qint64 durationMs, int participants, const Population &population)
{
    participants = std::clamp(participants, 1, PopulationPerRoom);
    const qint64 endMs = startMs + durationMs;
    // A quarter of sessions ran on platform nodes that still write the classic row shape.
    const bool classic = random.chance(0.25);

    // Distinct people: the first of the room's first three is the moderator who opens the session.
    std::vector<int> people;
    people.push_back(int(random.bounded(3)));
    while (int(people.size()) < participants) {
        const int candidate = int(random.bounded(PopulationPerRoom));
        if (std::find(people.begin(), people.end(), candidate) == people.end())
            people.push_back(candidate);
    }

    std::vector<CdrRow> rows;
    const auto addRow = [&](int person, quint8 role, qint64 from, qint64 to, quint32 agent) {
        CdrRow row;
        row.connectMs = from;
        row.durationMs = quint32(std::max<qint64>(1000, to - from));
        row.confNum = confNum;
        row.room = room;
        row.name = population.names[std::size_t(person)];
        row.ref = population.refs[std::size_t(person)];
        row.agent = agent;
        row.ip = population.ips[std::size_t(person)];
        row.transDelayMs = quint16(200 + random.bounded(1800));
        row.role = role;
        row.quality = quint8(random.bounded(256));
        quint8 flags = classic ? quint8(CdrRow::Classic) : quint8(0);
        if (role == CdrRow::Moderator || role == CdrRow::Participant) {
            flags |= CdrRow::PublishedAudio;
            if (random.chance(0.9))
                flags |= CdrRow::PublishedVideo;
            if (random.chance(0.5))
                flags |= CdrRow::PublishedData;
            if (random.chance(role == CdrRow::Moderator ? 0.25 : 0.08))
                flags |= CdrRow::PublishedScreen;
        }
        row.flags = flags;
        rows.push_back(row);
    };

    for (std::size_t i = 0; i < people.size(); ++i) {
        const quint32 agent = drawAgent(random, population);
        if (i == 0) {
            addRow(people[i], CdrRow::Moderator, startMs, endMs, agent);
            continue;
        }
        quint8 role = CdrRow::Participant;
        const double r = random.uniform();
        if (lecture)
            role = r < 0.04 ? CdrRow::Moderator : (r < 0.2 ? CdrRow::Participant : CdrRow::Viewer);
        else
            role = r < 0.06 ? CdrRow::Moderator : (r < 0.86 ? CdrRow::Participant : CdrRow::Viewer);
        // Most arrive in the first minutes; a quarter join late, anywhere in the first 60 %.
        qint64 join = random.chance(0.75)
            ? startMs + std::min<qint64>(qint64(random.exponential(45'000)), durationMs / 3)
            : startMs + qint64(random.uniform() * 0.6 * double(durationMs));
        join = std::min(join, endMs - 1000);
        // Most stay to the end (leaving in the last seconds); a fifth leave early.
        qint64 leave = random.chance(0.8) ? endMs - std::min<qint64>(qint64(random.exponential(20'000)), durationMs / 4)
                                          : join + qint64(random.uniform() * double(endMs - join));
        leave = std::clamp<qint64>(leave, std::min(join + 30'000, endMs), endMs);
        // One in ten loses the connection once and comes back: two rows for one user.
        if (random.chance(0.10) && leave - join > 120'000) {
            const qint64 drop = join + qint64((0.2 + 0.5 * random.uniform()) * double(leave - join));
            const qint64 back = drop + 5'000 + qint64(random.exponential(40'000));
            if (back < leave - 10'000) {
                addRow(people[i], role, join, drop, agent);
                addRow(people[i], role, back, leave, agent);
                continue;
            }
        }
        addRow(people[i], role, join, leave, agent);
    }
    // call_num: the order in which connections opened in the session, from 1 [INFERRED].
    std::stable_sort(rows.begin(), rows.end(),
                     [](const CdrRow &a, const CdrRow &b) { return a.connectMs < b.connectMs; });
    for (std::size_t i = 0; i < rows.size(); ++i)
        rows[i].callNum = quint16(i + 1);
    log.appendSession(std::move(rows));
}

// When in the day a session starts: office hours around 14:00 UTC for most, any time for some, and
// a few in the last hour, so that sessions crossing midnight UTC are common enough to be tested.
qint64 drawStartOfDayMs(DeterministicRandom &random)
{
    const double r = random.uniform();
    double hours = 0;
    if (r < 0.75)
        hours = std::clamp(random.normal(14.0, 3.5), 0.0, 23.99);
    else if (r < 0.95)
        hours = random.uniform() * 24.0;
    else
        hours = 23.0 + random.uniform();
    return qint64(hours * 3'600'000.0);
}

} // namespace

int CdrSimulator::drawParticipants(DeterministicRandom &random)
{
    if (random.chance(0.92)) {
        int n = 2;
        while (n < MaxParticipants && random.chance(0.5))
            ++n;
        return n;
    }
    return std::min(MaxParticipants, int(std::floor(6.0 * std::pow(50.0 / 6.0, random.uniform()))));
}

qint64 CdrSimulator::drawDurationMs(DeterministicRandom &random)
{
    const double seconds = random.logNormal(std::log(25.0 * 60.0), 0.8);
    return qint64(std::clamp(seconds, 120.0, 8.0 * 3600.0) * 1000.0);
}

void CdrSimulator::addSession(CdrLog &log, DeterministicRandom &random, quint32 room, bool lecture, quint32 confNum,
                              qint64 startMs, qint64 durationMs, int participants)
{
    addSessionWith(log, random, room, lecture, confNum, startMs, durationMs, participants, makePopulation(log, room));
}

std::shared_ptr<const CdrLog> CdrSimulator::generate(const CdrSimulationPlan &plan,
                                                     const QList<CdrSimulatedRoom> &rooms)
{
    DeterministicRandom random(plan.seed);
    auto log = std::make_shared<CdrLog>(quint32(random.next()));
    if (plan.days <= 0 || plan.sessionsPerDay <= 0 || rooms.isEmpty() || !plan.endDate.isValid())
        return log;
    const qsizetype sessions = qsizetype(plan.days) * plan.sessionsPerDay;
    log->reserve(sessions * 5, sessions);
    std::vector<quint32> roomIndexes;
    std::vector<Population> populations;
    for (const CdrSimulatedRoom &room : rooms) {
        roomIndexes.push_back(log->addRoom(room.room));
        populations.push_back(makePopulation(*log, roomIndexes.back()));
    }
    const QDate first = plan.endDate.addDays(1 - plan.days);
    const qint64 firstDayMs = QDateTime(first, QTime(0, 0), Qt::UTC).toMSecsSinceEpoch();
    quint32 confNum = FirstConfNum;
    std::vector<qint64> starts(std::size_t(plan.sessionsPerDay));
    for (int day = 0; day < plan.days; ++day) {
        const qint64 dayMs = firstDayMs + day * DayMs;
        for (qint64 &start : starts)
            start = dayMs + drawStartOfDayMs(random);
        // conf_num grows with start time, as a platform numbering sessions when they open would.
        std::sort(starts.begin(), starts.end());
        for (const qint64 start : starts) {
            const auto which = std::size_t(random.bounded(quint32(rooms.size())));
            const int participants = drawParticipants(random);
            const qint64 duration = drawDurationMs(random);
            addSessionWith(*log, random, roomIndexes[which], rooms[qsizetype(which)].lecture, confNum++, start,
                           duration, participants, populations[which]);
        }
    }
    qCInfo(lcSandbox) << "simulated" << log->sessions().size() << "sessions," << log->rows().size() << "CDR rows";
    return log;
}

} // namespace confero::sandbox
