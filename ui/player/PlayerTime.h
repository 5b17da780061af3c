#pragma once

#include <QString>

namespace confero {

// A position in a recording as people read it: "m:ss.mmm", "h:mm:ss.mmm" past an hour (the
// milliseconds, since a reviewer steps frame by frame).
class PlayerTime
{
public:
    static QString text(qint64 ms);
};

} // namespace confero
