#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace confero::cli {

// Plain-text tables with aligned columns for a terminal: a header row, then one row per line,
// columns separated by two spaces, the last column not padded.
class TableWriter
{
public:
    explicit TableWriter(QStringList headers);

    void addRow(QStringList cells);
    void setRightAligned(int column, bool right = true);
    QString toString() const;

private:
    QStringList m_headers;
    QList<QStringList> m_rows;
    QList<bool> m_rightAligned;
};

} // namespace confero::cli
