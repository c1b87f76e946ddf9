#pragma once

#include "jobs/projectsnapshot.h"
#include "migrator.h"
#include "project/revisionwriter.h"
#include "status/problemlog.h"

#include <QMutex>
#include <QObject>

#include <atomic>
#include <functional>
#include <memory>

namespace strata {
enum class LintBlock; // profiles/lintpolicy.h
}

namespace strata::gui {

// Who asked for a run and why, for the audit log.
struct RunContext
{
    QString profile;
    QString reason;
    // A guided rollback: each step gets its own audit entry, and the wizard shows the outcome.
    bool guided = false;
    // A verified backup first (Guard::Backup::Offered and kept): a failed or cancelled backup
    // means the plan does not run. keepBackups > 0: afterwards only that many of the profile's.
    bool backupFirst = false;
    int keepBackups = 0;
    // PostgreSQL's lock_timeout and statement_timeout for the run's statements, in ms; -1: the
    // server's own. Prefilled from Settings.
    int lockTimeoutMs = -1;
    int statementTimeoutMs = -1;
    // A dry run (RunOptions::dryRun): every statement tried, all rolled back, nothing audited,
    // no backup taken.
    bool dryRun = false;
    // Create the database first when it is missing (Operations::createDatabase, the
    // command line's --create-database): audited; a refusal means the plan does not run.
    bool createDatabase = false;
    // The lint policy for the run (LintPolicy::blockFor) and the reason typed to override what
    // it blocks; the core refuses a blocked run without one (Operations).
    LintBlock lintBlock{}; // LintBlock::Nothing
    QString lintOverride{};
};

// One job's cancel flag, shared by whoever may cancel the job and the worker that runs it: a
// cancel pressed while the job still waits behind another one is kept until it starts.
using CancelToken = std::shared_ptr<std::atomic<bool>>;

// Does one profile's database work in a worker thread, one job at a time: it owns the
// Migrator (and so the connection), which never leaves that thread. Results come back as
// queued signals. Only cancel() may be called from another thread.
class MigrationWorker : public QObject
{
    Q_OBJECT

public:
    // label: how log lines name this worker's database (the profile's name).
    MigrationWorker(MigratorOptions options, QString label, QObject *parent = nullptr);
    ~MigrationWorker() override;

    // Jobs, run in the worker's thread (post them with QMetaObject::invokeMethod).
    void refresh();
    void preparePlan(const strata::gui::PlanRequest &request);
    void runPlan(const strata::gui::PlanRequest &request, const strata::Plan &plan,
                 const strata::gui::RunContext &context);
    void testConnection();
    // Writes a new migration file as `strata revision` does (the project is read again here,
    // not in the GUI thread: a large project takes a moment to parse).
    void createRevision(const strata::RevisionRequest &request);
    void createMerge(const strata::MergeRequest &request);
    // The database's tables, columns and functions, for completion in the editor.
    void fetchCatalog();
    // The editor's Try it: the pending steps up to `revision`, then its downgrade, in one
    // transaction that is rolled back whatever happens.
    void tryRevision(const QString &revision);
    // A verified, catalogued backup of the database (pg_dump, or SQLite's backup API), and
    // restoring one into this worker's database. `profile` and `reason` go to the catalogue
    // and the audit log.
    // keep > 0: afterwards only the newest `keep` backups of the profile stay.
    void backup(const QString &profile, const QString &format = QStringLiteral("custom"),
                int keep = 0);
    // backupFirst: back the target up first (Protection::backupFirst); a failed backup means no
    // restore.
    void restore(const QString &file, const QString &profile, const QString &reason,
                 bool backupFirst = false);
    // The backup is there and matches its catalogue entry's SHA-256.
    void verifyBackup(const QString &file);
    // Takes effect for the next job (a password typed after a refused connection).
    void setOptions(const strata::MigratorOptions &options);

    // The job about to run in the worker's thread and its token (a job that finds its token
    // already set answers "cancelled" without touching the database). JobController calls it
    // before each job.
    void beginJob(const CancelToken &token);
    // Sets `token` and, when its job is the one running, interrupts the running statement;
    // safe from any thread.
    void cancel(const CancelToken &token);
    // Cancels the job running now, whichever it is; safe from any thread.
    void cancel();

Q_SIGNALS:
    void snapshotReady(strata::gui::SnapshotPtr snapshot);
    void snapshotFailed(strata::Error error);
    void planReady(strata::gui::PlanRequest request, strata::Plan plan, QString offlineSql);
    void planFailed(strata::gui::PlanRequest request, strata::Error error);
    void progress(strata::gui::JobProgress progress);
    void runFinished(strata::gui::JobResult result);
    void connectionTested(bool ok, QString message);
    // path: the file written; on failure empty, and error says why.
    void revisionCreated(QString path, strata::Error error);
    void catalogReady(strata::SchemaCatalog catalog);
    void catalogFailed(strata::Error error);
    // steps: what ran ("up abc123", "down abc123"); on failure error says where.
    void trialFinished(QString revision, bool ok, QStringList steps, strata::Error error);
    // percent: -1 while it cannot be known.
    void backupProgress(QString text, int percent);
    // file: the backup written and verified; empty on failure, and error says why.
    void backupFinished(QString file, strata::Error error);
    void restoreProgress(QString text, int percent);
    void restoreFinished(bool ok, strata::Error error);
    void backupVerified(QString file, bool ok, strata::Error error);

private:
    // A fresh Migrator reads the project files again, so edits on disk show up.
    Result<Migrator *> reopen();
    // The profile as the core reads it (Migrator::status()), with the project's revisions.
    SnapshotPtr buildSnapshot(Migrator &migrator);
    // Writes a migration file with the project read afresh; answers with revisionCreated.
    void writeFile(const std::function<Result<QString>(const LoadedProject &)> &write);

    // Notes a read's problem (empty: the read succeeded); logs `line` once when the problem
    // starts or changes, and its end once.
    void noteProblem(const QString &problem, const QString &line = QString());

    MigratorOptions m_options;
    QString m_label;
    ProblemLog m_problems; // the worker's thread only
    QMutex m_mutex;        // guards m_migrator's replacement against cancel() from the GUI thread
    std::unique_ptr<Migrator> m_migrator;
    // The running job's token (never null); guarded by m_mutex for replacement, read freely in
    // the worker's thread.
    CancelToken m_token = std::make_shared<std::atomic<bool>>(false);
    const std::atomic<bool> *cancelFlag() const { return m_token.get(); }
    bool cancelled() const { return m_token->load(); }
    QDateTime m_lastRead; // when the database was last read (UTC); invalid: not yet
};

} // namespace strata::gui
