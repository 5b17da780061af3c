#include "ReviewDocument.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonParseError>

namespace confero {

std::optional<ReviewDocument> ReviewDocument::read(const QByteArray &json, qsizetype maxBytes, const QString &listKey,
                                                   qsizetype maxItems, const QString &what, const QString &items,
                                                   QString *error)
{
    const auto refuse = [error](const QString &why) {
        if (error)
            *error = why;
        return std::optional<ReviewDocument>();
    };
    if (json.size() > maxBytes)
        return refuse(QCoreApplication::translate("ReviewDocument", "%1 is larger than %2 MB.")
                          .arg(what)
                          .arg(maxBytes / (1024 * 1024)));
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return refuse(QCoreApplication::translate("ReviewDocument", "%1 is not JSON (%2 at byte %3).")
                          .arg(what, parseError.errorString())
                          .arg(parseError.offset));
    if (!document.isObject())
        return refuse(QCoreApplication::translate("ReviewDocument", "%1 is not a JSON object.").arg(what));
    ReviewDocument read;
    read.root = document.object();
    const QJsonValue list = read.root.value(listKey);
    if (!list.isArray() && !list.isUndefined() && !list.isNull())
        return refuse(QCoreApplication::translate("ReviewDocument", "In %1, \"%2\" is not a list.").arg(what, listKey));
    read.list = list.toArray();
    if (read.list.size() > maxItems)
        return refuse(QCoreApplication::translate("ReviewDocument", "%1 has more than %2 %3.")
                          .arg(what)
                          .arg(maxItems)
                          .arg(items));
    return read;
}

} // namespace confero
