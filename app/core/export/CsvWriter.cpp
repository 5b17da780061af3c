#include "CsvWriter.h"

#include <QIODevice>

#include <charconv>
#include <cmath>

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
        const qsizetype at = line.size();
        line.resize(at + cell.size());
        char *out = line.data() + at;
        for (const QChar c : cell)
            *out++ = static_cast<char>(c.unicode());
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

void CsvWriter::appendNumber(QByteArray &line, double value, bool escapeFormulas)
{
    if (value == 0) {
        line.append('0'); // Qt writes negative zero as "0" too
        return;
    }
    if (!std::isfinite(value)) {
        appendField(line, QString::number(value, 'g', 15), escapeFormulas); // Qt's own spelling of these
        return;
    }
    char text[32];
    const std::to_chars_result written = std::to_chars(text, text + sizeof text, value, std::chars_format::general, 15);
    if (written.ec != std::errc()) {
        appendField(line, QString::number(value, 'g', 15), escapeFormulas);
        return;
    }
    // Digits, a point, an exponent, "inf" or "nan": nothing to quote; a minus sign leads like a
    // formula's, and is escaped the same way.
    if (escapeFormulas && text[0] == '-')
        line.append('\'');
    line.append(text, written.ptr - text);
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
