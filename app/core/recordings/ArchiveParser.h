#pragma once

#include "ArchiveEntry.h"

#include <QByteArray>
#include <QJsonArray>
#include <QList>
#include <QString>

#include <optional>

namespace confero {

// Reads the `archive` array of an /archive answer strictly: every entry an object with a non-empty
// room_id and conf_num (a string, or a whole number), file links absolute http(s) URLs; anything else
// refuses the whole answer with a sentence saying where. Bounded, since the answer comes from the
// network: at most MaxEntries entries, MaxFilesPerEntry files each, MaxUrlLength characters a link.
class ArchiveParser
{
public:
    static constexpr qsizetype MaxEntries = 200'000;
    static constexpr qsizetype MaxFilesPerEntry = 1'000;
    static constexpr qsizetype MaxUrlLength = 8'192;
    static constexpr qsizetype MaxDocumentBytes = 256LL * 1024 * 1024;

    static std::optional<QList<ArchiveEntry>> parse(const QJsonArray &archive, QString *error);
    // A whole answer, {"result":"0","archive":[...]} (a missing or null `archive` is no entries).
    static std::optional<QList<ArchiveEntry>> parseDocument(const QByteArray &json, QString *error);
};

} // namespace confero
