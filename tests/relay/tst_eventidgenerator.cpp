#include "EventIdGenerator.h"

#include <QSet>
#include <QTest>
#include <QUuid>

using confero::relay::EventIdGenerator;

// The relay's event ids: UUID version 7 text that sorts in the order the ids were made, also when
// many share a millisecond or the clock steps back.
class TestEventIdGenerator : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void isAVersion7UuidCarryingItsTime()
    {
        EventIdGenerator ids;
        const qint64 ms = 1'796'000'000'123; // 2026-11-28
        const QString id = ids.nextAt(ms);
        QCOMPARE(id.size(), 36);
        QCOMPARE(id, id.toLower());
        const QUuid uuid(id);
        QVERIFY(!uuid.isNull());
        // QUuid 6.4 knows versions up to 5: the version and variant bits are read by hand.
        const QByteArray bytes = uuid.toRfc4122();
        QCOMPARE(quint8(bytes.at(6)) >> 4, 7);
        QCOMPARE(quint8(bytes.at(8)) >> 6, 2);
        qint64 stamped = 0;
        for (int i = 0; i < 6; ++i)
            stamped = (stamped << 8) | quint8(bytes.at(i));
        QCOMPARE(stamped, ms);
    }

    void sortsInTheOrderMadeWithinOneMillisecond()
    {
        EventIdGenerator ids;
        QStringList made;
        // More than the 4,096 a millisecond's counter holds: the rest borrow the next ms.
        for (int i = 0; i < 10'000; ++i)
            made.append(ids.nextAt(1'796'000'000'000));
        QStringList sorted = made;
        sorted.sort();
        QCOMPARE(sorted, made);
        QCOMPARE(QSet<QString>(made.cbegin(), made.cend()).size(), made.size());
    }

    void sortsInTheOrderMadeWhenTheClockStepsBack()
    {
        EventIdGenerator ids;
        const QString before = ids.nextAt(1'796'000'005'000);
        const QString after = ids.nextAt(1'796'000'000'000);
        QVERIFY2(before < after, qPrintable(before + u" then "_qs + after));
    }

    void sortsAcrossMillisecondsAndDiffersBetweenGenerators()
    {
        EventIdGenerator a;
        EventIdGenerator b;
        QStringList made;
        for (qint64 ms = 1'796'000'000'000; ms < 1'796'000'000'500; ++ms)
            made.append(a.nextAt(ms));
        QStringList sorted = made;
        sorted.sort();
        QCOMPARE(sorted, made);
        QVERIFY(a.nextAt(1'796'000'001'000) != b.nextAt(1'796'000'001'000));
    }
};

QTEST_GUILESS_MAIN(TestEventIdGenerator)
#include "tst_eventidgenerator.moc"
