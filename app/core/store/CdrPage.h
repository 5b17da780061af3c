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
