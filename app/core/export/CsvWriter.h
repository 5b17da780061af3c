#pragma once

#include <QByteArray>
#include <QStringList>

class QIODevice;

namespace confero {

// Writes CSV per RFC 4180: UTF-8, CRLF line ends, a field quoted when it holds a comma, a quote,
// CR or LF, quotes doubled. By default a cell a spreadsheet would run as a formula (starting with
// = + - @, tab or CR) gets a leading apostrophe (OWASP "CSV injection"), so opening an export of
// names that strangers typed cannot run anything.
class CsvWriter
{
public:
    explicit CsvWriter(QIODevice *device, bool escapeFormulas = true);

    // False once the device refused a write.
    bool writeRow(const QStringList &cells);
    bool ok() const;

    // One field as it appears in the file (quoted or escaped when needed).
    static QByteArray field(const QString &cell, bool escapeFormulas);
    // The same, appended to `line` (no separator), without a temporary per field.
    static void appendField(QByteArray &line, QStringView cell, bool escapeFormulas);
    // A number with 15 significant digits as printf's "%.15g" writes it (correctly rounded; zero
    // as "0", infinities and NaN as Qt spells them), appended without a QString.
    static void appendNumber(QByteArray &line, double value, bool escapeFormulas);
    // Writes a line (or several) built with appendField (separators and CRLF included); false once
    // the device refused a write.
    bool writeLine(const QByteArray &line);

private:
    QIODevice *m_device;
    bool m_escapeFormulas;
    bool m_ok = true;
    QByteArray m_line;
};

} // namespace confero
