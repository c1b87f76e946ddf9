#pragma once

#include <QJsonObject>
#include <QString>

namespace strata {

struct ConnectionInfo;

// The database a command will work on, in people's words, never with its password: engine,
// host, port, database and user for PostgreSQL as libpq will use them (what the connection
// string gives, then the service file, then PG* variables and libpq's defaults: the local
// socket, port 5432, the operating-system user, a database named after the user; see
// https://www.postgresql.org/docs/15/libpq-connect.html and libpq-pgservice.html), the file for
// SQLite, and which rule chose it. Read before connecting, so a failed connection still says
// what it tried.
struct ConnectionTarget
{
    QString engine;        // "PostgreSQL" or "SQLite"
    QString host;          // a name, an address, or "local socket" / "socket folder /run/x"
    QString port;          // as libpq will use it
    QString database;      // PostgreSQL: the database name; SQLite: the file
    QString user;          // PostgreSQL only
    QString service;       // PostgreSQL: the service named, if any
    QString source;        // ConnectionInfo::source
    bool fallback = false; // SQLite's default file, because nothing named a database

    static ConnectionTarget of(const ConnectionInfo &info);
    // One line: "PostgreSQL database shop on db.internal:5433 as user app (from DB_* variables
    // in /srv/app/.env)"; "SQLite file /srv/app/strata.db (no database configured: ...)".
    QString text() const;
    // {"engine", "host", "port", "database", "user", "service", "source", "fallback"}; SQLite:
    // {"engine", "file", "source", "fallback"}. Empty fields are left out.
    QJsonObject toJson() const;
};

} // namespace strata
