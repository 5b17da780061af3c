#include "RecordingSettingsStore.h"

#include "RecordingsLogging.h"

#include "store/Store.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlError>
#include <QSqlQuery>
#include <QTimeZone>
#include <QVariant>

using namespace Qt::StringLiterals;

namespace confero {

namespace {

// The quota is kept in whole MB (10^6 bytes, as disks are sold and as the dialog shows them).
constexpr qint64 BytesPerMb = 1000 * 1000;

// The order kinds are stored in, as the archive lists them.
constexpr ArchiveFile::Kind KindOrder[] = {ArchiveFile::Kind::Recording, ArchiveFile::Kind::Transcoded,
                                           ArchiveFile::Kind::ChatData, ArchiveFile::Kind::Metadata};

} // namespace

RecordingSettingsStore::RecordingSettingsStore(Store *store)
    : m_store(store)
{
}

RecordingSettings RecordingSettingsStore::settings(qint64 projectId) const
{
    RecordingSettings settings;
    QSqlQuery query(m_store->database());
    query.prepare(
        u"SELECT parallel, library, auto_kinds, quota_mb, keep_days FROM recording_settings WHERE project_id = ?"_s);
    query.addBindValue(projectId);
    if (!query.exec()) {
        qCWarning(lcRecordings) << "reading the recording settings failed:" << query.lastError().text();
        return settings;
    }
    if (query.next()) {
        settings.parallel =
            qBound(RecordingSettings::MinParallel, query.value(0).toInt(), RecordingSettings::MaxParallel);
        settings.library = query.value(1).toString();
        settings.autoKinds = RecordingSettings::kindsFromText(query.value(2).toString());
        settings.quotaBytes = qMax(qint64(0), query.value(3).toLongLong()) * BytesPerMb;
        settings.keepDays = qBound(0, query.value(4).toInt(), RecordingSettings::MaxKeepDays);
    }
    return settings;
}

StoreResult<bool> RecordingSettingsStore::save(qint64 projectId, const RecordingSettings &settings)
{
    QSqlQuery query(m_store->database());
    // INSERT ... ON CONFLICT DO UPDATE reads the same on SQLite (3.24+) and PostgreSQL; an empty
    // QString may be bound as NULL, hence COALESCE.
    query.prepare(u"INSERT INTO recording_settings (project_id, parallel, library, auto_kinds, quota_mb, keep_days, "
                  "updated_at) VALUES (?, ?, COALESCE(?, ''), COALESCE(?, ''), ?, ?, ?) "
                  "ON CONFLICT (project_id) DO UPDATE SET parallel = excluded.parallel, library = excluded.library, "
                  "auto_kinds = excluded.auto_kinds, quota_mb = excluded.quota_mb, keep_days = excluded.keep_days, "
                  "updated_at = excluded.updated_at"_s);
    query.addBindValue(projectId);
    query.addBindValue(qBound(RecordingSettings::MinParallel, settings.parallel, RecordingSettings::MaxParallel));
    query.addBindValue(settings.library);
    query.addBindValue(RecordingSettings::kindsText(settings.autoKinds));
    // Whole MB, rounded up: a quota is never smaller than asked.
    query.addBindValue(settings.quotaBytes > 0 ? (settings.quotaBytes + BytesPerMb - 1) / BytesPerMb : qint64(0));
    query.addBindValue(qBound(0, settings.keepDays, RecordingSettings::MaxKeepDays));
    query.addBindValue(QDateTime::currentMSecsSinceEpoch());
    if (!query.exec()) {
        qCWarning(lcRecordings) << "writing the recording settings failed:" << query.lastError().text();
        return StoreError{tr("Could not save the project's download settings."), query.lastError().text()};
    }
    return true;
}

QDate RecordingSettingsStore::archiveThrough(qint64 projectId) const
{
    QSqlQuery query(m_store->database());
    query.prepare(u"SELECT archive_through FROM recording_settings WHERE project_id = ?"_s);
    query.addBindValue(projectId);
    if (!query.exec() || !query.next() || query.value(0).toLongLong() <= 0)
        return {};
    return QDateTime::fromMSecsSinceEpoch(query.value(0).toLongLong(), QTimeZone::utc()).date();
}

StoreResult<bool> RecordingSettingsStore::setArchiveThrough(qint64 projectId, const QDate &day)
{
    // A project with no settings row gets one with the defaults, so the mark has a place.
    QSqlQuery query(m_store->database());
    query.prepare(u"INSERT INTO recording_settings (project_id, archive_through, updated_at) VALUES (?, ?, ?) "
                  "ON CONFLICT (project_id) DO UPDATE SET archive_through = excluded.archive_through"_s);
    query.addBindValue(projectId);
    query.addBindValue(day.isValid() ? day.startOfDay(QTimeZone::utc()).toMSecsSinceEpoch() : qint64(0));
    query.addBindValue(QDateTime::currentMSecsSinceEpoch());
    if (!query.exec()) {
        qCWarning(lcRecordings) << "writing the archive mark failed:" << query.lastError().text();
        return StoreError{tr("Could not save how far the recordings were checked."), query.lastError().text()};
    }
    return true;
}

QString RecordingSettings::kindsText(const QSet<ArchiveFile::Kind> &kinds)
{
    QStringList names;
    for (const ArchiveFile::Kind kind : KindOrder) {
        if (kinds.contains(kind))
            names.append(ArchiveFile::kindName(kind));
    }
    return names.join(u',');
}

QSet<ArchiveFile::Kind> RecordingSettings::kindsFromText(const QString &text)
{
    QSet<ArchiveFile::Kind> kinds;
    for (const QString &name : text.split(u',', Qt::SkipEmptyParts)) {
        for (const ArchiveFile::Kind kind : KindOrder) {
            if (ArchiveFile::kindName(kind) == name.trimmed())
                kinds.insert(kind);
        }
    }
    return kinds;
}

QString RecordingSettingsStore::credentialsKey(qint64 projectId)
{
    return u"recording-file/%1"_s.arg(projectId);
}

QString RecordingSettingsStore::encodeCredentials(const QString &user, const QString &password)
{
    return QString::fromUtf8(
        QJsonDocument(QJsonObject{{u"user"_s, user}, {u"password"_s, password}}).toJson(QJsonDocument::Compact));
}

bool RecordingSettingsStore::decodeCredentials(const QString &value, QString *user, QString *password)
{
    const QJsonObject object = QJsonDocument::fromJson(value.toUtf8()).object();
    if (!object.value(u"user").isString() || !object.value(u"password").isString())
        return false;
    *user = object.value(u"user").toString();
    *password = object.value(u"password").toString();
    return true;
}

} // namespace confero
