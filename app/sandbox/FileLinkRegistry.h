#pragma once

#include "FileLink.h"

#include <QHash>
#include <QString>

#include <deque>

namespace confero::sandbox {

// The file links the archive routes hand out. A link is a random token in the file's URL, bound to
// that one file, valid until it expires (72 hours by default, as the platform's portal links) or its
// uses run out (an expire_links fault). Bounded: the oldest links are forgotten past MaxLinks.
class FileLinkRegistry
{
public:
    static constexpr qsizetype MaxLinks = 200'000;
    static constexpr qint64 DefaultLifetimeMs = 72LL * 3600 * 1000;

    enum class Verdict { Valid, Unknown, Expired };

    QString mint(const QString &filePath, qint64 nowMs, qint64 lifetimeMs = DefaultLifetimeMs, int uses = -1,
                 int expiredStatus = 403);

    // Checks the link for `filePath` and counts one use when it is valid. `expiredStatus` is set for
    // an expired link.
    Verdict use(const QString &token, const QString &filePath, qint64 nowMs, int *expiredStatus);

    void clear();
    qsizetype size() const;

private:
    QHash<QString, FileLink> m_links;
    std::deque<QString> m_order; // minting order, for the bound
};

} // namespace confero::sandbox
