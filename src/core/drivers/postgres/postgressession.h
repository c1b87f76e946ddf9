#pragma once

#include <QHash>
#include <QString>
#include <QStringList>

// What a PostgreSQL session of Strata's needs beyond libpqxx: the connection options it opens
// with (a connect timeout, what was tried), the key of the run lock, and the SQL that puts a
// session back as it was opened. Text only; PostgresDriver runs it.
namespace strata::pgsession {

// The connection options libpq will use: those given (URI or keyword string) over its
// defaults (PGHOST, PGUSER, ... or compiled in). Empty when the string does not parse.
QHash<QString, QString> effectiveOptions(const QString &conninfo);

// "database shop on host db.example port 5432 as user deployer", never the password.
QString describeTarget(const QString &conninfo);

// The connection string with libpq's connect_timeout (seconds) added, unless it names one
// already (then the string wins). A URI becomes a keyword string: libpq reads both alike.
// seconds <= 0: the string as is. libpq waits at least 2 s whatever the value.
QString withConnectTimeout(const QString &conninfo, int seconds);

// The run lock is a session advisory lock with two int keys, class 'ST' and a hash of the
// version table, so pg_locks shows them as classid and objid (objsubid 2).
constexpr int kRunLockClass = 0x5354;
// lockName: the version table as SQL text, schema included, so runs on different schemas do
// not wait on each other. "21332, hashtext('strata:public.strata_version')".
QString runLockKey(const QString &lockName);
// The objid pg_locks shows for that lock, as an SQL expression.
QString runLockObjid(const QString &lockName);

// DISCARD ALL (PostgreSQL's "DISCARD" page) but for pg_advisory_unlock_all(), which would drop
// the run's own lock: SET SESSION AUTHORIZATION DEFAULT, RESET ALL, CLOSE ALL, DEALLOCATE ALL,
// UNLISTEN *, DISCARD PLANS, TEMP and SEQUENCES; each statement followed by "; ". Valid inside
// a transaction block too.
QString resetSql();

// A query listing, one row each, the call that releases a session-level advisory lock this
// session holds ("pg_advisory_unlock(42)", "pg_advisory_unlock_shared(7, 8)"), leaving out the
// run locks named (lock names as for runLockKey). Inside a transaction it would list
// transaction-level locks too, which pg_locks does not tell apart: run it outside one.
QString foreignAdvisoryLocksSql(const QStringList &ownLockNames);

} // namespace strata::pgsession
