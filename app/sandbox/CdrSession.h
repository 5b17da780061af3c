#pragma once

#include <QtGlobal>

namespace confero::sandbox {

// Where one session's rows sit in a CdrLog: its rows are contiguous, ordered by connect time.
// start/end are the first connect and the last disconnect (the session ends when the last user leaves).
class CdrSession
{
public:
    qint64 startMs = 0;
    qint64 endMs = 0;
    quint32 firstRow = 0;
    quint32 rowCount = 0;
    quint32 room = 0;
    quint32 confNum = 0;
};

} // namespace confero::sandbox
