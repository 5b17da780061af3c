#include "BrowseCase.h"

#include "store/CdrQuery.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace confero::bench {

using namespace Qt::StringLiterals;

QList<BrowseCase> BrowseCase::load(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = path + u": "_s + file.errorString();
        return {};
    }
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (!document.isObject()) {
        *error = path + u": "_s + parseError.errorString();
        return {};
    }
    QList<BrowseCase> cases;
    const QJsonArray entries = document.object().value(u"cases").toArray();
    for (const auto &entry : entries) {
        const QJsonObject object = entry.toObject();
        BrowseCase browse;
        browse.name = object.value(u"name").toString();
        const auto date = [&](const char16_t *key) {
            return QDate::fromString(object.value(key).toString(), Qt::ISODate);
        };
        browse.filter.from = date(u"from");
        browse.filter.to = date(u"to");
        browse.filter.roomId = object.value(u"room").toString();
        browse.filter.confNum = object.value(u"conf").toString();
        browse.filter.text = object.value(u"text").toString();
        browse.filter.role = object.value(u"role").toString();
        browse.filter.minDurationS = object.value(u"min_duration").toDouble();
        // "column" or "column:desc", as conferoctl's --sort.
        const QStringList sort = object.value(u"sort").toString(u"connect_ms"_s).split(u':');
        browse.sort.column = sort.value(0);
        browse.sort.descending = sort.value(1) == u"desc";
        if (object.contains(u"jump_row"))
            browse.jumpRow = object.value(u"jump_row").toInteger();
        if (browse.name.isEmpty() || !CdrQuery::isColumn(browse.sort.column)) {
            *error = u"%1: case %2 has no name or an unknown sort column"_s.arg(path).arg(cases.size() + 1);
            return {};
        }
        cases.append(browse);
    }
    if (cases.isEmpty())
        *error = path + u": no cases"_s;
    return cases;
}

} // namespace confero::bench
