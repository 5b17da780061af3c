#include "UiTestSandbox.h"

#include "ErrorBanner.h"
#include "RoomDeletionQueue.h"
#include "RoomsPage.h"
#include "UndoNotice.h"
#include "models/RoomTableModel.h"
#include "platform/EnableXPlatform.h"

#include <QDialog>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>

using namespace Qt::StringLiterals;

namespace confero {

// The rooms page against the real sandbox: deleting with Undo (nothing reaches the platform until
// the window has passed), the listing error banner with Retry, the filter and the empty state.
class TestRoomsPage final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void undoRestoresRoomsAndSendsNoDelete();
    void deletesAreSentWhenTheUndoWindowPasses();
    void listingFailureShowsBannerAndRetryRecovers();
    void refusedDeleteGivesTheRoomBackAndSaysWhy();
    void filterNarrowsTheTableAndSaysWhenNothingMatches();
    void keyboardShortcutsActOnThePage();
    void clickingAHeaderSortsByThatColumn();

private:
    void selectRoomsNamed(const QStringList &names);
    int rowOf(const QString &name) const;

    std::unique_ptr<test::UiTestSandbox> m_sandbox;
    std::unique_ptr<RoomsPage> m_page;
    QTableView *m_table = nullptr;
};

void TestRoomsPage::init()
{
    m_sandbox = std::make_unique<test::UiTestSandbox>();
    QString error;
    QVERIFY2(m_sandbox->start(&error), qPrintable(error));
    m_page = std::make_unique<RoomsPage>();
    m_page->resize(1000, 600);
    m_page->show();
    m_table = m_page->findChild<QTableView *>(u"roomsTable"_s);
    QSignalSpy loaded(m_page.get(), &RoomsPage::roomsLoaded);
    m_page->setPlatform(m_sandbox->platform());
    QVERIFY(loaded.wait(15'000));
    QCOMPARE(m_table->model()->rowCount(), 4);
}

void TestRoomsPage::cleanup()
{
    m_page.reset();
    m_sandbox.reset();
}

int TestRoomsPage::rowOf(const QString &name) const
{
    for (int row = 0; row < m_table->model()->rowCount(); ++row) {
        if (m_table->model()->index(row, 0).data(RoomTableModel::RoomRole).value<Room>().name == name)
            return row;
    }
    return -1;
}

void TestRoomsPage::selectRoomsNamed(const QStringList &names)
{
    m_table->clearSelection();
    for (const QString &name : names) {
        const int row = rowOf(name);
        QVERIFY2(row >= 0, qPrintable(name));
        m_table->selectionModel()->select(m_table->model()->index(row, 0),
                                          QItemSelectionModel::Select | QItemSelectionModel::Rows);
    }
    QCOMPARE(m_page->selectedRooms().size(), names.size());
}

void TestRoomsPage::undoRestoresRoomsAndSendsNoDelete()
{
    m_page->deletionQueue()->setUndoWindowMs(60'000);
    const QStringList names{u"Team stand-up"_s, u"Quick support session"_s};
    selectRoomsNamed(names);
    QSignalSpy requests(m_sandbox->platform(), &VideoPlatform::requestStarted);

    m_page->deleteSelectedRooms();
    auto *notice = m_page->findChild<UndoNotice *>(u"undoNotice"_s);
    QVERIFY(notice->isVisible());
    QCOMPARE(notice->message(), u"2 rooms will be deleted."_s);
    QCOMPARE(notice->findChild<QLabel *>(u"countdown"_s)->text(), u"60 s"_s);
    for (const QString &name : names) {
        const QModelIndex index = m_table->model()->index(rowOf(name), 0);
        QVERIFY(index.data(RoomTableModel::PendingDeletionRole).toBool());
    }

    QTest::mouseClick(notice->findChild<QPushButton *>(u"undoButton"_s), Qt::LeftButton);
    QVERIFY(!notice->isVisible());
    QVERIFY(m_page->deletionQueue()->isIdle());
    for (const QString &name : names) {
        const QModelIndex index = m_table->model()->index(rowOf(name), 0);
        QVERIFY(!index.data(RoomTableModel::PendingDeletionRole).toBool());
    }
    QCOMPARE(requests.size(), 0);
    // Behind the UI's back: both rooms are still on the platform.
    QCOMPARE(m_sandbox->rooms().size(), 4);
    QVERIFY(!m_sandbox->roomNamed(u"Team stand-up"_s).isEmpty());
}

void TestRoomsPage::deletesAreSentWhenTheUndoWindowPasses()
{
    m_page->deletionQueue()->setUndoWindowMs(600);
    selectRoomsNamed({u"Team stand-up"_s, u"Quick support session"_s});
    QSignalSpy settled(m_page->deletionQueue(), &RoomDeletionQueue::settled);
    QSignalSpy deleted(m_page->deletionQueue(), &RoomDeletionQueue::roomDeleted);

    m_page->deleteSelectedRooms();
    // Nothing has gone out yet: the rooms are only marked.
    QCOMPARE(m_sandbox->rooms().size(), 4);
    QCOMPARE(m_table->model()->rowCount(), 4);

    QVERIFY(settled.wait(15'000));
    QCOMPARE(deleted.size(), 2);
    QCOMPARE(m_table->model()->rowCount(), 2);
    QCOMPARE(rowOf(u"Team stand-up"_s), -1);
    QVERIFY(!m_page->findChild<UndoNotice *>(u"undoNotice"_s)->isVisible());
    QCOMPARE(m_sandbox->rooms().size(), 2);
    QVERIFY(m_sandbox->roomNamed(u"Team stand-up"_s).isEmpty());
    QVERIFY(m_sandbox->roomNamed(u"Quick support session"_s).isEmpty());
}

void TestRoomsPage::listingFailureShowsBannerAndRetryRecovers()
{
    QVERIFY(m_sandbox->setFaults(QJsonArray{QJsonObject{{u"kind"_s, u"status"_s},
                                                        {u"status"_s, 503},
                                                        {u"result"_s, 50002},
                                                        {u"match"_s, u"/rooms"_s},
                                                        {u"count"_s, -1}}}));
    QSignalSpy failed(m_page.get(), &RoomsPage::listingFailed);
    m_page->refresh();
    QVERIFY(failed.wait(15'000));

    auto *banner = m_page->findChild<ErrorBanner *>(u"listingErrorBanner"_s);
    QVERIFY(banner->isVisible());
    const QString message = banner->findChild<QLabel *>(u"message"_s)->text();
    QVERIFY(!message.isEmpty());
    // Words for a person, not the transport's: no raw status line or JSON.
    QVERIFY2(!message.contains(u'{'), qPrintable(message));
    auto *retry = banner->findChild<QPushButton *>(u"retryButton"_s);
    QVERIFY(retry->isVisible());

    QVERIFY(m_sandbox->clearFaults());
    QSignalSpy loaded(m_page.get(), &RoomsPage::roomsLoaded);
    QTest::mouseClick(retry, Qt::LeftButton);
    QVERIFY(loaded.wait(15'000));
    QVERIFY(!banner->isVisible());
    QCOMPARE(m_table->model()->rowCount(), 4);
}

void TestRoomsPage::refusedDeleteGivesTheRoomBackAndSaysWhy()
{
    const QString roomId = m_sandbox->roomNamed(u"Team stand-up"_s).value(u"room_id").toString();
    QVERIFY(!roomId.isEmpty());
    // The platform refuses to delete a room with a live session (10030).
    QVERIFY(m_sandbox->setFaults(QJsonArray{QJsonObject{{u"kind"_s, u"status"_s},
                                                        {u"status"_s, 400},
                                                        {u"result"_s, 10030},
                                                        {u"match"_s, QString(u"/rooms/"_s + roomId)},
                                                        {u"count"_s, -1}}}));
    m_page->deletionQueue()->setUndoWindowMs(300);
    selectRoomsNamed({u"Team stand-up"_s});
    QSignalSpy failed(m_page->deletionQueue(), &RoomDeletionQueue::deleteFailed);
    m_page->deleteSelectedRooms();
    QVERIFY(failed.wait(15'000));

    const int row = rowOf(u"Team stand-up"_s);
    QVERIFY(row >= 0);
    QVERIFY(!m_table->model()->index(row, 0).data(RoomTableModel::PendingDeletionRole).toBool());
    auto *banner = m_page->findChild<ErrorBanner *>(u"listingErrorBanner"_s);
    QVERIFY(banner->isVisible());
    QVERIFY2(banner->message().contains(u"Team stand-up"_s), qPrintable(banner->message()));
    QVERIFY(!m_sandbox->roomNamed(u"Team stand-up"_s).isEmpty());
}

void TestRoomsPage::filterNarrowsTheTableAndSaysWhenNothingMatches()
{
    auto *filter = m_page->findChild<QLineEdit *>(u"filterEdit"_s);
    QTest::keyClicks(filter, u"roadmap"_s);
    QCOMPARE(m_table->model()->rowCount(), 1);
    QVERIFY(m_table->isVisible());

    filter->setText(u"no such room anywhere"_s);
    QCOMPARE(m_table->model()->rowCount(), 0);
    auto *empty = m_page->findChild<QLabel *>(u"emptyStateLabel"_s);
    QVERIFY(empty->isVisible());
    QVERIFY(empty->text().contains(u"no such room anywhere"_s));

    filter->clear();
    QVERIFY(m_table->isVisible());
    QCOMPARE(m_table->model()->rowCount(), 4);
}

void TestRoomsPage::keyboardShortcutsActOnThePage()
{
    m_page->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_page.get()));
    m_page->deletionQueue()->setUndoWindowMs(60'000);

    // Ctrl+F: to the filter.
    m_table->setFocus();
    QTest::keyClick(m_table, Qt::Key_F, Qt::ControlModifier);
    QVERIFY(m_page->findChild<QLineEdit *>(u"filterEdit"_s)->hasFocus());

    // F5: a new listing.
    QSignalSpy loaded(m_page.get(), &RoomsPage::roomsLoaded);
    QTest::keyClick(m_table, Qt::Key_F5);
    QVERIFY(loaded.wait(15'000));

    // Del: the selected room waits for deletion.
    selectRoomsNamed({u"Team stand-up"_s});
    m_table->setFocus();
    QTest::keyClick(m_table, Qt::Key_Delete);
    QCOMPARE(m_page->deletionQueue()->waitingIds().size(), 1);
    m_page->undoDelete();

    // Ctrl+N: the room editor.
    QTest::keyClick(m_table, Qt::Key_N, Qt::ControlModifier);
    QTRY_VERIFY_WITH_TIMEOUT(m_page->findChild<QDialog *>(u"RoomEditorDialog"_s) != nullptr, 5'000);
}

void TestRoomsPage::clickingAHeaderSortsByThatColumn()
{
    QHeaderView *header = m_table->horizontalHeader();
    const auto participants = [this](int row) {
        return m_table->model()->index(row, RoomTableModel::Participants).data().toInt();
    };
    QTest::mouseClick(header->viewport(), Qt::LeftButton, {},
                      QPoint(header->sectionViewportPosition(RoomTableModel::Participants) + 5, header->height() / 2));
    const Qt::SortOrder first = header->sortIndicatorOrder();
    QCOMPARE(header->sortIndicatorSection(), int(RoomTableModel::Participants));
    for (int row = 1; row < m_table->model()->rowCount(); ++row) {
        if (first == Qt::AscendingOrder)
            QVERIFY(participants(row - 1) <= participants(row));
        else
            QVERIFY(participants(row - 1) >= participants(row));
    }
    // Numbers sort as numbers: 100 is not between 12 and 2.
    const int top = participants(0);
    QCOMPARE(top, first == Qt::AscendingOrder ? 2 : 100);
}

} // namespace confero

QTEST_MAIN(confero::TestRoomsPage)
#include "TestRoomsPage.moc"
