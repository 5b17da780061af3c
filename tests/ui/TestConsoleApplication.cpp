#include "ConsoleApplication.h"
#include "EventsPage.h"
#include "MainWindow.h"
#include "RecordingsPage.h"
#include "RoomsPage.h"
#include "SessionsPage.h"
#include "TestSupport.h"
#include "config/DataDir.h"
#include "models/RecordingTableModel.h"
#include "recordings/DownloadManager.h"
#include "models/EventListModel.h"

#include <QDateEdit>
#include <QDialog>
#include <QDialogButtonBox>
#include <QLabel>
#include <QPushButton>
#include <QRadioButton>
#include <QTcpServer>
#include <QDir>
#include <QFile>
#include <QLineEdit>
#include <QListWidget>
#include <QStackedWidget>
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
    void sessionsRecordingsOpensTheRecordingsPageOnTheSession();
    void embeddedRelayTakesWebhooksIntoTheEventsPage();

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

// The Recordings page comes after Sessions; a session's "Recordings" brings it to the front filtered to
// that session, and the embedded sandbox's recording-file credentials (in memory) fetch its files.
void TestConsoleApplication::sessionsRecordingsOpensTheRecordingsPageOnTheSession()
{
    ConsoleApplication console;
    QString error;
    QVERIFY2(console.start({true, {}, {}}, &error), qPrintable(error));
    int rooms = 0;
    QVERIFY(waitForRooms(console, &rooms));
    MainWindow *window = console.mainWindow();
    auto *pages = window->findChild<QListWidget *>(u"pageList"_s);
    QVERIFY(pages);
    QStringList titles;
    for (int i = 0; i < pages->count(); ++i)
        titles.append(pages->item(i)->text());
    QCOMPARE(titles.indexOf(u"Recordings"_s), titles.indexOf(u"Sessions"_s) + 1);
    auto *recordings = window->findChild<RecordingsPage *>(u"recordingsPage"_s);
    auto *sessions = window->findChild<SessionsPage *>(u"sessionsPage"_s);
    QVERIFY(recordings && sessions);
    QVERIFY(recordings->hasCredentials());

    // A recorded session of the simulated month, from the archive.
    recordings->findChild<QDateEdit *>(u"fromDate"_s)->setDate(QDateTime::currentDateTimeUtc().date().addDays(-30));
    QSignalSpy loaded(recordings, &RecordingsPage::loadFinished);
    recordings->load();
    QVERIFY(loaded.wait(30'000));
    QVERIFY(loaded.constLast().constFirst().toBool());
    QVERIFY(recordings->model()->rowCount() > 4);
    const QString confNum = recordings->model()->index(0, RecordingTableModel::Session).data().toString();
    recordings->model()->setEntries({});

    Q_EMIT sessions->recordingsRequested(confNum);
    auto *stack = window->findChild<QStackedWidget *>(u"pageStack"_s);
    QCOMPARE(stack->currentWidget(), recordings);
    QCOMPARE(recordings->findChild<QLineEdit *>(u"sessionEdit"_s)->text(), confNum);
    QVERIFY(loaded.wait(30'000));
    QVERIFY(loaded.constLast().constFirst().toBool());
    const RecordingTableModel *model = recordings->model();
    QVERIFY(model->rowCount() >= 4); // recordings (one a participant), the transcoded video, chat, metadata
    for (int row = 0; row < model->rowCount(); ++row)
        QCOMPARE(model->index(row, RecordingTableModel::Session).data().toString(), confNum);

    // The chat data downloads with the sandbox's credentials handed over in memory.
    int chat = -1;
    for (int row = 0; row < model->rowCount(); ++row) {
        if (model->index(row, RecordingTableModel::File).data().toString() == u"chatdata.json")
            chat = row;
    }
    QVERIFY(chat >= 0);
    QVERIFY(
        recordings->manager()->enqueue(model->entriesFor({chat}).constFirst(), {ArchiveFile::Kind::ChatData}).ok());
    QTRY_COMPARE_WITH_TIMEOUT(model->state(chat), RecordingTableModel::LocalState::Complete, 30'000);
    QVERIFY(model->localPath(chat).startsWith(QDir(DataDir::resolve()).filePath(u"recordings/"_s)));
}

namespace {

int postWebhook(quint16 port, const QByteArray &credentials, const QByteArray &body)
{
    return test::postWebhook(QUrl(u"http://127.0.0.1:%1/hooks/enablex/sandbox"_s.arg(port)), credentials, body);
}

quint16 freePort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}

} // namespace

// Issue 6: the relay run inside the console. Set through the Events page's dialog (webhook password
// to the keychain), it takes the platform's webhooks with Basic auth and the page lists them; the
// next start of the console runs it again from what was saved.
void TestConsoleApplication::embeddedRelayTakesWebhooksIntoTheEventsPage()
{
    const quint16 port = freePort();
    QVERIFY(port != 0);
    {
        ConsoleApplication console;
        QString error;
        QVERIFY2(console.start({true, {}, {}}, &error), qPrintable(error));
        auto *events = console.mainWindow()->findChild<EventsPage *>(u"eventsPage"_s);
        QVERIFY(events);
        console.mainWindow()->showPage(events);
        QTRY_VERIFY_WITH_TIMEOUT(events->findChild<QLabel *>(u"relayStatusLabel"_s)->text().contains(u"No relay"),
                                 15'000);
        events->findChild<QPushButton *>(u"relayLinkButton"_s)->click();
        auto *dialog = events->findChild<QDialog *>(u"relayLinkDialog"_s);
        QVERIFY(dialog);
        dialog->findChild<QRadioButton *>(u"embeddedModeRadio"_s)->setChecked(true);
        dialog->findChild<QLineEdit *>(u"embeddedListenEdit"_s)->setText(u"127.0.0.1:%1"_s.arg(port));
        dialog->findChild<QLineEdit *>(u"webhookUserEdit"_s)->setText(u"platform"_s);
        dialog->findChild<QLineEdit *>(u"webhookPasswordEdit"_s)->setText(u"short"_s);
        auto *save = dialog->findChild<QDialogButtonBox *>(u"buttonBox"_s)->button(QDialogButtonBox::Save);
        save->click();
        QVERIFY(dialog->isVisible()); // a password that short is refused
        dialog->findChild<QLineEdit *>(u"webhookPasswordEdit"_s)->setText(u"correct horse battery"_s);
        const QString shots = qEnvironmentVariable("CONFERO_SCREENSHOT_DIR"); // for the documentation
        if (!shots.isEmpty())
            QVERIFY(dialog->grab().save(QDir(shots).filePath(u"relay-link-dialog.png"_s)));
        QPointer<QDialog> guard(dialog);
        save->click();
        QTRY_VERIFY_WITH_TIMEOUT(guard.isNull() || !guard->isVisible(), 15'000);

        auto *status = events->findChild<QLabel *>(u"relayStatusLabel"_s);
        QTRY_VERIFY_WITH_TIMEOUT(status->text().contains(u"Relay in this console: ready"), 15'000);
        const QString webhook = events->findChild<QLabel *>(u"webhookUrlLabel"_s)->text();
        QVERIFY2(webhook.contains(u"http://127.0.0.1:%1/hooks/enablex/sandbox"_s.arg(port)), qPrintable(webhook));

        QCOMPARE(postWebhook(port, "platform:wrong", R"({"type":"roomdrop"})"), 401);
        QCOMPARE(postWebhook(port, "platform:correct horse battery", R"({"type":"roomdrop","conf_num":"c-9"})"), 200);
        QTRY_COMPARE_WITH_TIMEOUT(events->model()->rowCount(), 1, 15'000);
        QCOMPARE(events->model()->index(0, EventListModel::Type).data().toString(), u"roomdrop"_s);
        if (!shots.isEmpty())
            QVERIFY(console.mainWindow()->grab().save(QDir(shots).filePath(u"events-embedded-relay.png"_s)));
    }
    // A new start runs the relay again from the saved settings and the keychain's password.
    ConsoleApplication console;
    QString error;
    QVERIFY2(console.start({true, {}, {}}, &error), qPrintable(error));
    auto *events = console.mainWindow()->findChild<EventsPage *>(u"eventsPage"_s);
    auto *status = events->findChild<QLabel *>(u"relayStatusLabel"_s);
    QTRY_VERIFY_WITH_TIMEOUT(status->text().contains(u"Relay in this console: ready"), 15'000);
    QCOMPARE(events->model()->rowCount(), 1);
    QCOMPARE(postWebhook(port, "platform:correct horse battery", R"({"type":"recording","conf_num":"c-9"})"), 200);
    QTRY_COMPARE_WITH_TIMEOUT(events->model()->rowCount(), 2, 15'000);
    QCOMPARE(events->model()->index(0, EventListModel::Type).data().toString(), u"recording"_s);
}

} // namespace confero

QTEST_MAIN(confero::TestConsoleApplication)
#include "TestConsoleApplication.moc"
