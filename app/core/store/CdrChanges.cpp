#include "CdrChanges.h"

namespace confero {

CdrChanges::CdrChanges(QObject *parent)
    : QObject(parent)
{
}

CdrChanges::~CdrChanges() = default;

void CdrChanges::announce(qint64 projectId)
{
    Q_EMIT changed(projectId);
}

} // namespace confero
