#include "CdrSelection.h"

#include <algorithm>

namespace confero::sandbox {

void CdrSelection::add(std::shared_ptr<const CdrLog> log, const std::vector<quint32> &sessions)
{
    if (sessions.empty())
        return;
    const auto index = quint32(logs.size());
    logs.push_back(std::move(log));
    const bool wasEmpty = picks.empty();
    picks.reserve(picks.size() + sessions.size());
    for (const quint32 session : sessions)
        picks.push_back({index, session});
    if (wasEmpty)
        return; // one log's picks are already in start order
    const auto key = [this](const Pick &pick) {
        const CdrSession &s = logs[pick.log]->sessions()[pick.session];
        return std::pair(s.startMs, s.confNum);
    };
    std::stable_sort(picks.begin(), picks.end(), [&](const Pick &a, const Pick &b) { return key(a) < key(b); });
}

qsizetype CdrSelection::rowCount() const
{
    qsizetype rows = 0;
    for (const Pick &pick : picks)
        rows += logs[pick.log]->sessions()[pick.session].rowCount;
    return rows;
}

} // namespace confero::sandbox
