// CdrWindowScanner finds each row of a CDR answer in its bytes: for every answer it accepts, the
// rows it finds read exactly as the whole document's "cdr" array does; what it cannot tell (not an
// object, "cdr" twice or not an array, a key with escapes, a body cut short) it leaves to the whole
// reading.
#include "domain/CdrWindowScanner.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QTest>

using namespace confero;
using namespace Qt::StringLiterals;

namespace {

// The rows as the scanner finds them, each read on its own; nothing when it found none.
std::optional<QJsonArray> scanned(const QByteArray &body)
{
    const std::optional<QList<QByteArrayView>> rows = CdrWindowScanner::rows(body);
    if (!rows)
        return std::nullopt;
    QJsonArray read;
    for (const QByteArrayView row : *rows) {
        QJsonParseError error;
        const QJsonDocument document = QJsonDocument::fromJson('[' + row.toByteArray() + ']', &error);
        if (error.error != QJsonParseError::NoError || document.array().size() != 1)
            return QJsonArray{u"<unreadable row>"_s};
        read.append(document.array().at(0));
    }
    return read;
}

QJsonArray whole(const QByteArray &body)
{
    return QJsonDocument::fromJson(body).object().value(u"cdr").toArray();
}

// A random JSON value with the texts that trouble a scanner: quotes, backslashes, brackets and
// commas inside strings, nesting, numbers, words.
QJsonValue randomValue(QRandomGenerator &random, int depth)
{
    static const QStringList texts = {
        u"plain"_s,           u"with \"quotes\""_s, u"back\\slash\\"_s, u"[brackets]"_s, u"{braces}"_s,  u"a,b,c"_s,
        u"\u00e9l\u00e8ve"_s, u"tab\tnew\nline"_s,  u"\\\""_s,          u""_s,           u"\U0001F600"_s};
    switch (random.bounded(depth > 2 ? 5 : 7)) {
    case 0:
        return texts.at(random.bounded(int(texts.size())));
    case 1:
        return random.bounded(-1000000, 1000000) / 7.0;
    case 2:
        return random.bounded(2) == 0;
    case 3:
        return QJsonValue::Null;
    case 4:
        return random.bounded(100000);
    case 5: {
        QJsonArray array;
        for (int i = random.bounded(4); i > 0; --i)
            array.append(randomValue(random, depth + 1));
        return array;
    }
    default: {
        QJsonObject object;
        for (int i = random.bounded(5); i > 0; --i)
            object.insert(texts.at(random.bounded(int(texts.size()))) + QString::number(i),
                          randomValue(random, depth + 1));
        return object;
    }
    }
}

} // namespace

class TestCdrWindowScanner : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void findsTheRowsTheWholeReadingFinds_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::newRow("the platform's shape")
            << R"({"result":"0","cdr":[{"conf_num":"1","user":{"name":"Ann"}},{"conf_num":"2"}]})"_ba;
        QTest::newRow("spaces and lines everywhere")
            << " \r\n{ \"cdr\" :\n [ {\"a\" : [1, 2]} ,\t{ } , [ ] ] , \"result\" : \"0\" }\n "_ba;
        QTest::newRow("no rows") << R"({"result":"0","cdr":[]})"_ba;
        QTest::newRow("no rows, spaced") << R"({"cdr":[ ]})"_ba;
        QTest::newRow("rows that are not objects") << R"({"cdr":[1, "two", null, true, [3], -4.5e3]})"_ba;
        QTest::newRow("brackets and quotes in strings")
            << "{\"cdr\":[{\"name\":\"a]b}c,\\\"d\\\"\\\\\"},{\"x\":\"[{\\\\\"}],\"result\":\"]\"}"_ba;
        QTest::newRow("cdr nested elsewhere first") << R"({"meta":{"cdr":[1,2,3]},"cdr":[{"conf_num":"9"}]})"_ba;
    }
    void findsTheRowsTheWholeReadingFinds()
    {
        QFETCH(QByteArray, body);
        QVERIFY(!QJsonDocument::fromJson(body).isNull());
        const std::optional<QJsonArray> rows = scanned(body);
        QVERIFY(rows);
        QCOMPARE(*rows, whole(body));
    }

    void leavesToTheWholeReadingWhatItCannotTell_data()
    {
        QTest::addColumn<QByteArray>("body");
        // Unbalanced braces are plain literals: moc 6.4 counts them inside raw strings too.
        QTest::newRow("an array") << R"([{"conf_num":"1"}])"_ba;
        QTest::newRow("no cdr") << R"({"result":"0"})"_ba;
        QTest::newRow("cdr not an array") << R"({"cdr":{"conf_num":"1"}})"_ba;
        QTest::newRow("cdr twice") << R"({"cdr":[1],"cdr":[2]})"_ba;
        QTest::newRow("a key with an escape") << "{\"\\u0063dr\":[1]}"_ba;
        QTest::newRow("cut in a row") << "{\"cdr\":[{\"conf_num\":\"1\"},{\"conf_"_ba;
        QTest::newRow("cut in a string") << "{\"cdr\":[\"abc\\\")"_ba;
        QTest::newRow("cut after the array") << R"({"cdr":[1,2])"_ba;
        QTest::newRow("two values in a row") << R"({"cdr":["a" "b"]})"_ba;
        QTest::newRow("a missing comma between members") << R"({"result":"0" "cdr":[1]})"_ba;
        QTest::newRow("something after the object") << R"({"cdr":[1]} x)"_ba;
        QTest::newRow("empty") << QByteArray();
    }
    void leavesToTheWholeReadingWhatItCannotTell()
    {
        QFETCH(QByteArray, body);
        QVERIFY(!CdrWindowScanner::rows(body));
    }

    // A row that is not JSON is found as text and refused when it is read.
    void aBrokenRowIsFoundAndRefusedWhenRead()
    {
        const QByteArray body = R"({"cdr":[{"conf_num":"1"},{"conf_num":tru},{"conf_num":"3"}]})"_ba;
        const std::optional<QList<QByteArrayView>> rows = CdrWindowScanner::rows(body);
        QVERIFY(rows);
        QCOMPARE(rows->size(), 3);
        QCOMPARE(rows->at(1), "{\"conf_num\":tru}");
        QCOMPARE(scanned(body), QJsonArray{u"<unreadable row>"_s});
    }

    // 500 random answers, written compact and indented: the same rows as the whole reading.
    void randomAnswers()
    {
        QRandomGenerator random(20261208);
        for (int n = 0; n < 500; ++n) {
            QJsonArray rows;
            for (int i = random.bounded(8); i > 0; --i)
                rows.append(randomValue(random, 0));
            QJsonObject envelope{{u"result"_s, u"0"_s}, {u"cdr"_s, rows}};
            if (random.bounded(2) == 0)
                envelope.insert(u"extra"_s, randomValue(random, 0));
            const QJsonDocument::JsonFormat format = n % 2 == 0 ? QJsonDocument::Compact : QJsonDocument::Indented;
            const QByteArray body = QJsonDocument(envelope).toJson(format);
            const std::optional<QJsonArray> found = scanned(body);
            QVERIFY2(found, body.constData());
            QVERIFY2(*found == rows, body.constData());
        }
    }
};

QTEST_GUILESS_MAIN(TestCdrWindowScanner)
#include "tst_cdrwindowscanner.moc"
