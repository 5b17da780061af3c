#include "UiTestSandbox.h"

#include "RoomEditorDialog.h"
#include "RoomsPage.h"
#include "models/RoomTableModel.h"
#include "platform/EnableXPlatform.h"

#include <QAbstractItemModel>
#include <QCheckBox>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QPushButton>
#include <QRadioButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTabWidget>
#include <QTableView>
#include <QTest>

using namespace Qt::StringLiterals;

namespace confero {

// The room editor driven as a user would, against the real sandbox: what it sends, what it refuses
// to send, and where the errors appear.
class TestRoomEditorDialog final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void createdRoomAppearsInTable();
    void emptyNameIsShownBesideTheFieldAndNothingIsSent();
    void scheduledRoomInThePastIsRefusedBeforeSending();
    void platformValidationErrorAppearsBesideItsField();
    void editSendsOnlyChangedKeysAndLocksTypeKeys();
    void editOfAPastScheduledRoomJudgesOnlyWhatChanges();

private:
    RoomEditorDialog *openNewRoomDialog();
    static QPushButton *okButton(RoomEditorDialog *dialog);
    static bool rowWithNameExists(const QAbstractItemModel *model, const QString &name);

    std::unique_ptr<test::UiTestSandbox> m_sandbox;
    std::unique_ptr<RoomsPage> m_page;
};

void TestRoomEditorDialog::init()
{
    m_sandbox = std::make_unique<test::UiTestSandbox>();
    QString error;
    QVERIFY2(m_sandbox->start(&error), qPrintable(error));
    m_page = std::make_unique<RoomsPage>();
    m_page->resize(1000, 600);
    m_page->show();
    QSignalSpy loaded(m_page.get(), &RoomsPage::roomsLoaded);
    m_page->setPlatform(m_sandbox->platform());
    QVERIFY(loaded.wait(15'000));
    QCOMPARE(loaded.first().first().toInt(), 4); // the sandbox's demo rooms
}

void TestRoomEditorDialog::cleanup()
{
    m_page.reset();
    m_sandbox.reset();
}

RoomEditorDialog *TestRoomEditorDialog::openNewRoomDialog()
{
    m_page->newRoom();
    return m_page->findChild<RoomEditorDialog *>();
}

QPushButton *TestRoomEditorDialog::okButton(RoomEditorDialog *dialog)
{
    return dialog->findChild<QDialogButtonBox *>(u"buttonBox"_s)->button(QDialogButtonBox::Ok);
}

bool TestRoomEditorDialog::rowWithNameExists(const QAbstractItemModel *model, const QString &name)
{
    for (int row = 0; row < model->rowCount(); ++row) {
        if (model->index(row, RoomTableModel::Name).data().toString() == name)
            return true;
    }
    return false;
}

void TestRoomEditorDialog::createdRoomAppearsInTable()
{
    QPointer<RoomEditorDialog> dialog = openNewRoomDialog();
    QVERIFY(dialog);
    QTRY_VERIFY_WITH_TIMEOUT(dialog->isVisible(), 5'000);

    auto *name = dialog->findChild<QLineEdit *>(u"nameEdit"_s);
    QTest::keyClicks(name, u"Design review"_s);
    dialog->findChild<QLineEdit *>(u"ownerRefEdit"_s)->setText(u"team-7"_s);
    dialog->findChild<QSpinBox *>(u"moderatorsSpin"_s)->setValue(2);
    dialog->findChild<QSpinBox *>(u"participantsSpin"_s)->setValue(12);
    dialog->findChild<QComboBox *>(u"qualityCombo"_s)->setCurrentIndex(2); // SD
    dialog->findChild<QCheckBox *>(u"autoRecordingCheck"_s)->setChecked(true);
    dialog->findChild<QCheckBox *>(u"knockCheck"_s)->setChecked(true);
    dialog->findChild<QComboBox *>(u"recordingParticipantCombo"_s)->setCurrentIndex(2); // audio only

    QTest::mouseClick(okButton(dialog), Qt::LeftButton);
    // Deleted on close: gone means the platform said yes.
    QTRY_VERIFY_WITH_TIMEOUT(dialog.isNull(), 15'000);

    auto *table = m_page->findChild<QTableView *>(u"roomsTable"_s);
    QVERIFY(rowWithNameExists(table->model(), u"Design review"_s));

    const QJsonObject stored = m_sandbox->roomNamed(u"Design review"_s);
    QVERIFY2(!stored.isEmpty(), "the sandbox has no such room");
    const QJsonObject settings = stored.value(u"settings").toObject();
    QCOMPARE(stored.value(u"owner_ref").toString(), u"team-7"_s);
    QCOMPARE(settings.value(u"moderators").toVariant().toInt(), 2);
    QCOMPARE(settings.value(u"participants").toVariant().toInt(), 12);
    QCOMPARE(settings.value(u"quality").toString(), u"SD"_s);
    QCOMPARE(settings.value(u"auto_recording").toBool(), true);
    QCOMPARE(settings.value(u"knock").toBool(), true);
    QCOMPARE(settings.value(u"role_based_recording").toObject().value(u"participant").toString(), u"audio"_s);
}

void TestRoomEditorDialog::emptyNameIsShownBesideTheFieldAndNothingIsSent()
{
    QPointer<RoomEditorDialog> dialog = openNewRoomDialog();
    QVERIFY(dialog);
    QTRY_VERIFY_WITH_TIMEOUT(dialog->isVisible(), 5'000);
    QSignalSpy requests(m_sandbox->platform(), &VideoPlatform::requestStarted);

    dialog->findChild<QLineEdit *>(u"nameEdit"_s)->clear();
    QTest::mouseClick(okButton(dialog), Qt::LeftButton);

    auto *nameError = dialog->findChild<QLabel *>(u"nameError"_s);
    QVERIFY(nameError->isVisible());
    QVERIFY(!nameError->text().isEmpty());
    QVERIFY(dialog->findChild<QLineEdit *>(u"nameEdit"_s)->property("invalid").toBool());
    // Only the field that is wrong is marked.
    QVERIFY(!dialog->findChild<QLabel *>(u"moderatorsError"_s)->isVisible());
    QVERIFY(dialog->isVisible());
    QVERIFY(!dialog->isBusy());
    QCOMPARE(requests.size(), 0);
    QCOMPARE(m_sandbox->rooms().size(), 4);

    // Fixing the field clears the mark on the next try.
    dialog->findChild<QLineEdit *>(u"nameEdit"_s)->setText(u"Fixed"_s);
    QTest::mouseClick(okButton(dialog), Qt::LeftButton);
    QVERIFY(!nameError->isVisible() || dialog.isNull());
    QTRY_VERIFY_WITH_TIMEOUT(dialog.isNull(), 15'000);
    QCOMPARE(m_sandbox->rooms().size(), 5);
}

void TestRoomEditorDialog::scheduledRoomInThePastIsRefusedBeforeSending()
{
    QPointer<RoomEditorDialog> dialog = openNewRoomDialog();
    QVERIFY(dialog);
    QSignalSpy requests(m_sandbox->platform(), &VideoPlatform::requestStarted);
    dialog->findChild<QLineEdit *>(u"nameEdit"_s)->setText(u"Yesterday's meeting"_s);
    dialog->findChild<QRadioButton *>(u"scheduledRadio"_s)->setChecked(true);
    dialog->findChild<QTabWidget *>(u"tabs"_s)->setCurrentIndex(2);
    // The dialog's clock says it is a week after the start it offers.
    dialog->setClock([] { return QDateTime::currentDateTimeUtc().addDays(7); });
    QTest::mouseClick(okButton(dialog), Qt::LeftButton);

    QVERIFY(dialog->findChild<QLabel *>(u"scheduledTimeError"_s)->isVisible());
    // Duration is required for a scheduled room and was left "Not set".
    QVERIFY(dialog->findChild<QLabel *>(u"durationError"_s)->isVisible());
    // The first problem is brought into view.
    QCOMPARE(dialog->findChild<QTabWidget *>(u"tabs"_s)->currentIndex(), 0);
    QCOMPARE(requests.size(), 0);
}

void TestRoomEditorDialog::platformValidationErrorAppearsBesideItsField()
{
    QPointer<RoomEditorDialog> dialog = openNewRoomDialog();
    QVERIFY(dialog);
    dialog->findChild<QLineEdit *>(u"nameEdit"_s)->setText(u"All hands"_s);
    dialog->findChild<QComboBox *>(u"qualityCombo"_s)->setCurrentIndex(1); // HD
    // The platform refuses a quality above what the app's subscription allows (result 10021).
    QVERIFY(m_sandbox->setFaults(QJsonArray{QJsonObject{{u"kind"_s, u"status"_s},
                                                        {u"status"_s, 400},
                                                        {u"result"_s, 10021},
                                                        {u"match"_s, u"/rooms"_s},
                                                        {u"count"_s, 1}}}));
    QTest::mouseClick(okButton(dialog), Qt::LeftButton);
    QVERIFY(dialog->isBusy());
    QVERIFY(!okButton(dialog)->isEnabled());

    auto *qualityError = dialog->findChild<QLabel *>(u"qualityError"_s);
    QTRY_VERIFY_WITH_TIMEOUT(!dialog->isBusy(), 15'000);
    QVERIFY2(qualityError->isVisible(), qPrintable(dialog->findChild<QLabel *>(u"formError"_s)->text()));
    QVERIFY(!qualityError->text().isEmpty());
    QVERIFY(dialog->findChild<QComboBox *>(u"qualityCombo"_s)->property("invalid").toBool());
    QCOMPARE(dialog->findChild<QTabWidget *>(u"tabs"_s)->currentWidget()->objectName(), u"recordingTab"_s);
    QVERIFY(!dialog->isBusy());
    QVERIFY(okButton(dialog)->isEnabled());
    QVERIFY(dialog->isVisible());
    QVERIFY(m_sandbox->roomNamed(u"All hands"_s).isEmpty());
}

void TestRoomEditorDialog::editSendsOnlyChangedKeysAndLocksTypeKeys()
{
    const QList<Room> rooms = m_page->rooms();
    const auto standUp =
        std::find_if(rooms.cbegin(), rooms.cend(), [](const Room &room) { return room.name == u"Team stand-up"; });
    QVERIFY(standUp != rooms.cend());

    auto *dialog = new RoomEditorDialog(m_sandbox->platform(), *standUp, m_page.get());
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    QPointer<RoomEditorDialog> guard(dialog);
    dialog->open();
    QVERIFY(!dialog->findChild<QWidget *>(u"kindGroup"_s)->isEnabled());
    QVERIFY(!dialog->findChild<QComboBox *>(u"modeCombo"_s)->isEnabled());
    QVERIFY(dialog->changes().isEmpty());

    dialog->findChild<QSpinBox *>(u"participantsSpin"_s)->setValue(15);
    dialog->findChild<QLineEdit *>(u"descriptionEdit"_s)->setText(u"Every weekday at nine"_s);
    const QJsonObject expected{
        {u"settings"_s, QJsonObject{{u"participants"_s, u"15"_s}, {u"description"_s, u"Every weekday at nine"_s}}}};
    QCOMPARE(dialog->changes(), expected);

    QSignalSpy updated(dialog, &RoomEditorDialog::roomUpdated);
    QTest::mouseClick(okButton(dialog), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(guard.isNull(), 15'000);
    QCOMPARE(updated.size(), 1);

    const QJsonObject settings = m_sandbox->roomNamed(u"Team stand-up"_s).value(u"settings").toObject();
    QCOMPARE(settings.value(u"participants").toVariant().toInt(), 15);
    QCOMPARE(settings.value(u"description").toString(), u"Every weekday at nine"_s);
}

void TestRoomEditorDialog::editOfAPastScheduledRoomJudgesOnlyWhatChanges()
{
    const QList<Room> rooms = m_page->rooms();
    const auto scheduled = std::find_if(rooms.cbegin(), rooms.cend(), [](const Room &room) {
        return room.settings.kind == RoomSettings::Kind::Scheduled;
    });
    QVERIFY(scheduled != rooms.cend());

    auto *dialog = new RoomEditorDialog(m_sandbox->platform(), *scheduled, m_page.get());
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    QPointer<RoomEditorDialog> guard(dialog);
    // A month later the room's start has passed.
    dialog->setClock([] { return QDateTime::currentDateTimeUtc().addDays(30); });
    dialog->open();

    auto *startEdit = dialog->findChild<QDateTimeEdit *>(u"scheduledTimeEdit"_s);
    startEdit->setDateTime(startEdit->dateTime().addDays(1));
    QTest::mouseClick(okButton(dialog), Qt::LeftButton);
    // Moving the start is judged: still in the (moved) past.
    QVERIFY(dialog->findChild<QLabel *>(u"scheduledTimeError"_s)->isVisible());

    startEdit->setDateTime(startEdit->dateTime().addDays(-1));
    dialog->findChild<QLineEdit *>(u"nameEdit"_s)->setText(u"Onboarding (renamed)"_s);
    QTest::mouseClick(okButton(dialog), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(guard.isNull(), 15'000);
    QVERIFY(!m_sandbox->roomNamed(u"Onboarding (renamed)"_s).isEmpty());
}

} // namespace confero

QTEST_MAIN(confero::TestRoomEditorDialog)
#include "TestRoomEditorDialog.moc"
