#include "CliRunner.h"
#include "SandboxFixture.h"
#include "TestSupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace confero;
using namespace confero::test;
using namespace Qt::StringLiterals;

// An App Key given to conferoctl goes to the keychain and nowhere else: not the database (nor its
// -wal/-shm), not settings, not stdout/stderr, not the logs, even with every confero log on.
class TestSecretsOnDisk : public QObject
{
    Q_OBJECT

private:
    // The sandbox accepts exactly this key, so a successful `rooms list` proves it was used.
    static constexpr const char *kSentinel = "SENTINEL-KEY-7f3a9c";

    SandboxFixture m_sandbox;
    QTemporaryDir m_home;
    std::unique_ptr<CliRunner> m_cli;
    QByteArray m_allOutput;

    CliRun run(const QStringList &arguments, const QByteArray &input = {})
    {
        CliRun result = m_cli->run(arguments, input);
        m_allOutput += result.out + result.err;
        if (result.exitCode != 0)
            qWarning() << "conferoctl" << arguments << "exit" << result.exitCode << result.err;
        return result;
    }

    QString dataDir() const { return m_home.filePath(u"data"_s); }

private Q_SLOTS:
    void initTestCase()
    {
        if (qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"))
            QSKIP("SKIPPED: no D-Bus session (DBUS_SESSION_BUS_ADDRESS unset); run under dbus-run-session "
                  "with gnome-keyring-daemon --unlock --components=secrets");
        QVERIFY(m_home.isValid());

        QString error;
        // A sandbox that takes the sentinel as its App Key.
        m_sandbox.setAppKey(QString::fromLatin1(kSentinel));
        QVERIFY2(m_sandbox.start(&error), qPrintable(error));

        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        for (const QString &name : {u"CONFERO_API_URL"_s, u"CONFERO_APP_ID"_s, u"CONFERO_APP_KEY"_s})
            environment.remove(name);
        environment.insert(u"CONFERO_DATA_DIR"_s, dataDir());
        environment.insert(u"XDG_CONFIG_HOME"_s, m_home.filePath(u"config"_s));
        environment.insert(u"XDG_DATA_HOME"_s, m_home.filePath(u"share"_s));
        environment.insert(u"XDG_CACHE_HOME"_s, m_home.filePath(u"cache"_s));
        environment.insert(u"QT_LOGGING_RULES"_s, u"confero.*=true"_s);
        m_cli = std::make_unique<CliRunner>(environment);
    }

    void keyIsUsedButNeverWritten()
    {
        const QString projectName = u"sentinel-project-%1"_s.arg(QCoreApplication::applicationPid());
        const CliRun added = run({u"projects"_s, u"add"_s, projectName, u"--url"_s, m_sandbox.apiBaseUrl().toString(),
                                  u"--app-id"_s, QString::fromLatin1(SandboxFixture::kAppId)},
                                 QByteArray(kSentinel) + '\n');
        QCOMPARE(added.exitCode, 0);

        const CliRun projects = run({u"--json"_s, u"projects"_s, u"list"_s});
        QCOMPARE(projects.exitCode, 0);
        const QJsonArray list = QJsonDocument::fromJson(projects.out).array();
        QCOMPARE(list.size(), 1);
        QCOMPARE(list.at(0).toObject().value(u"current").toBool(), true);

        // Uses the key from the keychain: create, list, a token (logged as a hash), show.
        const CliRun created =
            run({u"--json"_s, u"rooms"_s, u"create"_s, u"--name"_s, u"Secret-free room"_s, u"--owner-ref"_s, u"o"_s});
        QCOMPARE(created.exitCode, 0);
        const QString roomId = QJsonDocument::fromJson(created.out).object().value(u"room_id").toString();
        QVERIFY(!roomId.isEmpty());
        const CliRun listed = run({u"--project"_s, projectName, u"rooms"_s, u"list"_s});
        QCOMPARE(listed.exitCode, 0);
        QVERIFY(listed.out.contains(roomId.toUtf8()));
        const CliRun token = run({u"tokens"_s, u"create"_s, u"--room"_s, roomId, u"--name"_s, u"A"_s, u"--role"_s,
                                  u"moderator"_s, u"--user-ref"_s, u"a"_s});
        QCOMPARE(token.exitCode, 0);
        // The logs were on: the child really wrote confero.* lines.
        QVERIFY(m_allOutput.contains("confero.platform"));

        const QByteArray sentinel(kSentinel);
        const QByteArray credentials = QByteArray(SandboxFixture::kAppId) + ':' + sentinel;
        const QByteArray basic = credentials.toBase64();
        for (const QByteArray &needle : {sentinel, basic}) {
            const QStringList hits = filesContaining(m_home.path(), needle);
            QVERIFY2(hits.isEmpty(), qPrintable(hits.join(u", "_s)));
            QVERIFY(!m_allOutput.contains(needle));
        }
        // The database and its WAL are where the scan looked.
        QVERIFY(QFile::exists(dataDir() + u"/confero.sqlite"_s));

        const CliRun removed = run({u"projects"_s, u"remove"_s, projectName});
        QCOMPARE(removed.exitCode, 0);
        const CliRun none = run({u"rooms"_s, u"list"_s});
        QVERIFY(none.exitCode != 0);
    }

    void keyFromAnArgumentIsNotOffered()
    {
        // There is deliberately no --app-key option: arguments are visible to every local user.
        const CliRun refused = run({u"projects"_s, u"add"_s, u"p"_s, u"--url"_s, u"https://x.example/"_s, u"--app-id"_s,
                                    u"a"_s, u"--app-key"_s, u"k"_s});
        QCOMPARE(refused.exitCode, 2);
        QVERIFY(refused.err.contains("--app-key"));
    }
};

QTEST_GUILESS_MAIN(TestSecretsOnDisk)
#include "tst_secretsondisk.moc"
