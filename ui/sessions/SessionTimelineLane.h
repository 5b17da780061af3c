#pragma once

#include <QList>
#include <QPair>
#include <QString>

namespace confero {

// One line of the session timeline: a person and each of their connections (join, leave) as UTC
// Unix ms; a rejoin is a second bar on the same line.
struct SessionTimelineLane
{
    QString label; // the person's name (or ref)
    QString role;
    QList<QPair<qint64, qint64>> bars;
};

} // namespace confero
