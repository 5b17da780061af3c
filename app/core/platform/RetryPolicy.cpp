#include "RetryPolicy.h"

#include <QLocale>
#include <QRandomGenerator>
#include <QTimeZone>

#include <algorithm>

namespace confero {

int RetryPolicy::backoffMs(int attempt) const
{
    qint64 step = std::max(1, initialBackoffMs);
    for (int i = 1; i < attempt && step < maxBackoffMs; ++i)
        step *= 2;
    step = std::min<qint64>(step, std::max(1, maxBackoffMs));
    const qint64 half = step / 2;
    return static_cast<int>(half + QRandomGenerator::global()->bounded(half + 1));
}

std::optional<qint64> RetryPolicy::retryAfterMs(const QByteArray &header, const QDateTime &nowUtc)
{
    const QByteArray text = header.trimmed();
    if (text.isEmpty())
        return std::nullopt;
    bool isNumber = false;
    const qint64 seconds = text.toLongLong(&isNumber);
    if (isNumber)
        return seconds < 0 ? std::nullopt : std::optional<qint64>(seconds * 1000);

    // IMF-fixdate, e.g. "Sun, 06 Nov 1994 08:49:37 GMT"; the obsolete forms fall back to RFC 2822.
    QDateTime when =
        QLocale::c().toDateTime(QString::fromLatin1(text), QStringLiteral("ddd, dd MMM yyyy HH:mm:ss 'GMT'"));
    if (when.isValid())
        when.setTimeZone(QTimeZone::utc());
    else
        when = QDateTime::fromString(QString::fromLatin1(text), Qt::RFC2822Date);
    if (!when.isValid())
        return std::nullopt;
    return std::max<qint64>(0, nowUtc.msecsTo(when));
}

} // namespace confero
