#include "ArchiveParser.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <cmath>

using namespace Qt::StringLiterals;

namespace confero {

namespace {

// An identifier the platform sends as a string; a whole number is accepted for conf_num (video-api.md
// 1.4 calls it an opaque string, and JSON writers differ).
std::optional<QString> identifier(const QJsonValue &value, bool numberAllowed)
{
    if (value.isString() && !value.toString().isEmpty() && value.toString().size() <= 256)
        return value.toString();
    if (numberAllowed && value.isDouble()) {
        const double number = value.toDouble();
        if (number >= 0 && number <= 9.0e15 && std::floor(number) == number)
            return QString::number(qint64(number));
    }
    return std::nullopt;
}

std::optional<QUrl> link(const QJsonValue &value, const QString &where, QString *error)
{
    if (!value.isString() || value.toString().isEmpty()) {
        *error = u"%1 is not a link"_s.arg(where);
        return std::nullopt;
    }
    const QString text = value.toString();
    if (text.size() > ArchiveParser::MaxUrlLength) {
        *error = u"%1 is longer than %2 characters"_s.arg(where).arg(ArchiveParser::MaxUrlLength);
        return std::nullopt;
    }
    const QUrl url(text, QUrl::StrictMode);
    const QString scheme = url.scheme().toLower();
    if (!url.isValid() || (scheme != u"https" && scheme != u"http") || url.host().isEmpty()) {
        *error = u"%1 is not an http(s) link: \"%2\""_s.arg(where, text.left(200));
        return std::nullopt;
    }
    return url;
}

bool readFileList(const QJsonObject &entry, const QString &key, ArchiveFile::Kind kind, const QString &where,
                  QList<ArchiveFile> *files, QString *error)
{
    const QJsonValue value = entry.value(key);
    if (value.isUndefined() || value.isNull())
        return true;
    if (!value.isArray()) {
        *error = u"%1.%2 is not an array"_s.arg(where, key);
        return false;
    }
    const QJsonArray list = value.toArray();
    for (qsizetype i = 0; i < list.size(); ++i) {
        const QString item = u"%1.%2[%3]"_s.arg(where, key).arg(i);
        if (!list.at(i).isObject()) {
            *error = u"%1 is not an object"_s.arg(item);
            return false;
        }
        const std::optional<QUrl> url = link(list.at(i).toObject().value(u"url"), item + u".url"_s, error);
        if (!url)
            return false;
        if (files->size() >= ArchiveParser::MaxFilesPerEntry) {
            *error = u"%1 lists more than %2 files"_s.arg(where).arg(ArchiveParser::MaxFilesPerEntry);
            return false;
        }
        files->append({kind, *url});
    }
    return true;
}

} // namespace

std::optional<QList<ArchiveEntry>> ArchiveParser::parse(const QJsonArray &archive, QString *error)
{
    if (archive.size() > MaxEntries) {
        *error = u"the archive lists %1 entries, more than the %2 this program reads at once"_s.arg(archive.size())
                     .arg(MaxEntries);
        return std::nullopt;
    }
    QList<ArchiveEntry> entries;
    entries.reserve(archive.size());
    for (qsizetype i = 0; i < archive.size(); ++i) {
        const QString where = u"archive[%1]"_s.arg(i);
        if (!archive.at(i).isObject()) {
            *error = u"%1 is not an object"_s.arg(where);
            return std::nullopt;
        }
        const QJsonObject object = archive.at(i).toObject();
        ArchiveEntry entry;
        const std::optional<QString> room = identifier(object.value(u"room_id"), false);
        const std::optional<QString> conf = identifier(object.value(u"conf_num"), true);
        if (!room || !conf) {
            *error = u"%1 has no %2"_s.arg(where, room ? u"conf_num"_s : u"room_id"_s);
            return std::nullopt;
        }
        entry.roomId = *room;
        entry.confNum = *conf;
        entry.id = identifier(object.value(u"_id"), false).value_or(QString());
        entry.appId = identifier(object.value(u"app_id"), false).value_or(QString());
        if (object.contains(u"trans_date")) {
            entry.transDate = QDateTime::fromString(object.value(u"trans_date").toString(), Qt::ISODateWithMs);
            if (!entry.transDate.isValid()) {
                *error = u"%1.trans_date is not an ISO-8601 time"_s.arg(where);
                return std::nullopt;
            }
            entry.transDate = entry.transDate.toUTC();
        }
        if (!readFileList(object, u"recording"_s, ArchiveFile::Kind::Recording, where, &entry.files, error)
            || !readFileList(object, u"transcoded"_s, ArchiveFile::Kind::Transcoded, where, &entry.files, error))
            return std::nullopt;
        for (const auto &[key, kind] : {std::pair{u"chatdata"_s, ArchiveFile::Kind::ChatData},
                                        std::pair{u"metadata"_s, ArchiveFile::Kind::Metadata}}) {
            const QJsonValue value = object.value(key);
            if (value.isUndefined() || value.isNull() || (value.isString() && value.toString().isEmpty()))
                continue;
            const std::optional<QUrl> url = link(value, where + u'.' + key, error);
            if (!url)
                return std::nullopt;
            entry.files.append({kind, *url});
        }
        entries.append(std::move(entry));
    }
    return entries;
}

std::optional<QList<ArchiveEntry>> ArchiveParser::parseDocument(const QByteArray &json, QString *error)
{
    if (json.size() > MaxDocumentBytes) {
        *error = u"the archive answer is larger than %1 MB"_s.arg(MaxDocumentBytes / (1024 * 1024));
        return std::nullopt;
    }
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
        *error = u"the archive answer is not a JSON object"_s;
        return std::nullopt;
    }
    const QJsonValue archive = document.object().value(u"archive");
    if (archive.isUndefined() || archive.isNull())
        return QList<ArchiveEntry>();
    if (!archive.isArray()) {
        *error = u"`archive` is not an array"_s;
        return std::nullopt;
    }
    return parse(archive.toArray(), error);
}

} // namespace confero
