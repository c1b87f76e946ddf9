#include "drivers/postgres/postgresdriver.h"

#include "connection/connectioninfo.h"
#include "drivers/postgres/postgrescatalog.h"
#include "drivers/postgres/postgressession.h"
#include "drivers/postgres/postgressplitter.h"

#include <QElapsedTimer>
#include <QHash>
#include <QRegularExpression>
#include <QThread>

#include <libpq-fe.h>
#include <pqxx/pqxx>

namespace strata {

namespace {

// The code of a server error, from its SQLSTATE (PostgreSQL's Appendix A, "PostgreSQL Error
// Codes"). 57014 (query_canceled) is a cancel only when one was asked for; statement_timeout
// raises it too.
Error::Code codeForSqlState(const QString &state, bool cancelRequested)
{
    if (state == QLatin1String("28P01") || state == QLatin1String("28000"))
        return Error::Code::AuthenticationFailed;
    if (state == QLatin1String("55P03"))
        return Error::Code::LockTimeout;
    if (state == QLatin1String("57014"))
        return cancelRequested ? Error::Code::Cancelled : Error::Code::None;
    // connection_exception, admin_shutdown, crash_shutdown: the session is gone.
    if (state.startsWith(QLatin1String("08")) || state == QLatin1String("57P01") ||
        state == QLatin1String("57P02"))
        return Error::Code::ConnectionLost;
    if (state == QLatin1String("3D000"))
        return Error::Code::DatabaseMissing; // invalid_catalog_name: no such database
    if (state == QLatin1String("57P03"))
        return Error::Code::ConnectionFailed; // cannot connect now
    return Error::Code::None;
}

// Why a connection could not be made. libpq reports a failed connection attempt as text only
// (its PGresult with the server's SQLSTATE stays private to it), so this is the one place that
// reads it: the server's authentication refusals (28P01, 28000) and libpq's own "no password
// supplied" are AuthenticationFailed, the server's "database ... does not exist" (3D000)
// DatabaseMissing, anything else ConnectionFailed.
Error::Code connectFailureCode(const QString &libpqMessage)
{
    static const QLatin1String authentication[] = {
        QLatin1String("password authentication failed"), QLatin1String("no password supplied"),
        QLatin1String("authentication failed for user"), QLatin1String("no pg_hba.conf entry"),
        QLatin1String("pg_hba.conf rejects connection"),
    };
    for (const QLatin1String &text : authentication)
        if (libpqMessage.contains(text))
            return Error::Code::AuthenticationFailed;
    static const QRegularExpression role(QStringLiteral("role \".*\" does not exist"));
    if (role.match(libpqMessage).hasMatch())
        return Error::Code::AuthenticationFailed;
    static const QRegularExpression database(
        QStringLiteral("FATAL: +database \".*\" does not exist"));
    if (database.match(libpqMessage).hasMatch())
        return Error::Code::DatabaseMissing;
    return Error::Code::ConnectionFailed;
}

} // namespace

struct PostgresDriver::Connection
{
    explicit Connection(const std::string &conninfo) : connection(conninfo) {}
    pqxx::connection connection;
};

PostgresDriver::PostgresDriver(QString conninfo, QString display)
    : m_conninfo(std::move(conninfo)), m_display(std::move(display))
{
}

PostgresDriver::~PostgresDriver()
{
    close();
}

Status PostgresDriver::open()
{
    if (m_connection)
        return {};
    const QString conninfo = pgsession::withConnectTimeout(m_conninfo, m_connectTimeoutSeconds);
    QElapsedTimer connecting;
    connecting.start();
    try {
        auto connection = std::make_unique<Connection>(conninfo.toStdString());
        // libpqxx 6 would quietly open a new session after a lost one, without the run's
        // advisory lock, timeouts or transaction. A lost session must stay lost: the run stops.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
        connection->connection.inhibit_reactivation(true);
#pragma GCC diagnostic pop
        std::lock_guard lock(m_cancelMutex);
        m_connection = std::move(connection);
    } catch (const std::exception &e) {
        // What was tried (never the password), then libpq's own reason.
        const QHash<QString, QString> options = pgsession::effectiveOptions(conninfo);
        const int timeout = options.value(QStringLiteral("connect_timeout")).toInt();
        // libpq waits at least 2 s whatever connect_timeout says.
        const bool timedOut = timeout > 0 && connecting.elapsed() >= qMax(timeout, 2) * 1000 - 50;
        const QString why = QString::fromUtf8(e.what()).trimmed();
        Error error = Error::failure(
            timedOut
                ? QStringLiteral("cannot connect to %1: host %2 port %3 did not answer within "
                                 "%4 s (connect timeout; --connect-timeout SECONDS sets it)")
                      .arg(m_display,
                           options.value(QStringLiteral("host"), QStringLiteral("(local socket)")),
                           options.value(QStringLiteral("port"), QStringLiteral("5432")))
                      .arg(qMax(timeout, 2))
                : QStringLiteral("cannot connect to %1: %2").arg(m_display, why));
        if (const QString tried = pgsession::describeTarget(conninfo); !tried.isEmpty())
            error.details.append(QStringLiteral("tried %1").arg(tried));
        return std::move(error).with(timedOut ? Error::Code::ConnectionFailed
                                              : connectFailureCode(why));
    }
    // Strata's tables stay where they are whatever a migration does to search_path: the schema
    // is fixed now. Where the search path finds the version table (findVersionSchema; a schema
    // named after the role may have appeared since), else the first schema of the search
    // path, where it will be created; one off the search path is an error, not base.
    auto r = query(QStringLiteral("SELECT %1, current_schema()").arg(sessionSettingsSql()));
    if (!r)
        return r.error();
    m_openedSchema = r->isEmpty() ? QString() : r->first().last();
    if (m_schema.isEmpty() && !m_versionTable.isEmpty()) {
        if (auto found = findVersionSchema(); !found) {
            close();
            return found.error();
        } else if (!found->isEmpty()) {
            m_openedSchema = *found;
        }
    }
    if (m_schema.isEmpty() && m_openedSchema.isEmpty()) {
        close();
        return Error::failure(
            QStringLiteral("%1 has no current schema: no schema on the search_path of the role "
                           "exists, so Strata cannot tell where its version table is; give "
                           "--schema NAME (or version_table_schema in strata.ini), or fix the "
                           "role's search_path")
                .arg(m_display));
    }
    return {};
}

Result<QString> PostgresDriver::findVersionSchema()
{
    // Every schema holding a table of that name (temporary ones aside), and whether the search
    // path finds it there, as an unqualified name in a migration or in Alembic would.
    auto rows = query(
        QStringLiteral("SELECT n.nspname, c.oid = to_regclass(quote_ident(%1)) FROM pg_class c "
                       "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relname = %1 AND "
                       "c.relkind IN ('r', 'p') AND n.nspname NOT LIKE 'pg\\_%' AND n.nspname "
                       "<> 'information_schema' ORDER BY 1")
            .arg(quoteLiteral(m_versionTable)));
    if (!rows)
        return Error::failure(QStringLiteral("cannot look for the version table %1 in %2: %3")
                                  .arg(m_versionTable, m_display, rows.error().message))
            .with(rows.error().code);
    QStringList schemas;
    for (const QStringList &row : *rows) {
        if (row.value(1) == QLatin1String("t"))
            return row.value(0);
        schemas.append(row.value(0));
    }
    // Found only off the search path: using it could run against another tenant's or
    // application's table, and ignoring it could report base for a database that is not. Say so.
    if (!schemas.isEmpty())
        return Error::failure(
                   QStringLiteral("%1 has no version table %2 on its search path, but schema %3 "
                                  "holds one; give --schema %4 to use it (the search path may "
                                  "have been changed by a migration), or --schema NAME for "
                                  "another")
                       .arg(m_display, m_versionTable, schemas.join(QLatin1String(", ")),
                            schemas.first()))
            .with(Error::Code::Refused);
    return QString(); // none yet: it will be created in current_schema()
}

void PostgresDriver::close()
{
    std::lock_guard lock(m_cancelMutex);
    m_connection.reset();
    m_beginPending = m_inTransaction = false;
    m_deferred.clear();
    m_knownTables.clear();
    m_heldLocks.clear(); // session locks end with the session
    m_prelude.clear();
}

namespace {

// libpqxx 6 keeps its PGconn private, yet libpq's own transaction status is the one source that
// tells whether a migration's statement ended the transaction. An explicit instantiation may
// name a private member ([temp.spec.general]/6), which reads it without patching libpqxx.
PGconn *rawConnection(const pqxx::connection_base &connection);
template <PGconn *(pqxx::connection_base::*Member)() const> struct RawConnection
{
    friend PGconn *rawConnection(const pqxx::connection_base &connection)
    {
        return (connection.*Member)();
    }
};
template struct RawConnection<&pqxx::connection_base::raw_connection>;

} // namespace

Driver::TransactionState PostgresDriver::transactionState() const
{
    if (!m_connection)
        return TransactionState::Unknown;
    if (m_beginPending)
        return TransactionState::InTransaction;
    const PGconn *raw = rawConnection(m_connection->connection);
    if (!raw)
        return TransactionState::Unknown;
    switch (PQtransactionStatus(raw)) {
    case PQTRANS_IDLE:
        return TransactionState::Idle;
    case PQTRANS_INTRANS:
        return TransactionState::InTransaction;
    case PQTRANS_INERROR:
        return TransactionState::Failed;
    default:
        return TransactionState::Unknown; // a query running, or the connection bad
    }
}

void PostgresDriver::cancel()
{
    std::lock_guard lock(m_cancelMutex);
    if (!m_connection)
        return;
    m_cancelRequested.store(true);
    try {
        m_connection->connection.cancel_query();
    } catch (const std::exception &) {
        // Nothing running, or the connection is gone: nothing to cancel.
    }
}

Status PostgresDriver::lockRuns(const QString &versionTable, int waitSeconds)
{
    const QString lockName = tableSql(versionTable);
    if (int &held = m_heldLocks[lockName]; held > 0) {
        ++held; // this session holds it already: advisory locks count, so only count here
        return {};
    }
    m_heldLocks.remove(lockName);
    // The server waits, under lock_timeout, so a cancel() (PQcancel) ends the wait at once.
    // statement_timeout is off meanwhile, so only the lock wait can run out; both are set back
    // to the run's own values however the wait ends.
    const QString wait =
        waitSeconds <= 0
            ? QStringLiteral("SELECT pg_try_advisory_lock(%1)").arg(pgsession::runLockKey(lockName))
            : QStringLiteral("SET lock_timeout = %1; SET statement_timeout = 0; SELECT "
                             "pg_advisory_lock(%2), true")
                  .arg(qint64(waitSeconds) * 1000)
                  .arg(pgsession::runLockKey(lockName));
    auto r = query(wait);
    const bool cancelled = !r && m_cancelRequested.load();
    if (waitSeconds > 0)
        if (auto restored = query(sessionSettingsSql().prepend(QStringLiteral("SELECT ")));
            !restored)
            return restored.error();
    if (cancelled)
        return Error::failure(QStringLiteral("cancelled while waiting for the lock on version "
                                             "table %1; nothing was run")
                                  .arg(versionTable))
            .with(Error::Code::Cancelled);
    if (!r) {
        // The wait ran out (lock_timeout), or the session failed: one more try tells which.
        r = query(
            QStringLiteral("SELECT pg_try_advisory_lock(%1)").arg(pgsession::runLockKey(lockName)));
        if (!r)
            return r.error();
    }
    if (!r->isEmpty() && r->first().last() == QLatin1String("t")) {
        m_heldLocks.insert(lockName, 1);
        return {};
    }
    auto holder = query(
        QStringLiteral("SELECT a.pid, coalesce(a.application_name, ''), to_char(a.backend_start, "
                       "'YYYY-MM-DD HH24:MI:SS TZ') "
                       "FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid "
                       "WHERE l.locktype = 'advisory' AND l.granted AND l.classid = %1 "
                       "AND l.objid = %2 AND l.objsubid = 2")
            .arg(pgsession::kRunLockClass)
            .arg(pgsession::runLockObjid(lockName)));
    QString who = QStringLiteral("another session");
    if (holder && !holder->isEmpty())
        who =
            QStringLiteral("process %1 (application '%2', connected since %3)")
                .arg(holder->first().value(0), holder->first().value(1), holder->first().value(2));
    return Error::failure(
               QStringLiteral("another run holds the lock on version table %1: %2; waited %3 s "
                              "(raise --lock-wait to wait longer)")
                   .arg(versionTable, who)
                   .arg(waitSeconds))
        .with(Error::Code::LockTimeout);
}

void PostgresDriver::unlockRuns(const QString &versionTable)
{
    const QString lockName = tableSql(versionTable);
    auto held = m_heldLocks.find(lockName);
    if (held == m_heldLocks.end())
        return;
    if (--*held > 0)
        return;
    m_heldLocks.erase(held);
    if (m_connection)
        (void)query(
            QStringLiteral("SELECT pg_advisory_unlock(%1)").arg(pgsession::runLockKey(lockName)));
}

Status PostgresDriver::setTimeouts(int lockTimeoutMs, int statementTimeoutMs)
{
    for (const auto &[name, value] : {std::pair{"lock_timeout", lockTimeoutMs},
                                      std::pair{"statement_timeout", statementTimeoutMs}}) {
        if (value < 0)
            continue;
        if (auto r = query(QStringLiteral("SET %1 = %2").arg(QLatin1String(name)).arg(value)); !r)
            return Error::failure(
                QStringLiteral("cannot set %1: %2").arg(QLatin1String(name), r.error().message));
    }
    m_lockTimeoutMs = lockTimeoutMs;
    m_statementTimeoutMs = statementTimeoutMs;
    return {};
}

QString PostgresDriver::sessionSettingsSql() const
{
    // set_config() rather than SET, so the settings fit in one SELECT with other columns.
    QString sql = QStringLiteral("set_config('application_name', 'strata', false)");
    for (const auto &[name, value] : {std::pair{"lock_timeout", m_lockTimeoutMs},
                                      std::pair{"statement_timeout", m_statementTimeoutMs}})
        sql += value < 0 ? QStringLiteral(", set_config('%1', (SELECT reset_val FROM pg_settings "
                                          "WHERE name = '%1'), false)")
                               .arg(QLatin1String(name))
                         : QStringLiteral(", set_config('%1', '%2', false)")
                               .arg(QLatin1String(name))
                               .arg(value);
    return sql;
}

Status PostgresDriver::resetSession()
{
    if (!m_connection)
        return {};
    if (m_inTransaction) {
        m_prelude = pgsession::resetSql() + QStringLiteral("SELECT %1; ").arg(sessionSettingsSql());
        return {};
    }
    m_prelude.clear();
    // Session-level advisory locks the migration took, with how to release each; the run's
    // own stays.
    auto locks =
        query(pgsession::resetSql() + QStringLiteral("SELECT %1; ").arg(sessionSettingsSql()) +
              pgsession::foreignAdvisoryLocksSql(m_heldLocks.keys()));
    if (!locks)
        return Error::failure(QStringLiteral("cannot reset the session after a migration: %1")
                                  .arg(locks.error().message));
    // A session lock taken n times needs n releases.
    for (const QStringList &row : *locks)
        for (int guard = 0; guard < 10000; ++guard) {
            auto released = query(QStringLiteral("SELECT %1").arg(row.value(0)));
            if (!released)
                return released.error();
            if (released->isEmpty() || released->first().value(0) != QLatin1String("t"))
                break;
        }
    return {};
}

Error PostgresDriver::cancelledOr(Error error)
{
    if (m_cancelRequested.load())
        error.code = Error::Code::Cancelled;
    return error;
}

Status PostgresDriver::setVersionSchema(const QString &schema)
{
    if (!schema.isEmpty() && !isValidTableName(schema))
        return Error::usage(QStringLiteral("'%1' is not a valid schema name "
                                           "([A-Za-z_][A-Za-z0-9_]*, at most 63 characters)")
                                .arg(schema));
    m_schema = schema;
    m_knownTables.clear();
    return {};
}

namespace {
// The psql variable an offline script pins Strata's schema in (offlinePreludeSql()).
const QLatin1String kOfflineSchemaVariable("strata_schema");
} // namespace

QString PostgresDriver::tableSql(const QString &table) const
{
    // Offline SQL (no session, no --schema) names the schema current when the script starts.
    const QString schema = m_schema.isEmpty() ? m_openedSchema : m_schema;
    if (schema.isEmpty())
        return QStringLiteral(":\"%1\".").arg(kOfflineSchemaVariable) + quoteIdentifier(table);
    return quoteIdentifier(schema) + QLatin1Char('.') + quoteIdentifier(table);
}

QString PostgresDriver::offlinePreludeSql() const
{
    if (!m_schema.isEmpty() || !m_openedSchema.isEmpty())
        return {};
    return QStringLiteral("-- Strata's tables live in the schema current now (psql keeps it in "
                          ":%1).\nSELECT current_schema() AS %1 \\gset\n\n")
        .arg(kOfflineSchemaVariable);
}

QString PostgresDriver::sessionResetSql() const
{
    return pgsession::resetSql();
}

Result<Driver::ServerInfo> PostgresDriver::serverInfo()
{
    auto r = query(QStringLiteral("SELECT current_setting('server_version'), current_database(), "
                                  "current_user"));
    if (!r)
        return r.error();
    if (r->isEmpty() || r->first().size() < 3)
        return Error::failure(QStringLiteral("%1 did not say who it is").arg(m_display));
    const QStringList &row = r->first();
    return ServerInfo{QStringLiteral("PostgreSQL ") + row.at(0), row.at(1), row.at(2)};
}

Result<PostgresDriver::Retargeted> PostgresDriver::retarget(const QString &database) const
{
    char *parseError = nullptr;
    PQconninfoOption *options = PQconninfoParse(m_conninfo.toUtf8().constData(), &parseError);
    if (!options) {
        const QString why = parseError ? QString::fromUtf8(parseError).trimmed() : QString();
        PQfreemem(parseError);
        return Error::failure(
            QStringLiteral("cannot read the connection %1: %2").arg(m_display, why));
    }
    Retargeted out;
    QStringList kept;
    for (PQconninfoOption *o = options; o->keyword; ++o) {
        if (!o->val)
            continue;
        const QString keyword = QString::fromUtf8(o->keyword);
        const QString value = QString::fromUtf8(o->val);
        if (keyword == QLatin1String("dbname")) {
            out.original = value;
            continue;
        }
        kept.append(keyword + QLatin1Char('=') + ConnectionResolver::quoteKeywordValue(value));
    }
    PQconninfoFree(options);
    kept.append(QStringLiteral("dbname=") + ConnectionResolver::quoteKeywordValue(database));
    out.conninfo = kept.join(QLatin1Char(' '));
    return out;
}

Result<QList<QStringList>> PostgresDriver::onMaintenanceDatabase(const QString &sql)
{
    // The same connection options with the postgres maintenance database as the target.
    auto maintenance = retarget(QStringLiteral("postgres"));
    if (!maintenance)
        return maintenance.error();
    PostgresDriver server(
        maintenance->conninfo,
        QStringLiteral("the maintenance database postgres on the server of %1").arg(m_display));
    server.setConnectTimeout(m_connectTimeoutSeconds);
    if (auto s = server.open(); !s)
        return s.error();
    return server.query(sql);
}

Result<bool> PostgresDriver::createDatabaseIfMissing()
{
    auto target = retarget(QStringLiteral("postgres"));
    if (!target)
        return target.error();
    const QString name = target->original;
    if (name.isEmpty())
        return Error::failure(
            QStringLiteral("%1 names no database to create; give dbname= or /database in the URL")
                .arg(m_display));
    auto exists = onMaintenanceDatabase(
        QStringLiteral("SELECT 1 FROM pg_database WHERE datname = %1").arg(quoteLiteral(name)));
    if (!exists)
        return exists.error();
    if (!exists->isEmpty())
        return false;
    auto created =
        onMaintenanceDatabase(QStringLiteral("CREATE DATABASE %1").arg(quoteIdentifier(name)));
    if (!created) { // the server's code stays (42501: the role may not create databases)
        Error e = created.error();
        e.message = QStringLiteral("cannot create database %1: %2").arg(name, e.message);
        return e;
    }
    return true;
}

Result<QString> PostgresDriver::createScratchDatabase(const QString &name)
{
    auto created =
        onMaintenanceDatabase(QStringLiteral("CREATE DATABASE %1").arg(quoteIdentifier(name)));
    if (!created) { // the code and SQLSTATE stay: cannot connect, or 42501 (no CREATEDB)
        Error e = created.error();
        e.message =
            QStringLiteral("cannot create the scratch database %1: %2").arg(name, e.message);
        return e;
    }
    auto scratch = retarget(name);
    if (!scratch)
        return scratch.error();
    return scratch->conninfo;
}

Status PostgresDriver::dropScratchDatabase(const QString &name)
{
    auto dropped = onMaintenanceDatabase(
        QStringLiteral("DROP DATABASE IF EXISTS %1 WITH (FORCE)").arg(quoteIdentifier(name)));
    if (!dropped)
        return Error::failure(QStringLiteral("cannot drop the scratch database %1: %2")
                                  .arg(name, dropped.error().message));
    return {};
}

Result<QStringList> PostgresDriver::invalidIndexes()
{
    return pgcatalog::invalidIndexes(queryFunction());
}

Result<QMap<QString, QString>> PostgresDriver::schemaObjects(const QString &versionTable)
{
    return pgcatalog::schemaObjects(queryFunction(), m_display, versionTable);
}

Result<SchemaCatalog> PostgresDriver::catalog(const QString &versionTable)
{
    if (auto s = open(); !s)
        return s.error();
    return pgcatalog::catalog(queryFunction(), m_display, versionTable);
}

pgcatalog::Query PostgresDriver::queryFunction()
{
    return [this](const QString &sql) { return query(sql); };
}

Result<QList<QStringList>> PostgresDriver::query(const QString &sql, int *affected)
{
    if (!m_connection)
        return Error::failure(QStringLiteral("not connected to %1").arg(m_display));
    // A pending BEGIN goes first on the same line, so the server's "LINE n" still counts the
    // statement's own lines.
    // So does a session reset queued inside the transaction (resetSession()).
    const QString text = (m_beginPending ? QStringLiteral("BEGIN; ") : QString()) + m_prelude + sql;
    m_beginPending = false;
    m_prelude.clear();
    m_cancelRequested.store(false); // a cancel() from now on is this statement's
    try {
        pqxx::nontransaction tx(m_connection->connection);
        const pqxx::result result = tx.exec(text.toStdString());
        QList<QStringList> rows;
        for (const auto &row : result) {
            QStringList columns;
            for (const auto &field : row)
                columns.append(field.is_null() ? QString() : QString::fromUtf8(field.c_str()));
            rows.append(columns);
        }
        if (affected)
            *affected = int(result.affected_rows());
        return rows;
    } catch (const pqxx::sql_error &e) {
        Error error = Error::failure(QString::fromUtf8(e.what()).trimmed());
        error.sqlState = QString::fromStdString(e.sqlstate());
        // libpqxx 6.4 throws some errors as their own class with the SQLSTATE left empty.
        if (error.sqlState.isEmpty() && dynamic_cast<const pqxx::insufficient_privilege *>(&e))
            error.sqlState = QStringLiteral("42501");
        error.code = codeForSqlState(error.sqlState, m_cancelRequested.load());
        return error;
    } catch (const pqxx::broken_connection &e) {
        return Error::failure(
                   QStringLiteral("the connection to %1 was lost: the server ended the session "
                                  "(terminated by an administrator, restarted or shut down) or "
                                  "the network failed (%2)")
                       .arg(m_display, QString::fromUtf8(e.what()).trimmed()))
            .with(Error::Code::ConnectionLost);
    } catch (const std::exception &e) {
        const bool open = m_connection->connection.is_open();
        return Error::failure(QStringLiteral("%1 %2: %3")
                                  .arg(open ? QStringLiteral("query failed on")
                                            : QStringLiteral("connection lost to"),
                                       m_display, QString::fromUtf8(e.what()).trimmed()))
            .with(open ? Error::Code::None : Error::Code::ConnectionLost);
    }
}

QList<Statement> PostgresDriver::splitStatements(const QString &sql, int firstLine) const
{
    auto split = PostgresSplitter::split(sql, firstLine);
    if (split)
        return *split;
    // Let the server report the syntax error, with its position, when the statement runs.
    const QString text = sql.trimmed();
    if (text.isEmpty())
        return {};
    return {Statement{text,
                      firstLine + int(sql.left(sql.indexOf(text.at(0))).count(QLatin1Char('\n')))}};
}

Status PostgresDriver::begin()
{
    if (!m_connection)
        return Error::failure(QStringLiteral("not connected to %1").arg(m_display));
    m_beginPending = true;
    m_inTransaction = true;
    m_deferred.clear();
    return {};
}

Status PostgresDriver::commit()
{
    QStringList sql = m_deferred;
    m_deferred.clear();
    m_inTransaction = false;
    if (m_beginPending && sql.isEmpty()) {
        m_beginPending = false; // nothing ran: nothing to commit
        return {};
    }
    sql.append(QStringLiteral("COMMIT"));
    auto r = query(sql.join(QStringLiteral(";\n")));
    if (!r)
        return r.error();
    return {};
}

Status PostgresDriver::rollback()
{
    m_prelude.clear(); // rolled back with the rest: the session is as before the transaction
    m_deferred.clear();
    m_inTransaction = false;
    m_knownTables.clear(); // a table created in the transaction is gone again
    if (m_beginPending) {
        m_beginPending = false;
        return {};
    }
    auto r = query(QStringLiteral("ROLLBACK"));
    if (!r)
        return r.error();
    return {};
}

Status PostgresDriver::execute(const Statement &statement)
{
    // A session reset queued between two steps of one transaction goes on its own, so the
    // server's "LINE n:" and caret show the migration's statement alone.
    if (!m_prelude.isEmpty())
        if (auto reset = query(QString()); !reset)
            return Error::failure(QStringLiteral("cannot reset the session before the next "
                                                 "migration: %1")
                                      .arg(reset.error().message));
    auto r = query(statement.text);
    if (r)
        return {};
    Error e = cancelledOr(r.error());
    // "LINE 3: ..." counts lines within the statement; make it a file line.
    static const QRegularExpression lineRe(QStringLiteral("LINE (\\d+):"));
    const QRegularExpressionMatch m = lineRe.match(e.message);
    if (m.hasMatch())
        e.line = statement.line + m.captured(1).toInt() - 1;
    return e;
}

QString PostgresDriver::versionTableDdl(const QString &table) const
{
    // The schema is created with the version table, online and in offline SQL alike.
    const QString schema =
        m_schema.isEmpty()
            ? QString()
            : QStringLiteral("CREATE SCHEMA IF NOT EXISTS %1;\n").arg(quoteIdentifier(m_schema));
    return schema + QStringLiteral("CREATE TABLE %1 (\n    version_num VARCHAR(32) NOT NULL,\n"
                                   "    CONSTRAINT %2 PRIMARY KEY (version_num)\n)")
                        .arg(tableSql(table), quoteIdentifier(table + QStringLiteral("_pkc")));
}

Result<bool> PostgresDriver::hasTable(const QString &table)
{
    if (m_knownTables.contains(table))
        return true;
    auto r = query(
        QStringLiteral("SELECT to_regclass(%1) IS NOT NULL").arg(quoteLiteral(tableSql(table))));
    if (!r)
        return reworded(r.error(), QStringLiteral("cannot look for table %1 in %2: %3")
                                       .arg(table, m_display, r.error().message));
    const bool exists = !r->isEmpty() && r->first().value(0) == QLatin1String("t");
    if (exists)
        m_knownTables.insert(table);
    return exists;
}

QString PostgresDriver::historyTableDdl(const QString &table) const
{
    return QStringLiteral("CREATE TABLE %1 (\n"
                          "    id BIGSERIAL PRIMARY KEY,\n"
                          "    revision VARCHAR(32) NOT NULL,\n"
                          "    direction VARCHAR(8) NOT NULL,\n"
                          "    checksum VARCHAR(64),\n"
                          "    from_revisions TEXT,\n"
                          "    to_revisions TEXT,\n"
                          "    started_at TIMESTAMPTZ NOT NULL,\n"
                          "    finished_at TIMESTAMPTZ,\n"
                          "    duration_ms BIGINT,\n"
                          "    os_user TEXT,\n"
                          "    tool_version TEXT,\n"
                          "    success BOOLEAN NOT NULL,\n"
                          "    error TEXT,\n"
                          "    cancelled BOOLEAN\n)")
        .arg(tableSql(historyTableName(table)));
}

Result<QStringList> PostgresDriver::versionRows(const QString &table)
{
    if (!isValidTableName(table))
        return Error::usage(QStringLiteral("'%1' is not a valid version table name").arg(table));
    auto exists = hasTable(table);
    if (!exists)
        return exists.error();
    if (!*exists)
        return QStringList{};
    auto r = query(QStringLiteral("SELECT version_num FROM %1").arg(tableSql(table)));
    if (!r)
        return reworded(
            r.error(),
            QStringLiteral("cannot read the version table %1: %2").arg(table, r.error().message));
    QStringList rows;
    for (const QStringList &row : *r)
        rows.append(row.value(0));
    return rows;
}

Status PostgresDriver::applyVersionChange(const QString &table, const VersionChange &change)
{
    int affected = 0;
    auto r = query(versionChangeSql(tableSql(table), change), &affected);
    if (!r)
        return reworded(
            r.error(),
            QStringLiteral("cannot change the version table %1: %2").arg(table, r.error().message));
    if (change.kind != VersionChange::Kind::Insert && affected != 1)
        return Error::failure(
            QStringLiteral("version table %1: expected to match one row when %2 '%3'; %4 found")
                .arg(table,
                     change.kind == VersionChange::Kind::Delete ? QStringLiteral("deleting")
                                                                : QStringLiteral("updating"),
                     change.from)
                .arg(affected));
    return {};
}

Status PostgresDriver::deleteAllVersionRows(const QString &table)
{
    auto r = query(QStringLiteral("DELETE FROM %1").arg(tableSql(table)));
    if (!r)
        return r.error();
    return {};
}

Status PostgresDriver::recordHistory(const QString &table, const HistoryRecord &h)
{
    auto text = [](const QString &value) {
        return value.isNull() ? QStringLiteral("NULL") : quoteLiteral(value);
    };
    const QString insert =
        QStringLiteral("INSERT INTO %1 (revision, direction, checksum, from_revisions, "
                       "to_revisions, started_at, "
                       "finished_at, duration_ms, os_user, tool_version, success, error) VALUES "
                       "(%2, %3, %4, %5, %6, %7, %8, %9, %10, %11, %12, %13)")
            .arg(tableSql(historyTableName(table)), quoteLiteral(h.revision),
                 quoteLiteral(h.direction), text(h.checksum), text(h.fromRevisions),
                 text(h.toRevisions), quoteLiteral(h.startedAt.toUTC().toString(Qt::ISODateWithMs)),
                 h.finishedAt.isValid()
                     ? quoteLiteral(h.finishedAt.toUTC().toString(Qt::ISODateWithMs))
                     : QStringLiteral("NULL"))
            .arg(h.durationMs)
            .arg(text(h.osUser), text(h.toolVersion),
                 h.success ? QStringLiteral("TRUE") : QStringLiteral("FALSE"), text(h.error));
    QString sql = insert;
    if (h.cancelled) {
        // Tables made before the column existed get it now (older Strata versions read and
        // write the others as before); rows without it read as not cancelled.
        const QString history = tableSql(historyTableName(table));
        auto has = query(QStringLiteral("SELECT 1 FROM pg_attribute WHERE attrelid = "
                                        "to_regclass(%1) AND attname = 'cancelled' AND NOT "
                                        "attisdropped")
                             .arg(quoteLiteral(history)));
        if (!has)
            return has.error();
        if (has->isEmpty())
            sql.prepend(
                QStringLiteral("ALTER TABLE %1 ADD COLUMN cancelled BOOLEAN;\n").arg(history));
        sql.replace(QLatin1String(", error) VALUES"), QLatin1String(", error, cancelled) VALUES"));
        sql.chop(1);
        sql += QStringLiteral(", TRUE)");
    }
    if (m_inTransaction) {
        m_deferred.append(sql); // written with the COMMIT; a failure there fails the commit
        return {};
    }
    auto r = query(sql);
    if (!r)
        return reworded(r.error(), QStringLiteral("cannot record history in %1: %2")
                                       .arg(historyTableName(table), r.error().message));
    return {};
}

Status PostgresDriver::deleteHistoryMarker(const QString &table, const HistoryRecord &marker)
{
    const QString sql =
        QStringLiteral("DELETE FROM %1 WHERE revision = %2 AND direction = %3 AND started_at = %4 "
                       "AND success = FALSE AND error = %5")
            .arg(tableSql(historyTableName(table)), quoteLiteral(marker.revision),
                 quoteLiteral(marker.direction),
                 quoteLiteral(marker.startedAt.toUTC().toString(Qt::ISODateWithMs)),
                 quoteLiteral(marker.error));
    if (m_inTransaction) {
        m_deferred.append(sql); // in order with the final row, written with the COMMIT
        return {};
    }
    auto r = query(sql);
    if (!r)
        return Error::failure(QStringLiteral("cannot remove the history marker in %1: %2")
                                  .arg(historyTableName(table), r.error().message));
    return {};
}

Result<QList<HistoryRecord>> PostgresDriver::history(const QString &table)
{
    return historyWhere(table, {});
}

Result<QList<HistoryRecord>> PostgresDriver::lastFailures(const QString &table)
{
    return historyWhere(table, lastFailuresCondition(tableSql(historyTableName(table))));
}

Result<QHash<QString, QString>> PostgresDriver::acceptedChecksums(const QString &table)
{
    QHash<QString, QString> out;
    const QString name = historyTableName(table);
    auto exists = hasTable(name);
    if (!exists)
        return exists.error();
    if (!*exists)
        return out;
    auto r = query(acceptedChecksumsSql(tableSql(name)));
    if (!r)
        return reworded(r.error(),
                        QStringLiteral("cannot read %1: %2").arg(name, r.error().message));
    out.reserve(r->size());
    for (const QStringList &row : *r)
        out.insert(row.value(0), row.value(1));
    return out;
}

Result<QList<HistoryRecord>> PostgresDriver::historyWhere(const QString &table,
                                                          const QString &condition)
{
    QList<HistoryRecord> out;
    const QString name = historyTableName(table);
    auto exists = hasTable(name);
    if (!exists)
        return exists.error();
    if (!*exists)
        return out;
    auto r =
        query(QStringLiteral(
                  "SELECT revision, direction, checksum, from_revisions, to_revisions, "
                  "to_char(started_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"'), "
                  "to_char(finished_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"'), "
                  "duration_ms, os_user, tool_version, success, error, "
                  // Read whether or not the table has the column yet.
                  "to_jsonb(h) ->> 'cancelled' FROM %1 h%2 ORDER BY id")
                  .arg(tableSql(name),
                       condition.isEmpty() ? QString() : QStringLiteral(" WHERE ") + condition));
    if (!r)
        return reworded(r.error(),
                        QStringLiteral("cannot read %1: %2").arg(name, r.error().message));
    for (const QStringList &row : *r) {
        HistoryRecord h;
        h.revision = row.value(0);
        h.direction = row.value(1);
        h.checksum = row.value(2);
        h.fromRevisions = row.value(3);
        h.toRevisions = row.value(4);
        h.startedAt = QDateTime::fromString(row.value(5), Qt::ISODateWithMs);
        h.finishedAt = QDateTime::fromString(row.value(6), Qt::ISODateWithMs);
        h.durationMs = row.value(7).toLongLong();
        h.osUser = row.value(8);
        h.toolVersion = row.value(9);
        h.success = row.value(10) == QLatin1String("t");
        h.error = row.value(11);
        h.cancelled = row.value(12) == QLatin1String("true");
        out.append(h);
    }
    return out;
}

} // namespace strata
