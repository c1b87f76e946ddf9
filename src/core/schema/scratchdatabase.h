#pragma once

#include "connection/connectioninfo.h"
#include "drivers/driver.h"
#include "error.h"

#include <QString>

#include <memory>

// A throwaway database for the schema tools: the project's migrations replayed into it, or a
// desired-state file applied to it, then inspected. PostgreSQL: created on a server Strata is
// told of (the configured database's, or --dev-url's) and dropped again whatever happens.
// SQLite: a file in a private folder (mode 0700) of its own under the temporary folder, the
// folder removed again whatever happens (drop(), the destructor, an error or a cancel as the
// call unwinds).
namespace strata::schema {

class ScratchDatabase
{
public:
    // Creates "strata_<purpose>_<pid>_<n>_<random>" (unique on the server, at most 63
    // characters) on the server `server` names (its own database need not exist) and opens a
    // driver on it; for a SQLite `server` (only its engine counts) the file
    // "<that name>.db" in a new private folder. Errors: the server's (cannot connect, may not
    // CREATE DATABASE), or the folder cannot be made.
    static Result<std::unique_ptr<ScratchDatabase>>
    create(const ConnectionInfo &server, const QString &purpose, int connectTimeoutSeconds = 10);
    // Drops the database (closing this side's connection first; others are ended by
    // DROP DATABASE ... WITH (FORCE)); SQLite: removes the file's folder.
    ~ScratchDatabase();
    ScratchDatabase(const ScratchDatabase &) = delete;
    ScratchDatabase &operator=(const ScratchDatabase &) = delete;

    QString name() const { return m_name; }
    // libpq keyword string for the scratch database (may hold the server's password: never
    // shown; display() is for people).
    QString url() const { return m_url; }
    QString display() const;
    // An open driver on the scratch database.
    Driver &driver() { return *m_driver; }
    // Drops it now, reporting a failure; the destructor then does nothing.
    Status drop();

    // The private folder a SQLite scratch file lives in; empty for PostgreSQL.
    QString folder() const { return m_sqliteFolder; }

private:
    ScratchDatabase() = default;
    static Result<std::unique_ptr<ScratchDatabase>> createSqlite(const QString &name,
                                                                 int connectTimeoutSeconds);
    Status openDriver(const ConnectionInfo &info, int connectTimeoutSeconds);
    std::unique_ptr<Driver> m_server;
    std::unique_ptr<Driver> m_driver;
    QString m_name;
    QString m_url;
    QString m_serverDisplay;
    bool m_dropped = false;
    QString m_sqliteFolder; // SQLite: the private folder holding the file, removed by drop()
};

} // namespace strata::schema
