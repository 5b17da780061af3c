// Fuzzes SafeFileName, which turns names a server controls into one local path component. Whatever
// the text (read as UTF-8, and as a URL): never empty, ".", ".." or a reserved device name; no
// separator, NUL or control character; at most 255 bytes of UTF-8; and sanitising is idempotent.

#include "FuzzCheck.h"

#include "recordings/SafeFileName.h"

#include <QUrl>

#include <cstddef>
#include <cstdint>

using confero::SafeFileName;

namespace {

void checkName(const QString &name)
{
    CONFERO_FUZZ_CHECK(!name.isEmpty());
    CONFERO_FUZZ_CHECK(name != QStringLiteral(".") && name != QStringLiteral(".."));
    CONFERO_FUZZ_CHECK(!SafeFileName::isReservedDeviceName(name));
    CONFERO_FUZZ_CHECK(name.toUtf8().size() <= SafeFileName::MaxBytes);
    for (const QChar c : name) {
        CONFERO_FUZZ_CHECK(c != u'/' && c != u'\\' && c.unicode() >= 0x20 && c.unicode() != 0x7f);
    }
    CONFERO_FUZZ_CHECK(!name.startsWith(u'.') && !name.endsWith(u'.') && !name.endsWith(u' '));
    // Well-formed UTF-16: a cut never leaves half a surrogate pair.
    CONFERO_FUZZ_CHECK(QString::fromUtf8(name.toUtf8()) == name);
    CONFERO_FUZZ_CHECK(SafeFileName::sanitize(name) == name);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QByteArray bytes = QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size));
    const QString text = QString::fromUtf8(bytes);
    checkName(SafeFileName::sanitize(text));
    checkName(SafeFileName::fromUrl(QUrl(text)));
    checkName(SafeFileName::fromUrl(QUrl(QStringLiteral("https://h/") + text)));
    return 0;
}
