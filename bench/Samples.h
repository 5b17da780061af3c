#pragma once

#include <QList>

namespace confero::bench {

// Timings of repeated runs, summarised the way the issue states its goals.
class Samples
{
public:
    void add(double value);
    bool isEmpty() const;
    qsizetype size() const;
    double median() const;
    // Nearest-rank percentile, 0 < p <= 100.
    double percentile(double p) const;
    double max() const;

private:
    QList<double> m_values;
};

} // namespace confero::bench
