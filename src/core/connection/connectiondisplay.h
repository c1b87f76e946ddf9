#pragma once

#include <QHash>
#include <QString>

namespace strata {

// How a database is named for people, in the banner, the audit log, the backup catalogue, log
// lines and the command line's messages: "shop_prod on 127.0.0.1:57002 as postgres" for
// PostgreSQL, the file's path for SQLite. Never a password. Only what the connection says is
// shown: a host, port or user left to libpq's defaults is left out, not guessed. The form is
// the same in every language ("db on host:port as user", "service s", "db on port 5433"), so an
// entry reads alike in the log and the app.
class ConnectionDisplay
{
public:
    // text: a libpq keyword string ("host='h' dbname='d'"), a postgresql:// or postgres:// URI
    // (with or without a +driver), a sqlite:/// URL, or a text that is already readable (then
    // it comes back unchanged). Masked passwords ("***") are fine. Audit entries and backup
    // catalogues written before this form existed hold the first three: they read the same way.
    static QString readable(const QString &text);
    // The same for a libpq connection string or URI known to be one.
    static QString postgres(const QString &conninfo);

    // libpq's reading of a connection string or URI (PQconninfoParse): keyword -> value for
    // the keywords it gives, without libpq's defaults; empty when libpq cannot read it.
    static QHash<QString, QString> keywords(const QString &conninfo);
};

} // namespace strata
