#pragma once

#include "connection/connectioninfo.h"
#include "drivers/driver.h"
#include "error.h"

#include <QString>

#include <memory>

// A throwaway PostgreSQL database for the schema tools: the project's migrations replayed into
// it, or a desired-state file applied to it, then inspected. Created on a server Strata is told
// of (the configured database's, or --dev-url's) and dropped again whatever happens.
namespace strata::schema {

class ScratchDatabase
{
public:
    // Creates "strata_<purpose>_<pid>_<n>_<random>" (unique on the server, at most 63
    // characters) on the server `server` names (its own database need not exist) and opens a
    // driver on it. Errors: the server's (cannot connect, may not CREATE DATABASE), or a usage
    // error when `server` is not PostgreSQL.
    static Result<std::unique_ptr<ScratchDatabase>>
    create(const ConnectionInfo &server, const QString &purpose, int connectTimeoutSeconds = 10);
    // Drops the database (closing this side's connection first; others are ended by
    // DROP DATABASE ... WITH (FORCE)).
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

private:
    ScratchDatabase() = default;
    std::unique_ptr<Driver> m_server;
    std::unique_ptr<Driver> m_driver;
    QString m_name;
    QString m_url;
    QString m_serverDisplay;
    bool m_dropped = false;
};

} // namespace strata::schema
