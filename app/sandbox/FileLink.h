#pragma once

#include <QString>

namespace confero::sandbox {

// One download link minted into an archive answer: which file it opens, until when (sandbox clock)
// and how many more times, and what an expired link answers.
class FileLink
{
public:
    QString filePath; // "<room_id>/<conf_num>/<name>"
    qint64 expiresMs = 0; // ms since the epoch
    int usesLeft = -1; // -1: unlimited
    int expiredStatus = 403;
};

} // namespace confero::sandbox
