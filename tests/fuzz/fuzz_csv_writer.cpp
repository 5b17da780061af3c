// Fuzzes the core's CSV export (CsvWriter): what it writes must read back, with a strict RFC 4180
// reader written here, as the cells it was given.
//
// The input is UTF-8 text; byte 0x01 ends a row and byte 0x02 ends a cell, so the cells can hold
// anything else a person may type, quotes, commas, CR, LF and leading = + - @ or tab included. The
// rows are written twice: with formula escaping off every cell reads back as it was; with it on, a cell
// that starts with = + - @, tab or CR reads back with the documented leading apostrophe.

#include "FuzzCheck.h"

#include "export/CsvWriter.h"

#include <QBuffer>
#include <QList>
#include <QStringList>

#include <cstddef>
#include <cstdint>
#include <optional>

using confero::CsvWriter;

namespace {

using Table = QList<QStringList>;

std::optional<QString> strictUtf8(const QByteArray &bytes)
{
    const QString text = QString::fromUtf8(bytes);
    if (text.toUtf8() != bytes)
        return std::nullopt;
    return text;
}

// RFC 4180, strictly: records end in CRLF (the last one too), a field is either quoted (quotes
// doubled inside, nothing between the closing quote and the next comma or CRLF) or holds no quote,
// CR or LF at all. Anything else is not CSV and gives nothing.
std::optional<Table> readCsv(const QByteArray &csv)
{
    Table table;
    QStringList record;
    qsizetype at = 0;
    const qsizetype size = csv.size();
    while (at < size) {
        QByteArray field;
        if (csv.at(at) == '"') {
            ++at;
            while (true) {
                if (at >= size)
                    return std::nullopt; // a quoted field never closed
                const char c = csv.at(at);
                if (c == '"') {
                    if (at + 1 < size && csv.at(at + 1) == '"') {
                        field.append('"');
                        at += 2;
                        continue;
                    }
                    ++at;
                    break;
                }
                field.append(c);
                ++at;
            }
        } else {
            while (at < size && csv.at(at) != ',' && csv.at(at) != '\r') {
                const char c = csv.at(at);
                if (c == '"' || c == '\n')
                    return std::nullopt;
                field.append(c);
                ++at;
            }
        }
        const std::optional<QString> text = strictUtf8(field);
        if (!text)
            return std::nullopt;
        record.append(*text);
        if (at >= size)
            return std::nullopt; // the last record lacks its CRLF
        if (csv.at(at) == ',') {
            ++at;
            if (at >= size)
                return std::nullopt; // a comma must be followed by a field
            continue;
        }
        if (csv.at(at) != '\r' || at + 1 >= size || csv.at(at + 1) != '\n')
            return std::nullopt;
        at += 2;
        table.append(record);
        record.clear();
    }
    return table;
}

bool startsLikeFormula(const QString &cell)
{
    if (cell.isEmpty())
        return false;
    const QChar first = cell.front();
    return first == u'=' || first == u'+' || first == u'-' || first == u'@' || first == u'\t' || first == u'\r';
}

bool needsQuotes(const QByteArray &bytes)
{
    return bytes.contains(',') || bytes.contains('"') || bytes.contains('\r') || bytes.contains('\n');
}

void checkRoundTrip(const Table &rows, bool escapeFormulas)
{
    QByteArray csv;
    QBuffer buffer(&csv);
    CONFERO_FUZZ_CHECK(buffer.open(QIODevice::WriteOnly));
    CsvWriter writer(&buffer, escapeFormulas);
    QByteArray expected;
    for (const QStringList &row : rows) {
        CONFERO_FUZZ_CHECK(writer.writeRow(row));
        for (qsizetype i = 0; i < row.size(); ++i) {
            const QByteArray field = CsvWriter::field(row.at(i), escapeFormulas);
            // Quoted exactly when it has to be.
            if (field.startsWith('"'))
                CONFERO_FUZZ_CHECK(field.size() >= 2 && needsQuotes(field.mid(1, field.size() - 2)));
            else
                CONFERO_FUZZ_CHECK(!needsQuotes(field));
            if (i > 0)
                expected.append(',');
            expected.append(field);
        }
        expected.append("\r\n");
    }
    CONFERO_FUZZ_CHECK(writer.ok());
    buffer.close();
    // A row is its fields joined by commas: writeRow and field agree.
    CONFERO_FUZZ_CHECK(csv == expected);

    const std::optional<Table> read = readCsv(csv);
    CONFERO_FUZZ_CHECK(read.has_value());
    CONFERO_FUZZ_CHECK(read->size() == rows.size());
    for (qsizetype r = 0; r < rows.size(); ++r) {
        const QStringList &written = rows.at(r);
        const QStringList &back = read->at(r);
        CONFERO_FUZZ_CHECK(back.size() == written.size());
        for (qsizetype c = 0; c < written.size(); ++c) {
            const QString &cell = written.at(c);
            if (escapeFormulas && startsLikeFormula(cell))
                CONFERO_FUZZ_CHECK(back.at(c) == QLatin1Char('\'') + cell);
            else
                CONFERO_FUZZ_CHECK(back.at(c) == cell);
        }
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QByteArray bytes = QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size));
    // Every row has at least one cell: a row of no cells and a row of one empty cell are the same
    // line in CSV ("\r\n"), and the export never writes the former.
    Table rows;
    for (const QByteArray &line : bytes.split('\x01')) {
        QStringList cells;
        for (const QByteArray &cell : line.split('\x02'))
            cells.append(QString::fromUtf8(cell));
        rows.append(cells);
    }
    checkRoundTrip(rows, false);
    checkRoundTrip(rows, true);
    return 0;
}
