#include "SafeFileName.h"

#include <QStringList>

using namespace Qt::StringLiterals;

namespace confero {

namespace {

bool isForbidden(char32_t c)
{
    if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0))
        return true; // NUL and control characters
    switch (c) {
    case '/':
    case '\\':
    case '<':
    case '>':
    case ':':
    case '"':
    case '|':
    case '?':
    case '*':
        return true;
    default:
        break;
    }
    // Unicode line and paragraph separators, and the bidirectional overrides that make a name read
    // as something it is not ("exe.txt" shown for "txt.exe").
    return c == 0x2028 || c == 0x2029 || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069) || c == 0xfeff;
}

// Cuts `text` to at most `bytes` bytes of UTF-8 without splitting a character.
QString cutUtf8(const QString &text, qsizetype bytes)
{
    QString out;
    qsizetype used = 0;
    for (const char32_t c : text.toUcs4()) {
        const qsizetype size = c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
        if (used + size > bytes)
            break;
        used += size;
        out.append(QString::fromUcs4(&c, 1));
    }
    return out;
}

} // namespace

bool SafeFileName::isReservedDeviceName(const QString &name)
{
    // Windows treats these as devices whatever the extension ("CON.txt", "nul.tar.gz") and with
    // trailing spaces.
    const QString stem = name.section(u'.', 0, 0).trimmed().toUpper();
    static const QStringList fixed{u"CON"_s, u"PRN"_s, u"AUX"_s, u"NUL"_s, u"CONIN$"_s, u"CONOUT$"_s};
    if (fixed.contains(stem))
        return true;
    if (stem.size() == 4 && (stem.startsWith(u"COM") || stem.startsWith(u"LPT")))
        return stem.at(3).isDigit() || stem.at(3) == QChar(0xb9) || stem.at(3) == QChar(0xb2)
            || stem.at(3) == QChar(0xb3);
    return false;
}

QString SafeFileName::sanitize(const QString &name, const QString &fallback)
{
    QString clean;
    clean.reserve(name.size());
    for (const char32_t c : name.toUcs4()) {
        if (c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
            continue; // a lone surrogate from a broken encoding
        clean.append(isForbidden(c) ? u"_"_s : QString::fromUcs4(&c, 1));
    }
    // Leading and trailing spaces and dots: "..", "." and "name." are traversal or vanish on Windows.
    qsizetype first = 0;
    while (first < clean.size() && (clean.at(first) == u'.' || clean.at(first).isSpace()))
        ++first;
    qsizetype last = clean.size();
    while (last > first && (clean.at(last - 1) == u'.' || clean.at(last - 1).isSpace()))
        --last;
    clean = clean.mid(first, last - first);
    if (clean.isEmpty())
        clean = fallback;
    if (isReservedDeviceName(clean))
        clean.prepend(u'_');
    if (clean.toUtf8().size() > MaxBytes) {
        const qsizetype dot = clean.lastIndexOf(u'.');
        const QString extension = dot > 0 ? clean.mid(dot) : QString();
        if (!extension.isEmpty() && extension.toUtf8().size() <= 16)
            clean = cutUtf8(clean.left(dot), MaxBytes - extension.toUtf8().size()) + extension;
        else
            clean = cutUtf8(clean, MaxBytes);
        // The cut may leave a trailing dot or space.
        while (!clean.isEmpty() && (clean.back() == u'.' || clean.back().isSpace()))
            clean.chop(1);
        if (clean.isEmpty())
            clean = fallback;
    }
    return clean;
}

QString SafeFileName::fromUrl(const QUrl &url, const QString &fallback)
{
    const QString path = url.path(QUrl::FullyDecoded);
    return sanitize(path.section(u'/', -1), fallback);
}

} // namespace confero
