#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QString>

#include <optional>

namespace confero {

// A file that comes with a recording (chat data, metadata.json) as read before its own fields: a JSON
// object of at most `maxBytes` whose `listKey` is a list (or absent) of at most `maxItems`.
struct ReviewDocument
{
    QJsonObject root;
    QJsonArray list;

    // `what` names the file for a person ("The chat file"), `items` the list's entries ("messages");
    // on a refusal `error` (when given) gets a sentence saying why.
    static std::optional<ReviewDocument> read(const QByteArray &json, qsizetype maxBytes, const QString &listKey,
                                              qsizetype maxItems, const QString &what, const QString &items,
                                              QString *error);
};

} // namespace confero
