#pragma once

#include <QString>

#include <utility>
#include <variant>

namespace confero {

struct StoreError
{
    QString message; // for a person
    QString detail; // driver text, for the log
};

template<typename T>
class StoreResult
{
public:
    StoreResult(T value)
        : m_data(std::move(value))
    {
    }
    StoreResult(StoreError error)
        : m_data(std::move(error))
    {
    }
    bool ok() const { return std::holds_alternative<T>(m_data); }
    explicit operator bool() const { return ok(); }
    const T &value() const { return std::get<T>(m_data); }
    const StoreError &error() const { return std::get<StoreError>(m_data); }

private:
    std::variant<T, StoreError> m_data;
};

} // namespace confero
