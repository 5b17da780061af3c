#pragma once

#include "domain/CdrRow.h"

#include <QList>
#include <QVariant>

#include <optional>

namespace confero {

// Where a page ends: the sort column's value and the id of its last row. The next page starts
// strictly after it (keyset paging: no OFFSET, so page 10,000 costs what page 1 does).
struct CdrPageKey
{
    QVariant value;
    qint64 id = 0;
};

// Which row a jump looks for (its key is where the next page starts): the row `offset` rows after
// `after` (from the first row without it) in the sort's order, or, with fromEnd, the row `offset`
// rows before the last one (`after` empty). A jump near the end walks from there: OFFSET steps
// over every row it skips, so row 999,999 of a million is one step from the end, not a million.
struct CdrRowSeek
{
    std::optional<CdrPageKey> after;
    qint64 offset = 0;
    bool fromEnd = false;
};

struct CdrStoredRow
{
    qint64 id = 0;
    CdrRow row;
};

struct CdrPage
{
    QList<CdrStoredRow> rows;
    std::optional<CdrPageKey> next; // empty on the last page
};

} // namespace confero
