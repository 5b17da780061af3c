// The relay's event log on a real SQLite file: every event is answered only after the commit that
// holds it, events arriving together share one commit (group commit), seqs follow the order of
// arrival and survive a restart; what the database refuses waits in a synced spool file and moves
// into the database in order once it can; when neither can take an event, the sender is told.
#include "EventLog.h"
#include "RelayDatabase.h"

#include <QCryptographicHash>
#include <QFileInfo>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace confero::relay;
using namespace Qt::StringLiterals;

namespace {

struct Answer
{
    qint64 seq = 0;
    QString id;
    QString error;
};

IncomingEvent webhook(int n)
{
    return {u"acme"_s, u"roomdrop"_s,
            QByteArray("{\"type\":\"roomdrop\",\"conf_num\":\"") + QByteArray::number(n) + "\", \"n\": 1.50}",
            1764288000000 + n};
}

// A second connection to the same file, as another process would have: it can hold the write lock.
class OtherWriter
{
public:
    explicit OtherWriter(const QString &path)
        : m_name(u"other-writer"_s)
    {
        m_db = QSqlDatabase::addDatabase(u"QSQLITE"_s, m_name);
        m_db.setDatabaseName(path);
        m_db.open();
    }
    ~OtherWriter()
    {
        m_db.close();
        m_db = {};
        QSqlDatabase::removeDatabase(m_name);
    }
    bool lock() { return QSqlQuery(m_db).exec(u"BEGIN IMMEDIATE"_s); }
    bool unlock() { return QSqlQuery(m_db).exec(u"COMMIT"_s); }
    QSqlDatabase &db() { return m_db; }

private:
    QString m_name;
    QSqlDatabase m_db;
};

} // namespace

class TestEventLog final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void eventsAreNumberedAndStoredByteForByte();
    void nothingIsAnsweredBeforeItsCommitAndWaitingEventsShareOne();
    void aRefusedGroupIsSpooledThenMovedIntoTheDatabaseInOrder();
    void spooledEventsSurviveARestart();
    void whenNeitherDatabaseNorSpoolTakesItTheSenderIsTold();
    void seqContinuesAfterARestartAndQueuedEventsAreCommittedOnClose();
    void aNewerSchemaIsRefused();

private:
    QList<Answer> appendAll(EventLog &log, int count, int first = 0);

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_path;
};

void TestEventLog::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_path = m_dir->filePath(u"relay.sqlite"_s);
}

QList<Answer> TestEventLog::appendAll(EventLog &log, int count, int first)
{
    auto answers = std::make_shared<QList<Answer>>();
    for (int i = first; i < first + count; ++i)
        log.append(webhook(i), this, [answers](qint64 seq, const QString &id, const QString &error) {
            answers->append({seq, id, error});
        });
    const bool done = QTest::qWaitFor([&] { return answers->size() == count; }, 30000);
    if (!done)
        qWarning() << "only" << answers->size() << "of" << count << "answers arrived";
    return *answers;
}

void TestEventLog::eventsAreNumberedAndStoredByteForByte()
{
    EventLog log(m_path);
    QString error;
    QVERIFY2(log.start(&error), qPrintable(error));
    QSignalSpy committed(&log, &EventLog::committed);
    const QList<Answer> answers = appendAll(log, 3);
    QCOMPARE(answers.size(), 3);
    for (int i = 0; i < 3; ++i) {
        QVERIFY2(answers[i].error.isEmpty(), qPrintable(answers[i].error));
        QCOMPARE(answers[i].seq, i + 1);
        QVERIFY(!answers[i].id.isEmpty());
    }
    QVERIFY(!committed.isEmpty());
    QCOMPARE(committed.constLast().at(0).toLongLong(), 3);

    OtherWriter reader(m_path);
    QSqlQuery query(reader.db());
    QVERIFY(query.exec(u"SELECT seq, id, project, type, received_at, body, sha256 FROM events ORDER BY seq"_s));
    for (int i = 0; i < 3; ++i) {
        QVERIFY(query.next());
        QCOMPARE(query.value(0).toLongLong(), i + 1);
        QCOMPARE(query.value(1).toString(), answers[i].id);
        QCOMPARE(query.value(2).toString(), u"acme"_s);
        QCOMPARE(query.value(3).toString(), u"roomdrop"_s);
        QCOMPARE(query.value(4).toLongLong(), webhook(i).receivedAtMs);
        QCOMPARE(query.value(5).toString().toUtf8(), webhook(i).body); // "1.50" and the spacing kept
        QCOMPARE(query.value(6).toString().toLatin1(),
                 QCryptographicHash::hash(webhook(i).body, QCryptographicHash::Sha256).toHex());
    }
    QVERIFY(!query.next());
}

void TestEventLog::nothingIsAnsweredBeforeItsCommitAndWaitingEventsShareOne()
{
    EventLog log(m_path);
    QString error;
    QVERIFY2(log.start(&error), qPrintable(error));

    // Another connection holds the write lock, so no commit can happen: no event may be answered.
    OtherWriter other(m_path);
    QVERIFY2(other.lock(), qPrintable(other.db().lastError().text()));
    auto answers = std::make_shared<QList<Answer>>();
    const int count = 200;
    for (int i = 0; i < count; ++i)
        log.append(webhook(i), this, [answers](qint64 seq, const QString &id, const QString &error) {
            answers->append({seq, id, error});
        });
    QTest::qWait(500);
    QCOMPARE(answers->size(), 0);
    QCOMPARE(log.commitCount(), 0);

    QVERIFY(other.unlock());
    QTRY_COMPARE_WITH_TIMEOUT(answers->size(), count, 30000);
    for (int i = 0; i < count; ++i) {
        QVERIFY2(answers->at(i).error.isEmpty(), qPrintable(answers->at(i).error));
        QCOMPARE(answers->at(i).seq, i + 1); // answered in the order they arrived, numbered so
    }
    // The writer woke on the first append and took what was queued by then (one event, or a few on
    // a busy machine) and waited for the lock with it; everything appended meanwhile is committed
    // together after it (MaxGroup is above count). So two commits, and one of them holds at least half.
    QCOMPARE(log.eventCount(), count);
    QVERIFY2(log.commitCount() <= 2, qPrintable(QString::number(log.commitCount())));
    QVERIFY2(log.largestGroup() >= count / 2, qPrintable(QString::number(log.largestGroup())));
}

void TestEventLog::aRefusedGroupIsSpooledThenMovedIntoTheDatabaseInOrder()
{
    EventLog log(m_path);
    log.setBusyTimeoutMs(200);
    QString error;
    QVERIFY2(log.start(&error), qPrintable(error));

    QList<Answer> spooled;
    {
        OtherWriter other(m_path);
        QVERIFY(other.lock());
        spooled = appendAll(log, 5);
        QCOMPARE(spooled.size(), 5);
        for (const Answer &answer : std::as_const(spooled)) {
            QCOMPARE(answer.seq, 0); // not in the database yet...
            QVERIFY2(answer.error.isEmpty(), qPrintable(answer.error)); // ...but safe: answered as taken
        }
        QVERIFY(QFileInfo(log.spoolPath()).size() > 0);
        QCOMPARE(log.spooledCount(), 5);
        QCOMPARE(log.commitCount(), 0);
        QVERIFY(other.unlock());
    }
    // Within the retry interval the spool moves into the database, in the order of arrival.
    QTRY_COMPARE_WITH_TIMEOUT(QFileInfo(log.spoolPath()).size(), 0, 10000);
    {
        OtherWriter reader(m_path);
        QSqlQuery query(reader.db());
        QVERIFY(query.exec(u"SELECT seq, id, body FROM events ORDER BY seq"_s));
        for (int i = 0; i < 5; ++i) {
            QVERIFY(query.next());
            QCOMPARE(query.value(0).toLongLong(), i + 1);
            QCOMPARE(query.value(1).toString(), spooled.at(i).id);
            QCOMPARE(query.value(2).toString().toUtf8(), webhook(i).body);
        }
        QVERIFY(!query.next());
    }
    const QList<Answer> stored = appendAll(log, 2, 5);
    QCOMPARE(stored.size(), 2);
    QCOMPARE(stored[0].seq, 6);
    QCOMPARE(stored[1].seq, 7);
}

void TestEventLog::spooledEventsSurviveARestart()
{
    QString error;
    {
        OtherWriter other(m_path);
        {
            EventLog log(m_path);
            log.setBusyTimeoutMs(200);
            QVERIFY2(log.start(&error), qPrintable(error));
            QVERIFY(other.lock());
            QCOMPARE(appendAll(log, 3).size(), 3);
            QCOMPARE(log.spooledCount(), 3);
        } // the relay stops (or dies) with the events only in the spool
        QVERIFY(other.unlock());
    }
    EventLog restarted(m_path);
    QVERIFY2(restarted.start(&error), qPrintable(error));
    QTRY_COMPARE_WITH_TIMEOUT(QFileInfo(restarted.spoolPath()).size(), 0, 10000);
    OtherWriter reader(m_path);
    QSqlQuery query(reader.db());
    QVERIFY(query.exec(u"SELECT COUNT(*) FROM events"_s) && query.next());
    QCOMPARE(query.value(0).toInt(), 3);
}

void TestEventLog::whenNeitherDatabaseNorSpoolTakesItTheSenderIsTold()
{
    EventLog log(m_path);
    log.setBusyTimeoutMs(200);
    log.setSpoolPath(m_dir->path()); // a folder: it cannot be opened as a file
    QString error;
    QVERIFY2(log.start(&error), qPrintable(error));
    OtherWriter other(m_path);
    QVERIFY(other.lock());
    const QList<Answer> refused = appendAll(log, 2);
    QCOMPARE(refused.size(), 2);
    for (const Answer &answer : refused) {
        QCOMPARE(answer.seq, 0);
        QVERIFY2(answer.error.contains(u"could not store"_s), qPrintable(answer.error));
    }
    QVERIFY(other.unlock());
    // The log recovers for what comes next.
    QCOMPARE(appendAll(log, 1, 2).constFirst().seq, 1);
}

void TestEventLog::seqContinuesAfterARestartAndQueuedEventsAreCommittedOnClose()
{
    QString error;
    {
        EventLog log(m_path);
        QVERIFY2(log.start(&error), qPrintable(error));
        QCOMPARE(appendAll(log, 3).constLast().seq, 3);
        // Queued and not yet answered when the log closes: committed all the same.
        for (int i = 3; i < 53; ++i)
            log.append(webhook(i), this, [](qint64, const QString &, const QString &) {});
    }
    {
        OtherWriter reader(m_path);
        QSqlQuery query(reader.db());
        QVERIFY(query.exec(u"SELECT COUNT(*), MAX(seq) FROM events"_s) && query.next());
        QCOMPARE(query.value(0).toInt(), 53);
        QCOMPARE(query.value(1).toInt(), 53);
        // A seq is never reused, even after the newest events are gone.
        QVERIFY(query.exec(u"DELETE FROM events WHERE seq > 50"_s));
    }
    EventLog reopened(m_path);
    QVERIFY2(reopened.start(&error), qPrintable(error));
    QCOMPARE(appendAll(reopened, 1, 100).constFirst().seq, 54);
}

void TestEventLog::aNewerSchemaIsRefused()
{
    {
        QString error;
        const QString connection = u"prepare"_s;
        QSqlDatabase db = RelayDatabase::open(m_path, connection, &error);
        QVERIFY2(db.isOpen(), qPrintable(error));
        QVERIFY(QSqlQuery(db).exec(u"INSERT INTO schema_version (version, applied_at) VALUES (99, 0)"_s));
        db = {};
        RelayDatabase::close(connection);
    }
    EventLog log(m_path);
    QString error;
    QVERIFY(!log.start(&error));
    QVERIFY2(error.contains(u"newer"_s), qPrintable(error));
}

QTEST_GUILESS_MAIN(TestEventLog)
#include "tst_eventlog.moc"
