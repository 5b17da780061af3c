#include "export/CsvWriter.h"

#include <QBuffer>
#include <QRandomGenerator>
#include <QTest>

#include <cmath>
#include <cstdio>
#include <cstring>
#include <limits>

using namespace confero;
using namespace Qt::StringLiterals;

namespace {

// A strict RFC 4180 reader, written apart from the writer so a round trip checks one against the
// other: CRLF records, quoted fields with doubled quotes, nothing after a closing quote but , or CRLF.
std::optional<QList<QStringList>> readCsv(const QByteArray &bytes)
{
    QList<QStringList> records;
    QStringList record;
    QByteArray field;
    qsizetype i = 0;
    const qsizetype n = bytes.size();
    while (i < n) {
        if (bytes.at(i) == '"') {
            ++i;
            for (;;) {
                if (i >= n)
                    return std::nullopt; // unterminated quote
                if (bytes.at(i) == '"') {
                    if (i + 1 < n && bytes.at(i + 1) == '"') {
                        field.append('"');
                        i += 2;
                        continue;
                    }
                    ++i;
                    break;
                }
                field.append(bytes.at(i++));
            }
            if (i < n && bytes.at(i) != ',' && bytes.at(i) != '\r')
                return std::nullopt;
        } else {
            while (i < n && bytes.at(i) != ',' && bytes.at(i) != '\r') {
                if (bytes.at(i) == '"' || bytes.at(i) == '\n')
                    return std::nullopt; // must have been quoted
                field.append(bytes.at(i++));
            }
        }
        record.append(QString::fromUtf8(field));
        field.clear();
        if (i < n && bytes.at(i) == ',') {
            ++i;
            continue;
        }
        if (i + 1 < n && bytes.at(i) == '\r' && bytes.at(i + 1) == '\n') {
            i += 2;
            records.append(record);
            record.clear();
            continue;
        }
        return std::nullopt; // a record must end in CRLF
    }
    if (!record.isEmpty())
        return std::nullopt;
    return records;
}

} // namespace

class TestCsvWriter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void quotingPerRfc4180()
    {
        QCOMPARE(CsvWriter::field(u"plain"_s, true), QByteArray("plain"));
        QCOMPARE(CsvWriter::field(u"a,b"_s, true), QByteArray("\"a,b\""));
        QCOMPARE(CsvWriter::field(u"say \"hi\""_s, true), QByteArray("\"say \"\"hi\"\"\""));
        QCOMPARE(CsvWriter::field(u"two\nlines"_s, true), QByteArray("\"two\nlines\""));
        QCOMPARE(CsvWriter::field(u"Zoë 東京"_s, true), QString(u"Zoë 東京"_s).toUtf8());
        QCOMPARE(CsvWriter::field(QString(), true), QByteArray());
    }

    void formulaEscaping_data()
    {
        QTest::addColumn<QString>("cell");
        QTest::addColumn<QByteArray>("escaped");
        QTest::addColumn<QByteArray>("raw");
        QTest::newRow("equals") << u"=HYPERLINK(\"http://x\")"_s << QByteArray("\"'=HYPERLINK(\"\"http://x\"\")\"")
                                << QByteArray("\"=HYPERLINK(\"\"http://x\"\")\"");
        QTest::newRow("plus") << u"+1+2"_s << QByteArray("'+1+2") << QByteArray("+1+2");
        QTest::newRow("minus") << u"-2+3"_s << QByteArray("'-2+3") << QByteArray("-2+3");
        QTest::newRow("at") << u"@SUM(A1)"_s << QByteArray("'@SUM(A1)") << QByteArray("@SUM(A1)");
        QTest::newRow("tab") << u"\tx"_s << QByteArray("'\tx") << QByteArray("\tx");
        QTest::newRow("cr") << u"\rx"_s << QByteArray("\"'\rx\"") << QByteArray("\"\rx\"");
        QTest::newRow("inside is fine") << u"a=b"_s << QByteArray("a=b") << QByteArray("a=b");
    }

    void formulaEscaping()
    {
        QFETCH(QString, cell);
        QFETCH(QByteArray, escaped);
        QFETCH(QByteArray, raw);
        QCOMPARE(CsvWriter::field(cell, true), escaped);
        QCOMPARE(CsvWriter::field(cell, false), raw);
    }

    void roundTrip()
    {
        const QString alphabet = u"ab,\"\r\n =+-@\t'é東"_s;
        QRandomGenerator random(11);
        QList<QStringList> rows;
        for (int r = 0; r < 300; ++r) {
            QStringList row;
            const int cells = 1 + random.bounded(6);
            for (int c = 0; c < cells; ++c) {
                QString cell;
                const int length = random.bounded(8);
                for (int k = 0; k < length; ++k)
                    cell += alphabet.at(random.bounded(static_cast<int>(alphabet.size())));
                row.append(cell);
            }
            rows.append(row);
        }
        QBuffer buffer;
        buffer.open(QIODevice::WriteOnly);
        CsvWriter writer(&buffer, false);
        for (const QStringList &row : std::as_const(rows))
            QVERIFY(writer.writeRow(row));
        const std::optional<QList<QStringList>> read = readCsv(buffer.data());
        QVERIFY(read);
        QCOMPARE(*read, rows);
    }

    void escapedRoundTripKeepsTheTextAfterTheApostrophe()
    {
        QBuffer buffer;
        buffer.open(QIODevice::WriteOnly);
        CsvWriter writer(&buffer);
        QVERIFY(writer.writeRow({u"=1+1"_s, u"ok"_s, u"-x,y"_s}));
        const std::optional<QList<QStringList>> read = readCsv(buffer.data());
        QVERIFY(read);
        QCOMPARE(read->constFirst(), (QStringList{u"'=1+1"_s, u"ok"_s, u"'-x,y"_s}));
    }

    // A number is printf's "%.15g" of it (the C library's, correctly rounded: Qt's 'g' rounds a
    // few values the other way), zero is "0" and infinities and NaN are spelled as Qt spells them;
    // a minus sign is escaped like any other formula character.
    void numbersArePrintfsText()
    {
        QList<double> values{0.0,
                             -0.0,
                             1.0,
                             -1.0,
                             0.1,
                             30.0,
                             1e-4,
                             1e-5,
                             123456789012345.0,
                             1e15,
                             1e16,
                             1e21,
                             -1e-300,
                             5e-324,
                             1.7976931348623157e308,
                             std::numeric_limits<double>::infinity(),
                             -std::numeric_limits<double>::infinity(),
                             std::numeric_limits<double>::quiet_NaN(),
                             2.5,
                             1234.5678};
        QRandomGenerator random(31);
        for (int i = 0; i < 20'000; ++i) {
            // Durations and minutes as the platform sends them, and any bit pattern at all.
            values.append(double(random.bounded(1'000'000)) / 1000.0);
            values.append(random.bounded(100.0) * (i % 2 ? 1 : -1));
            const quint64 bits = random.generate64();
            double any = 0;
            std::memcpy(&any, &bits, sizeof any);
            values.append(any);
        }
        int differentFromQt = 0;
        for (const double value : std::as_const(values)) {
            QByteArray expected;
            if (value == 0 || !std::isfinite(value)) {
                expected = QString::number(value, 'g', 15).toLatin1();
            } else {
                char text[40];
                expected = QByteArray(text, std::snprintf(text, sizeof text, "%.15g", value));
            }
            differentFromQt += expected != QString::number(value, 'g', 15).toLatin1();
            for (const bool escape : {true, false}) {
                QByteArray line;
                CsvWriter::appendNumber(line, value, escape);
                QCOMPARE(line, CsvWriter::field(QString::fromLatin1(expected), escape));
            }
        }
        qInfo() << differentFromQt << "of" << values.size() << "values are rounded otherwise by QString::number";
    }

    void aRefusedWriteIsReported()
    {
        QBuffer buffer; // not open: every write fails
        CsvWriter writer(&buffer);
        QVERIFY(!writer.writeRow({u"a"_s}));
        QVERIFY(!writer.ok());
    }
};

QTEST_GUILESS_MAIN(TestCsvWriter)
#include "tst_csvwriter.moc"
