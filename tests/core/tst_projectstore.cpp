#include "config/DataDir.h"
#include "config/ProjectStore.h"
#include "store/Store.h"

#include <QDir>
#include <QFileInfo>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace confero;
using namespace Qt::StringLiterals;

class TestProjectStore : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

private Q_SLOTS:
    void dataDirComesFromTheEnvironmentFirst()
    {
        // confero_add_test sets CONFERO_DATA_DIR for every test.
        const QString fromEnv = qEnvironmentVariable("CONFERO_DATA_DIR");
        QVERIFY(!fromEnv.isEmpty());
        QCOMPARE(DataDir::resolve(u"/somewhere/else"_s), QDir::cleanPath(fromEnv));
        qunsetenv("CONFERO_DATA_DIR");
        QCOMPARE(DataDir::resolve(m_dir.filePath(u"cli"_s)), m_dir.filePath(u"cli"_s));
        qputenv("CONFERO_DATA_DIR", fromEnv.toLocal8Bit());

        const QString made = m_dir.filePath(u"made/here"_s);
        QString error;
        QVERIFY(DataDir::ensure(made, &error));
        QCOMPARE(QFileInfo(made).permissions() & (QFile::ReadGroup | QFile::ReadOther), QFile::Permissions());
    }

    void validation()
    {
        Project project;
        QCOMPARE(ProjectStore::validate(project).size(), 3);
        project.name = u"P"_s;
        project.apiBaseUrl = QUrl(u"ftp://example.com/"_s);
        project.appId = u"a"_s;
        QCOMPARE(ProjectStore::validate(project).constFirst().field, u"api_base_url"_s);
        project.apiBaseUrl = QUrl(u"http://127.0.0.1:8080/video/v2/"_s);
        QVERIFY(ProjectStore::validate(project).isEmpty());
    }

    void addUpdateRemove()
    {
        Store store;
        QVERIFY(store.open(m_dir.filePath(u"projects.sqlite"_s)));
        ProjectStore projects(&store);
        QSignalSpy changed(&projects, &ProjectStore::projectsChanged);

        Project a;
        a.name = u"  Alpha  "_s;
        a.apiBaseUrl = QUrl(u"https://api.enablex.io/video/v2"_s);
        a.appId = u"app-a"_s;
        const StoreResult<Project> added = projects.add(a);
        QVERIFY(added);
        QCOMPARE(added.value().name, u"Alpha"_s);
        QCOMPARE(changed.count(), 1);

        Project b = a;
        b.name = u"Beta"_s;
        const StoreResult<Project> addedB = projects.add(b);
        QVERIFY(addedB);

        Project renamed = addedB.value();
        renamed.name = u"Alpha"_s;
        const StoreResult<Project> clash = projects.update(renamed);
        QVERIFY(!clash);
        QVERIFY(clash.error().message.contains(u"Alpha"_s));

        renamed.name = u"Beta 2"_s;
        QVERIFY(projects.update(renamed));
        QCOMPARE(projects.byId(renamed.id)->name, u"Beta 2"_s);
        QCOMPARE(projects.projects().size(), 2);

        QVERIFY(projects.remove(renamed.id));
        QVERIFY(!projects.remove(renamed.id));
        QCOMPARE(projects.projects().size(), 1);
    }

    void sandboxProjectIsCreatedOnceAndFollowsThePort()
    {
        Store store;
        QVERIFY(store.open(m_dir.filePath(u"sandbox.sqlite"_s)));
        ProjectStore projects(&store);
        const Project first =
            projects.ensureSandboxProject(QUrl(u"http://127.0.0.1:40001/video/v2/"_s), u"sandbox-app"_s);
        QVERIFY(first.id > 0);
        QVERIFY(first.isSandbox);
        QCOMPARE(first.name, u"Sandbox"_s);

        const Project second =
            projects.ensureSandboxProject(QUrl(u"http://127.0.0.1:40002/video/v2/"_s), u"sandbox-app"_s);
        QCOMPARE(second.id, first.id);
        QCOMPARE(projects.byId(first.id)->apiBaseUrl.port(), 40002);
        QCOMPARE(projects.projects().size(), 1);
    }

    void sandboxNameTakenByARealProject()
    {
        Store store;
        QVERIFY(store.open(m_dir.filePath(u"taken.sqlite"_s)));
        ProjectStore projects(&store);
        Project mine;
        mine.name = u"Sandbox"_s;
        mine.apiBaseUrl = QUrl(u"https://api.enablex.io/video/v2/"_s);
        mine.appId = u"real"_s;
        QVERIFY(projects.add(mine));
        const Project sandbox = projects.ensureSandboxProject(QUrl(u"http://127.0.0.1:1/video/v2/"_s), u"s"_s);
        QVERIFY(sandbox.id > 0);
        QVERIFY(sandbox.name != u"Sandbox");
        QCOMPARE(projects.byName(u"Sandbox"_s)->appId, u"real"_s);
    }
};

QTEST_GUILESS_MAIN(TestProjectStore)
#include "tst_projectstore.moc"
