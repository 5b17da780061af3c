#include "TestSupport.h"
#include "UiTestSandbox.h"

#include "RoomsPage.h"
#include "TokenDialog.h"
#include "config/ProjectStore.h"
#include "config/TokenLog.h"
#include "domain/JoinToken.h"
#include "models/RoomTableModel.h"
#include "platform/EnableXPlatform.h"
#include "store/Store.h"

#include <QClipboard>
#include <QComboBox>
#include <QGuiApplication>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPointer>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace confero {

// Issuing a join token from the rooms page: the token, what it decodes to, Copy, the token log
// (a hash, never the token), and the fields' own errors.
class TestTokenDialog final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void issuedTokenIsShownDecodedAndLoggedAsHash();
    void missingNameIsShownBesideTheField();

private:
    TokenDialog *openForRoom(const QString &name);

    QTemporaryDir m_dir;
    std::unique_ptr<Store> m_store;
    std::unique_ptr<ProjectStore> m_projects;
    std::unique_ptr<TokenLog> m_log;
    qint64 m_projectId = 0;
    std::unique_ptr<test::UiTestSandbox> m_sandbox;
    std::unique_ptr<RoomsPage> m_page;
};

void TestTokenDialog::init()
{
    QVERIFY(m_dir.isValid());
    m_store = std::make_unique<Store>();
    const StoreResult<bool> opened = m_store->open(Store::defaultLocation(m_dir.path()));
    QVERIFY2(opened.ok(), opened.ok() ? "" : qPrintable(opened.error().message));
    m_log = std::make_unique<TokenLog>(m_store.get());
    m_projects = std::make_unique<ProjectStore>(m_store.get());

    m_sandbox = std::make_unique<test::UiTestSandbox>();
    QString error;
    QVERIFY2(m_sandbox->start(&error), qPrintable(error));
    m_projectId = m_projects->ensureSandboxProject(m_sandbox->apiBaseUrl(), m_sandbox->appId()).id;
    QVERIFY(m_projectId != 0);
    m_page = std::make_unique<RoomsPage>();
    m_page->setTokenLog(m_log.get());
    m_page->show();
    QSignalSpy loaded(m_page.get(), &RoomsPage::roomsLoaded);
    m_page->setPlatform(m_sandbox->platform(), m_projectId);
    QVERIFY(loaded.wait(15'000));
}

void TestTokenDialog::cleanup()
{
    m_page.reset();
    m_sandbox.reset();
    m_log.reset();
    m_projects.reset();
    m_store.reset();
}

TokenDialog *TestTokenDialog::openForRoom(const QString &name)
{
    auto *table = m_page->findChild<QTableView *>(u"roomsTable"_s);
    for (int row = 0; row < table->model()->rowCount(); ++row) {
        if (table->model()->index(row, RoomTableModel::Name).data(RoomTableModel::RoomRole).value<Room>().name == name)
            table->selectionModel()->select(table->model()->index(row, 0),
                                            QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    }
    m_page->issueTokenForSelectedRoom();
    return m_page->findChild<TokenDialog *>();
}

void TestTokenDialog::issuedTokenIsShownDecodedAndLoggedAsHash()
{
    QPointer<TokenDialog> dialog = openForRoom(u"Team stand-up"_s);
    QVERIFY(dialog);
    const QString roomId = m_sandbox->roomNamed(u"Team stand-up"_s).value(u"room_id").toString();
    QVERIFY(!roomId.isEmpty());

    QTest::keyClicks(dialog->findChild<QLineEdit *>(u"nameEdit"_s), u"Alice"_s);
    dialog->findChild<QComboBox *>(u"roleCombo"_s)->setCurrentIndex(0); // moderator
    QTest::keyClicks(dialog->findChild<QLineEdit *>(u"userRefEdit"_s), u"u-1"_s);
    QSignalSpy issued(dialog.data(), &TokenDialog::tokenIssued);
    QTest::mouseClick(dialog->findChild<QPushButton *>(u"issueButton"_s), Qt::LeftButton);
    QVERIFY(issued.wait(15'000));

    const QString token = dialog->findChild<QLineEdit *>(u"tokenEdit"_s)->text();
    QVERIFY(!token.isEmpty());
    QVERIFY(dialog->findChild<QLineEdit *>(u"tokenEdit"_s)->isReadOnly());
    const std::optional<JoinToken> decoded = JoinToken::decode(token);
    QVERIFY(decoded);
    QCOMPARE(decoded->roomId, roomId);

    auto *view = dialog->findChild<QPlainTextEdit *>(u"decodedView"_s);
    QVERIFY(view->isVisible());
    QVERIFY(view->isReadOnly());
    QVERIFY(view->toPlainText().contains(u"\"tokenId\""_s));
    QVERIFY(view->toPlainText().contains(roomId));
    // Pretty-printed: one key a line, not one long line.
    QVERIFY(view->toPlainText().count(u'\n') > 5);

    QTest::mouseClick(dialog->findChild<QPushButton *>(u"copyButton"_s), Qt::LeftButton);
    QCOMPARE(QGuiApplication::clipboard()->text(), token);

    const QList<TokenLog::Entry> entries = m_log->entries(m_projectId, roomId);
    QCOMPARE(entries.size(), 1);
    QCOMPARE(entries.first().role, u"moderator"_s);
    QCOMPARE(entries.first().userRef, u"u-1"_s);
    QCOMPARE(entries.first().tokenSha256, TokenLog::sha256Hex(token));
    m_store->close();
    // Neither the database nor its journal holds the token itself.
    QVERIFY(test::filesContaining(m_dir.path(), token.toUtf8()).isEmpty());
}

void TestTokenDialog::missingNameIsShownBesideTheField()
{
    QPointer<TokenDialog> dialog = openForRoom(u"Team stand-up"_s);
    QVERIFY(dialog);
    QSignalSpy requests(m_sandbox->platform(), &VideoPlatform::requestStarted);
    QTest::keyClicks(dialog->findChild<QLineEdit *>(u"userRefEdit"_s), u"u-2"_s);
    QTest::mouseClick(dialog->findChild<QPushButton *>(u"issueButton"_s), Qt::LeftButton);

    QVERIFY(dialog->findChild<QLabel *>(u"nameError"_s)->isVisible());
    QVERIFY(!dialog->findChild<QLabel *>(u"userRefError"_s)->isVisible());
    QVERIFY(!dialog->findChild<QWidget *>(u"resultGroup"_s)->isVisible());
    QCOMPARE(requests.size(), 0);
}

} // namespace confero

QTEST_MAIN(confero::TestTokenDialog)
#include "TestTokenDialog.moc"
