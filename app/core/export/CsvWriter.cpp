#include "CsvWriter.h"

#include <QIODevice>

namespace confero {

CsvWriter::CsvWriter(QIODevice *device, bool escapeFormulas)
    : m_device(device)
    , m_escapeFormulas(escapeFormulas)
{
}

QByteArray CsvWriter::field(const QString &cell, bool escapeFormulas)
{
    QByteArray bytes;
    appendField(bytes, cell, escapeFormulas);
    return bytes;
}

void CsvWriter::appendField(QByteArray &line, QStringView cell, bool escapeFormulas)
{
    if (cell.isEmpty())
        return;
    const qsizetype start = line.size();
    const char16_t first = cell.front().unicode();
    if (escapeFormulas
        && (first == u'=' || first == u'+' || first == u'-' || first == u'@' || first == u'\t' || first == u'\r'))
        line.append('\'');
    bool quote = false;
    bool ascii = true;
    for (const QChar c : cell) {
        const char16_t u = c.unicode();
        if (u == u',' || u == u'"' || u == u'\r' || u == u'\n')
            quote = true;
        if (u >= 0x80)
            ascii = false;
    }
    if (ascii) {
        // Most cells: the bytes are the characters.
        line.reserve(line.size() + cell.size() + 2);
        for (const QChar c : cell)
            line.append(static_cast<char>(c.unicode()));
    } else {
        line.append(cell.toUtf8());
    }
    if (!quote)
        return;
    QByteArray quoted = line.mid(start);
    quoted.replace("\"", "\"\"");
    line.truncate(start);
    line.append('"');
    line.append(quoted);
    line.append('"');
}

bool CsvWriter::writeRow(const QStringList &cells)
{
    m_line.clear();
    for (qsizetype i = 0; i < cells.size(); ++i) {
        if (i > 0)
            m_line.append(',');
        appendField(m_line, cells.at(i), m_escapeFormulas);
    }
    m_line.append("\r\n");
    return writeLine(m_line);
}

bool CsvWriter::writeLine(const QByteArray &line)
{
    if (!m_ok)
        return false;
    m_ok = m_device->write(line) == line.size();
    return m_ok;
}

bool CsvWriter::ok() const
{
    return m_ok;
}

} // namespace confero
