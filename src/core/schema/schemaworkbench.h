#pragma once

#include "error.h"
#include "migrator.h"
#include "schema/inspector.h"
#include "schema/proof.h"
#include "schema/renamedfrom.h"
#include "schema/schemadiff.h"
#include "schema/schemaside.h"

#include <QHash>
#include <QString>
#include <QStringList>

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>

// The schema tools of one project, for the command line (`strata diff`, `revision
// --autogenerate`, `check --drift`) and the desktop app alike: where the two sides of a diff
// come from, diffing them, writing a proven migration, and drift, on PostgreSQL and SQLite (a
// project's sides are built on its own engine: scratch databases on a PostgreSQL server, or
// temporary SQLite files in a private folder; two sides of different engines are refused).
namespace strata::schema {

struct WorkbenchOptions
{
    // The project and the configured database, as for Migrator.
    MigratorOptions migrator;
    // The server scratch databases are created on (--dev-url); empty: strata.ini's dev_url,
    // else the configured database's server.
    QString devUrl;
    // Read owners and grants on every side, and compare them (drift's --grants). Off by
    // default: environments grant differently by design.
    bool ownersAndGrants = false;
    // Build new indexes with CREATE INDEX CONCURRENTLY (DiffOptions::concurrentIndexes): the
    // generated migration is then `transactional: false`.
    bool concurrentIndexes = false;
    // Lines worth showing with --verbose ("replaying heads in scratch database ...").
    std::function<void(const QString &)> progress;
};

// One side, read.
struct SideModel
{
    SchemaSide side;
    SchemaModel model;
    // Where it was read, for people: "the project at heads (a1, b2) replayed in scratch
    // database strata_diff_... (dropped again)", "shop on db:5432 as app (read only)".
    QString source;
    // The file's `-- strata:renamed-from` declarations (file sides only).
    QList<RenameDeclaration> renames;
};

struct DiffResult
{
    SideModel from;
    SideModel to;
    SchemaDiff diff;
    // Objects of kinds Strata does not model that both sides have, by name only: whether their
    // definitions differ is not known ("range type public.r"), for people to be told so.
    QStringList notCompared;
    // The options `diff` was made with (renames declared on the `to` side among them), so that
    // the same diff can be made again without some objects (schemaselection.h leaveOut()).
    DiffOptions options;
};

// What `revision --autogenerate` asks for.
struct AutogenerateRequest
{
    QString message;
    // The desired state: a file (its renamed-from comments are honoured), or a live reference
    // database (url:, profile:, db). The other side is always the project at its single head.
    SchemaSide desired;
    QString revisionId; // empty: random
    // Rows seeded into each table before the proof's upgrade, and checked afterwards.
    int seedRows = 3;
    // Keys (SchemaObject::key()) of differences to leave out of the migration, with what
    // depends on them (schemaselection.h leaveOut()); AutogenerateResult::alsoLeftOut says
    // what that took with it.
    QStringList leftOut;
};

struct AutogenerateResult
{
    // False: the two sides are the same schema; nothing was written ("No changes").
    bool written = false;
    QString path; // of the migration written
    QString revision;
    SchemaDiff diff;
    ProofReport proof;
    QStringList notCompared; // as DiffResult::notCompared
    // What leaving out AutogenerateRequest::leftOut left out besides (Selection::why lines).
    QStringList alsoLeftOut;
};

// An object of a kind Strata does not model (SchemaModel::unsupported) that drift found on one
// side only, or with another definition on each.
struct UnsupportedChange
{
    QString kind;   // "foreign table", "range type", "server" ... ("object" when not known)
    QString object; // as listed: "foreign table public.remote"
    ObjectChange::Change change = ObjectChange::Change::Added;
    QString detail; // "kind not modelled by Strata" (and how its definition differs)
};

struct DriftReport
{
    QString database;    // where, password masked
    QStringList current; // the database's version rows the project was replayed to
    QString replayedIn;  // the scratch database, as shown to people
    // compare()'s findings, except that the columns, constraints, indexes, triggers, rules and
    // policies of an added or removed table are named in its detail ("with column
    // public.t.id" lines) rather than listed apart.
    QList<ObjectChange> changes;
    // Objects of kinds Strata does not model, added or removed (or changed, when the model
    // lists a fingerprint of their definition), compared by what SchemaModel::unsupported says.
    QList<UnsupportedChange> unsupported;
    // What was not compared, for a report of no drift to say so: owners and grants (compared
    // only with WorkbenchOptions::ownersAndGrants; true on SQLite, which has none), and how
    // many findings the ignore patterns (strata.ini's drift_ignore and the call's) hid.
    bool ownersAndGrantsCompared = false;
    QStringList unsupportedNotCompared; // as DiffResult::notCompared
    QStringList ignorePatterns;
    int ignoredFindings = 0;
    bool hasDrift() const { return !changes.isEmpty() || !unsupported.isEmpty(); }
};

class SchemaWorkbench
{
public:
    // Opens the project (and names, without connecting, the configured database). Errors as
    // Migrator::open's.
    static Result<std::unique_ptr<SchemaWorkbench>> open(const WorkbenchOptions &options);
    ~SchemaWorkbench();

    Migrator &migrator() { return *m_migrator; }
    const WorkbenchOptions &options() const { return m_options; }

    // Reads one side into a model. Revision and current sides are replayed in a scratch
    // database dropped again before this returns; file sides are applied to one (errors name
    // file:line); live sides are only read (PostgreSQL: the session is made read only first;
    // SQLite: the file is opened read only, and a missing file is an error, never an empty
    // schema). Strata's version and history tables are left out.
    Result<SideModel> read(const SchemaSide &side);

    // The operations turning `from` into `to`; sides of two engines are refused (Refused)
    // before either is read. Renames declared in a file on the `to` side
    // (`-- strata:renamed-from`) are passed to the diff; a file on the `from` side is read as
    // it stands.
    Result<DiffResult> diff(const SchemaSide &from, const SchemaSide &to);

    // Compares the project at its single head with the desired state and, when they differ,
    // writes a new migration through RevisionWriter (the format `strata revision` writes):
    // upgrade = the diff with hazard comments, downgrade = its inverses, `transactional: false`
    // when a statement needs it. Before writing, the migration is proven with prove() in a
    // scratch database holding the project at its head; when a property fails, nothing is
    // written and the error (Error::Code::Refused) says which and why. A diff that is refused
    // (an object kind Strata does not model) is refused likewise. No difference: written false.
    Result<AutogenerateResult> autogenerate(const AutogenerateRequest &request);

    // The configured database against the project replayed to that database's own version
    // rows (Migrator::current()), object by object. `ignore` adds to strata.ini's drift_ignore
    // patterns (CompareOptions::ignore). Errors: the database cannot be read, a version row
    // names no migration file, the replay fails.
    Result<DriftReport> drift(const QStringList &ignore = {});

    // Stops what runs (from any thread): the statement under way is cancelled, scratch
    // databases are dropped as the call unwinds, and it returns Error::Code::Cancelled.
    void cancel();

private:
    SchemaWorkbench() = default;
    struct Read;
    Result<Read> readKeeping(const SchemaSide &side);
    Result<Read> replay(const QStringList &targets, const QString &what);
    Result<Read> applyFile(const QString &path);
    Result<Read> readLive(const SchemaSide &side);
    // The project replayed to the configured database's version rows (set in *rows).
    Result<Read> replayCurrent(QStringList *rows);
    // Where a side's schema lives: the configured database's connection for the project's
    // own sides (revisions, files, current, db), the URL's or profile's for the others.
    Result<ConnectionInfo> liveConnection(const SchemaSide &side) const;
    // Refused (Error::Code::Refused) when the two sides are of different engines.
    Status checkEngines(const SchemaSide &from, const SchemaSide &to) const;
    // An error saying so when `info` names a SQLite file that does not exist; `from` says
    // where it was named ("--url", "url:sqlite:///x.db").
    Status sqliteExists(const ConnectionInfo &info, const QString &from) const;
    Result<SchemaModel> inspectScratch(Read &read);
    Result<SchemaModel> readModel(Driver &driver) const;
    Result<ConnectionInfo> scratchServer() const;
    InspectOptions inspectOptions() const;
    DiffOptions diffOptions() const;
    Status cancelledOr(Status status) const;
    void say(const QString &line) const;

    WorkbenchOptions m_options;
    std::unique_ptr<Migrator> m_migrator;
    std::atomic<bool> m_cancelled{false};
    // What cancel() reaches: the driver or scratch Migrator running right now.
    std::mutex m_runningMutex;
    Driver *m_runningDriver = nullptr;
    Migrator *m_runningMigrator = nullptr;
};

} // namespace strata::schema
