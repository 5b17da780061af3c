#include "domain/JoinToken.h"
#include "domain/LiveUser.h"

#include <QJsonDocument>
#include <QTest>

using namespace confero;
using namespace Qt::StringLiterals;

namespace {

QString encode(const char *json)
{
    return QString::fromLatin1(QByteArray(json).toBase64());
}

} // namespace

class TestJoinToken : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void decodesCurrentVariant()
    {
        const QString raw = encode(R"({"tokenId":"65a0aa","roomMeta":{"_id":"65a0e1f2c3d4e5f6a7b8c9d0",
            "name":"Stand-up","settings":{"mode":"group"}},"host":"sig1.enablex.io:443","secure":true,
            "signature":"abc="})");
        const std::optional<JoinToken> token = JoinToken::decode(raw);
        QVERIFY(token);
        QCOMPARE(token->tokenId, u"65a0aa"_s);
        QCOMPARE(token->roomId, u"65a0e1f2c3d4e5f6a7b8c9d0"_s);
        QCOMPARE(token->roomName, u"Stand-up"_s);
        QCOMPARE(token->host, u"sig1.enablex.io:443"_s);
        QCOMPARE(token->raw, raw);
        QCOMPARE(token->decoded.value(u"secure").toBool(), true);
    }

    void decodesOlderRoomVariant()
    {
        const std::optional<JoinToken> token = JoinToken::decode(
            encode(R"({"version":"0.1","tokenId":"t1","room":{"_id":"r1","name":"Old"},"host":"h:443"})"));
        QVERIFY(token);
        QCOMPARE(token->roomId, u"r1"_s);
        QCOMPARE(token->roomName, u"Old"_s);
    }

    void toleratesSurroundingWhitespace()
    {
        QVERIFY(JoinToken::decode(u"  "_s + encode(R"({"tokenId":"t"})") + u"\n"_s));
    }

    void refusesWhatIsNotAToken_data()
    {
        QTest::addColumn<QString>("raw");
        QTest::addRow("empty") << QString();
        QTest::addRow("not base64") << u"this is not base64!*"_s;
        QTest::addRow("jwt") << u"eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln"_s;
        QTest::addRow("base64 of text") << encode("hello, world");
        QTest::addRow("base64 of array") << encode("[1,2,3]");
        QTest::addRow("no tokenId") << encode(R"({"roomMeta":{"_id":"r"}})");
    }

    void refusesWhatIsNotAToken()
    {
        QFETCH(QString, raw);
        QVERIFY(!JoinToken::decode(raw));
    }

    void requestJsonAndValidation()
    {
        TokenRequest request;
        request.name = u"Ana María"_s;
        request.role = u"Moderator"_s;
        request.userRef = u"u-1"_s;
        request.data.insert(u"team"_s, u"blue"_s);
        QVERIFY(request.validate().isEmpty());
        const QJsonObject body = request.toJson();
        QCOMPARE(body.value(u"role").toString(), u"moderator"_s);
        QCOMPARE(body.value(u"user_ref").toString(), u"u-1"_s);
        QCOMPARE(body.value(u"data").toObject().value(u"team").toString(), u"blue"_s);
    }

    void requestValidationNamesFields_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("role");
        QTest::addColumn<QString>("userRef");
        QTest::addColumn<QString>("field");
        QTest::addRow("name") << QString() << u"participant"_s << u"u"_s << u"name"_s;
        QTest::addRow("role missing") << u"n"_s << QString() << u"u"_s << u"role"_s;
        QTest::addRow("role bad") << u"n"_s << u"owner"_s << u"u"_s << u"role"_s;
        QTest::addRow("user_ref") << u"n"_s << u"viewer"_s << u" "_s << u"user_ref"_s;
    }

    void requestValidationNamesFields()
    {
        QFETCH(QString, name);
        QFETCH(QString, role);
        QFETCH(QString, userRef);
        QFETCH(QString, field);
        TokenRequest request;
        request.name = name;
        request.role = role;
        request.userRef = userRef;
        const QList<FieldError> errors = request.validate();
        QCOMPARE(errors.size(), 1);
        QCOMPARE(errors.constFirst().field, field);
        QVERIFY(!errors.constFirst().message.isEmpty());
    }

    void liveUserFromJson()
    {
        const auto user = LiveUser::fromJson(
            QJsonDocument::fromJson(
                R"({"name":"Alice","user_ref":"u-1","role":"participant","permissions":{"publish":true}})")
                .object());
        QVERIFY(user);
        QCOMPARE(user->userRef, u"u-1"_s);
        QCOMPARE(user->permissions.value(u"publish").toBool(), true);
        QVERIFY(!LiveUser::fromJson({}));
    }
};

QTEST_GUILESS_MAIN(TestJoinToken)
#include "tst_jointoken.moc"
