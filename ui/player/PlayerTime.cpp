#include "PlayerTime.h"

using namespace Qt::StringLiterals;

namespace confero {

QString PlayerTime::text(qint64 ms)
{
    const QChar zero(u'0');
    const bool negative = ms < 0;
    const qint64 v = negative ? -ms : ms;
    const qint64 s = v / 1000;
    QString out = s >= 3600 ? u"%1:%2:%3"_s.arg(s / 3600).arg(s / 60 % 60, 2, 10, zero).arg(s % 60, 2, 10, zero)
                            : u"%1:%2"_s.arg(s / 60).arg(s % 60, 2, 10, zero);
    out += u'.' + u"%1"_s.arg(v % 1000, 3, 10, zero);
    return negative ? u'-' + out : out;
}

} // namespace confero
