#pragma once

#include "PlatformError.h"

#include <utility>
#include <variant>

namespace confero {

// A value or a PlatformError (std::expected is C++23).
template<typename T>
class PlatformResult
{
public:
    PlatformResult(T value)
        : m_data(std::move(value))
    {
    }
    PlatformResult(PlatformError error)
        : m_data(std::move(error))
    {
    }

    bool ok() const { return std::holds_alternative<T>(m_data); }
    explicit operator bool() const { return ok(); }
    const T &value() const { return std::get<T>(m_data); }
    T &value() { return std::get<T>(m_data); }
    const PlatformError &error() const { return std::get<PlatformError>(m_data); }

private:
    std::variant<T, PlatformError> m_data;
};

struct Done
{ }; // the value of calls that answer only {"result":0}

} // namespace confero
