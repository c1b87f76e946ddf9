#pragma once

#include "drivers/driver.h"
#include "error.h"

#include <QList>
#include <QString>

#include <optional>

namespace strata {

struct Migration;

// The SQL a migration is written in, as far as the checks care.
enum class SqlDialect { PostgreSQL, SQLite };

// The dialect of a Driver::engine() name ("postgresql", "sqlite").
SqlDialect dialectOfEngine(const QString &engine);

// A statement that cannot stand in a section that runs inside the run's transaction.
struct TransactionHazard
{
    enum class Kind {
        Control,      // ends, starts or replaces the transaction (COMMIT, BEGIN, ROLLBACK, ...)
        Refused,      // the engine refuses it inside a transaction block (VACUUM, ...)
        MaybeRefused, // refused in some cases only, which the text cannot tell (lint warns)
        Ignored,      // accepted but without effect inside a transaction (lint warns)
    };
    Kind kind = Kind::Control;
    int line = 0;       // file line of the statement
    QString what;       // the statement's kind as SQL words: "COMMIT", "CREATE INDEX CONCURRENTLY"
    bool ends = false;  // Control: it ends the transaction, keeping (commit) or undoing its work
    bool keeps = false; // ends: true when what ran before it is committed (COMMIT, PREPARE)
};

// The one table of statements that break or cannot run in a transaction, used by `strata lint`
// and by the executor's check before a run alike. PostgreSQL statements are read from
// PostgreSQL's own parse tree (libpg_query's TransactionStmt and the statements whose commands
// call PreventInTransactionBlock in PostgreSQL 15's sources: VACUUM, CLUSTER without a table,
// CREATE/DROP DATABASE, ALTER DATABASE SET TABLESPACE, CREATE/DROP TABLESPACE, ALTER SYSTEM,
// CREATE INDEX / DROP INDEX / REINDEX ... CONCURRENTLY, REINDEX SCHEMA/DATABASE/SYSTEM,
// ALTER TABLE ... DETACH PARTITION CONCURRENTLY, DISCARD ALL, COMMIT/ROLLBACK PREPARED,
// CREATE SUBSCRIPTION creating a slot, ALTER SUBSCRIPTION refreshing, and DROP SUBSCRIPTION of a
// subscription with a slot). SQLite statements are read by their first keyword after comments,
// which decides the statement kind in SQLite's grammar (BEGIN, COMMIT, END, ROLLBACK without TO;
// VACUUM and ATTACH, which SQLite refuses inside a transaction; PRAGMA foreign_keys and
// journal_mode = WAL, which it ignores there).
//
// SAVEPOINT, RELEASE and ROLLBACK TO are allowed: inside the run's transaction they nest in it
// and never end it, on both engines (SQLite's RELEASE commits only a transaction that its own
// SAVEPOINT began). A DO block or procedure that commits is refused by PostgreSQL itself inside
// a transaction block ("invalid transaction termination"), so a run catches it as a failure.
class TransactionRules
{
public:
    static constexpr const char *controlRule = "transaction-control";
    static constexpr const char *refusedRule = "no-transaction-block";

    // The hazard of one statement (its line left 0), or nullopt. A PostgreSQL statement the
    // parser cannot read has none: the server reports its syntax error.
    static std::optional<TransactionHazard> classify(const QString &statement, SqlDialect dialect);
    // The hazards of a list of statements, in order.
    static QList<TransactionHazard> hazards(const QList<Statement> &statements, SqlDialect dialect);
    // Whether a migration's sections run inside a transaction: `transactional: true`, and on
    // SQLite always (it runs `transactional: false` sections in their step's transaction too).
    static bool runsInTransaction(const Migration &migration, SqlDialect dialect);
    // Why the hazard cannot stay, and what to do instead, for lint and a refused run.
    static QString explain(const TransactionHazard &hazard, SqlDialect dialect);
};

} // namespace strata
