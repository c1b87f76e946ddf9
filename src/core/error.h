#pragma once

#include <QString>
#include <QStringList>

#include <optional>
#include <utility>
#include <variant>

namespace strata {

// What went wrong, with what a person needs to fix it: the file and line at fault (when a file
// is), the statement, the engine's own message. Core code returns these; it never shows UI.
struct Error
{
    enum class Kind {
        Failure, // the operation failed (exit code 1)
        Usage,   // the request itself is malformed (exit code 2)
    };

    // What kind of failure, for callers that act on it (retry, reconnect, exit 130, say
    // "unknown"); never match message text instead. The server's own SQLSTATE is in sqlState.
    enum class Code {
        None,             // no particular kind: read the message
        Cancelled,        // a person or a signal stopped it (Ctrl-C, Cancel, SIGTERM)
        ConnectionLost,   // the session ended mid-way: the database's state is unknown
        ConnectionFailed, // could not connect at all (host, port, timeout, server not ready)
        // The server answered and said the database it was asked for does not exist (SQLSTATE
        // 3D000): nothing is applied there, truly, and an upgrade can create it first.
        DatabaseMissing,
        AuthenticationFailed, // the server refused the credentials (SQLSTATE 28P01, 28000)
        LockTimeout,          // another run holds the lock, or lock_timeout expired (55P03)
        RowsMoved,            // the version rows changed under the run (another run)
        TransactionBroken,    // a migration ended or replaced the run's transaction
        Unreadable,           // the database file or table could not be read as one
        NotFound,             // an unknown revision, profile, file or table
        Refused,              // a guard said no (protection, lint, a plan that cannot run)
    };

    QString message;     // one sentence, no trailing newline
    QString file;        // file at fault, empty when none
    int line = 0;        // 1-based line in file, 0 when unknown
    QStringList details; // further lines: the statement, the engine's detail and hint
    Kind kind = Kind::Failure;
    int column = 0; // 1-based character in line, 0 when unknown (editors place a marker there)
    Code code = Code::None;
    QString sqlState; // the engine's SQLSTATE (PostgreSQL's five characters), empty when none

    static Error failure(QString message)
    {
        Error e;
        e.message = std::move(message);
        return e;
    }
    static Error usage(QString message)
    {
        Error e;
        e.message = std::move(message);
        e.kind = Kind::Usage;
        return e;
    }
    static Error at(QString file, int line, QString message)
    {
        Error e;
        e.message = std::move(message);
        e.file = std::move(file);
        e.line = line;
        return e;
    }

    // The same error with a code set, for chaining: Error::failure(...).with(Code::Cancelled).
    Error with(Code c) const &
    {
        Error e = *this;
        e.code = c;
        return e;
    }
    Error with(Code c) &&
    {
        code = c;
        return std::move(*this);
    }

    // "file:line: message" followed by the detail lines, as printed on stderr.
    QString toString() const;
};

// A value or an Error. Small on purpose: C++20 has no std::expected.
template <typename T> class [[nodiscard]] Result
{
public:
    Result(T value) : m_data(std::in_place_index<0>, std::move(value)) {}
    Result(Error error) : m_data(std::in_place_index<1>, std::move(error)) {}

    bool ok() const { return m_data.index() == 0; }
    explicit operator bool() const { return ok(); }

    T &value() & { return std::get<0>(m_data); }
    const T &value() const & { return std::get<0>(m_data); }
    T &&value() && { return std::get<0>(std::move(m_data)); }
    T *operator->() { return &value(); }
    const T *operator->() const { return &value(); }
    T &operator*() & { return value(); }
    const T &operator*() const & { return value(); }

    const Error &error() const { return std::get<1>(m_data); }

private:
    std::variant<T, Error> m_data;
};

template <> class [[nodiscard]] Result<void>
{
public:
    Result() = default;
    Result(Error error) : m_error(std::move(error)) {}

    bool ok() const { return !m_error.has_value(); }
    explicit operator bool() const { return ok(); }
    const Error &error() const { return *m_error; }

private:
    std::optional<Error> m_error;
};

using Status = Result<void>;

} // namespace strata
