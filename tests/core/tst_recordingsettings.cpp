// RecordingSettingsStore on a real SQLite store: defaults without a row, a saved choice read back
// (also by a new store over the same file), the parallel count clamped, projects kept apart; the
// keychain value of the recording-file credentials round-trips and refuses anything else.

#include "config/ProjectStore.h"
#include "recordings/RecordingSettingsStore.h"
#include "store/Store.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace Qt::StringLiterals;
using namespace confero;

class tst_RecordingSettings final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void savedPerProject();
    void credentialsValue();
};

void tst_RecordingSettings::savedPerProject()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"store.sqlite"_s);
    qint64 first = 0;
    qint64 second = 0;
    {
        Store store;
        QVERIFY(store.open(path).ok());
        ProjectStore projects(&store);
        first = projects.ensureSandboxProject(QUrl(u"http://127.0.0.1:1/video/v2/"_s), u"app-one"_s).id;
        Project other;
        other.name = u"Acme"_s;
        other.apiBaseUrl = QUrl(u"https://api.example.com/video/v2/"_s);
        other.appId = u"app-two"_s;
        const StoreResult<Project> added = projects.add(other);
        QVERIFY(added.ok());
        second = added.value().id;
        QVERIFY(first > 0 && second > 0 && first != second);
        RecordingSettingsStore settings(&store);
        QCOMPARE(settings.settings(first).parallel, 2);
        QCOMPARE(settings.settings(first).library, QString());
        RecordingSettings chosen;
        chosen.parallel = 5;
        chosen.library = dir.filePath(u"library"_s);
        QVERIFY(settings.save(first, chosen).ok());
        chosen.parallel = 99;
        chosen.library.clear();
        QVERIFY(settings.save(second, chosen).ok());
    }
    Store store;
    QVERIFY(store.open(path).ok());
    RecordingSettingsStore settings(&store);
    QCOMPARE(settings.settings(first).parallel, 5);
    QCOMPARE(settings.settings(first).library, dir.filePath(u"library"_s));
    QCOMPARE(settings.settings(second).parallel, RecordingSettings::MaxParallel);
    QCOMPARE(settings.settings(second).library, QString());
}

void tst_RecordingSettings::credentialsValue()
{
    QCOMPARE(RecordingSettingsStore::credentialsKey(7), u"recording-file/7"_s);
    const QString value = RecordingSettingsStore::encodeCredentials(u"rec \"user\""_s, u"pä:ss\nword"_s);
    QString user;
    QString password;
    QVERIFY(RecordingSettingsStore::decodeCredentials(value, &user, &password));
    QCOMPARE(user, u"rec \"user\""_s);
    QCOMPARE(password, u"pä:ss\nword"_s);
    QVERIFY(!RecordingSettingsStore::decodeCredentials(u"just-a-password"_s, &user, &password));
    QVERIFY(!RecordingSettingsStore::decodeCredentials(u"{\"user\":\"u\"}"_s, &user, &password));
}

QTEST_GUILESS_MAIN(tst_RecordingSettings)
#include "tst_recordingsettings.moc"
