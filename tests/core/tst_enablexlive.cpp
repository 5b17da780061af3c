#include "platform/EnableXPlatform.h"

#include <QDateTime>
#include <QNetworkAccessManager>
#include <QTest>

using namespace confero;
using namespace Qt::StringLiterals;

namespace {

template<typename T>
struct Answer
{
    std::optional<PlatformResult<T>> result;
    VideoPlatform::Callback<T> callback()
    {
        return [this](PlatformResult<T> r) { result.emplace(std::move(r)); };
    }
};

template<typename T>
const char *why(const std::optional<PlatformResult<T>> &result)
{
    static QByteArray text;
    text = (result && !result->ok()) ? result->error().message().toUtf8() : QByteArray();
    return text.constData();
}

constexpr int kWaitMs = 60'000;

} // namespace

// Opt-in: the real EnableX platform. Creates one room with a unique name and deletes it again.
class TestEnableXLive : public QObject
{
    Q_OBJECT

private:
    QNetworkAccessManager m_network;
    QUrl m_url;
    QString m_appId;
    QString m_appKey;

private Q_SLOTS:
    void initTestCase()
    {
        m_url = QUrl(qEnvironmentVariable("CONFERO_LIVE_API_URL"));
        m_appId = qEnvironmentVariable("CONFERO_LIVE_APP_ID");
        m_appKey = qEnvironmentVariable("CONFERO_LIVE_APP_KEY");
        if (m_url.isEmpty() || m_appId.isEmpty() || m_appKey.isEmpty())
            QSKIP("SKIPPED: set CONFERO_LIVE_API_URL, CONFERO_LIVE_APP_ID and CONFERO_LIVE_APP_KEY to run "
                  "against the real platform");
    }

    void roomAndTokenRoundTrip()
    {
        EnableXPlatform platform(&m_network, m_url, m_appId, m_appKey);
        Answer<QList<Room>> listed;
        platform.listRooms(this, listed.callback());
        QTRY_VERIFY_WITH_TIMEOUT(listed.result.has_value(), kWaitMs);
        QVERIFY2(listed.result->ok(), why(listed.result));

        RoomDefinition definition;
        definition.name = u"confero live test %1"_s.arg(QDateTime::currentMSecsSinceEpoch());
        definition.ownerRef = u"confero-tests"_s;
        definition.settings.participants = 2;
        Answer<Room> created;
        platform.createRoom(definition, this, created.callback());
        QTRY_VERIFY_WITH_TIMEOUT(created.result.has_value(), kWaitMs);
        QVERIFY2(created.result->ok(), why(created.result));
        const QString roomId = created.result->value().id;

        TokenRequest request;
        request.name = u"Live Test"_s;
        request.role = u"participant"_s;
        request.userRef = u"confero-live"_s;
        Answer<JoinToken> token;
        platform.createToken(roomId, request, this, token.callback());
        QTRY_VERIFY_WITH_TIMEOUT(token.result.has_value(), kWaitMs);
        QVERIFY2(token.result->ok(), why(token.result));
        QVERIFY(!token.result->value().raw.isEmpty());

        Answer<Done> deleted;
        platform.deleteRoom(roomId, this, deleted.callback());
        QTRY_VERIFY_WITH_TIMEOUT(deleted.result.has_value(), kWaitMs);
        QVERIFY2(deleted.result->ok(), why(deleted.result));
    }

    void wrongKeyIsAuth()
    {
        EnableXPlatform platform(&m_network, m_url, m_appId, m_appKey + u"-wrong"_s);
        Answer<QList<Room>> listed;
        platform.listRooms(this, listed.callback());
        QTRY_VERIFY_WITH_TIMEOUT(listed.result.has_value(), kWaitMs);
        QVERIFY(!listed.result->ok());
        QCOMPARE(listed.result->error().kind, PlatformError::Kind::Auth);
    }
};

QTEST_GUILESS_MAIN(TestEnableXLive)
#include "tst_enablexlive.moc"
