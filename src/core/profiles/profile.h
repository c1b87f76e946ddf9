#pragma once

#include "error.h"

#include <QJsonObject>
#include <QList>
#include <QString>

namespace strata {

// A saved connection: one database of one environment, with the migration project it runs.
// Holds no secret: a password comes from .pgpass, the service file, the keychain or a prompt.
struct Profile
{
    enum class Engine { Postgres, Sqlite };

    QString name;                                        // unique, shown everywhere
    QString environment = QStringLiteral("Development"); // Development, Staging, Production, custom
    QString colour = QStringLiteral("#2e7d32");          // #rrggbb
    bool isProtected = false; // destructive actions need the database typed
    Engine engine = Engine::Sqlite;

    // PostgreSQL: either a service name, or host/port/database/user/sslmode.
    QString service;
    QString host;
    int port = 5432;
    QString database;
    QString user;
    QString sslmode; // empty: libpq's default

    QString sqliteFile; // SQLite: absolute path of the database file

    QString projectDir;   // the migration project (folder holding strata.ini)
    QString versionTable; // empty: the project's
    QString schema;       // PostgreSQL: the version tables' schema; empty: the project's

    // The default colour and protection of a new profile in an environment (Production is red
    // and protected).
    static Profile forEnvironment(const QString &environment);

    // What to connect to, for Migrator: "sqlite:////abs/file.db", or a libpq keyword string
    // ("service=x" or "host=... port=... dbname=... user=... sslmode=..." with values quoted as
    // libpq wants). A password, when given, is added to the keyword string and goes no further
    // than the connection.
    QString url(const QString &password = {}) const;
    // The database name a person types to confirm a destructive action: the database, else the
    // service name, else the SQLite file name.
    QString databaseName() const;
    // ConnectionDisplay's form: "shop on db.example:5432 as postgres", "service shop_prod",
    // "/home/me/shop.db".
    QString displayTarget() const;

    QJsonObject toJson() const;
    // Errors name the field at fault.
    static Result<Profile> fromJson(const QJsonObject &object);
};

// The standard environments, in the order the profile list groups them.
QStringList standardEnvironments();

} // namespace strata
