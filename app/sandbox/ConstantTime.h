#pragma once

#include <QByteArray>

namespace confero::sandbox {

// Comparison of secrets (Basic credentials, token signatures) whose duration does not depend on
// where the inputs first differ, so response timing leaks nothing about the expected value.
class ConstantTime
{
public:
    static bool equals(const QByteArray &a, const QByteArray &b);
};

} // namespace confero::sandbox
