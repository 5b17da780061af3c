#include "CdrRow.h"

namespace confero {

using namespace Qt::StringLiterals;

QString CdrRow::naturalKey() const
{
    if (confNum.isEmpty() || (callNum.isEmpty() && callLogId.isEmpty()))
        return {};
    return appId + u'|' + confNum + u'|' + callNum + u'|' + callLogId;
}

QString CdrRow::key() const
{
    if (!cdrId.isEmpty())
        return u"id:"_s + cdrId;
    const QString natural = naturalKey();
    if (!natural.isEmpty())
        return u"nk:"_s + natural;
    return u"h:"_s + QString::fromLatin1(rowSha256);
}

} // namespace confero
