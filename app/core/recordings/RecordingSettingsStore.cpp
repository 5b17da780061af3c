#include "RecordingSettingsStore.h"

#include "RecordingsLogging.h"

#include "store/Store.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

using namespace Qt::StringLiterals;

namespace confero {

RecordingSettingsStore::RecordingSettingsStore(Store *store)
    : m_store(store)
{
}

RecordingSettings RecordingSettingsStore::settings(qint64 projectId) const
{
    RecordingSettings settings;
    QSqlQuery query(m_store->database());
    query.prepare(u"SELECT parallel, library FROM recording_settings WHERE project_id = ?"_s);
    query.addBindValue(projectId);
    if (!query.exec()) {
        qCWarning(lcRecordings) << "reading the recording settings failed:" << query.lastError().text();
        return settings;
    }
    if (query.next()) {
        settings.parallel =
            qBound(RecordingSettings::MinParallel, query.value(0).toInt(), RecordingSettings::MaxParallel);
        settings.library = query.value(1).toString();
    }
    return settings;
}

StoreResult<bool> RecordingSettingsStore::save(qint64 projectId, const RecordingSettings &settings)
{
    QSqlQuery query(m_store->database());
    // INSERT ... ON CONFLICT DO UPDATE reads the same on SQLite (3.24+) and PostgreSQL; an empty
    // QString may be bound as NULL, hence COALESCE.
    query.prepare(u"INSERT INTO recording_settings (project_id, parallel, library, updated_at) "
                  "VALUES (?, ?, COALESCE(?, ''), ?) "
                  "ON CONFLICT (project_id) DO UPDATE SET parallel = excluded.parallel, library = excluded.library, "
                  "updated_at = excluded.updated_at"_s);
    query.addBindValue(projectId);
    query.addBindValue(qBound(RecordingSettings::MinParallel, settings.parallel, RecordingSettings::MaxParallel));
    query.addBindValue(settings.library);
    query.addBindValue(QDateTime::currentMSecsSinceEpoch());
    if (!query.exec()) {
        qCWarning(lcRecordings) << "writing the recording settings failed:" << query.lastError().text();
        return StoreError{tr("Could not save the project's download settings."), query.lastError().text()};
    }
    return true;
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
