#include "CommandLine.h"
#include "RoomOptions.h"
#include "TableWriter.h"

#include <QTest>
#include <QTimeZone>

using namespace confero;
using namespace confero::cli;
using namespace Qt::StringLiterals;

namespace {

std::optional<CommandLine> parse(QStringList arguments, QString *error = nullptr)
{
    arguments.prepend(u"conferoctl"_s);
    QString ignored;
    return CommandLine::parse(arguments, error ? error : &ignored);
}

} // namespace

// The pieces of conferoctl that need no process: argument parsing, room flags, tables.
class TestCommandLine : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void globalOptionsAnywhere()
    {
        const auto line = parse(
            {u"rooms"_s, u"--json"_s, u"show"_s, u"--project"_s, u"Acme prod"_s, u"r1"_s, u"--data-dir=/tmp/x"_s});
        QVERIFY(line);
        QCOMPARE(line->group(), u"rooms"_s);
        QCOMPARE(line->action(), u"show"_s);
        QCOMPARE(line->arguments(), QStringList{u"r1"_s});
        QVERIFY(line->json());
        QCOMPARE(line->project(), u"Acme prod"_s);
        QCOMPARE(line->dataDir(), u"/tmp/x"_s);
        QVERIFY(line->unknownOption({}).isEmpty());
    }

    void valuesFlagsAndRepeats()
    {
        const auto line = parse({u"tokens"_s, u"create"_s, u"--data"_s, u"a=1"_s, u"--data=b=2"_s, u"--name"_s,
                                 u"--not-an-option-but-a-name"_s, u"--"_s, u"--literal"_s});
        QVERIFY(line);
        QCOMPARE(line->values(u"data"_s), (QStringList{u"a=1"_s, u"b=2"_s}));
        QCOMPARE(line->value(u"name"_s), u"--not-an-option-but-a-name"_s);
        QCOMPARE(line->arguments(), QStringList{u"--literal"_s});
        QCOMPARE(line->unknownOption({u"data"_s}), u"name"_s);
    }

    void malformed()
    {
        QString error;
        QVERIFY(!parse({u"rooms"_s, u"create"_s, u"--name"_s}, &error));
        QVERIFY(error.contains(u"--name"_s));
        QVERIFY(!parse({u"--json=yes"_s}, &error));
        QVERIFY(error.contains(u"--json"_s));
        QVERIFY(!parse({u"-x"_s}, &error));
        QVERIFY(parse({u"-h"_s})->help());
        QVERIFY(parse({u"--version"_s})->version());
    }

    void createFlagsBecomeADefinition()
    {
        const auto line =
            parse({u"rooms"_s, u"create"_s, u"--name"_s, u"Planning, Q3"_s, u"--owner-ref"_s, u"o"_s,
                   u"--scheduled-time"_s, u"2040-03-04 05:06"_s, u"--duration"_s, u"45"_s, u"--mode"_s, u"lecture"_s,
                   u"--participants"_s, u"0"_s, u"--auto-recording"_s, u"--quality"_s, u"hd"_s});
        QString error;
        const auto definition = RoomOptions::definition(*line, &error);
        QVERIFY2(definition, qPrintable(error));
        QCOMPARE(definition->settings.kind, RoomSettings::Kind::Scheduled); // implied by the time
        QCOMPARE(definition->settings.scheduledTime, QDateTime(QDate(2040, 3, 4), QTime(5, 6), QTimeZone::utc()));
        QCOMPARE(definition->settings.durationMinutes, std::optional<int>(45));
        QCOMPARE(definition->settings.mode, RoomSettings::Mode::Lecture);
        QCOMPARE(definition->settings.quality, u"HD"_s);
        QVERIFY(definition->settings.autoRecording);
    }

    void badCreateFlagsNameTheFlag_data()
    {
        QTest::addColumn<QStringList>("extra");
        QTest::addColumn<QString>("flag");
        QTest::addRow("kind") << QStringList{u"--kind"_s, u"weekly"_s} << u"--kind"_s;
        QTest::addRow("mode") << QStringList{u"--mode"_s, u"panel"_s} << u"--mode"_s;
        QTest::addRow("number") << QStringList{u"--participants"_s, u"ten"_s} << u"--participants"_s;
        QTest::addRow("time") << QStringList{u"--scheduled-time"_s, u"tomorrow"_s} << u"--scheduled-time"_s;
        QTest::addRow("no duration") << QStringList{u"--kind"_s, u"scheduled"_s, u"--scheduled-time"_s,
                                                    u"2040-01-01 10:00"_s}
                                     << u"--duration"_s;
        QTest::addRow("talkers") << QStringList{u"--max-active-talkers"_s, u"20"_s} << u"--max-active-talkers"_s;
    }

    void badCreateFlagsNameTheFlag()
    {
        QFETCH(QStringList, extra);
        QFETCH(QString, flag);
        const auto line =
            parse(QStringList{u"rooms"_s, u"create"_s, u"--name"_s, u"n"_s, u"--owner-ref"_s, u"o"_s} + extra);
        QString error;
        QVERIFY(!RoomOptions::definition(*line, &error));
        QVERIFY2(error.contains(flag), qPrintable(error));
    }

    void updateSendsOnlyWhatWasGiven()
    {
        const QDateTime now(QDate(2030, 1, 1), QTime(0, 0), QTimeZone::utc());
        const auto line =
            parse({u"rooms"_s, u"update"_s, u"r1"_s, u"--participants"_s, u"12"_s, u"--no-auto-recording"_s});
        QString error;
        const auto changes = RoomOptions::changes(*line, now, &error);
        QVERIFY2(changes, qPrintable(error));
        QVERIFY(!changes->contains(u"name"));
        const QJsonObject settings = changes->value(u"settings").toObject();
        QCOMPARE(settings.size(), 2);
        QCOMPARE(settings.value(u"participants").toString(), u"12"_s);
        QCOMPARE(settings.value(u"auto_recording").toBool(true), false);

        QVERIFY(
            !RoomOptions::changes(*parse({u"rooms"_s, u"update"_s, u"r1"_s, u"--moderators"_s, u"0"_s}), now, &error));
        QVERIFY(error.contains(u"--moderators"_s));
        QVERIFY(!RoomOptions::changes(
            *parse({u"rooms"_s, u"update"_s, u"r1"_s, u"--scheduled-time"_s, u"2029-01-01 10:00"_s}), now, &error));
        QVERIFY(error.contains(u"--scheduled-time"_s));
        QVERIFY(!RoomOptions::changes(*parse({u"rooms"_s, u"update"_s, u"r1"_s}), now, &error));
    }

    void tableColumnsAlign()
    {
        TableWriter table({u"ID"_s, u"NAME"_s, u"COUNT"_s});
        table.setRightAligned(2);
        table.addRow({u"a"_s, u"Long name here"_s, u"5"_s});
        table.addRow({u"bbbb"_s, u"x\ny"_s, u"12345"_s});
        const QStringList lines = table.toString().split(u'\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 3);
        QCOMPARE(lines.at(0), u"ID    NAME            COUNT"_s);
        QCOMPARE(lines.at(1), u"a     Long name here      5"_s);
        QCOMPARE(lines.at(2), u"bbbb  x y             12345"_s);
    }
};

QTEST_GUILESS_MAIN(TestCommandLine)
#include "tst_commandline.moc"
