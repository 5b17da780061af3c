#pragma once

#include <QString>
#include <QUrl>

namespace confero {

// A name that is safe as one component of a local path, made from what the platform or a URL says
// (which a hostile server controls): no separators or traversal ("..", "/", "\"), no NUL or control
// characters, none of the characters Windows refuses (<>:"|?*), no trailing dots or spaces, not a
// reserved device name (CON, NUL, COM1, LPT1, ... with or without an extension: prefixed with "_"),
// at most MaxBytes bytes of UTF-8 (cut on a character boundary, keeping a short extension). An empty
// result becomes `fallback`.
class SafeFileName
{
public:
    static constexpr qsizetype MaxBytes = 255;

    static QString sanitize(const QString &name, const QString &fallback = QStringLiteral("file"));
    // The last segment of the URL's path, percent-decoded, then sanitize().
    static QString fromUrl(const QUrl &url, const QString &fallback = QStringLiteral("file"));
    static bool isReservedDeviceName(const QString &name);
};

} // namespace confero
