#include "CliRunner.h"
#include "SandboxFixture.h"
#include "domain/JoinToken.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace confero;
using namespace confero::test;
using namespace Qt::StringLiterals;

namespace {

QJsonDocument json(const CliRun &run)
{
    QJsonParseError error;
    QJsonDocument document = QJsonDocument::fromJson(run.out, &error);
    if (error.error != QJsonParseError::NoError)
        qWarning() << "not JSON:" << run.out;
    return document;
}

QByteArray describe(const CliRun &run)
{
    return "exit " + QByteArray::number(run.exitCode) + "\nstdout: " + run.out + "\nstderr: " + run.err;
}

} // namespace

// conferoctl as a user runs it: the built binary against the real sandbox, project from the
// environment (CONFERO_API_URL, CONFERO_APP_ID, CONFERO_APP_KEY).
class TestConferoctl : public QObject
{
    Q_OBJECT

private:
    SandboxFixture m_sandbox;
    std::unique_ptr<CliRunner> m_cli;

    CliRun ok(const QStringList &arguments)
    {
        CliRun run = m_cli->run(arguments);
        if (run.exitCode != 0 || !run.err.isEmpty())
            qWarning().noquote() << QString::fromUtf8(describe(run));
        return run;
    }

    QString createRoom(const QString &name)
    {
        const CliRun run = ok({u"--json"_s, u"rooms"_s, u"create"_s, u"--name"_s, name, u"--owner-ref"_s, u"owner-1"_s,
                               u"--participants"_s, u"5"_s, u"--quality"_s, u"SD"_s});
        return json(run).object().value(u"room_id").toString();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QString error;
        QVERIFY2(m_sandbox.start(&error), qPrintable(error));
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(u"CONFERO_API_URL"_s, m_sandbox.apiBaseUrl().toString());
        environment.insert(u"CONFERO_APP_ID"_s, QString::fromLatin1(SandboxFixture::kAppId));
        environment.insert(u"CONFERO_APP_KEY"_s, QString::fromLatin1(SandboxFixture::kAppKey));
        // The test's own debug rules would add log lines to the child's stderr.
        environment.remove(u"QT_LOGGING_RULES"_s);
        m_cli = std::make_unique<CliRunner>(environment);
    }

    void init() { QVERIFY(m_sandbox.reset()); }

    void versionAndHelp()
    {
        const CliRun version = ok({u"--version"_s});
        QCOMPARE(version.exitCode, 0);
        QVERIFY(version.out.startsWith("conferoctl "));
        const CliRun help = ok({u"--help"_s});
        QCOMPARE(help.exitCode, 0);
        QVERIFY(help.out.contains("rooms create"));
        QVERIFY(help.out.contains("tokens create"));
    }

    void createListShowUpdateDelete()
    {
        const QString roomId = createRoom(u"Board, Q3 review (EU)"_s);
        QVERIFY(!roomId.isEmpty());

        const CliRun table = ok({u"rooms"_s, u"list"_s});
        QCOMPARE(table.exitCode, 0);
        const QStringList lines = QString::fromUtf8(table.out).split(u'\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 2);
        QVERIFY(lines.at(0).startsWith(u"ROOM ID"_s));
        QVERIFY(lines.at(1).startsWith(roomId));
        QVERIFY(lines.at(1).contains(u"Board, Q3 review (EU)"_s));
        // Aligned: the NAME column starts at the same offset on every line.
        QCOMPARE(lines.at(0).indexOf(u"NAME"_s), lines.at(1).indexOf(u"Board"_s));

        const CliRun listed = ok({u"rooms"_s, u"list"_s, u"--json"_s});
        QCOMPARE(listed.exitCode, 0);
        const QJsonArray rooms = json(listed).array();
        QCOMPARE(rooms.size(), 1);
        QCOMPARE(rooms.at(0).toObject().value(u"room_id").toString(), roomId);
        QVERIFY(rooms.at(0).toObject().contains(u"settings")); // as the platform returns it

        const CliRun shown = ok({u"rooms"_s, u"show"_s, roomId});
        QCOMPARE(shown.exitCode, 0);
        QVERIFY(shown.out.contains("Participants"));
        QVERIFY(shown.out.contains("owner-1"));

        const CliRun updated = ok({u"--json"_s, u"rooms"_s, u"update"_s, roomId, u"--participants"_s, u"12"_s,
                                   u"--name"_s, u"Board (moved)"_s, u"--auto-recording"_s});
        QCOMPARE(updated.exitCode, 0);
        const QJsonObject after = json(updated).object();
        QCOMPARE(after.value(u"name").toString(), u"Board (moved)"_s);
        const QJsonValue participants = after.value(u"settings").toObject().value(u"participants");
        QCOMPARE(participants.isString() ? participants.toString().toInt() : participants.toInt(), 12);

        const CliRun deleted = ok({u"rooms"_s, u"delete"_s, roomId});
        QCOMPARE(deleted.exitCode, 0);
        QVERIFY(deleted.out.contains(roomId.toUtf8()));

        const CliRun gone = m_cli->run({u"rooms"_s, u"show"_s, roomId});
        QVERIFY(gone.exitCode != 0);
        QCOMPARE(gone.errLines().size(), 1);
        QVERIFY2(gone.err.contains("does not know this room"), gone.err.constData());
        QVERIFY(gone.out.isEmpty());
    }

    void scheduledRoom()
    {
        const QString when = QDateTime::currentDateTimeUtc().addDays(2).toString(u"yyyy-MM-dd HH:mm"_s);
        const CliRun created = ok({u"--json"_s, u"rooms"_s, u"create"_s, u"--name"_s, u"Planning"_s, u"--owner-ref"_s,
                                   u"o"_s, u"--kind"_s, u"scheduled"_s, u"--scheduled-time"_s, when, u"--duration"_s,
                                   u"45"_s, u"--mode"_s, u"lecture"_s, u"--moderators"_s, u"2"_s});
        QCOMPARE(created.exitCode, 0);
        const QJsonObject settings = json(created).object().value(u"settings").toObject();
        QCOMPARE(settings.value(u"scheduled").toBool(), true);
        QCOMPARE(settings.value(u"scheduled_time").toString(), when + u":00"_s);
        QCOMPARE(settings.value(u"mode").toString(), u"lecture"_s);
    }

    void deleteSeveral()
    {
        const QString a = createRoom(u"A"_s);
        const QString b = createRoom(u"B"_s);
        const CliRun deleted = ok({u"--json"_s, u"rooms"_s, u"delete"_s, a, b});
        QCOMPARE(deleted.exitCode, 0);
        QCOMPARE(json(deleted).object().value(u"deleted").toArray().size(), 2);
        QCOMPARE(json(ok({u"--json"_s, u"rooms"_s, u"list"_s})).array().size(), 0);
    }

    void tokensCreate()
    {
        const QString roomId = createRoom(u"Token room"_s);
        const CliRun plain = ok({u"tokens"_s, u"create"_s, u"--room"_s, roomId, u"--name"_s, u"Alice Smith"_s,
                                 u"--role"_s, u"moderator"_s, u"--user-ref"_s, u"u-1"_s});
        QCOMPARE(plain.exitCode, 0);
        const std::optional<JoinToken> token = JoinToken::decode(QString::fromUtf8(plain.out));
        QVERIFY(token);
        QCOMPARE(token->roomId, roomId);

        const CliRun asJson =
            ok({u"--json"_s, u"tokens"_s, u"create"_s, u"--room"_s, roomId, u"--name"_s, u"Bob"_s, u"--role"_s,
                u"participant"_s, u"--user-ref"_s, u"u-2"_s, u"--data"_s, u"team=blue"_s});
        QCOMPARE(asJson.exitCode, 0);
        const QJsonObject object = json(asJson).object();
        QVERIFY(JoinToken::decode(object.value(u"token").toString()));
        QCOMPARE(object.value(u"role").toString(), u"participant"_s);
    }

    void errorsAreOneLineAndNonZero_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QByteArray>("expected");
        QTest::addRow("missing owner") << QStringList{u"rooms"_s, u"create"_s, u"--name"_s, u"X"_s}
                                       << QByteArray("--owner-ref");
        QTest::addRow("moderators") << QStringList{u"rooms"_s,       u"create"_s, u"--name"_s,       u"X"_s,
                                                   u"--owner-ref"_s, u"o"_s,      u"--moderators"_s, u"9"_s}
                                    << QByteArray("--moderators");
        QTest::addRow("past time")
            << QStringList{u"rooms"_s, u"create"_s,           u"--name"_s,           u"X"_s,          u"--owner-ref"_s,
                           u"o"_s,     u"--scheduled-time"_s, u"2001-01-01 10:00"_s, u"--duration"_s, u"30"_s}
            << QByteArray("future");
        QTest::addRow("unknown option") << QStringList{u"rooms"_s, u"list"_s, u"--colour"_s, u"red"_s}
                                        << QByteArray("--colour");
        QTest::addRow("unknown command") << QStringList{u"meetings"_s, u"list"_s} << QByteArray("meetings");
        QTest::addRow("no role") << QStringList{u"tokens"_s, u"create"_s, u"--room"_s, u"r"_s,          u"--name"_s,
                                                u"n"_s,      u"--role"_s, u"boss"_s,   u"--user-ref"_s, u"u"_s}
                                 << QByteArray("--role");
        QTest::addRow("unknown room") << QStringList{u"rooms"_s, u"show"_s, u"000000000000000000000000"_s}
                                      << QByteArray("(HTTP 404");
        QTest::addRow("nothing to update")
            << QStringList{u"rooms"_s, u"update"_s, u"r1"_s} << QByteArray("Nothing to change");
    }

    void errorsAreOneLineAndNonZero()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QByteArray, expected);
        const CliRun run = m_cli->run(arguments);
        QVERIFY2(run.finished, "conferoctl did not finish");
        QVERIFY2(run.exitCode != 0, describe(run).constData());
        QCOMPARE(run.errLines().size(), 1);
        QVERIFY2(run.err.contains(expected), run.err.constData());
        QVERIFY(run.out.isEmpty());
    }

    void wrongKeyIsAnAuthError()
    {
        CliRunner wrong(m_cli->environment());
        wrong.environment().insert(u"CONFERO_APP_KEY"_s, u"not-the-key"_s);
        const CliRun run = wrong.run({u"rooms"_s, u"list"_s});
        QCOMPARE(run.exitCode, 1);
        QCOMPARE(run.errLines().size(), 1);
        QVERIFY2(run.err.contains("The platform refused the App ID or App Key (HTTP 401"), run.err.constData());
        QVERIFY(!run.err.contains("not-the-key"));
    }

    void incompleteEnvironmentIsExplained()
    {
        CliRunner partial(m_cli->environment());
        partial.environment().remove(u"CONFERO_APP_KEY"_s);
        const CliRun run = partial.run({u"rooms"_s, u"list"_s});
        QCOMPARE(run.exitCode, 1);
        QCOMPARE(run.errLines().size(), 1);
        QVERIFY(run.err.contains("CONFERO_APP_KEY"));
    }
};

QTEST_GUILESS_MAIN(TestConferoctl)
#include "tst_conferoctl.moc"
