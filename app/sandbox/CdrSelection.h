#pragma once

#include "CdrLog.h"

#include <memory>
#include <vector>

namespace confero::sandbox {

// What one CDR request selected: sessions of one or more logs, merged in start order. The logs are
// held by shared pointer, so a response keeps streaming the history it began with even when a new
// simulation or a newly ended session replaces the sandbox's own copy meanwhile.
class CdrSelection
{
public:
    class Pick
    {
    public:
        quint32 log = 0;
        quint32 session = 0;
    };

    std::vector<std::shared_ptr<const CdrLog>> logs;
    std::vector<Pick> picks;

    // Adds a log's selected sessions, then keeps all picks ordered by (start, conf_num).
    void add(std::shared_ptr<const CdrLog> log, const std::vector<quint32> &sessions);
    qsizetype rowCount() const;
};

} // namespace confero::sandbox
