// Result<T>: the value-or-error type returned across the core API.
// Errors carry a stable id (for tests and JSON) and a message for people;
// exceptions never cross a core API boundary.
#pragma once

#include <QString>
#include <optional>
#include <utility>
#include <variant>

namespace jh {

struct Error
{
    QString id;      // stable, dotted: "xml.dtd-forbidden", "directory.field"
    QString message; // names what was wrong and where

    Error prefixed(const QString& where) const
    {
        return {id, where + QStringLiteral(": ") + message};
    }
};

template <typename T> class [[nodiscard]] Result
{
public:
    Result(T value) : m_v(std::in_place_index<0>, std::move(value)) {}
    Result(Error error) : m_v(std::in_place_index<1>, std::move(error)) {}

    bool ok() const { return m_v.index() == 0; }
    explicit operator bool() const { return ok(); }

    T& value() & { return std::get<0>(m_v); }
    const T& value() const& { return std::get<0>(m_v); }
    T&& value() && { return std::get<0>(std::move(m_v)); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }
    T& operator*() & { return value(); }
    const T& operator*() const& { return value(); }

    const Error& error() const { return std::get<1>(m_v); }

private:
    std::variant<T, Error> m_v;
};

template <> class [[nodiscard]] Result<void>
{
public:
    Result() = default;
    Result(Error error) : m_error(std::move(error)) {}

    bool ok() const { return !m_error.has_value(); }
    explicit operator bool() const { return ok(); }
    const Error& error() const { return *m_error; }

private:
    std::optional<Error> m_error;
};

inline Error makeError(const char* id, const QString& message)
{
    return Error{QString::fromLatin1(id), message};
}

} // namespace jh
