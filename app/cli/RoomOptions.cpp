#include "RoomOptions.h"

#include <QCoreApplication>
#include <QTimeZone>

namespace confero::cli {

using namespace Qt::StringLiterals;

namespace {

class RoomOptionsText
{
    Q_DECLARE_TR_FUNCTIONS(confero::cli::RoomOptions)
};

std::optional<int> intOption(const CommandLine &line, const QString &name, QString *error)
{
    bool ok = false;
    const int value = line.value(name).toInt(&ok);
    if (!ok) {
        *error = RoomOptionsText::tr("--%1 needs a whole number, not \"%2\".").arg(name, line.value(name));
        return std::nullopt;
    }
    return value;
}

// Maps a domain field ("settings.moderators") back to the flag the user typed.
QString flagFor(const QString &field)
{
    QString name = field.section(u'.', -1);
    if (name == u"scheduled_time")
        return u"--scheduled-time"_s;
    if (name == u"owner_ref")
        return u"--owner-ref"_s;
    if (name == u"max_active_talkers")
        return u"--max-active-talkers"_s;
    if (name == u"media_zone")
        return u"--media-zone"_s;
    return u"--"_s + name.replace(u'_', u'-');
}

QString describe(const FieldError &error)
{
    return RoomOptionsText::tr("%1: %2").arg(flagFor(error.field), error.message);
}

} // namespace

QStringList RoomOptions::createOptions()
{
    return {u"name"_s,        u"owner-ref"_s,          u"mode"_s,         u"kind"_s,    u"scheduled-time"_s,
            u"duration"_s,    u"moderators"_s,         u"participants"_s, u"quality"_s, u"auto-recording"_s,
            u"description"_s, u"max-active-talkers"_s, u"media-zone"_s,   u"sip"_s};
}

QStringList RoomOptions::updateOptions()
{
    return {u"name"_s,           u"description"_s,       u"participants"_s,   u"moderators"_s, u"quality"_s,
            u"auto-recording"_s, u"no-auto-recording"_s, u"scheduled-time"_s, u"duration"_s};
}

QDateTime RoomOptions::parseTime(const QString &text)
{
    const QString trimmed = text.trimmed();
    for (const QString &format :
         {u"yyyy-MM-dd HH:mm:ss"_s, u"yyyy-MM-dd HH:mm"_s, u"yyyy-MM-ddTHH:mm:ss"_s, u"yyyy-MM-ddTHH:mm"_s}) {
        QDateTime time = QDateTime::fromString(trimmed, format);
        if (time.isValid()) {
            time.setTimeZone(QTimeZone::utc());
            return time;
        }
    }
    return {};
}

std::optional<RoomDefinition> RoomOptions::definition(const CommandLine &line, QString *error)
{
    RoomDefinition definition;
    definition.name = line.value(u"name"_s);
    definition.ownerRef = line.value(u"owner-ref"_s);
    definition.sipEnabled = line.has(u"sip"_s);
    RoomSettings &s = definition.settings;
    s.description = line.value(u"description"_s);

    const QString mode = line.value(u"mode"_s).toLower();
    if (mode == u"lecture")
        s.mode = RoomSettings::Mode::Lecture;
    else if (!mode.isEmpty() && mode != u"group") {
        *error = RoomOptionsText::tr("--mode must be group or lecture.");
        return std::nullopt;
    }
    const QString kind = line.value(u"kind"_s).toLower();
    if (kind == u"scheduled")
        s.kind = RoomSettings::Kind::Scheduled;
    else if (kind == u"adhoc" || kind == u"ad-hoc")
        s.kind = RoomSettings::Kind::AdHoc;
    else if (!kind.isEmpty() && kind != u"permanent") {
        *error = RoomOptionsText::tr("--kind must be permanent, scheduled or adhoc.");
        return std::nullopt;
    }
    if (line.has(u"scheduled-time"_s)) {
        s.scheduledTime = parseTime(line.value(u"scheduled-time"_s));
        if (!s.scheduledTime.isValid()) {
            *error = RoomOptionsText::tr("--scheduled-time must look like \"YYYY-MM-DD HH:MM\" (UTC).");
            return std::nullopt;
        }
        if (kind.isEmpty())
            s.kind = RoomSettings::Kind::Scheduled;
    }
    const auto readInt = [&](const QString &name, auto assign) {
        if (!line.has(name))
            return true;
        const std::optional<int> value = intOption(line, name, error);
        if (value)
            assign(*value);
        return value.has_value();
    };
    if (!readInt(u"duration"_s, [&](int v) { s.durationMinutes = v; })
        || !readInt(u"moderators"_s, [&](int v) { s.moderators = v; })
        || !readInt(u"participants"_s, [&](int v) { s.participants = v; })
        || !readInt(u"max-active-talkers"_s, [&](int v) { s.maxActiveTalkers = v; }))
        return std::nullopt;
    s.quality = line.value(u"quality"_s).toUpper();
    s.mediaZone = line.value(u"media-zone"_s).toUpper();
    s.autoRecording = line.has(u"auto-recording"_s);

    const QList<FieldError> errors = definition.validate(QDateTime::currentDateTimeUtc());
    if (!errors.isEmpty()) {
        *error = describe(errors.constFirst());
        return std::nullopt;
    }
    return definition;
}

std::optional<QJsonObject> RoomOptions::changes(const CommandLine &line, const QDateTime &nowUtc, QString *error)
{
    QJsonObject body;
    QJsonObject settings;
    // Checked against a room with the platform's defaults, so each given value meets the same rules
    // as at creation; only the keys given are sent.
    RoomSettings probe;
    if (line.has(u"name"_s)) {
        if (line.value(u"name"_s).trimmed().isEmpty()) {
            *error = RoomOptionsText::tr("--name cannot be empty.");
            return std::nullopt;
        }
        body.insert(u"name"_s, line.value(u"name"_s).trimmed());
    }
    if (line.has(u"description"_s))
        settings.insert(u"description"_s, line.value(u"description"_s));
    for (const QString &name : {u"participants"_s, u"moderators"_s, u"duration"_s}) {
        if (!line.has(name))
            continue;
        const std::optional<int> value = intOption(line, name, error);
        if (!value)
            return std::nullopt;
        if (name == u"participants")
            probe.participants = *value;
        else if (name == u"moderators")
            probe.moderators = *value;
        else
            probe.durationMinutes = *value;
        settings.insert(name, QString::number(*value));
    }
    if (line.has(u"quality"_s)) {
        probe.quality = line.value(u"quality"_s).toUpper();
        settings.insert(u"quality"_s, probe.quality);
    }
    if (line.has(u"auto-recording"_s) && line.has(u"no-auto-recording"_s)) {
        *error = RoomOptionsText::tr("Give --auto-recording or --no-auto-recording, not both.");
        return std::nullopt;
    }
    if (line.has(u"auto-recording"_s))
        settings.insert(u"auto_recording"_s, true);
    if (line.has(u"no-auto-recording"_s))
        settings.insert(u"auto_recording"_s, false);
    if (line.has(u"scheduled-time"_s)) {
        const QDateTime time = parseTime(line.value(u"scheduled-time"_s));
        if (!time.isValid()) {
            *error = RoomOptionsText::tr("--scheduled-time must look like \"YYYY-MM-DD HH:MM\" (UTC).");
            return std::nullopt;
        }
        probe.kind = RoomSettings::Kind::Scheduled;
        probe.scheduledTime = time;
        if (!probe.durationMinutes)
            probe.durationMinutes = 1; // the room keeps its own duration unless one is given
        settings.insert(u"scheduled_time"_s, time.toString(u"yyyy-MM-dd HH:mm:ss"_s));
    }
    const QList<FieldError> errors = probe.validate(nowUtc);
    if (!errors.isEmpty()) {
        *error = describe(errors.constFirst());
        return std::nullopt;
    }
    if (!settings.isEmpty())
        body.insert(u"settings"_s, settings);
    if (body.isEmpty()) {
        *error = RoomOptionsText::tr("Nothing to change: give at least one of --name, --description, "
                                     "--participants, --moderators, --quality, --auto-recording, "
                                     "--no-auto-recording, --scheduled-time, --duration.");
        return std::nullopt;
    }
    return body;
}

} // namespace confero::cli
