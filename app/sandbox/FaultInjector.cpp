#include "FaultInjector.h"

using namespace Qt::StringLiterals;

namespace confero::sandbox {

bool FaultInjector::replace(const QJsonObject &body, QString *error)
{
    if (!body.value(u"faults").isArray()) {
        *error = u"the body must be {\"faults\": [...]}"_s;
        return false;
    }
    QList<Fault> faults;
    const QJsonArray list = body.value(u"faults").toArray();
    for (qsizetype i = 0; i < list.size(); ++i) {
        QString why;
        const std::optional<Fault> fault =
            list.at(i).isObject() ? Fault::fromJson(list.at(i).toObject(), &why) : std::nullopt;
        if (!fault) {
            *error = u"faults[%1]: %2"_s.arg(i).arg(why.isEmpty() ? u"must be an object"_s : why);
            return false;
        }
        faults.append(*fault);
    }
    m_faults = faults;
    return true;
}

void FaultInjector::clear()
{
    m_faults.clear();
}

bool FaultInjector::isEmpty() const
{
    return m_faults.isEmpty();
}

QJsonArray FaultInjector::toJson() const
{
    QJsonArray list;
    for (const Fault &fault : m_faults)
        list.append(fault.toJson());
    return list;
}

FaultPlan FaultInjector::take(const QString &path)
{
    FaultPlan plan;
    bool delayed = false;
    bool slowed = false;
    for (Fault &fault : m_faults) {
        if (!fault.matches(path) || fault.kind == Fault::Kind::ExpireLinks)
            continue;
        if (fault.kind == Fault::Kind::Latency) {
            if (delayed)
                continue;
            delayed = true;
            plan.latencyMs = fault.latencyMs;
            fault.consume();
        } else if (fault.kind == Fault::Kind::Slow) {
            if (slowed)
                continue;
            slowed = true;
            plan.bytesPerSecond = fault.bytesPerSecond;
            fault.consume();
        } else if (!plan.outcome) {
            fault.consume();
            plan.outcome = fault;
        }
    }
    return plan;
}

std::optional<Fault> FaultInjector::takeLinkExpiry(const QString &path)
{
    for (Fault &fault : m_faults) {
        if (fault.kind == Fault::Kind::ExpireLinks && fault.matches(path)) {
            fault.consume();
            return fault;
        }
    }
    return std::nullopt;
}

} // namespace confero::sandbox
