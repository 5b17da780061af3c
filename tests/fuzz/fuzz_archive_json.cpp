// Fuzzes the core's strict reading of /archive answers (ArchiveParser, video-api.md 6). Whatever the
// bytes: either a refusal with a sentence, or entries whose identifiers are non-empty and whose every
// file link is an absolute http(s) URL, within the parser's bounds; parsing the same array again gives
// the same entries.

#include "FuzzCheck.h"

#include "recordings/ArchiveParser.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <cstddef>
#include <cstdint>

using confero::ArchiveEntry;
using confero::ArchiveFile;
using confero::ArchiveParser;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QByteArray text = QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size));
    QString error;
    const std::optional<QList<ArchiveEntry>> entries = ArchiveParser::parseDocument(text, &error);
    if (!entries) {
        CONFERO_FUZZ_CHECK(!error.isEmpty());
        return 0;
    }
    CONFERO_FUZZ_CHECK(entries->size() <= ArchiveParser::MaxEntries);
    for (const ArchiveEntry &entry : *entries) {
        CONFERO_FUZZ_CHECK(!entry.roomId.isEmpty() && !entry.confNum.isEmpty());
        CONFERO_FUZZ_CHECK(entry.files.size() <= ArchiveParser::MaxFilesPerEntry + 2);
        CONFERO_FUZZ_CHECK(!entry.transDate.isValid() || entry.transDate.timeSpec() == Qt::UTC);
        for (const ArchiveFile &file : entry.files) {
            const QString scheme = file.url.scheme().toLower();
            CONFERO_FUZZ_CHECK(file.url.isValid() && !file.url.host().isEmpty());
            CONFERO_FUZZ_CHECK(scheme == QStringLiteral("http") || scheme == QStringLiteral("https"));
        }
    }
    const QJsonDocument document = QJsonDocument::fromJson(text);
    if (document.isObject() && document.object().value(u"archive").isArray()) {
        QString again;
        const std::optional<QList<ArchiveEntry>> second =
            ArchiveParser::parse(document.object().value(u"archive").toArray(), &again);
        CONFERO_FUZZ_CHECK(second.has_value() && *second == *entries);
    }
    return 0;
}
