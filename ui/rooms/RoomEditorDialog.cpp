#include "RoomEditorDialog.h"
#include "ui_RoomEditorDialog.h"

#include "Logging.h"
#include "platform/VideoPlatform.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QPushButton>
#include <QTabWidget>

namespace confero {

using namespace Qt::StringLiterals;

namespace {

// Defaults video-api.md 3.2 documents for the optional settings. A control left at its default
// sends nothing, so the platform keeps deciding (and a later change of its default reaches us).
constexpr bool defaultScreenShare = true;
constexpr bool defaultAbwd = true;
constexpr int defaultMaxActiveTalkers = 6;

const QStringList qualityValues{QString(), u"HD"_s, u"SD"_s, u"LD"_s};
const QStringList mediaZoneValues{QString(), u"IN"_s, u"SG"_s, u"US"_s, u"XX"_s};
const QStringList recordingValues{QString(), u"audiovideo"_s, u"audio"_s};

// What a control shows, turned back into an optional: unchanged from what the room had (or, for a
// new room, the documented default) stays as it was, so nothing is sent for it.
std::optional<bool> optionalFrom(bool shown, const std::optional<bool> &original, bool documentedDefault)
{
    if (shown == original.value_or(documentedDefault))
        return original;
    return shown;
}

std::optional<int> optionalFrom(int shown, const std::optional<int> &original, int documentedDefault)
{
    if (shown == original.value_or(documentedDefault))
        return original;
    return shown;
}

int indexOf(const QStringList &values, const QString &value)
{
    return qMax(0, values.indexOf(value));
}

// The keys of `next` whose values differ from `previous` (one level, sub-objects compared whole).
// A key `next` lacks is not a change: a PATCH cannot remove a setting.
QJsonObject changedKeys(const QJsonObject &previous, const QJsonObject &next)
{
    QJsonObject changed;
    for (auto it = next.constBegin(); it != next.constEnd(); ++it) {
        if (previous.value(it.key()) != it.value())
            changed.insert(it.key(), it.value());
    }
    return changed;
}

// Whether a PATCH body carries the key a validation error names ("settings.scheduled_time",
// "settings.role_based_recording.moderator" -> "settings.role_based_recording", "name").
bool changesTouch(const QJsonObject &changes, const QString &path)
{
    const QStringList parts = path.split(u'.');
    if (parts.size() >= 2 && parts.first() == u"settings")
        return changes.value(u"settings").toObject().contains(parts.at(1));
    return changes.contains(parts.first());
}

QDateTime nextQuarterHourInAnHour(const QDateTime &nowUtc)
{
    const qint64 quarter = 15 * 60;
    const qint64 secs = nowUtc.toSecsSinceEpoch() + 3600;
    return QDateTime::fromSecsSinceEpoch((secs + quarter - 1) / quarter * quarter, Qt::UTC);
}

} // namespace

RoomEditorDialog::RoomEditorDialog(VideoPlatform *platform, QWidget *parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::RoomEditorDialog>())
    , m_platform(platform)
    , m_clock([] { return QDateTime::currentDateTimeUtc(); })
{
    setUpControls();
    setWindowTitle(tr("New room"));
    m_ui->ownerRefEdit->setText(qEnvironmentVariable("USER", u"confero"_s));
    m_ui->scheduledTimeEdit->setDateTime(nextQuarterHourInAnHour(m_clock()));
    m_ui->buttonBox->button(QDialogButtonBox::Ok)->setText(tr("Create room"));
    updateKindDependentControls();
}

RoomEditorDialog::RoomEditorDialog(VideoPlatform *platform, const Room &room, QWidget *parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::RoomEditorDialog>())
    , m_platform(platform)
    , m_original(room)
    , m_clock([] { return QDateTime::currentDateTimeUtc(); })
{
    setUpControls();
    setWindowTitle(tr("Edit room \"%1\"").arg(room.name));
    load(room);
    m_ui->buttonBox->button(QDialogButtonBox::Ok)->setText(tr("Save changes"));
    // The platform refuses to change a room's type (10106 / 10020).
    m_ui->kindGroup->setEnabled(false);
    m_ui->modeCombo->setEnabled(false);
    m_ui->kindLabel->setToolTip(tr("A room's kind and mode cannot change after it is created."));
    m_ui->modeCombo->setToolTip(m_ui->kindLabel->toolTip());
    updateKindDependentControls();
}

RoomEditorDialog::~RoomEditorDialog() = default;

void RoomEditorDialog::setUpControls()
{
    m_ui->setupUi(this);
    setStyleSheet(FieldErrorDisplay::styleSheet());
    m_ui->formError->setStyleSheet(u"color: #c0392b;"_s);
    m_ui->formError->hide();
    m_ui->scheduledTimeEdit->setTimeSpec(Qt::UTC);
    m_ui->maxActiveTalkersSpin->setValue(defaultMaxActiveTalkers);
    m_ui->screenShareCheck->setChecked(defaultScreenShare);
    m_ui->abwdCheck->setChecked(defaultAbwd);

    const struct
    {
        const char16_t *key;
        QWidget *input;
        QLabel *label;
    } fields[] = {
        {u"name", m_ui->nameEdit, m_ui->nameError},
        {u"ownerRef", m_ui->ownerRefEdit, m_ui->ownerRefError},
        {u"kind", m_ui->kindGroup, m_ui->kindError},
        {u"mode", m_ui->modeCombo, m_ui->modeError},
        {u"description", m_ui->descriptionEdit, m_ui->descriptionError},
        {u"scheduledTime", m_ui->scheduledTimeEdit, m_ui->scheduledTimeError},
        {u"duration", m_ui->durationSpin, m_ui->durationError},
        {u"moderators", m_ui->moderatorsSpin, m_ui->moderatorsError},
        {u"participants", m_ui->participantsSpin, m_ui->participantsError},
        {u"quality", m_ui->qualityCombo, m_ui->qualityError},
        {u"autoRecording", m_ui->autoRecordingCheck, m_ui->autoRecordingError},
        {u"singleFileRecording", m_ui->singleFileRecordingCheck, m_ui->singleFileRecordingError},
        {u"recordingModerator", m_ui->recordingModeratorCombo, m_ui->recordingModeratorError},
        {u"recordingParticipant", m_ui->recordingParticipantCombo, m_ui->recordingParticipantError},
        {u"liveRecordingAuto", m_ui->liveRecordingAutoCheck, m_ui->liveRecordingAutoError},
        {u"liveRecordingUrl", m_ui->liveRecordingUrlEdit, m_ui->liveRecordingUrlError},
        {u"watermark", m_ui->watermarkCheck, m_ui->watermarkError},
        {u"screenShare", m_ui->screenShareCheck, m_ui->screenShareError},
        {u"canvas", m_ui->canvasCheck, m_ui->canvasError},
        {u"knock", m_ui->knockCheck, m_ui->knockError},
        {u"waitForModerator", m_ui->waitForModeratorCheck, m_ui->waitForModeratorError},
        {u"abwd", m_ui->abwdCheck, m_ui->abwdError},
        {u"facex", m_ui->facexCheck, m_ui->facexError},
        {u"maxActiveTalkers", m_ui->maxActiveTalkersSpin, m_ui->maxActiveTalkersError},
        {u"mediaZone", m_ui->mediaZoneCombo, m_ui->mediaZoneError},
        {u"billingCode", m_ui->billingCodeEdit, m_ui->billingCodeError},
        {u"sipEnabled", m_ui->sipEnabledCheck, m_ui->sipEnabledError},
    };
    for (const auto &field : fields)
        m_errors.add(QString::fromUtf16(field.key), field.input, field.label);

    for (QRadioButton *radio : {m_ui->permanentRadio, m_ui->scheduledRadio, m_ui->adhocRadio})
        connect(radio, &QRadioButton::toggled, this, &RoomEditorDialog::updateKindDependentControls);
    connect(m_ui->buttonBox, &QDialogButtonBox::accepted, this, &RoomEditorDialog::accept);
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &RoomEditorDialog::reject);
}

void RoomEditorDialog::load(const Room &room)
{
    const RoomSettings &s = room.settings;
    m_ui->nameEdit->setText(room.name);
    m_ui->ownerRefEdit->setText(room.ownerRef);
    m_ui->permanentRadio->setChecked(s.kind == RoomSettings::Kind::Permanent);
    m_ui->scheduledRadio->setChecked(s.kind == RoomSettings::Kind::Scheduled);
    m_ui->adhocRadio->setChecked(s.kind == RoomSettings::Kind::AdHoc);
    m_ui->modeCombo->setCurrentIndex(s.mode == RoomSettings::Mode::Lecture ? 1 : 0);
    m_ui->descriptionEdit->setText(s.description);
    m_ui->scheduledTimeEdit->setDateTime(s.scheduledTime.isValid() ? s.scheduledTime.toUTC()
                                                                   : nextQuarterHourInAnHour(m_clock()));
    m_ui->durationSpin->setValue(s.durationMinutes.value_or(0));
    m_ui->moderatorsSpin->setValue(s.moderators);
    m_ui->participantsSpin->setValue(s.participants);
    m_ui->qualityCombo->setCurrentIndex(indexOf(qualityValues, s.quality));
    m_ui->autoRecordingCheck->setChecked(s.autoRecording);
    m_ui->singleFileRecordingCheck->setChecked(s.singleFileRecording.value_or(false));
    m_ui->recordingModeratorCombo->setCurrentIndex(indexOf(recordingValues, s.recordingModerator));
    m_ui->recordingParticipantCombo->setCurrentIndex(indexOf(recordingValues, s.recordingParticipant));
    m_ui->liveRecordingAutoCheck->setChecked(s.liveRecordingAuto.value_or(false));
    m_ui->liveRecordingUrlEdit->setText(s.liveRecordingUrl);
    m_ui->watermarkCheck->setChecked(s.watermark.value_or(false));
    m_ui->screenShareCheck->setChecked(s.screenShare.value_or(defaultScreenShare));
    m_ui->canvasCheck->setChecked(s.canvas.value_or(false));
    m_ui->knockCheck->setChecked(s.knock.value_or(false));
    m_ui->waitForModeratorCheck->setChecked(s.waitForModerator.value_or(false));
    m_ui->abwdCheck->setChecked(s.abwd.value_or(defaultAbwd));
    m_ui->facexCheck->setChecked(s.facex.value_or(false));
    m_ui->maxActiveTalkersSpin->setValue(s.maxActiveTalkers.value_or(defaultMaxActiveTalkers));
    m_ui->mediaZoneCombo->setCurrentIndex(indexOf(mediaZoneValues, s.mediaZone));
    m_ui->billingCodeEdit->setText(s.billingCode);
    m_ui->sipEnabledCheck->setChecked(room.sipEnabled);
}

bool RoomEditorDialog::isEditing() const
{
    return m_original.has_value();
}

void RoomEditorDialog::setClock(Clock clock)
{
    m_clock = std::move(clock);
}

RoomSettings::Kind RoomEditorDialog::selectedKind() const
{
    if (m_ui->scheduledRadio->isChecked())
        return RoomSettings::Kind::Scheduled;
    if (m_ui->adhocRadio->isChecked())
        return RoomSettings::Kind::AdHoc;
    return RoomSettings::Kind::Permanent;
}

void RoomEditorDialog::updateKindDependentControls()
{
    const RoomSettings::Kind kind = selectedKind();
    m_ui->scheduledTimeEdit->setEnabled(kind == RoomSettings::Kind::Scheduled);
    // Duration is required for a scheduled room, extends reuse of an ad-hoc one, and means nothing
    // for a permanent room.
    m_ui->durationSpin->setEnabled(kind != RoomSettings::Kind::Permanent);
}

RoomDefinition RoomEditorDialog::definition() const
{
    const RoomSettings original = m_original ? m_original->settings : RoomSettings{};
    RoomDefinition d;
    d.name = m_ui->nameEdit->text().trimmed();
    d.ownerRef = m_ui->ownerRefEdit->text().trimmed();
    d.sipEnabled = m_ui->sipEnabledCheck->isChecked();
    if (m_original)
        d.data = m_original->data;

    RoomSettings &s = d.settings;
    s.kind = selectedKind();
    s.mode = m_ui->modeCombo->currentIndex() == 1 ? RoomSettings::Mode::Lecture : RoomSettings::Mode::Group;
    s.description = m_ui->descriptionEdit->text().trimmed();
    if (s.kind == RoomSettings::Kind::Scheduled)
        s.scheduledTime = m_ui->scheduledTimeEdit->dateTime().toUTC();
    if (s.kind != RoomSettings::Kind::Permanent && m_ui->durationSpin->value() > 0)
        s.durationMinutes = m_ui->durationSpin->value();
    else if (s.kind != RoomSettings::Kind::Permanent)
        s.durationMinutes = std::nullopt;
    else
        s.durationMinutes = original.durationMinutes;
    s.moderators = m_ui->moderatorsSpin->value();
    s.participants = m_ui->participantsSpin->value();
    s.quality = qualityValues.value(m_ui->qualityCombo->currentIndex());
    s.autoRecording = m_ui->autoRecordingCheck->isChecked();
    s.singleFileRecording =
        optionalFrom(m_ui->singleFileRecordingCheck->isChecked(), original.singleFileRecording, false);
    s.recordingModerator = recordingValues.value(m_ui->recordingModeratorCombo->currentIndex());
    s.recordingParticipant = recordingValues.value(m_ui->recordingParticipantCombo->currentIndex());
    s.liveRecordingAuto = optionalFrom(m_ui->liveRecordingAutoCheck->isChecked(), original.liveRecordingAuto, false);
    s.liveRecordingUrl = m_ui->liveRecordingUrlEdit->text().trimmed();
    s.watermark = optionalFrom(m_ui->watermarkCheck->isChecked(), original.watermark, false);
    s.screenShare = optionalFrom(m_ui->screenShareCheck->isChecked(), original.screenShare, defaultScreenShare);
    s.canvas = optionalFrom(m_ui->canvasCheck->isChecked(), original.canvas, false);
    s.knock = optionalFrom(m_ui->knockCheck->isChecked(), original.knock, false);
    s.waitForModerator = optionalFrom(m_ui->waitForModeratorCheck->isChecked(), original.waitForModerator, false);
    s.abwd = optionalFrom(m_ui->abwdCheck->isChecked(), original.abwd, defaultAbwd);
    s.facex = optionalFrom(m_ui->facexCheck->isChecked(), original.facex, false);
    s.maxActiveTalkers =
        optionalFrom(m_ui->maxActiveTalkersSpin->value(), original.maxActiveTalkers, defaultMaxActiveTalkers);
    s.mediaZone = mediaZoneValues.value(m_ui->mediaZoneCombo->currentIndex());
    s.billingCode = m_ui->billingCodeEdit->text().trimmed();
    return d;
}

QJsonObject RoomEditorDialog::changes() const
{
    if (!m_original)
        return {};
    const QJsonObject before = m_original->definition().toJson();
    const QJsonObject after = definition().toJson();

    QJsonObject body = changedKeys(before, after);
    body.remove(u"settings"_s);
    QJsonObject settings = changedKeys(before.value(u"settings").toObject(), after.value(u"settings").toObject());
    // Type keys never travel in a PATCH: the platform refuses them (10106).
    for (const QString &typeKey : {u"mode"_s, u"scheduled"_s, u"adhoc"_s})
        settings.remove(typeKey);
    if (!settings.isEmpty())
        body.insert(u"settings"_s, settings);
    return body;
}

bool RoomEditorDialog::isBusy() const
{
    return m_busy;
}

Room RoomEditorDialog::createdRoom() const
{
    return m_created;
}

QString RoomEditorDialog::fieldKeyForPath(const QString &requestPath)
{
    static const QHash<QString, QString> keys{
        {u"name"_s, u"name"_s},
        {u"owner_ref"_s, u"ownerRef"_s},
        {u"settings.scheduled"_s, u"kind"_s},
        {u"settings.adhoc"_s, u"kind"_s},
        {u"settings.mode"_s, u"mode"_s},
        {u"settings.description"_s, u"description"_s},
        {u"settings.scheduled_time"_s, u"scheduledTime"_s},
        {u"settings.duration"_s, u"duration"_s},
        {u"settings.moderators"_s, u"moderators"_s},
        {u"settings.participants"_s, u"participants"_s},
        {u"settings.quality"_s, u"quality"_s},
        {u"settings.auto_recording"_s, u"autoRecording"_s},
        {u"settings.single_file_recording"_s, u"singleFileRecording"_s},
        {u"settings.role_based_recording"_s, u"recordingModerator"_s},
        {u"settings.role_based_recording.moderator"_s, u"recordingModerator"_s},
        {u"settings.role_based_recording.participant"_s, u"recordingParticipant"_s},
        {u"settings.live_recording"_s, u"liveRecordingAuto"_s},
        {u"settings.live_recording.auto_recording"_s, u"liveRecordingAuto"_s},
        {u"settings.live_recording.url"_s, u"liveRecordingUrl"_s},
        {u"settings.watermark"_s, u"watermark"_s},
        {u"settings.screen_share"_s, u"screenShare"_s},
        {u"settings.canvas"_s, u"canvas"_s},
        {u"settings.knock"_s, u"knock"_s},
        // Legacy spellings the platform's result codes still name (10012, 10013).
        {u"settings.wait_moderator"_s, u"waitForModerator"_s},
        {u"settings.wait_for_moderator"_s, u"waitForModerator"_s},
        {u"settings.active_talker"_s, u"maxActiveTalkers"_s},
        {u"settings.max_active_talkers"_s, u"maxActiveTalkers"_s},
        {u"settings.abwd"_s, u"abwd"_s},
        {u"settings.facex"_s, u"facex"_s},
        {u"settings.media_zone"_s, u"mediaZone"_s},
        {u"settings.billing_code"_s, u"billingCode"_s},
        {u"sip"_s, u"sipEnabled"_s},
        {u"sip.enabled"_s, u"sipEnabled"_s},
        {u"sip.uri"_s, u"sipEnabled"_s},
    };
    return keys.value(requestPath);
}

void RoomEditorDialog::accept()
{
    if (m_busy)
        return;
    m_errors.clearAll();
    m_ui->formError->hide();

    const RoomDefinition wanted = definition();
    QList<FieldError> problems = wanted.validate(m_clock());
    if (m_original) {
        // Only what is about to be sent is judged: a scheduled room whose start has passed can still
        // be renamed, and its start time is not re-checked unless it is changed.
        const QJsonObject body = changes();
        problems.removeIf([&](const FieldError &error) { return !changesTouch(body, error.field); });
    }
    if (!problems.isEmpty()) {
        showErrors(problems);
        return;
    }
    if (!m_platform) {
        m_ui->formError->setText(tr("Not connected to a project: choose one in the toolbar first."));
        m_ui->formError->show();
        return;
    }

    if (!m_original) {
        setBusy(true, tr("Creating room…"));
        m_platform->createRoom(wanted, this, [this](PlatformResult<Room> result) {
            setBusy(false);
            if (!result) {
                showPlatformError(result.error());
                return;
            }
            m_created = result.value();
            qCInfo(lcUi) << "created room" << m_created.id;
            Q_EMIT roomCreated(m_created);
            QDialog::accept();
        });
        return;
    }

    const QJsonObject body = changes();
    if (body.isEmpty()) {
        // Nothing to send: closing is the honest answer to "save".
        QDialog::accept();
        return;
    }
    const QString roomId = m_original->id;
    setBusy(true, tr("Saving changes…"));
    m_platform->updateRoom(roomId, body, this, [this, roomId](const PlatformResult<Done> &result) {
        setBusy(false);
        if (!result) {
            showPlatformError(result.error());
            return;
        }
        qCInfo(lcUi) << "updated room" << roomId;
        Q_EMIT roomUpdated(roomId);
        QDialog::accept();
    });
}

void RoomEditorDialog::setBusy(bool busy, const QString &status)
{
    m_busy = busy;
    m_ui->busySpinner->setRunning(busy);
    m_ui->statusLabel->setText(status);
    m_ui->tabs->setEnabled(!busy);
    m_ui->buttonBox->button(QDialogButtonBox::Ok)->setEnabled(!busy);
}

void RoomEditorDialog::showErrors(const QList<FieldError> &errors)
{
    for (const FieldError &error : errors) {
        if (!showFieldError(error.field, error.message)) {
            const QString text = m_ui->formError->isHidden() ? QString() : m_ui->formError->text() + u'\n';
            m_ui->formError->setText(text + error.message);
            m_ui->formError->show();
        }
    }
    // Bring the first problem into view, even when it sits on another tab.
    if (QWidget *input = m_errors.firstInvalidInput()) {
        for (int i = 0; i < m_ui->tabs->count(); ++i) {
            if (m_ui->tabs->widget(i)->isAncestorOf(input)) {
                m_ui->tabs->setCurrentIndex(i);
                break;
            }
        }
        input->setFocus();
    }
}

void RoomEditorDialog::showPlatformError(const PlatformError &error)
{
    qCWarning(lcUi) << "room request failed:" << error.detail;
    if (error.kind == PlatformError::Kind::Validation && !error.field.isEmpty()
        && !fieldKeyForPath(error.field).isEmpty()) {
        showErrors({{error.field, error.message()}});
        return;
    }
    showErrors({{QString(), error.message()}});
}

bool RoomEditorDialog::showFieldError(const QString &requestPath, const QString &message)
{
    const QString key = fieldKeyForPath(requestPath);
    return !key.isEmpty() && m_errors.show(key, message);
}

} // namespace confero
