#pragma once

#include "BenchFigure.h"

#include <QList>

class QTextStream;

namespace confero::bench {

// The figures of one run, printed as a table for people or, with --json, one object a line:
// {"name","value","unit","baseline","ratio"} (baseline and ratio null when there is no baseline).
class BenchReport
{
public:
    void add(const BenchFigure &figure);
    void add(const QList<BenchFigure> &figures);
    const QList<BenchFigure> &figures() const;

    void printTable(QTextStream &out) const;
    void printJson(QTextStream &out) const;

    // withGoal: also "goal", for the figures a child run hands to its parent.
    static QByteArray toJsonLine(const BenchFigure &figure, bool withGoal = false);
    // The inverse, for the figures a child run prints; nothing when the line is not one.
    static std::optional<BenchFigure> fromJsonLine(const QByteArray &line);

private:
    QList<BenchFigure> m_figures;
};

} // namespace confero::bench
