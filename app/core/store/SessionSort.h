#pragma once

#include <QString>

namespace confero {

// A sort of sessions: one of SessionQuery::columns(), ascending or descending; ties broken by the
// session's id in the same direction, so every order is total and keyset paging never skips or
// repeats a session.
struct SessionSort
{
    QString column = QStringLiteral("start_ms");
    bool descending = false;
};

} // namespace confero
