// SafeFileName: hostile names from URLs and platform data become one safe path component.

#include "recordings/SafeFileName.h"

#include <QtTest>

using namespace Qt::StringLiterals;
using confero::SafeFileName;

class tst_SafeFileName final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void hostileNames_data();
    void hostileNames();
    void longNamesAreCutToBytesKeepingTheExtension();
    void namesFromUrls_data();
    void namesFromUrls();
    void resultsAreAlwaysOneSafeComponent();
};

void tst_SafeFileName::hostileNames_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("expected");
    QTest::newRow("traversal") << u"../../x"_s << u"_.._x"_s;
    QTest::newRow("dots only") << u".."_s << u"file"_s;
    QTest::newRow("dot") << u"."_s << u"file"_s;
    QTest::newRow("empty") << QString() << u"file"_s;
    QTest::newRow("absolute") << u"/etc/passwd"_s << u"_etc_passwd"_s;
    QTest::newRow("backslash") << u"..\\..\\boot.ini"_s << u"_.._boot.ini"_s;
    QTest::newRow("CON") << u"CON"_s << u"_CON"_s;
    QTest::newRow("con.txt") << u"con.txt"_s << u"_con.txt"_s;
    QTest::newRow("NUL.tar.gz") << u"NUL.tar.gz"_s << u"_NUL.tar.gz"_s;
    QTest::newRow("COM1") << u"com1.mkv"_s << u"_com1.mkv"_s;
    QTest::newRow("LPT9") << u"LPT9"_s << u"_LPT9"_s;
    QTest::newRow("CONSOLE is a name") << u"CONSOLE.mp4"_s << u"CONSOLE.mp4"_s;
    QTest::newRow("NUL character") << (u"a"_s + QChar(0) + u"b.mp4"_s) << u"a_b.mp4"_s;
    QTest::newRow("control") << u"a\nb\tc.mp4"_s << u"a_b_c.mp4"_s;
    QTest::newRow("windows characters") << u"a<b>c:d\"e|f?g*h.mp4"_s << u"a_b_c_d_e_f_g_h.mp4"_s;
    QTest::newRow("trailing dot and space") << u"name. "_s << u"name"_s;
    QTest::newRow("bidi override") << u"evil\u202Eexe.txt"_s << u"evil_exe.txt"_s;
    QTest::newRow("ordinary") << u"out.mp4"_s << u"out.mp4"_s;
    QTest::newRow("unicode") << u"Besprechung über Zürich.mkv"_s << u"Besprechung über Zürich.mkv"_s;
}

void tst_SafeFileName::hostileNames()
{
    QFETCH(QString, name);
    QFETCH(QString, expected);
    QCOMPARE(SafeFileName::sanitize(name), expected);
}

void tst_SafeFileName::longNamesAreCutToBytesKeepingTheExtension()
{
    const QString ascii = QString(300, u'a') + u".mp4"_s;
    const QString cut = SafeFileName::sanitize(ascii);
    QCOMPARE(cut.toUtf8().size(), SafeFileName::MaxBytes);
    QVERIFY(cut.endsWith(u".mp4"));

    // 300 characters of three UTF-8 bytes each: cut on a character boundary, valid UTF-8.
    const QString wide = QString(300, QChar(0x20AC)) + u".mkv"_s;
    const QString wideCut = SafeFileName::sanitize(wide);
    QVERIFY(wideCut.toUtf8().size() <= SafeFileName::MaxBytes);
    QVERIFY(wideCut.toUtf8().size() > SafeFileName::MaxBytes - 3);
    QVERIFY(wideCut.endsWith(u".mkv"));
    QCOMPARE(QString::fromUtf8(wideCut.toUtf8()), wideCut);

    // Four-byte characters (surrogate pairs in UTF-16) are never split.
    QString emoji;
    for (int i = 0; i < 100; ++i)
        emoji += u"\U0001F600"_s;
    const QString emojiCut = SafeFileName::sanitize(emoji);
    QVERIFY(emojiCut.toUtf8().size() <= SafeFileName::MaxBytes);
    QCOMPARE(emojiCut.size() % 2, 0);
    QVERIFY(!emojiCut.back().isHighSurrogate());
}

void tst_SafeFileName::namesFromUrls_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("expected");
    QTest::newRow("plain") << u"https://h/rec/abc/913/u1.mkv"_s << u"u1.mkv"_s;
    QTest::newRow("encoded traversal") << u"https://h/rec/..%2F..%2Fx"_s << u"x"_s;
    QTest::newRow("encoded backslash") << u"https://h/rec/..%5C..%5Cx"_s << u"_.._x"_s;
    QTest::newRow("encoded NUL") << u"https://h/rec/a%00b.mp4"_s << u"a_b.mp4"_s;
    QTest::newRow("no file") << u"https://h/"_s << u"file"_s;
    QTest::newRow("query ignored") << u"https://h/a/out.mp4?sig=../../x"_s << u"out.mp4"_s;
    QTest::newRow("reserved") << u"https://h/a/AUX.json"_s << u"_AUX.json"_s;
}

void tst_SafeFileName::namesFromUrls()
{
    QFETCH(QString, url);
    QFETCH(QString, expected);
    QCOMPARE(SafeFileName::fromUrl(QUrl(url)), expected);
}

void tst_SafeFileName::resultsAreAlwaysOneSafeComponent()
{
    const QStringList inputs{
        u"../"_s,  u"...."_s,  u" .. "_s,        u"a/b/../../.."_s, u"\\\\server\\share"_s, QString(1000, u'/'),
        u"CON "_s, u"prn.."_s, QString(QChar(0))};
    for (const QString &input : inputs) {
        const QString name = SafeFileName::sanitize(input);
        QVERIFY2(!name.isEmpty() && name != u"." && name != u".." && !name.contains(u'/') && !name.contains(u'\\')
                     && !name.contains(QChar(0)) && !SafeFileName::isReservedDeviceName(name)
                     && name.toUtf8().size() <= SafeFileName::MaxBytes,
                 qPrintable(input + u" -> "_s + name));
    }
}

QTEST_GUILESS_MAIN(tst_SafeFileName)
#include "tst_safefilename.moc"
