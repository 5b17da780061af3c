#include "ConsoleApplication.h"
#include "MainWindow.h"
#include "RoomsPage.h"
#include "config/DataDir.h"

#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;

namespace confero {

// The console's start-up as `confero` runs it: first run on an empty data folder starts the
// sandbox in-process and opens its project; a later run finds the same project again.
class TestConsoleApplication final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void commandLineIsParsed();
    void firstRunOpensTheSandboxWithDemoRooms();
    void secondRunReopensTheSameSandboxProject();
    void unknownProjectIsRefusedWithItsName();

private:
    static bool waitForRooms(ConsoleApplication &console, int *count);
};

bool TestConsoleApplication::waitForRooms(ConsoleApplication &console, int *count)
{
    QSignalSpy loaded(console.mainWindow()->roomsPage(), &RoomsPage::roomsLoaded);
    if (!loaded.wait(15'000))
        return false;
    *count = loaded.first().first().toInt();
    return true;
}

void TestConsoleApplication::commandLineIsParsed()
{
    ConsoleApplication::Options options;
    QString error;
    QVERIFY(ConsoleApplication::parseArguments(
        {u"confero"_s, u"--sandbox"_s, u"--project"_s, u"Prod"_s, u"--data-dir"_s, u"/tmp/x"_s}, &options, &error));
    QVERIFY(options.sandbox);
    QCOMPARE(options.project, u"Prod"_s);
    QCOMPARE(options.dataDir, u"/tmp/x"_s);

    QVERIFY(!ConsoleApplication::parseArguments({u"confero"_s, u"--no-such-option"_s}, &options, &error));
    QVERIFY(error.contains(u"no-such-option"_s));
    QVERIFY(!ConsoleApplication::parseArguments({u"confero"_s, u"stray"_s}, &options, &error));
    QVERIFY(error.contains(u"stray"_s));
}

void TestConsoleApplication::firstRunOpensTheSandboxWithDemoRooms()
{
    const QString dataDir = DataDir::resolve();
    QDir(dataDir).removeRecursively();

    ConsoleApplication console;
    QString error;
    QVERIFY2(console.start({}, &error), qPrintable(error));
    QVERIFY(console.mainWindow()->isVisible());
    const std::optional<Project> project = console.mainWindow()->currentProject();
    QVERIFY(project);
    QVERIFY(project->isSandbox);
    QCOMPARE(project->apiBaseUrl.host(), u"127.0.0.1"_s);

    int rooms = 0;
    QVERIFY(waitForRooms(console, &rooms));
    QCOMPARE(rooms, 4);
    QVERIFY(QFile::exists(QDir(dataDir).filePath(u"confero.sqlite"_s)));
}

void TestConsoleApplication::secondRunReopensTheSameSandboxProject()
{
    qint64 firstId = 0;
    {
        ConsoleApplication console;
        QString error;
        QVERIFY2(console.start({}, &error), qPrintable(error));
        firstId = console.mainWindow()->currentProject()->id;
    }
    ConsoleApplication console;
    QString error;
    ConsoleApplication::Options options;
    options.sandbox = true;
    QVERIFY2(console.start(options, &error), qPrintable(error));
    QCOMPARE(console.mainWindow()->currentProject()->id, firstId);
    int rooms = 0;
    QVERIFY(waitForRooms(console, &rooms));
    QCOMPARE(rooms, 4);
}

void TestConsoleApplication::unknownProjectIsRefusedWithItsName()
{
    ConsoleApplication console;
    ConsoleApplication::Options options;
    options.project = u"Nowhere"_s;
    QString error;
    QVERIFY(!console.start(options, &error));
    QVERIFY2(error.contains(u"Nowhere"_s), qPrintable(error));
    QVERIFY(!console.mainWindow());
}

} // namespace confero

QTEST_MAIN(confero::TestConsoleApplication)
#include "TestConsoleApplication.moc"
