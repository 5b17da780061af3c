#pragma once

#include <QByteArray>

namespace confero::sandbox {

// The room a CDR row belongs to as the row shows it: its id, its name (the classic user.confName)
// and room.room_details, a snapshot of the definition already rendered as compact JSON.
class CdrRoom
{
public:
    QByteArray roomId;
    QByteArray name;
    QByteArray detailsJson;
};

} // namespace confero::sandbox
