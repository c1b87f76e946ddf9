#pragma once

#include "error.h"

#include <QString>
#include <QStringList>

namespace strata {

// The query parameters of a PostgreSQL URL, as the Python drivers behind SQLAlchemy accept
// them, turned into libpq's keywords so that a DATABASE_URL a team already keeps for its
// application works here too. One table in urlparameters.cpp says, for each parameter, which
// driver takes it and what Strata does with it, with its sources:
//   libpq:   https://www.postgresql.org/docs/15/libpq-connect.html#LIBPQ-PARAMKEYWORDS
//   asyncpg: https://magicstack.github.io/asyncpg/current/api/ (connect(); "unrecognized
//            options [of a DSN] are treated as server settings")
//   SQLAlchemy asyncpg dialect: https://docs.sqlalchemy.org/en/20/dialects/postgresql.html
//            (prepared_statement_cache_size, prepared_statement_name_func, ssl=)
//   psycopg 3: https://www.psycopg.org/psycopg3/docs/api/connections.html (prepare_threshold;
//            other parameters go to libpq as they are)
//   pg8000:  https://github.com/tlocke/pg8000 (connect(): unix_sock, ssl_context, timeout,
//            tcp_keepalive, source_address, database)
// Parameters libpq knows (its own keyword list, asked at run time) pass as they are.
class UrlParameters
{
public:
    struct Mapped
    {
        QString query;     // for libpq: "k=v&k2=v2", values percent-encoded; may be empty
        QStringList notes; // one line per parameter mapped, ignored or sent as a server setting
    };

    // `query` is the text after '?' in a postgresql:// URL (percent-encoded). An error for a
    // value no driver would accept either (ssl=maybe), or a malformed pair.
    static Result<Mapped> toLibpq(const QString &query);

    // The parameters of the table, for documentation and tests: name, drivers, what happens.
    struct Rule
    {
        const char *name;
        const char *drivers;
        const char *effect;
    };
    static QList<Rule> rules();
};

} // namespace strata
