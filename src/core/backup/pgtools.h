#pragma once

#include "error.h"

#include <QHash>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

#include <atomic>
#include <functional>

namespace strata {

// PostgreSQL's client programs (pg_dump, pg_restore, psql) as Strata runs them: the right major
// version for the server, connection settings and the password in the child's environment,
// never on its command line.
class PgTools
{
public:
    // Folders to look in, in order: Debian's /usr/lib/postgresql/N/bin (newest first), then
    // PATH. $STRATA_PG_TOOL_DIRS (colon-separated) replaces the list, for tests and odd installs.
    static QStringList defaultSearchDirs();

    // The program (pg_dump, pg_restore or psql) of the lowest major version >= serverMajor in
    // dirs: a dump from an older pg_dump than the server is refused by pg_dump itself, and a
    // much newer one is fine. An error says which version is needed and what was found.
    // *foundMajor (when given) gets the chosen program's major version.
    static Result<QString> find(const QString &program, int serverMajor, const QStringList &dirs,
                                int *foundMajor = nullptr);
    // The major version a client program reports ("pg_dump (PostgreSQL) 15.5" -> 15); 0 if it
    // cannot be run or read.
    static int majorVersion(const QString &programPath);

    // A libpq connection (URI or keyword string) split for a child process: `dbname` is a
    // keyword string without the password, for --dbname; `environment` holds PGPASSWORD (and
    // PGSERVICE, PGSSLMODE, ...) on top of `base`. `display` names the database for people.
    struct Connection
    {
        QString dbname;
        QProcessEnvironment environment;
        QString display;
        QString database; // the database name alone, empty when only a service names it
    };
    static Result<Connection> connection(const QString &conninfo, const QProcessEnvironment &base);

    // The server's major version (15 for 15.5), by connecting with libpq.
    static Result<int> serverMajor(const QString &conninfo);

    // Runs program with arguments, handing each line it writes to stderr to onLine, until it
    // ends or *cancel turns true (then it is killed). stdout goes to stdoutFile when given, else
    // is kept and returned. An error names the program, its exit code and its last lines.
    struct Run
    {
        QString program;
        QStringList arguments;
        QProcessEnvironment environment;
        QString stdoutFile;
        std::function<void(const QString &)> onLine;
        std::function<void(qint64 pid)> started; // e.g. to look at the child from a test
        std::function<void()> tick;              // called about every 100 ms while it runs
        const std::atomic<bool> *cancel = nullptr;
    };
    static Result<QByteArray> run(const Run &run);
    // Runs `first` with its stdout fed to `second`'s stdin (pg_restore's script into psql);
    // both end when either fails or *first.cancel turns true. The error names the one that
    // failed first.
    static Status pipe(const Run &first, const Run &second);

    // Which database a connection reaches, whatever its URL says: the cluster's system
    // identifier (pg_control_system(), the same for a primary and its physical replicas) and
    // current_database(). systemIdentifier is empty when the server will not tell.
    struct Identity
    {
        QString systemIdentifier;
        QString databaseName;
        // Known on both sides and equal.
        bool sameAs(const QString &otherSystem, const QString &otherDatabase) const
        {
            return !systemIdentifier.isEmpty() && systemIdentifier == otherSystem &&
                   databaseName == otherDatabase;
        }
    };
    static Result<Identity> identity(const QString &conninfo);

    // A query's rows as text, over a connection of its own; column() keeps the first field.
    static Result<QList<QStringList>> query(const QString &conninfo, const QString &sql);
    static Result<QStringList> column(const QString &conninfo, const QString &sql);
};

} // namespace strata
