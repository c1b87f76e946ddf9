#pragma once

#include "commandline.h"
#include "error.h"
#include "migrator.h"
#include "operations/operations.h"
#include "profiles/lintpolicy.h"
#include "profiles/profile.h"
#include "profiles/protection.h"

#include <QJsonObject>
#include <QTextStream>

#include <atomic>
#include <functional>
#include <memory>
#include <optional>

namespace strata {
class RevisionGraph;
struct Plan;
namespace schema {
class SchemaWorkbench;
}
} // namespace strata

namespace strata::cli {

// A file Strata wrote, as the person at the terminal can open it: relative to the current
// directory when it lies below it, else absolute.
QString pathForUser(const QString &path);

// 130: stopped by Ctrl-C or SIGTERM (128 + SIGINT, as shells report it); the step under way was
// rolled back and recorded as cancelled.
enum ExitCode { Success = 0, Failure = 1, UsageError = 2, CheckFailed = 3, Cancelled = 130 };

// The `strata` command line: parses the arguments, runs one command through the core's
// Migrator, prints text (or one JSON document) and returns the exit code.
class Cli
{
public:
    Cli(QTextStream &out, QTextStream &err);
    int run(const QStringList &arguments);

    // Asks a person a question and returns the line typed, or nothing when nobody can be
    // asked. The default asks on the terminal (stderr, then a line of stdin) when stdin is one.
    using Ask = std::function<std::optional<QString>(const QString &question)>;
    void setAsk(Ask ask) { m_ask = std::move(ask); }

private:
    int dispatch();
    int fail(const Error &error);
    // The Migrator for the command line's database (or `profile`'s); prints the connection's
    // notes on stderr.
    Result<std::unique_ptr<Migrator>> openMigrator(const QString &profile = {});
    // "Target: <engine, host, port, database, user; or the SQLite file> (from <rule>)": the first
    // line of every command that changes a database. On stdout; on stderr with --json (and as
    // "target" in the JSON document, errors included); not with --quiet.
    void announceTarget(const Migrator &migrator);
    // The options for a Migrator: the command line's, filled in from --profile (or `profile`).
    Result<MigratorOptions> migratorOptions(const QString &profile = {});
    // A saved profile by name; a usage error listing the names there are.
    Result<Profile> findProfile(const QString &name);
    void printJson(const QJsonObject &object);
    void say(const QString &line);  // stdout, unless --quiet or --json
    void note(const QString &line); // stderr, only with --verbose

    // authoring (cli_authoring.cpp)
    int init();
    int revision();
    int merge();
    // running (cli_migrate.cpp)
    int upgradeOrDowngrade(bool upgrade);
    int stamp();
    int repair();
    int printPlan(const Migrator &migrator, const Plan &plan);
    // Who runs the core's audited operations (Operations): the command line, the profile and
    // --reason; a log that cannot be written is a warning on stderr, never a failed migration.
    OperationContext operationContext(const QString &profile) const;
    // What Protection asks before `action` on the named profile (or, with none, on migrator's
    // database): the name from --confirm, else asked on a terminal, else a refusal (exit 1)
    // naming what to type.
    // On success, what else the policies say for this run: whether to back up first
    // (Protection::backupFirst with --backup-first/--no-backup) and what lint findings block it
    // (LintPolicy::blockFor).
    struct Guarded
    {
        bool backupFirst = false;
        LintBlock lintBlock = LintBlock::Nothing;
    };
    Result<Guarded> confirm(GuardedAction action, GuardedMode mode, const QString &profileName,
                            const Migrator *migrator = nullptr);
    // The backup before `action` (Operations::backupBefore) into --out (else the backup folder),
    // with a line saying where it went; an error when it failed and nothing ran.
    Status backupBefore(Operations &operations, const QString &action);
    // Progress lines with --verbose; Ctrl-C cancels.
    BackupCallbacks backupCallbacks();
    // The lint policy before a run (a protected profile): a refusal naming --override-lint when
    // it blocks the plan, else the findings on stderr (what does not block is still worth
    // reading). Operations enforces the same policy again when it runs.
    Status reportLint(const Operations &operations, const Plan &plan, LintBlock block);
    // backups (cli_backup.cpp)
    int backup();
    int backups();
    int restore();
    // reading (cli_inspect.cpp)
    int current();
    int status(); // the state of the database: current revision, pending, what is wrong
    int ping();
    int verify();
    int lint();
    int history();
    int heads();
    int branches();
    int show();
    int check();
    // the audit log (cli_audit.cpp): `audit` lists entries, `audit verify` checks the chain
    int audit();
    int auditVerify();
    // schema (cli_schema.cpp): diff, revision --autogenerate, check --drift
    int diff();
    int autogenerate();
    int drift();
    // The schema tools for the command line's project and database (--url, --profile,
    // --dev-url, --grants); prints the connection's notes as openMigrator() does.
    Result<std::unique_ptr<schema::SchemaWorkbench>> openWorkbench();

    // RunOptions for upgrade, downgrade and stamp: the command line's lock wait and timeouts,
    // and m_interrupted as the cancel token.
    RunOptions runOptions();

    QTextStream &m_out;
    QTextStream &m_err;
    Invocation m_inv;
    QJsonObject m_target; // set by announceTarget(): "target" in the JSON document
    // Set by the first Ctrl-C or SIGTERM during a run (Interrupts::Scope): whatever fails after
    // it exits 130.
    std::atomic<bool> m_interrupted{false};
    Ask m_ask;
};

// "a, b -> c (head) (mergepoint), message" as Alembic's history prints it.
QString historyLine(const RevisionGraph &graph, int index, bool isCurrent);

} // namespace strata::cli
