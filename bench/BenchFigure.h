#pragma once

#include <QString>

#include <optional>

namespace confero::bench {

// One measured figure. `baseline` is the same work done by the reference tool (the sqlite3 command
// line; for the relay, the server its name says) when there is one; `goal` is the target,
// shown to people beside the value.
struct BenchFigure
{
    QString name;
    double value = 0;
    QString unit;
    std::optional<double> baseline;
    QString goal; // e.g. ">= 1.0 x", "<= 16 ms"; empty when the issue sets none

    // value / baseline, when there is a baseline.
    std::optional<double> ratio() const
    {
        if (!baseline || *baseline == 0)
            return std::nullopt;
        return value / *baseline;
    }
};

} // namespace confero::bench
