#include "store/TrigramContains.h"

#include <QRandomGenerator>
#include <QTest>

#include <sqlite3.h>

using namespace confero;
using namespace Qt::StringLiterals;

namespace {

// A private SQLite database with a trigram index like migration 3's, and confero_contains().
class Database
{
public:
    Database()
    {
        if (sqlite3_open(":memory:", &m_db) != SQLITE_OK)
            return;
        QString error;
        m_ready = TrigramContains::install(m_db, &error)
            && exec("CREATE VIRTUAL TABLE texts USING fts5(text, tokenize='trigram')");
        m_error = error;
    }
    ~Database() { sqlite3_close(m_db); }
    Database(const Database &) = delete;
    Database &operator=(const Database &) = delete;

    bool ready() const { return m_ready; }
    QString error() const { return m_error.isEmpty() ? QString::fromUtf8(sqlite3_errmsg(m_db)) : m_error; }

    bool exec(const char *sql) { return sqlite3_exec(m_db, sql, nullptr, nullptr, nullptr) == SQLITE_OK; }

    bool add(qint64 rowid, const QString &text)
    {
        sqlite3_stmt *statement = nullptr;
        sqlite3_prepare_v2(m_db, "INSERT INTO texts (rowid, text) VALUES (?, ?)", -1, &statement, nullptr);
        const QByteArray utf8 = text.toUtf8();
        sqlite3_bind_int64(statement, 1, rowid);
        sqlite3_bind_text(statement, 2, utf8.constData(), int(utf8.size()), SQLITE_TRANSIENT);
        const bool done = sqlite3_step(statement) == SQLITE_DONE;
        sqlite3_finalize(statement);
        return done;
    }

    // The rows the trigram index matches for the phrase `needle`, and those confero_contains() says
    // contain it; -1 in the first when the query failed.
    QList<qint64> byIndex(const QString &needle)
    {
        return rows("SELECT rowid FROM texts WHERE texts MATCH ? ORDER BY rowid", phrase(needle));
    }
    QList<qint64> byFunction(const QString &needle)
    {
        return rows("SELECT rowid FROM texts WHERE confero_contains(text, ?) ORDER BY rowid", needle);
    }

private:
    static QString phrase(QString needle)
    {
        needle.replace(u'"', u"\"\""_s);
        return u'"' + needle + u'"';
    }

    QList<qint64> rows(const char *sql, const QString &value)
    {
        sqlite3_stmt *statement = nullptr;
        QList<qint64> found;
        if (sqlite3_prepare_v2(m_db, sql, -1, &statement, nullptr) != SQLITE_OK)
            return {-1};
        const QByteArray utf8 = value.toUtf8();
        sqlite3_bind_text(statement, 1, utf8.constData(), int(utf8.size()), SQLITE_TRANSIENT);
        int code = SQLITE_OK;
        while ((code = sqlite3_step(statement)) == SQLITE_ROW)
            found.append(sqlite3_column_int64(statement, 0));
        sqlite3_finalize(statement);
        return code == SQLITE_DONE ? found : QList<qint64>{-1};
    }

    sqlite3 *m_db = nullptr;
    bool m_ready = false;
    QString m_error;
};

// Names and refs as the platform sends them, and the characters whose case folding differs between
// libraries: accents, the German sharp s, Greek final sigma, the Turkish dotted I, the Kelvin sign,
// letters outside the Basic Multilingual Plane, a sign that folds to two letters.
const QStringList kTexts = {
    u"Sandra Kowalski"_s,
    u"ALEXANDRA"_s,
    u"alexandra"_s,
    u"Zoë Müller"_s,
    u"ZOË MÜLLER"_s,
    u"zoe muller"_s,
    u"Straße"_s,
    u"STRASSE"_s,
    u"Σίσυφος"_s,
    u"ΣΊΣΥΦΟΣ"_s,
    u"İstanbul"_s,
    u"istanbul"_s,
    u"\u212Aelvin"_s,
    u"kelvin"_s,
    u"user-000007-1"_s,
    u"USER-000007-12"_s,
    u"𝐀𝐁𝐂 math"_s,
    u"ǅemal"_s,
    u"ǆemal"_s,
    u"ab"_s,
    u""_s,
    u"  spaced  out "_s,
    u"quote\"inside"_s,
    u"Ünïcödé ÅÆØ"_s,
    u"ﬁnal ﬂow"_s,
};

const QStringList kNeedles = {
    u"andra"_s, u"ANDRA"_s, u"zoë"_s, u"ZOË"_s,      u"müller"_s, u"straße"_s,   u"strasse"_s, u"σίσυφ"_s,
    u"ΣΊΣΥ"_s,  u"İst"_s,   u"ist"_s, u"\u212Ael"_s, u"kel"_s,    u"000007-1"_s, u"𝐁𝐂 "_s,     u"ǅem"_s,
    u"ǆem"_s,   u"ab"_s,    u"d o"_s, u"e\"i"_s,     u"ånæ"_s,    u"ﬁna"_s,      u"fin"_s,     u"no such"_s,
};

} // namespace

// confero_contains() must find exactly the rows the trigram index finds: CdrQuery walks an index
// with the one and counts with the other, and a page must never hold a row the count left out.
class TestTrigramContains : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void agreesWithTheTrigramIndex()
    {
        Database db;
        QVERIFY2(db.ready(), qPrintable(db.error()));
        for (qsizetype i = 0; i < kTexts.size(); ++i)
            QVERIFY(db.add(i + 1, kTexts.at(i)));
        int found = 0;
        for (const QString &needle : kNeedles) {
            const QList<qint64> expected = db.byIndex(needle);
            QVERIFY2(expected != QList<qint64>{-1}, qPrintable(db.error()));
            QCOMPARE(db.byFunction(needle), expected);
            found += int(expected.size());
        }
        // Not a test of nothing: the needles do find rows (in several cases and alphabets).
        QVERIFY(found > 20);
    }

    void agreesOnRandomTexts()
    {
        Database db;
        QVERIFY2(db.ready(), qPrintable(db.error()));
        // Short texts from a small alphabet of mixed case and scripts, so needles match often.
        const QString alphabet = u"aAbBäÄßσΣςéÉ -1"_s;
        QRandomGenerator random(20261208);
        const auto text = [&](int length) {
            QString made;
            for (int i = 0; i < length; ++i)
                made += alphabet.at(random.bounded(int(alphabet.size())));
            return made;
        };
        for (int row = 1; row <= 2000; ++row)
            QVERIFY(db.add(row, text(random.bounded(2, 12))));
        int matched = 0;
        for (int i = 0; i < 300; ++i) {
            const QString needle = text(random.bounded(3, 5));
            const QList<qint64> expected = db.byIndex(needle);
            QVERIFY2(expected != QList<qint64>{-1}, qPrintable(needle));
            QCOMPARE(db.byFunction(needle), expected);
            matched += int(expected.size());
        }
        QVERIFY(matched > 300);
    }

    void shortOrNullNeverContain()
    {
        Database db;
        QVERIFY2(db.ready(), qPrintable(db.error()));
        QVERIFY(db.add(1, u"ab"_s));
        QVERIFY(db.add(2, u"abc"_s));
        QCOMPARE(db.byFunction(u"ab"_s), QList<qint64>{}); // no trigram: CdrQuery uses LIKE for it
        QCOMPARE(db.byFunction(u""_s), QList<qint64>{});
        QCOMPARE(db.byFunction(u"abc"_s), QList<qint64>{2});
    }
};

QTEST_GUILESS_MAIN(TestTrigramContains)
#include "tst_trigramcontains.moc"
