#pragma once

#include "store/CdrQuery.h"

#include <QJsonObject>

#include <atomic>
#include <functional>

class QIODevice;

namespace confero {

// Writes exactly the participant rows a filter selects, in the order of a sort, to CSV (RFC 4180,
// UTF-8, ISO-8601 UTC times, formula cells escaped unless asked not to) or to a JSON array, page
// by page through CdrQuery: memory stays bounded whatever the row count.
class CdrExporter
{
public:
    enum class Format { Csv, Json };

    struct Options
    {
        Format format = Format::Csv;
        bool escapeFormulas = true;
        int pageSize = 2000;
    };

    // The exported columns, in order (also the CSV header and the JSON keys).
    static QStringList columns();
    static QJsonObject toJson(const CdrStoredRow &stored);
    static QStringList toCells(const CdrStoredRow &stored);
    // "2025-01-10T09:31:05.120Z", or empty for an unknown (0) time.
    static QString isoTime(qint64 ms);

    // Writes every row; `progress(rowsWritten)` after each page. Stops early when `cancelled` is
    // set (the result says so). The number of rows written, or why it stopped.
    static StoreResult<qint64> write(const CdrQuery &query, const CdrFilter &filter, const CdrSort &sort,
                                     QIODevice *device, const Options &options,
                                     const std::function<void(qint64)> &progress = {},
                                     const std::atomic<bool> *cancelled = nullptr);
};

} // namespace confero
