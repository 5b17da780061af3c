// confero-relay under 5,000 connections that send nothing (issue 6, hostile input): the relay holds
// at most its connection cap and answers every other one 503 with Retry-After; its memory stays
// bounded; a webhook meanwhile is refused at the cap, not left hanging; and once the idle timeout has
// closed the silent connections, a webhook is stored and answered 200 again.
#include "RelayTestDatabase.h"
#include "RelayTestProcess.h"
#include "TestSupport.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <memory>
#include <vector>

using namespace confero;
using namespace Qt::StringLiterals;

namespace {

constexpr int IdleConnections = 5000;
constexpr int Cap = 1000;
// Long enough for all 5,000 to reach the relay before the first held ones are closed, also on a
// busy machine under AddressSanitizer (a run beside other tests once needed more than 8 s).
constexpr int IdleTimeoutSeconds = 20;
// What 5,000 connections may add to the relay's resident memory: in a Release build about 43 MB
// here; this build has AddressSanitizer's red zones around every block, and the test runs with a
// small quarantine (CMakeLists.txt) so that freed blocks count as free.
constexpr qint64 PeakGrowthKiB = 160 * 1024;

// Resident memory of a process, in KiB (VmRSS of /proc/PID/status), or -1.
qint64 residentKiB(qint64 pid)
{
    QFile status(u"/proc/%1/status"_s.arg(pid));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').constFirst().toLongLong();
    }
    return -1;
}

// The relay's own count of open connections from /metrics (the asking one included), or -1.
int openConnections(const QUrl &relay)
{
    for (const QByteArray &line : test::getBody(relay.resolved(QUrl(u"/metrics"_s))).split('\n')) {
        if (line.startsWith("confero_relay_connections_open "))
            return line.mid(line.indexOf(' ') + 1).toInt();
    }
    return -1;
}

// One silent client: connects, never writes, and remembers whether the relay answered it 503.
class SilentClient final : public QObject
{
    Q_OBJECT

public:
    explicit SilentClient(QObject *parent)
        : QObject(parent)
        , m_socket(new QTcpSocket(this))
    {
        connect(m_socket, &QTcpSocket::readyRead, this, [this] { m_answer += m_socket->readAll(); });
        connect(m_socket, &QTcpSocket::disconnected, this, [this] { m_closed = true; });
        connect(m_socket, &QTcpSocket::errorOccurred, this, [this] { m_closed = true; });
    }
    void connectTo(quint16 port) { m_socket->connectToHost(QHostAddress::LocalHost, port); }
    bool refused() const { return m_answer.startsWith("HTTP/1.1 503") && m_answer.contains("Retry-After: 1"); }
    bool held() const
    {
        return !m_closed && m_answer.isEmpty() && m_socket->state() == QAbstractSocket::ConnectedState;
    }
    bool closed() const { return m_closed; }

private:
    QTcpSocket *m_socket;
    QByteArray m_answer;
    bool m_closed = false;
};

} // namespace

class TestRelayIdle : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void capAnswersTheRestAndMemoryStaysBounded()
    {
        QTemporaryDir dir;
        const QString database = dir.filePath(u"relay.sqlite"_s);
        QString error;
        QVERIFY2(test::createRelayTestDatabase(database, {}, &error), qPrintable(error));
        QProcess relay;
        const QUrl url = test::startRelayProcess(
            relay, QStringLiteral(CONFERO_RELAY_EXECUTABLE), database,
            {u"--max-connections"_s, QString::number(Cap), u"--idle-timeout"_s, QString::number(IdleTimeoutSeconds)});
        QVERIFY(url.isValid());
        QCOMPARE(
            test::postWebhook(url.resolved(QUrl(u"/hooks/enablex/acme"_s)), {}, R"({"type":"roomdrop","app_id":"a"})"),
            200);
        const qint64 before = residentKiB(relay.processId());
        QVERIFY(before > 0);

        // Two floods, one after the other.
        for (int flood = 1; flood <= 2; ++flood) {
            std::vector<std::unique_ptr<SilentClient>> clients;
            clients.reserve(IdleConnections);
            // In waves of 500, each given a moment to reach the relay, as a flood from many clients would.
            for (int i = 0; i < IdleConnections; ++i) {
                clients.push_back(std::make_unique<SilentClient>(nullptr));
                clients.back()->connectTo(quint16(url.port()));
                if (i % 500 == 499)
                    QTest::qWait(100);
            }
            // Every connection beyond the cap is answered 503 (and closed); a client counts as held
            // while its socket is open and unanswered.
            const auto count = [&clients](bool (SilentClient::*is)() const) {
                return int(std::count_if(clients.cbegin(), clients.cend(),
                                         [is](const std::unique_ptr<SilentClient> &c) { return (c.get()->*is)(); }));
            };
            QDeadlineTimer settled(IdleTimeoutSeconds * 1000 - 2000);
            while (count(&SilentClient::refused) < IdleConnections - Cap && !settled.hasExpired())
                QTest::qWait(200);
            const int refused = count(&SilentClient::refused);
            const int held = count(&SilentClient::held);
            QVERIFY2(held <= Cap, qPrintable(QString::number(held)));
            QVERIFY2(refused >= IdleConnections - Cap,
                     qPrintable(
                         u"%1 refused, %2 held, %3 closed"_s.arg(refused).arg(held).arg(count(&SilentClient::closed))));

            // At the cap a webhook is refused at once, not kept waiting; memory stays bounded.
            QCOMPARE(test::postWebhook(url.resolved(QUrl(u"/hooks/enablex/acme"_s)), {},
                                       R"({"type":"roomdrop","app_id":"a"})"),
                     503);
            const qint64 during = residentKiB(relay.processId());
            qInfo() << "flood" << flood << ": held" << held << "refused with 503" << refused << "; relay resident"
                    << before << "KiB before," << during << "KiB now";
            // Bounded by the cap, in each flood. Whether the second flood finds the first one's memory
            // again depends on how many refused sockets were waiting for their 503 to leave at once,
            // which a busy machine changes (CI once saw 142 MB then 184 MB); that nothing stays
            // behind is checked by the relay's own count of connections below.
            QVERIFY2(during - before < PeakGrowthKiB,
                     qPrintable(u"flood %1: %2 -> %3 KiB"_s.arg(flood).arg(before).arg(during)));

            // The idle timeout closes the silent ones; the relay takes webhooks again.
            QTRY_VERIFY_WITH_TIMEOUT(count(&SilentClient::held) == 0, (IdleTimeoutSeconds + 10) * 1000);
            QCOMPARE(test::postWebhook(url.resolved(QUrl(u"/hooks/enablex/acme"_s)), {},
                                       R"({"type":"roomdrop","app_id":"a"})"),
                     200);
            // Every held connection is gone from the relay, not only from the client's side.
            QTRY_COMPARE_WITH_TIMEOUT(openConnections(url), 1, 5000);
        }
        relay.terminate();
        QVERIFY(relay.waitForFinished(10'000));
    }
};

QTEST_GUILESS_MAIN(TestRelayIdle)
#include "tst_relayidle.moc"
