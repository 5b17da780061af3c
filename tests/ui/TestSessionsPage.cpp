#include "UiTestSandbox.h"

#include "ErrorBanner.h"
#include "SessionTimelineWidget.h"
#include "SessionsPage.h"
#include "models/SessionParticipantModel.h"
#include "models/SessionTableModel.h"
#include "platform/EnableXPlatform.h"
#include "store/Store.h"

#include <QApplication>
#include <QComboBox>
#include <QDateEdit>
#include <QDialog>
#include <QHeaderView>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QNetworkReply>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QSqlQuery>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

using namespace Qt::StringLiterals;

namespace confero {

namespace {
constexpr int kWaitMs = 30'000; // a sync of 30 days on a loaded 2-core machine
constexpr int kDays = 6;
constexpr int kSessionsPerDay = 5;
} // namespace

// The Sessions page against the real sandbox in this process: simulated history synced with
// "Sync now" into a real SQLite store, the rows, sorting by a header both ways, the filters, the
// timeline of a session with a rejoin, Cancel, a failing sync in the banner with Retry, and the
// keyboard (Ctrl+F, Enter).
class TestSessionsPage final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void syncShowsTheSimulatedSessions();
    void headerSortsBothWays();
    void filtersNarrowTheSessions();
    void rejoinIsTwoBarsOnOneLine();
    void cancelStopsTheSync();
    void failedSyncShowsBannerAndRetryRecovers();
    void keyboardReachesFilterAndDetail();

private:
    QJsonObject postControl(const QString &path, const QJsonObject &body);
    bool sync();
    int rowCountWhenCounted();
    QList<QVariant> column(int column, int role);

    std::unique_ptr<test::UiTestSandbox> m_sandbox;
    QTemporaryDir m_dir;
    std::unique_ptr<Store> m_store;
    qint64 m_projectId = 0;
    int m_simulatedSessions = 0;
    std::unique_ptr<SessionsPage> m_page;
    QTableView *m_table = nullptr;
};

QJsonObject TestSessionsPage::postControl(const QString &path, const QJsonObject &body)
{
    QUrl url = m_sandbox->apiBaseUrl();
    url.setPath(u"/sandbox/"_s + path);
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, u"application/json"_s);
    QNetworkReply *reply = m_sandbox->network()->post(request, QJsonDocument(body).toJson(QJsonDocument::Compact));
    QSignalSpy finished(reply, &QNetworkReply::finished);
    finished.wait(kWaitMs);
    QJsonObject answer = QJsonDocument::fromJson(reply->readAll()).object();
    reply->deleteLater();
    return answer;
}

void TestSessionsPage::init()
{
    QVERIFY(m_dir.isValid());
    m_sandbox = std::make_unique<test::UiTestSandbox>();
    QString error;
    QVERIFY2(m_sandbox->start(&error), qPrintable(error));
    const QDate yesterday = QDateTime::currentDateTimeUtc().date().addDays(-1);
    const QJsonObject simulated = postControl(u"cdr/simulate"_s,
                                              {{u"days"_s, kDays},
                                               {u"sessions_per_day"_s, kSessionsPerDay},
                                               {u"seed"_s, 11},
                                               {u"end_date"_s, yesterday.toString(Qt::ISODate)}});
    QCOMPARE(simulated.value(u"result"_s).toInt(-1), 0);
    m_simulatedSessions = simulated.value(u"sessions"_s).toInt();
    QCOMPARE(m_simulatedSessions, kDays * kSessionsPerDay);

    m_store = std::make_unique<Store>();
    QVERIFY(m_store->open(m_dir.filePath(QString::number(QDateTime::currentMSecsSinceEpoch()) + u".sqlite"_s)));
    QSqlQuery query(m_store->database());
    QVERIFY(query.exec(u"INSERT INTO projects (name, api_base_url, app_id, is_sandbox, created_at) "
                       "VALUES ('Sandbox', 'http://127.0.0.1/', 'app', 1, 0)"_s));
    QVERIFY(query.exec(u"SELECT id FROM projects"_s) && query.next());
    m_projectId = query.value(0).toLongLong();

    m_page = std::make_unique<SessionsPage>(m_store.get());
    m_page->resize(1200, 800);
    m_page->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_page.get()));
    m_page->setPlatform(m_sandbox->platform(), m_projectId);
    m_table = m_page->findChild<QTableView *>(u"sessionTable"_s);
    QVERIFY(m_table);
    QCOMPARE(rowCountWhenCounted(), 0); // nothing stored yet
}

void TestSessionsPage::cleanup()
{
    m_page.reset();
    m_store.reset();
    m_sandbox.reset();
}

bool TestSessionsPage::sync()
{
    QSignalSpy finished(m_page.get(), &SessionsPage::syncFinished);
    QTest::mouseClick(m_page->findChild<QPushButton *>(u"syncButton"_s), Qt::LeftButton);
    if (!m_page->isSyncing() && finished.isEmpty())
        return false;
    if (finished.isEmpty() && !finished.wait(kWaitMs))
        return false;
    return finished.constFirst().at(0).toBool();
}

int TestSessionsPage::rowCountWhenCounted()
{
    auto *count = m_page->findChild<QLabel *>(u"countLabel"_s);
    if (!QTest::qWaitFor([&] { return !m_page->sessionModel()->isCounting(); }, kWaitMs))
        return -1;
    if (count->text() == u"counting…"_s)
        return -2;
    return m_table->model()->rowCount();
}

QList<QVariant> TestSessionsPage::column(int column, int role)
{
    QList<QVariant> values;
    QAbstractItemModel *model = m_table->model();
    for (int row = 0; row < model->rowCount(); ++row) {
        const QModelIndex index = model->index(row, column);
        if (!QTest::qWaitFor([&] { return !index.data(SessionTableModel::LoadingRole).toBool(); }, kWaitMs))
            return {};
        values.append(index.data(role));
    }
    return values;
}

void TestSessionsPage::syncShowsTheSimulatedSessions()
{
    auto *count = m_page->findChild<QLabel *>(u"countLabel"_s);
    QCOMPARE(count->text(), u"0 session(s)"_s);
    QVERIFY(m_page->findChild<QLabel *>(u"zoneLabel"_s)->text().startsWith(u"Times in local time"_s));

    QVERIFY(sync());
    // The refresh after the sync says "counting…" and then the number.
    QCOMPARE(rowCountWhenCounted(), m_simulatedSessions);
    QCOMPARE(count->text(), u"%1 session(s)"_s.arg(m_simulatedSessions));
    QVERIFY(m_page->findChild<QLabel *>(u"syncStatus"_s)->text().startsWith(u"Synced"_s));

    // Newest first, and the start shown in local time.
    const QList<QVariant> starts = column(SessionTableModel::Start, SessionTableModel::SortRole);
    QCOMPARE(starts.size(), m_simulatedSessions);
    for (int i = 1; i < starts.size(); ++i)
        QVERIFY(starts.at(i - 1).toLongLong() >= starts.at(i).toLongLong());
    const QString shown = m_table->model()->index(0, SessionTableModel::Start).data().toString();
    QCOMPARE(shown,
             QDateTime::fromMSecsSinceEpoch(starts.constFirst().toLongLong())
                 .toLocalTime()
                 .toString(u"yyyy-MM-dd HH:mm:ss"_s));

    // The rooms the sessions were in are offered in the room filter.
    auto *rooms = m_page->findChild<QComboBox *>(u"roomCombo"_s);
    QTRY_VERIFY_WITH_TIMEOUT(rooms->count() > 1, kWaitMs);

    // A second sync of the same period stores nothing new.
    QVERIFY(sync());
    QCOMPARE(rowCountWhenCounted(), m_simulatedSessions);
}

void TestSessionsPage::headerSortsBothWays()
{
    QVERIFY(sync());
    QCOMPARE(rowCountWhenCounted(), m_simulatedSessions);
    QHeaderView *header = m_table->horizontalHeader();
    const int x = header->sectionViewportPosition(SessionTableModel::Duration)
        + header->sectionSize(SessionTableModel::Duration) / 2;
    QTest::mouseClick(header->viewport(), Qt::LeftButton, {}, QPoint(x, header->height() / 2));
    QCOMPARE(m_page->sessionModel()->sortOrder().column, u"duration_s"_s);
    const bool firstDescending = m_page->sessionModel()->sortOrder().descending;
    QList<QVariant> durations = column(SessionTableModel::Duration, SessionTableModel::SortRole);
    QCOMPARE(durations.size(), m_simulatedSessions);
    for (int i = 1; i < durations.size(); ++i) {
        if (firstDescending)
            QVERIFY(durations.at(i - 1).toDouble() >= durations.at(i).toDouble());
        else
            QVERIFY(durations.at(i - 1).toDouble() <= durations.at(i).toDouble());
    }
    QTest::mouseClick(header->viewport(), Qt::LeftButton, {}, QPoint(x, header->height() / 2));
    QCOMPARE(m_page->sessionModel()->sortOrder().descending, !firstDescending);
    durations = column(SessionTableModel::Duration, SessionTableModel::SortRole);
    for (int i = 1; i < durations.size(); ++i) {
        if (firstDescending)
            QVERIFY(durations.at(i - 1).toDouble() <= durations.at(i).toDouble());
        else
            QVERIFY(durations.at(i - 1).toDouble() >= durations.at(i).toDouble());
    }
    QCOMPARE(m_table->model()->rowCount(), m_simulatedSessions); // a sort keeps the count
}

void TestSessionsPage::filtersNarrowTheSessions()
{
    QVERIFY(sync());
    QCOMPARE(rowCountWhenCounted(), m_simulatedSessions);

    // The name of someone in the newest session: at least that session, not every one.
    m_table->selectRow(0);
    QTRY_VERIFY_WITH_TIMEOUT(!m_page->shownSession().isEmpty(), kWaitMs);
    const QString name = m_page->participantModel()->index(1, SessionParticipantModel::Name).data().toString();
    QVERIFY(!name.isEmpty());
    auto *text = m_page->findChild<QLineEdit *>(u"participantFilter"_s);
    text->setFocus();
    QTest::keyClicks(text, name);
    QTest::keyClick(text, Qt::Key_Return);
    const int withName = rowCountWhenCounted();
    QVERIFY2(withName >= 1 && withName < m_simulatedSessions, qPrintable(QString::number(withName)));
    // Each of those sessions has a participant of that name.
    for (int row = 0; row < withName; ++row) {
        const QModelIndex index = m_table->model()->index(row, 0);
        QTRY_VERIFY_WITH_TIMEOUT(!index.data(SessionTableModel::LoadingRole).toBool(), kWaitMs);
        SessionParticipantModel check(m_store.get(), m_projectId);
        QVERIFY(check.setSession(index.data(SessionTableModel::ConfNumRole).toString()));
        bool found = false;
        for (int r = 0; r < check.rowCount(); ++r)
            found = found
                || check.index(r, SessionParticipantModel::Name).data().toString().contains(name, Qt::CaseInsensitive);
        QVERIFY(found);
    }
    text->clear();
    QTest::keyClick(text, Qt::Key_Return);
    QCOMPARE(rowCountWhenCounted(), m_simulatedSessions);

    // A minimum duration of 30 minutes: only sessions at least that long.
    auto *minimum = m_page->findChild<QSpinBox *>(u"minDuration"_s);
    minimum->setValue(30);
    const int longOnes = rowCountWhenCounted();
    QVERIFY(longOnes > 0 && longOnes < m_simulatedSessions);
    for (const QVariant &duration : column(SessionTableModel::Duration, SessionTableModel::SortRole))
        QVERIFY(duration.toDouble() >= 1800);
    minimum->setValue(0);
    QCOMPARE(rowCountWhenCounted(), m_simulatedSessions);

    // A room: only its sessions.
    auto *rooms = m_page->findChild<QComboBox *>(u"roomCombo"_s);
    QTRY_VERIFY_WITH_TIMEOUT(rooms->count() > 1, kWaitMs);
    const QString roomId = rooms->itemData(1).toString();
    rooms->setCurrentIndex(1);
    Q_EMIT rooms->activated(1);
    const int inRoom = rowCountWhenCounted();
    QVERIFY(inRoom > 0 && inRoom <= m_simulatedSessions);
    QCOMPARE(m_page->filter().roomId, roomId);
    for (const QVariant &room : column(SessionTableModel::Room, Qt::ToolTipRole))
        QCOMPARE(room.toString(), roomId);

    // A period with no sessions: "All time" finds them again.
    auto *preset = m_page->findChild<QComboBox *>(u"presetCombo"_s);
    rooms->setCurrentIndex(0);
    Q_EMIT rooms->activated(0);
    QCOMPARE(rowCountWhenCounted(), m_simulatedSessions);
    auto *from = m_page->findChild<QDateEdit *>(u"fromDate"_s);
    auto *to = m_page->findChild<QDateEdit *>(u"toDate"_s);
    from->setDate(QDate(2020, 1, 1));
    to->setDate(QDate(2020, 1, 31));
    Q_EMIT to->editingFinished();
    QCOMPARE(preset->currentIndex(), int(SessionsPage::Custom)); // a date of one's own makes the period custom
    QCOMPARE(rowCountWhenCounted(), 0);
    QCOMPARE(m_page->findChild<QLabel *>(u"countLabel"_s)->text(), u"0 session(s)"_s);
    preset->setCurrentIndex(SessionsPage::AllTime);
    Q_EMIT preset->activated(SessionsPage::AllTime);
    QVERIFY(!m_page->filter().from.isValid());
    QCOMPARE(rowCountWhenCounted(), m_simulatedSessions);
}

void TestSessionsPage::rejoinIsTwoBarsOnOneLine()
{
    QVERIFY(sync());
    QCOMPARE(rowCountWhenCounted(), m_simulatedSessions);
    auto *timeline = m_page->findChild<SessionTimelineWidget *>(u"timeline"_s);
    QVERIFY(timeline);
    // Look through the sessions for one where somebody rejoined (the simulator makes rejoins).
    int rejoinLane = -1;
    for (int row = 0; row < m_simulatedSessions && rejoinLane < 0; ++row) {
        m_table->setCurrentIndex(m_table->model()->index(row, 0));
        QTRY_VERIFY_WITH_TIMEOUT(!m_page->shownSession().isEmpty(), kWaitMs);
        QCOMPARE(m_page->shownSession(),
                 m_table->model()->index(row, 0).data(SessionTableModel::ConfNumRole).toString());
        const QList<SessionTimelineLane> &lanes = timeline->lanes();
        // One line per person: the table's "participants" number.
        QCOMPARE(QString::number(lanes.size()),
                 m_table->model()->index(row, SessionTableModel::Participants).data().toString());
        int bars = 0;
        for (int lane = 0; lane < lanes.size(); ++lane) {
            bars += static_cast<int>(lanes.at(lane).bars.size());
            if (lanes.at(lane).bars.size() > 1 && rejoinLane < 0)
                rejoinLane = lane;
        }
        QCOMPARE(bars, m_page->participantModel()->rowCount()); // a bar per connection
    }
    QVERIFY2(rejoinLane >= 0, "no simulated session has a rejoin");
    const SessionTimelineLane &lane = timeline->lanes().at(rejoinLane);
    const QRect first = timeline->barRect(rejoinLane, 0);
    const QRect second = timeline->barRect(rejoinLane, 1);
    QVERIFY(first.isValid() && second.isValid());
    QCOMPARE(first.top(), second.top()); // on one line
    QVERIFY(first.right() <= second.left()); // one after the other, apart
    QVERIFY(lane.bars.at(0).second <= lane.bars.at(1).first);
    // Each bar says who it is and when.
    const QString tip = timeline->toolTipAt(second.center());
    QVERIFY2(tip.startsWith(lane.label), qPrintable(tip));
    QVERIFY(tip.contains(u"Connection 2 of"_s));
    QVERIFY(tip.contains(QDateTime::fromMSecsSinceEpoch(lane.bars.at(1).first).toLocalTime().toString(u"HH:mm:ss"_s)));
    QVERIFY(timeline->toolTipAt(QPoint(2, 2)).isEmpty());
    // Painting it does not fail (and a grab is what the screenshot script relies on).
    QVERIFY(!timeline->grab().isNull());
}

void TestSessionsPage::cancelStopsTheSync()
{
    QVERIFY(m_sandbox->setFaults(QJsonArray{
        QJsonObject{{u"kind"_s, u"latency"_s}, {u"ms"_s, 3000}, {u"count"_s, -1}, {u"match"_s, u"/cdr"_s}}}));
    QSignalSpy finished(m_page.get(), &SessionsPage::syncFinished);
    QTest::mouseClick(m_page->findChild<QPushButton *>(u"syncButton"_s), Qt::LeftButton);
    QVERIFY(m_page->isSyncing());
    auto *cancel = m_page->findChild<QPushButton *>(u"cancelSyncButton"_s);
    QVERIFY(cancel->isVisible());
    QVERIFY(!m_page->findChild<QPushButton *>(u"syncButton"_s)->isEnabled());
    QTest::mouseClick(cancel, Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, kWaitMs);
    QCOMPARE(finished.constFirst().at(0).toBool(), false);
    QVERIFY(!m_page->isSyncing());
    QVERIFY(!cancel->isVisible());
    QVERIFY(m_page->findChild<QLabel *>(u"syncStatus"_s)->text().startsWith(u"Sync cancelled"_s));
    QVERIFY(m_page->findChild<ErrorBanner *>(u"errorBanner"_s)->isHidden()); // cancelling is not an error
    QVERIFY(m_page->findChild<QPushButton *>(u"syncButton"_s)->isEnabled());
}

void TestSessionsPage::failedSyncShowsBannerAndRetryRecovers()
{
    // A refusal the client does not retry (bad credentials), on every CDR request.
    QVERIFY(m_sandbox->setFaults(QJsonArray{QJsonObject{{u"kind"_s, u"status"_s},
                                                        {u"status"_s, 401},
                                                        {u"result"_s, 10000},
                                                        {u"count"_s, -1},
                                                        {u"match"_s, u"/cdr"_s}}}));
    QVERIFY(!sync());
    auto *banner = m_page->findChild<ErrorBanner *>(u"errorBanner"_s);
    QVERIFY(banner->isVisible());
    QVERIFY2(banner->message().startsWith(u"Could not sync the call records"_s), qPrintable(banner->message()));
    // Nothing is blocked: the filter still works while the banner shows.
    auto *text = m_page->findChild<QLineEdit *>(u"participantFilter"_s);
    QVERIFY(text->isEnabled());
    QVERIFY(m_table->isEnabled());

    QVERIFY(m_sandbox->clearFaults());
    QSignalSpy finished(m_page.get(), &SessionsPage::syncFinished);
    QTest::mouseClick(banner->findChild<QPushButton *>(u"retryButton"_s), Qt::LeftButton);
    QVERIFY(finished.wait(kWaitMs));
    QCOMPARE(finished.constFirst().at(0).toBool(), true);
    QVERIFY(banner->isHidden());
    QCOMPARE(rowCountWhenCounted(), m_simulatedSessions);
}

void TestSessionsPage::keyboardReachesFilterAndDetail()
{
    QVERIFY(sync());
    QCOMPARE(rowCountWhenCounted(), m_simulatedSessions);
    m_page->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_page.get()));
    m_table->setFocus();
    QTest::keyClick(m_table, Qt::Key_F, Qt::ControlModifier);
    auto *text = m_page->findChild<QLineEdit *>(u"participantFilter"_s);
    QTRY_VERIFY(text->hasFocus());

    // Back to the table: Down selects the first row, Enter opens its participants.
    m_table->setFocus();
    QTest::keyClick(m_table, Qt::Key_Down);
    QTest::keyClick(m_table, Qt::Key_Home, Qt::ControlModifier);
    QCOMPARE(m_table->currentIndex().row(), 0);
    QTRY_VERIFY_WITH_TIMEOUT(!m_table->model()->index(0, 0).data(SessionTableModel::LoadingRole).toBool(), kWaitMs);
    QTest::keyClick(m_table, Qt::Key_Return);
    auto *participants = m_page->findChild<QTableView *>(u"participantTable"_s);
    QTRY_VERIFY_WITH_TIMEOUT(participants->hasFocus(), kWaitMs);
    QCOMPARE(m_page->shownSession(), m_table->model()->index(0, 0).data(SessionTableModel::ConfNumRole).toString());
    QVERIFY(participants->model()->rowCount() >= 2);

    // "Recordings" asks for the shown session's recordings (the console opens the Recordings page).
    auto *recordingsButton = m_page->findChild<QPushButton *>(u"recordingsButton"_s);
    QVERIFY(recordingsButton->isEnabled());
    QSignalSpy requested(m_page.get(), &SessionsPage::recordingsRequested);
    QTest::mouseClick(recordingsButton, Qt::LeftButton);
    QCOMPARE(requested.size(), 1);
    QCOMPARE(requested.constFirst().constFirst().toString(), m_page->shownSession());

    // Export… opens the export dialog for the filter, over the page.
    auto *exportButton = m_page->findChild<QPushButton *>(u"exportButton"_s);
    QVERIFY(exportButton->isEnabled());
    QTest::mouseClick(exportButton, Qt::LeftButton);
    QDialog *dialog = m_page->findChild<QDialog *>();
    QVERIFY(dialog);
    QTRY_VERIFY(dialog->isVisible());
    dialog->reject();

    // Tab from the last filter control goes to Sync.
    auto *minimum = m_page->findChild<QSpinBox *>(u"minDuration"_s);
    minimum->setFocus();
    QTest::keyClick(minimum, Qt::Key_Tab);
    QTRY_COMPARE(QApplication::focusWidget(), m_page->findChild<QPushButton *>(u"syncButton"_s));
}

} // namespace confero

QTEST_MAIN(confero::TestSessionsPage)
#include "TestSessionsPage.moc"
