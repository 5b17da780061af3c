// The Events page (issue 6) against a real confero-relay in this process, a real SQLite store and the
// real keychain (the test runs in the D-Bus session with gnome-keyring that the suite starts): the
// relay link is set through its dialog (a wrong address and a wrong token refused beside the field),
// a webhook posted to the relay appears in the table with its whole body, and removing the link
// stops it. Widgets are found by object name.
#include "ErrorBanner.h"
#include "EventsPage.h"
#include "RelayServer.h"
#include "RelayTestDatabase.h"
#include "TestSupport.h"
#include "config/ProjectStore.h"
#include "config/SecretStore.h"
#include "models/EventListModel.h"
#include "relaylink/RelayConnection.h"
#include "relaylink/RelayLinkStore.h"
#include "store/Store.h"

#include <QDialog>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace confero;
using namespace Qt::StringLiterals;

class TestEventsPage : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    Store m_store;
    SecretStore m_secrets;
    qint64 m_projectId = 0;
    QString m_token;
    std::unique_ptr<relay::RelayServer> m_relay;

    QDialog *openDialog(EventsPage *page)
    {
        page->findChild<QPushButton *>(u"relayLinkButton"_s)->click();
        // A dialog closed before may still wait for its deletion: the open one is the visible one.
        const QList<QDialog *> dialogs = page->findChildren<QDialog *>(u"relayLinkDialog"_s);
        for (QDialog *dialog : dialogs) {
            if (dialog->isVisible())
                return dialog;
        }
        return nullptr;
    }

    static void save(QDialog *dialog)
    {
        dialog->findChild<QDialogButtonBox *>(u"buttonBox"_s)->button(QDialogButtonBox::Save)->click();
    }

    int postWebhook(const QByteArray &body) const
    {
        // text/plain: the relay takes a webhook whatever Content-Type it says.
        return test::postWebhook(m_relay->baseUrl().resolved(QUrl(u"/hooks/enablex/acme"_s)), "platform:s3cret", body,
                                 u"text/plain"_s);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        const StoreResult<bool> opened = m_store.open(m_dir.filePath(u"confero.sqlite"_s));
        QVERIFY2(opened, opened ? "" : qPrintable(opened.error().detail));
        ProjectStore projects(&m_store);
        const StoreResult<Project> project =
            projects.add({0, u"Acme"_s, QUrl(u"https://api.example.com/video/v2/"_s), u"app-1"_s, false});
        QVERIFY2(project, project ? "" : qPrintable(project.error().message));
        m_projectId = project.value().id;

        QString error;
        const QString relayDb = m_dir.filePath(u"relay/relay.sqlite"_s);
        QVERIFY(QDir().mkpath(m_dir.filePath(u"relay"_s)));
        const std::optional<QString> token = test::createRelayTestDatabase(relayDb, u"platform:s3cret"_s, &error);
        QVERIFY2(token, qPrintable(error));
        m_token = *token;
        relay::RelayServer::Options options;
        options.databasePath = relayDb;
        m_relay = std::make_unique<relay::RelayServer>(options);
        QVERIFY2(m_relay->start(QHostAddress::LocalHost, 0, &error), qPrintable(error));
    }

    void setLinkSeeWebhooksRemoveLink()
    {
        EventsPage page(&m_store, &m_secrets);
        RelayConnection connection(&m_store, &m_secrets, m_projectId);
        connection.start();
        page.setProject(m_projectId, u"Acme"_s, &connection);
        // What the console does (ConsoleApplication): a changed link starts again.
        connect(&page, &EventsPage::relayLinkChanged, &connection, &RelayConnection::start);
        page.resize(900, 600);
        page.show();
        auto *status = page.findChild<QLabel *>(u"relayStatusLabel"_s);
        QVERIFY(status->text().contains(u"No relay"));

        // A wrong address, then a wrong token: refused in words, the dialog stays open.
        QDialog *dialog = openDialog(&page);
        QVERIFY(dialog);
        auto *url = dialog->findChild<QLineEdit *>(u"relayUrlEdit"_s);
        auto *token = dialog->findChild<QLineEdit *>(u"relayTokenEdit"_s);
        auto *problem = dialog->findChild<ErrorBanner *>(u"relayProblemBanner"_s);
        QCOMPARE(token->echoMode(), QLineEdit::Password);
        url->setText(u"relay.example.com:8443"_s);
        token->setText(m_token);
        save(dialog);
        QVERIFY(dialog->isVisible());
        QVERIFY(problem->isVisible());
        QVERIFY2(problem->message().contains(u"https://"), qPrintable(problem->message()));
        url->setText(m_relay->baseUrl().toString());
        token->setText(u"not-a-token"_s);
        save(dialog);
        QVERIFY(dialog->isVisible());
        QVERIFY2(problem->message().contains(u"crs_"), qPrintable(problem->message()));

        // Right: the token goes to the keychain, the address to the store, and the link starts.
        token->setText(m_token);
        QPointer<QDialog> guard(dialog);
        save(dialog);
        QTRY_VERIFY_WITH_TIMEOUT(guard.isNull() || !guard->isVisible(), 15'000);
        QCOMPARE(m_secrets.readNow(RelayLinkStore::tokenKeyName(m_projectId)).value, m_token);
        QTRY_COMPARE_WITH_TIMEOUT(connection.status(), RelayConnection::Status::Streaming, 15'000);
        QVERIFY2(status->text().contains(u"streaming from 127.0.0.1"), qPrintable(status->text()));

        // A webhook posted to the relay reaches the table, newest first, with its whole body.
        QCOMPARE(postWebhook(R"({"type":"roomdrop","app_id":"app-1","room_id":"r1","conf_num":"c-1"})"), 200);
        QCOMPARE(postWebhook(R"({"type":"recording","app_id":"app-1","room_id":"r1","conf_num":"c-1"})"), 200);
        auto *table = page.findChild<QTableView *>(u"eventsTable"_s);
        QTRY_COMPARE_WITH_TIMEOUT(table->model()->rowCount(), 2, 15'000);
        QCOMPARE(table->model()->index(0, EventListModel::Type).data().toString(), u"recording"_s);
        QCOMPARE(table->model()->index(1, EventListModel::Type).data().toString(), u"roomdrop"_s);
        table->selectRow(1);
        const QString body = page.findChild<QPlainTextEdit *>(u"eventBodyView"_s)->toPlainText();
        QVERIFY2(body.contains(u"\"conf_num\": \"c-1\""), qPrintable(body)); // pretty-printed
        QVERIFY2(!body.contains(u"recording"), qPrintable(body));
        // One more keeps the selected row selected (rows are inserted at the top).
        QCOMPARE(postWebhook(R"({"type":"transcoded","app_id":"app-1"})"), 200);
        QTRY_COMPARE_WITH_TIMEOUT(table->model()->rowCount(), 3, 15'000);
        QCOMPARE(table->currentIndex().row(), 2);
        QCOMPARE(table->currentIndex().siblingAtColumn(EventListModel::Type).data().toString(), u"roomdrop"_s);
        // For the documentation (README, "Screenshots"): the page as a user sees it now.
        if (const QString shots = qEnvironmentVariable("CONFERO_SCREENSHOT_DIR"); !shots.isEmpty())
            QVERIFY(page.grab().save(QDir(shots).filePath(u"events-page.png"_s)));

        // The dialog again: the address is shown, the token is not; Remove link stops the link.
        dialog = openDialog(&page);
        QVERIFY(dialog);
        QCOMPARE(dialog->findChild<QLineEdit *>(u"relayUrlEdit"_s)->text(), m_relay->baseUrl().toString());
        QVERIFY(dialog->findChild<QLineEdit *>(u"relayTokenEdit"_s)->text().isEmpty());
        guard = dialog;
        dialog->findChild<QPushButton *>(u"removeLinkButton"_s)->click();
        QTRY_VERIFY_WITH_TIMEOUT(guard.isNull() || !guard->isVisible(), 15'000);
        QTRY_COMPARE_WITH_TIMEOUT(connection.status(), RelayConnection::Status::NotConfigured, 5'000);
        QVERIFY(status->text().contains(u"No relay"));
        QVERIFY(!m_secrets.readNow(RelayLinkStore::tokenKeyName(m_projectId)).ok);
        QCOMPARE(table->model()->rowCount(), 3); // what was stored stays
    }
};

QTEST_MAIN(TestEventsPage)
#include "TestEventsPage.moc"
