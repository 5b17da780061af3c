#pragma once

#include <QDateTime>

namespace confero::sandbox {

// The sandbox's notion of "now": the system clock shifted by an offset the control surface sets, so
// token expiry and scheduled-room windows can be tested without waiting.
class SandboxClock
{
public:
    QDateTime now() const;
    qint64 offsetSeconds() const;
    void setOffsetSeconds(qint64 seconds);

private:
    qint64 m_offsetSeconds = 0;
};

} // namespace confero::sandbox
