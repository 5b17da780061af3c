#include "TableWriter.h"

#include <algorithm>

namespace confero::cli {

TableWriter::TableWriter(QStringList headers)
    : m_headers(std::move(headers))
    , m_rightAligned(m_headers.size(), false)
{
}

void TableWriter::addRow(QStringList cells)
{
    while (cells.size() < m_headers.size())
        cells.append(QString());
    // A value's own line breaks would break the table's alignment.
    for (QString &cell : cells)
        cell.replace(u'\n', u' ');
    m_rows.append(std::move(cells));
}

void TableWriter::setRightAligned(int column, bool right)
{
    if (column >= 0 && column < m_rightAligned.size())
        m_rightAligned[column] = right;
}

QString TableWriter::toString() const
{
    QList<qsizetype> widths;
    for (const QString &header : m_headers)
        widths.append(header.size());
    for (const QStringList &row : m_rows) {
        for (qsizetype c = 0; c < widths.size(); ++c)
            widths[c] = std::max(widths[c], row.at(c).size());
    }
    const auto line = [&](const QStringList &cells) -> QString {
        QString text;
        for (qsizetype c = 0; c < widths.size(); ++c) {
            const bool last = c == widths.size() - 1;
            const int width = static_cast<int>(widths.at(c));
            if (m_rightAligned.at(c))
                text += cells.at(c).rightJustified(width);
            else
                text += last ? cells.at(c) : cells.at(c).leftJustified(width);
            if (!last)
                text += QLatin1String("  ");
        }
        while (text.endsWith(u' '))
            text.chop(1);
        return text + u'\n';
    };
    QString result = line(m_headers);
    for (const QStringList &row : m_rows)
        result += line(row);
    return result;
}

} // namespace confero::cli
