// RecordingSettingsStore on a real SQLite store: defaults without a row, a saved choice read back
// (also by a new store over the same file), the parallel count clamped, projects kept apart; saving
// and changing a choice on both backends (PostgreSQL from ctest's fixture); the keychain value of the
// recording-file credentials round-trips and refuses anything else; the storage policy (kinds, quota,
// keep-days) and the archive reconciler's mark, on both backends, with the page's own choices kept.

#include "StoreBackends.h"
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
    void initTestCase();
    void savedPerProject();
    void savedOnBothBackends_data();
    void savedOnBothBackends();
    void credentialsValue();
    void kindsText();

private:
    test::StoreBackends m_backends;
};

void tst_RecordingSettings::initTestCase()
{
    QString error;
    QVERIFY2(m_backends.init(&error), qPrintable(error));
}

void tst_RecordingSettings::savedOnBothBackends_data()
{
    test::StoreBackends::addRows();
}

void tst_RecordingSettings::savedOnBothBackends()
{
    QFETCH(bool, postgres);
    if (postgres && !m_backends.hasPostgres())
        QSKIP("SKIPPED: set CONFERO_TEST_PG_URL to run on PostgreSQL");
    qint64 projectId = 0;
    QString error;
    {
        std::unique_ptr<Store> store = m_backends.open(postgres, &projectId, &error);
        QVERIFY2(store, qPrintable(error));
        RecordingSettingsStore settings(store.get());
        QCOMPARE(settings.settings(projectId).parallel, 2);
        RecordingSettings chosen;
        chosen.parallel = 3; // the default library: an empty (perhaps null) text
        QVERIFY(settings.save(projectId, chosen).ok());
        QCOMPARE(settings.settings(projectId).parallel, 3);
        QCOMPARE(settings.settings(projectId).library, QString());
        chosen.parallel = 6;
        chosen.library = u"/srv/recordings"_s;
        QVERIFY(settings.save(projectId, chosen).ok()); // the second save updates the row
        QCOMPARE(settings.settings(projectId).parallel, 6);
        QCOMPARE(settings.settings(projectId).library, u"/srv/recordings"_s);

        // The storage policy: transcoded only, no quota, kept for ever, until chosen otherwise.
        QCOMPARE(settings.settings(projectId).autoKinds, QSet<ArchiveFile::Kind>{ArchiveFile::Kind::Transcoded});
        QCOMPARE(settings.settings(projectId).quotaBytes, qint64(0));
        QCOMPARE(settings.settings(projectId).keepDays, 0);
        chosen.autoKinds = {ArchiveFile::Kind::Recording, ArchiveFile::Kind::ChatData};
        chosen.quotaBytes = 2'500'000'001; // kept in whole MB, rounded up
        chosen.keepDays = 99'999; // clamped
        QVERIFY(settings.save(projectId, chosen).ok());
        const RecordingSettings read = settings.settings(projectId);
        QCOMPARE(read.autoKinds, (QSet<ArchiveFile::Kind>{ArchiveFile::Kind::Recording, ArchiveFile::Kind::ChatData}));
        QCOMPARE(read.quotaBytes, qint64(2'501'000'000));
        QCOMPARE(read.keepDays, RecordingSettings::MaxKeepDays);
        QCOMPARE(read.parallel, 6);
        chosen.autoKinds.clear(); // nothing by itself: an empty text, not the default
        QVERIFY(settings.save(projectId, chosen).ok());
        QVERIFY(settings.settings(projectId).autoKinds.isEmpty());

        // The reconciler's mark, also for a project that never saved a choice.
        QVERIFY(!settings.archiveThrough(projectId).isValid());
        QVERIFY(settings.setArchiveThrough(projectId, QDate(2026, 11, 30)).ok());
        QCOMPARE(settings.archiveThrough(projectId), QDate(2026, 11, 30));
        QVERIFY(settings.settings(projectId).autoKinds.isEmpty()); // the mark leaves the policy alone
        QVERIFY(settings.setArchiveThrough(projectId, QDate(2026, 12, 6)).ok());
        QCOMPARE(settings.archiveThrough(projectId), QDate(2026, 12, 6));
    }
    QVERIFY2(m_backends.dropSchemas(&error), qPrintable(error));
}

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

void tst_RecordingSettings::kindsText()
{
    QCOMPARE(RecordingSettings::kindsText({ArchiveFile::Kind::Metadata, ArchiveFile::Kind::Recording}),
             u"recording,metadata"_s);
    QCOMPARE(RecordingSettings::kindsFromText(u"transcoded, chatdata,,bogus"_s),
             (QSet<ArchiveFile::Kind>{ArchiveFile::Kind::Transcoded, ArchiveFile::Kind::ChatData}));
    QVERIFY(RecordingSettings::kindsFromText({}).isEmpty());
}

QTEST_GUILESS_MAIN(tst_RecordingSettings)
#include "tst_recordingsettings.moc"
