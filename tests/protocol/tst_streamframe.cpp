// The relay stream's frames and signatures against test-vectors/stream-v1.json, which an independent
// implementation (Python's hmac and json, make-stream-v1.py) wrote: encoding must give the same
// bytes, decoding the same fields, and a signature must fail as soon as any signed part changes.
#include "Digest.h"
#include "FrameSignature.h"
#include "StreamFrameCodec.h"
#include "SubscriberToken.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QStringDecoder>
#include <QTest>

using namespace confero::protocol;
using namespace Qt::StringLiterals;

class TestStreamFrame final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void eventVectors_data();
    void eventVectors();
    void signatureFailsWhenAnySignedPartChanges();
    void heartbeatAndAckVectors();
    void rejectedVectors_data();
    void rejectedVectors();
    void encoderRefusesWhatIngressNeverStores();
    void everyCharacterSurvivesTheRoundTrip();
    void utf8CheckAgreesWithQStringDecoder();
    void encoderWritesWhatQJsonDocumentWrites();
    void oversizedFrameIsRefusedBeforeParsing();
    void unknownKeysAreIgnored();
    void constantTimeEquals();
    void digestKnownAnswers();
    void subscriberTokens();

private:
    QJsonObject m_vectors;
};

namespace {

StreamEvent eventOf(const QJsonObject &vector)
{
    StreamEvent event;
    event.seq = vector.value(u"seq").toInteger();
    event.id = vector.value(u"id").toString();
    event.project = vector.value(u"project").toString();
    event.receivedAtMs = vector.value(u"received_at").toInteger();
    event.body = vector.value(u"body").toString().toUtf8();
    return event;
}

QByteArray keyOf(const QJsonObject &vector)
{
    return QByteArray::fromHex(vector.value(u"subscriber_key_hex").toString().toLatin1());
}

} // namespace

void TestStreamFrame::initTestCase()
{
    QFile file(QStringLiteral(CONFERO_STREAM_VECTORS));
    QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(file.errorString()));
    m_vectors = QJsonDocument::fromJson(file.readAll()).object();
    QVERIFY(m_vectors.value(u"events").toArray().size() >= 5);
}

void TestStreamFrame::eventVectors_data()
{
    QTest::addColumn<QJsonObject>("vector");
    const QJsonArray events = m_vectors.value(u"events").toArray();
    for (const auto &value : events) {
        const QJsonObject vector = value.toObject();
        QTest::newRow(qPrintable(vector.value(u"name").toString())) << vector;
    }
}

void TestStreamFrame::eventVectors()
{
    QFETCH(QJsonObject, vector);
    const QByteArray master = QByteArray::fromHex(vector.value(u"master_key_hex").toString().toLatin1());
    const QByteArray key = FrameSignature::deriveSubscriberKey(master, vector.value(u"subscriber_id").toString());
    QCOMPARE(key.toHex(), vector.value(u"subscriber_key_hex").toString().toLatin1());

    const StreamEvent event = eventOf(vector);
    const QByteArray signature = vector.value(u"sig").toString().toLatin1();
    QCOMPARE(FrameSignature::sign(key, event), signature);
    QVERIFY(FrameSignature::verify(key, event, signature));

    const QByteArray frame = vector.value(u"frame").toString().toUtf8();
    const std::optional<QByteArray> encoded = StreamFrameCodec::encodeEvent(event, key);
    QVERIFY(encoded);
    QCOMPARE(*encoded, frame);

    const StreamFrameCodec::Decoded decoded = StreamFrameCodec::decode(frame);
    QVERIFY2(decoded.frame, qPrintable(decoded.error));
    const auto *eventFrame = std::get_if<EventFrame>(&*decoded.frame);
    QVERIFY(eventFrame);
    QCOMPARE(eventFrame->event, event);
    QCOMPARE(eventFrame->signature, signature);
    // The body's bytes are exactly the ones signed: spacing, key order and 1.50 kept.
    QCOMPARE(eventFrame->event.body, vector.value(u"body").toString().toUtf8());
}

void TestStreamFrame::signatureFailsWhenAnySignedPartChanges()
{
    const QJsonObject vector = m_vectors.value(u"events").toArray().at(1).toObject();
    const QByteArray key = keyOf(vector);
    const StreamEvent event = eventOf(vector);
    const QByteArray signature = vector.value(u"sig").toString().toLatin1();
    QVERIFY(FrameSignature::verify(key, event, signature));

    StreamEvent changed = event;
    changed.body.replace("1.50", "1.5");
    QVERIFY(!FrameSignature::verify(key, changed, signature));
    changed = event;
    changed.receivedAtMs += 1;
    QVERIFY(!FrameSignature::verify(key, changed, signature));
    changed = event;
    changed.id += u'x';
    QVERIFY(!FrameSignature::verify(key, changed, signature));

    // Another subscriber's key, and a truncated signature.
    QVERIFY(!FrameSignature::verify(FrameSignature::deriveSubscriberKey("master-key", u"other"_s), event, signature));
    QVERIFY(!FrameSignature::verify(key, event, signature.chopped(1)));
    QVERIFY(!FrameSignature::verify(key, event, {}));
}

void TestStreamFrame::heartbeatAndAckVectors()
{
    const QJsonObject heartbeat = m_vectors.value(u"heartbeat").toObject();
    const HeartbeatFrame expectedHeartbeat{heartbeat.value(u"heartbeat").toInteger(),
                                           heartbeat.value(u"head").toInteger()};
    QCOMPARE(StreamFrameCodec::encodeHeartbeat(expectedHeartbeat), heartbeat.value(u"frame").toString().toUtf8());
    StreamFrameCodec::Decoded decoded = StreamFrameCodec::decode(heartbeat.value(u"frame").toString().toUtf8());
    QVERIFY2(decoded.frame, qPrintable(decoded.error));
    QCOMPARE(std::get<HeartbeatFrame>(*decoded.frame), expectedHeartbeat);

    const QJsonObject ack = m_vectors.value(u"ack").toObject();
    const AckFrame expectedAck{ack.value(u"ack").toInteger()};
    QCOMPARE(StreamFrameCodec::encodeAck(expectedAck), ack.value(u"frame").toString().toUtf8());
    decoded = StreamFrameCodec::decode(ack.value(u"frame").toString().toUtf8());
    QVERIFY2(decoded.frame, qPrintable(decoded.error));
    QCOMPARE(std::get<AckFrame>(*decoded.frame), expectedAck);
}

void TestStreamFrame::rejectedVectors_data()
{
    QTest::addColumn<QByteArray>("frame");
    const QJsonArray rejected = m_vectors.value(u"rejected").toArray();
    for (const auto &value : rejected) {
        const QJsonObject vector = value.toObject();
        QTest::newRow(qPrintable(vector.value(u"name").toString())) << vector.value(u"frame").toString().toUtf8();
    }
}

void TestStreamFrame::rejectedVectors()
{
    QFETCH(QByteArray, frame);
    const StreamFrameCodec::Decoded decoded = StreamFrameCodec::decode(frame);
    QVERIFY(!decoded.frame);
    QVERIFY(!decoded.error.isEmpty());
}

void TestStreamFrame::encoderRefusesWhatIngressNeverStores()
{
    StreamEvent event{1, u"e"_s, u"p"_s, 1, QByteArray("{\"name\":\"\xff\"}")};
    QVERIFY(!StreamFrameCodec::encodeEvent(event, "k"));
    event.body = QByteArray("{\"surrogate\":\"\xed\xa0\x80\"}"); // UTF-8 of a lone surrogate is not UTF-8
    QVERIFY(!StreamFrameCodec::encodeEvent(event, "k"));
    event.body = QByteArray(StreamFrameCodec::MaxBodyBytes + 1, 'a');
    QVERIFY(!StreamFrameCodec::encodeEvent(event, "k"));
    event.body = QByteArray(StreamFrameCodec::MaxBodyBytes, 'a');
    QVERIFY(StreamFrameCodec::encodeEvent(event, "k"));
}

void TestStreamFrame::everyCharacterSurvivesTheRoundTrip()
{
    // Every ASCII byte including NUL and the controls, then characters of 2, 3 and 4 UTF-8 bytes.
    QByteArray body;
    for (int byte = 0; byte < 0x80; ++byte)
        body.append(char(byte));
    body += u"é€𝄞\u2028\u00a0"_s.toUtf8();
    const StreamEvent event{9, u"round-trip"_s, u"p"_s, 123, body};
    const std::optional<QByteArray> frame = StreamFrameCodec::encodeEvent(event, "key");
    QVERIFY(frame);
    const StreamFrameCodec::Decoded decoded = StreamFrameCodec::decode(*frame);
    QVERIFY2(decoded.frame, qPrintable(decoded.error));
    const EventFrame &eventFrame = std::get<EventFrame>(*decoded.frame);
    QCOMPARE(eventFrame.event.body, body);
    QVERIFY(FrameSignature::verify("key", eventFrame.event, eventFrame.signature));
}

namespace {

bool decoderAccepts(QByteArrayView bytes)
{
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    const QString text = decoder.decode(bytes);
    Q_UNUSED(text);
    return !decoder.hasError();
}

QByteArray bytesOf(std::initializer_list<int> values)
{
    QByteArray bytes;
    for (const int value : values)
        bytes.append(char(value));
    return bytes;
}

} // namespace

void TestStreamFrame::utf8CheckAgreesWithQStringDecoder()
{
    // Every sequence of one or two bytes, every multi-byte lead with every second byte and a third and
    // fourth from the edges of the continuation range, then random text leaning to high bytes.
    int checked = 0;
    const auto check = [&checked](const QByteArray &bytes) {
        ++checked;
        return StreamFrameCodec::isValidUtf8(bytes) == decoderAccepts(bytes);
    };
    for (int a = 0; a < 256; ++a) {
        QVERIFY2(check(QByteArray(1, char(a))), qPrintable(QString::number(a, 16)));
        for (int b = 0; b < 256; ++b) {
            QVERIFY(check(bytesOf({a, b})));
            if (a < 0xC0)
                continue; // no longer sequence starts with a byte below C0
            for (const int c : {0x00, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xFF}) {
                QVERIFY(check(bytesOf({a, b, c})));
                for (const int d : {0x41, 0x80, 0xBF, 0xC0})
                    QVERIFY2(check(bytesOf({a, b, c, d})),
                             qPrintable(u"%1 %2 %3 %4"_s.arg(a, 0, 16).arg(b, 0, 16).arg(c, 0, 16).arg(d, 0, 16)));
            }
        }
    }
    QRandomGenerator random(42);
    for (int i = 0; i < 20'000; ++i) {
        QByteArray bytes(int(random.bounded(1, 24)), Qt::Uninitialized);
        for (char &byte : bytes)
            byte = char(random.bounded(2) ? random.bounded(0x80, 0x100) : random.bounded(0x100));
        QVERIFY2(check(bytes), bytes.toHex(' ').constData());
    }
    QVERIFY(checked > 600'000);
}

void TestStreamFrame::encoderWritesWhatQJsonDocumentWrites()
{
    QByteArray controls;
    for (int byte = 0; byte < 0x20; ++byte)
        controls.append(char(byte));
    const QList<QByteArray> bodies = {
        "{}",
        "{\"type\":\"session.ended\",\"quote\":\"\\\"\",\"slash\":\"a/b\\\\c\"}",
        controls + "\x7f\"\\",
        u"é€𝄞\u2028\u00a0\ufeff\uffff"_s.toUtf8(),
        QByteArray(),
    };
    for (const QByteArray &body : bodies) {
        const StreamEvent event{qint64(1) << 52, u"0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b"_s, u"acme \"east\""_s,
                                1'796'000'000'123, body};
        QJsonObject object;
        object.insert("seq"_L1, event.seq);
        object.insert("id"_L1, event.id);
        object.insert("project"_L1, event.project);
        object.insert("received_at"_L1, event.receivedAtMs);
        object.insert("body"_L1, QString::fromUtf8(event.body));
        object.insert("sig"_L1, QString::fromLatin1(FrameSignature::sign("key", event)));
        const std::optional<QByteArray> frame = StreamFrameCodec::encodeEvent(event, "key");
        QVERIFY(frame);
        QCOMPARE(*frame, QJsonDocument(object).toJson(QJsonDocument::Compact));
    }
}

void TestStreamFrame::oversizedFrameIsRefusedBeforeParsing()
{
    const QByteArray frame = "{\"ack\":1,\"pad\":\"" + QByteArray(StreamFrameCodec::MaxFrameBytes, 'x') + "\"}";
    const StreamFrameCodec::Decoded decoded = StreamFrameCodec::decode(frame);
    QVERIFY(!decoded.frame);
    QVERIFY(decoded.error.contains(u"larger"));
}

void TestStreamFrame::unknownKeysAreIgnored()
{
    const StreamFrameCodec::Decoded decoded = StreamFrameCodec::decode(R"({"ack":7,"v":2,"extra":{"a":[1]}})");
    QVERIFY2(decoded.frame, qPrintable(decoded.error));
    QCOMPARE(std::get<AckFrame>(*decoded.frame).seq, 7);
}

void TestStreamFrame::constantTimeEquals()
{
    QVERIFY(FrameSignature::constantTimeEquals("abc", "abc"));
    QVERIFY(FrameSignature::constantTimeEquals("", ""));
    QVERIFY(!FrameSignature::constantTimeEquals("abc", "abd"));
    QVERIFY(!FrameSignature::constantTimeEquals("abc", "ab"));
    QVERIFY(!FrameSignature::constantTimeEquals("\x80", "\x00"));
}

void TestStreamFrame::digestKnownAnswers()
{
    // FIPS 180-2's "abc" and the empty text; RFC 4231 test cases 2 (short key) and 6 (key longer
    // than a block, which HMAC hashes first).
    QCOMPARE(Digest::sha256("abc").toHex(), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    QCOMPARE(Digest::sha256("").toHex(), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    QCOMPARE(Digest::hmacSha256("Jefe", "what do ya want for nothing?").toHex(),
             "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    QCOMPARE(
        Digest::hmacSha256(QByteArray(131, '\xaa'), "Test Using Larger Than Block-Size Key - Hash Key First").toHex(),
        "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
    QCOMPARE(Digest::hmacSha256("", "").size(), 32);
}

void TestStreamFrame::subscriberTokens()
{
    const SubscriberToken token{QByteArray(32, '\x01'), FrameSignature::deriveSubscriberKey("master", u"laptop"_s)};
    const QString text = token.toString();
    QVERIFY(text.startsWith(u"crs_"));
    QVERIFY(!text.contains(u'=') && !text.contains(u'+') && !text.contains(u'/'));
    const QString padded = u"  "_s + text + u"\n"_s;
    const std::optional<SubscriberToken> parsed = SubscriberToken::parse(padded);
    QVERIFY(parsed);
    QCOMPARE(parsed->secret, token.secret);
    QCOMPARE(parsed->key, token.key);

    QVERIFY(!SubscriberToken::parse(text.sliced(4))); // no prefix
    QVERIFY(!SubscriberToken::parse(text.first(text.indexOf(u'.')))); // no key
    QVERIFY(!SubscriberToken::parse(text.chopped(2))); // key too short
    QVERIFY(!SubscriberToken::parse(QString(text).replace(5, 1, u'*'))); // not base64url
    QVERIFY(!SubscriberToken::parse(u"crs_."_s));
}

QTEST_GUILESS_MAIN(TestStreamFrame)
#include "tst_streamframe.moc"
