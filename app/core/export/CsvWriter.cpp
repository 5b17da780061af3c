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
    QByteArray bytes = cell.toUtf8();
    if (escapeFormulas && !bytes.isEmpty()) {
        const char first = bytes.at(0);
        if (first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r')
            bytes.prepend('\'');
    }
    bool quote = false;
    for (const char c : std::as_const(bytes)) {
        if (c == ',' || c == '"' || c == '\r' || c == '\n') {
            quote = true;
            break;
        }
    }
    if (!quote)
        return bytes;
    bytes.replace("\"", "\"\"");
    bytes.prepend('"');
    bytes.append('"');
    return bytes;
}

bool CsvWriter::writeRow(const QStringList &cells)
{
    if (!m_ok)
        return false;
    m_line.clear();
    for (qsizetype i = 0; i < cells.size(); ++i) {
        if (i > 0)
            m_line.append(',');
        m_line.append(field(cells.at(i), m_escapeFormulas));
    }
    m_line.append("\r\n");
    m_ok = m_device->write(m_line) == m_line.size();
    return m_ok;
}

bool CsvWriter::ok() const
{
    return m_ok;
}

} // namespace confero
