#pragma once

#include "store/CdrFilter.h"
#include "store/CdrSort.h"

#include <QList>
#include <QString>

#include <optional>

namespace confero::bench {

// One entry of bench/browse-cases.json: a filter, a sort, and optionally a row to jump to (as a
// scrollbar dragged there would), clamped to the last row when the store holds fewer.
struct BrowseCase
{
    QString name;
    CdrFilter filter;
    CdrSort sort;
    std::optional<qint64> jumpRow;

    // The cases of a file; empty with *error set when it cannot be read.
    static QList<BrowseCase> load(const QString &path, QString *error);
};

} // namespace confero::bench
