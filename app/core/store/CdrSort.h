#pragma once

#include <QString>

namespace confero {

// A sort: one of CdrQuery::columns(), ascending or descending; ties broken by the row id in the
// same direction, so every order is total and keyset paging never skips or repeats a row.
struct CdrSort
{
    QString column = QStringLiteral("connect_ms");
    bool descending = false;
};

} // namespace confero
