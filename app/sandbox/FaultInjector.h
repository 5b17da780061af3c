#pragma once

#include "Fault.h"
#include "FaultPlan.h"

#include <QJsonArray>
#include <QList>

#include <optional>

namespace confero::sandbox {

// The active fault list of the control surface. POST replaces it, DELETE clears it. Each platform
// request takes at most one latency fault and one answer-changing fault, the first matching of each
// in list order, and uses up one of their counts.
class FaultInjector
{
public:
    // Replaces the list from {"faults":[...]}; on error the list is unchanged.
    bool replace(const QJsonObject &body, QString *error);
    void clear();
    bool isEmpty() const;
    QJsonArray toJson() const;

    FaultPlan take(const QString &path);
    // The first expire_links fault matching an archive request, used up once; take() ignores them.
    std::optional<Fault> takeLinkExpiry(const QString &path);

private:
    QList<Fault> m_faults;
};

} // namespace confero::sandbox
