#pragma once

#include "error.h"
#include "revision/plan.h"

#include <QElapsedTimer>
#include <QString>

#include <atomic>
#include <functional>

namespace strata {

class Driver;
struct HistoryRecord;
struct Migration;
struct Statement;

// Progress of a run, reported between statements, on the thread running the plan.
struct Progress
{
    int step = 0; // 1-based
    int stepCount = 0;
    int statement = 0; // 1-based; 0 when a step starts
    int statementCount = 0;
    QString revision;
    Direction direction = Direction::Up;
    PlanStep planStep; // the step itself, for callers that show its rows
};
using ProgressCallback = std::function<void(const Progress &)>;

struct RunOptions
{
    ProgressCallback progress;
    // True stops the run between statements and rolls the current step back; pair it with
    // Driver::cancel() to interrupt a running statement.
    const std::atomic<bool> *cancel = nullptr;
    int lockWaitSeconds = 60; // how long to wait for another run on the same version table
    // PostgreSQL's lock_timeout and statement_timeout for the run's statements, in ms; -1
    // leaves the server's (or role's) setting.
    int lockTimeoutMs = -1;
    // The whole plan in one transaction: all of it or none of it (--single-transaction).
    // Refused for plans holding `transactional: false` migrations on engines that honour it.
    bool singleTransaction = false;
    // Runs the plan in one transaction and rolls it all back: every statement is tried against
    // the real schema, nothing stays, no history row is written (--dry-run).
    bool dryRun = false;
    int statementTimeoutMs = -1;
    // Things worth telling a person that are not errors, e.g. a `transactional: false`
    // migration run inside its step's transaction after all.
    std::function<void(const QString &)> notice;
};

using MigrationLookup = std::function<const Migration *(const QString &revision)>;

// Runs a Plan through a Driver: each step's statements, its version-row changes and its history
// row commit together; a failing statement rolls its step back, is recorded as a failed step,
// and comes back as an Error naming the migration file and the statement's line. Steps before
// it stay committed. A plan that would revert an irreversible migration is refused whole, and so
// is one whose transactional steps hold statements that end their transaction or that the engine
// refuses inside one (TransactionRules; Error::Code::Refused, naming file:line). As a last guard,
// after each statement of a transactional step the driver's transactionState() must still be
// open; if not, the step stops with no version row and no success row, and the Error
// (Code::TransactionBroken) says which statements were kept. `transactional: false` sections run
// in their step's transaction on SQLite (which can run any statement in one);
// RunOptions::notice says so.
class Executor
{
public:
    Executor(Driver &driver, QString versionTable, MigrationLookup lookup);

    Status run(const Plan &plan, const RunOptions &options = {});
    // The plan as a SQL script, without touching a database.
    Result<QString> offlineSql(const Plan &plan, bool singleTransaction = false) const;

    static QString osUser();

private:
    Status validate(const Plan &plan) const;
    // Refuses a plan whose transactional steps hold statements that end their transaction or
    // that the engine refuses inside one (TransactionRules), naming file:line; Code::Refused.
    Status refuseTransactionHazards(const Plan &plan) const;
    // What a step whose statement ended its transaction kept (`ran`: its statements up to that
    // one), as an Error with Code::TransactionBroken.
    Error transactionBroken(const Plan &plan, int index, const Migration &m,
                            const QList<Statement> &ran, const RunOptions &options) const;
    Status runOutsideTransaction(const Migration &m, const PlanStep &step,
                                 const QList<Statement> &statements, const RunOptions &options,
                                 Progress &progress, HistoryRecord record,
                                 const QElapsedTimer &timer, QStringList &expectedRows);
    Status runStep(const Plan &plan, int index, const RunOptions &options,
                   QStringList &expectedRows);

    Driver &m_driver;
    QString m_versionTable;
    MigrationLookup m_lookup;
};

} // namespace strata
