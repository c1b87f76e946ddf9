#include "migrator.h"
#include "text/englishcount.h"

#include "connection/connectioninfo.h"
#include "connection/driverfactory.h"
#include "drivers/driver.h"
#include "engine/executor.h"
#include "engine/runlock.h"
#include "engine/versionstore.h"
#include "loadedproject.h"
#include "project/project.h"
#include "revision/planner.h"
#include "revision/revisiongraph.h"

#include <QCoreApplication>
#include <QDir>
#include <QHash>
#include <QSet>

#include <QScopeGuard>

#include <algorithm>
#include <mutex>

namespace strata {

struct Migrator::Private
{
    Project project;
    RevisionGraph graph;
    QString versionTable;
    ConnectionInfo connection;
    std::unique_ptr<Driver> driver;
    QString schema; // of the version tables (PostgreSQL)
    int connectTimeoutSeconds = 10;
    std::atomic<bool> cancelled{false};
    // The scratch database's Migrator while verify() runs, so cancel() reaches its statements.
    std::mutex scratchMutex;
    Migrator *scratch = nullptr;

    Executor executor()
    {
        return Executor(*driver, versionTable, [this](const QString &rev) -> const Migration * {
            const int i = graph.indexOf(rev);
            return i < 0 ? nullptr : &graph.migration(i);
        });
    }

    Status needRevisions() const
    {
        if (graph.isEmpty())
            return project.emptyProjectError();
        return {};
    }

    VersionStore store() { return VersionStore(*driver, versionTable); }

    Result<QStringList> rows() { return store().currentRows(); }

    // Applied revisions whose upgrade section no longer matches the checksum recorded when it
    // ran (or was last repaired).
    Result<QStringList> edited(const QStringList &current)
    {
        auto recorded = store().appliedChecksums();
        if (!recorded)
            return recorded.error();
        return editedAgainst(current, *recorded);
    }

    // The same against checksums already read (VersionStore::appliedChecksums()).
    QStringList editedAgainst(const QStringList &current,
                              const QHash<QString, QString> &recorded) const
    {
        QStringList out;
        if (recorded.isEmpty())
            return out;
        QList<int> applied = graph.ancestors(knownIndexes(current));
        std::sort(applied.begin(), applied.end());
        for (int i : applied) {
            const auto it = recorded.constFind(graph.id(i));
            if (it != recorded.constEnd() && !graph.migration(i).checksumMatches(*it))
                out.append(graph.id(i));
        }
        return out;
    }

    // The revisions of `rows` that the project has, as graph indexes.
    QList<int> knownIndexes(const QStringList &rows) const
    {
        QList<int> out;
        for (const QString &rev : rows)
            if (const int i = graph.indexOf(rev); i >= 0)
                out.append(i);
        return out;
    }

    // After a run failed because the connection was lost, the database's state is unknown:
    // connect once more and say in the error what the version table holds now (or that it is
    // still unknown, and why).
    Error afterLostConnection(Error error)
    {
        if (error.code != Error::Code::ConnectionLost)
            return error;
        error.details.append(QStringLiteral(
            "The connection was lost mid-run, so what the database holds was unknown; "
            "reconnecting once to read it."));
        driver->close();
        Result<QStringList> rows = Error::failure(QString());
        if (auto s = driver->open(); !s)
            rows = s.error();
        else
            rows = store().currentRows();
        if (rows)
            error.details.append(
                QStringLiteral("Read after reconnecting: the version table %1 holds %2.")
                    .arg(versionTable, rows->isEmpty() ? QStringLiteral("no row (base)")
                                                       : rows->join(QLatin1String(", "))));
        else
            error.details.append(
                QStringLiteral("The database's state is still unknown: reconnecting failed: %1")
                    .arg(rows.error().message));
        return error;
    }
};

Migrator::Migrator() : d(std::make_unique<Private>()) {}
Migrator::~Migrator() = default;

Result<std::unique_ptr<Migrator>> Migrator::open(const MigratorOptions &options)
{
    auto loaded = LoadedProject::load(options.projectDir);
    if (!loaded)
        return loaded.error();

    std::unique_ptr<Migrator> migrator(new Migrator);
    Private &p = *migrator->d;
    p.project = std::move(loaded->project);
    p.graph = std::move(loaded->graph);
    p.versionTable =
        options.versionTable.isEmpty() ? p.project.config().versionTable : options.versionTable;
    if (!isValidTableName(p.versionTable)) {
        Error e = Error::usage(QStringLiteral("'%1' is not a valid version table name "
                                              "([A-Za-z_][A-Za-z0-9_]*, at most 63 characters)")
                                   .arg(p.versionTable));
        if (options.versionTable.isEmpty()) { // strata.ini's: the project is at fault, not usage
            e.kind = Error::Kind::Failure;
            e.file = p.project.iniPath();
        }
        return e;
    }
    auto connection =
        options.dialect.isEmpty()
            ? ConnectionResolver::resolve(options.url, p.project.rootDir(), p.project.config().url,
                                          options.environment, options.urlSource)
            : ConnectionResolver::offline(options.dialect, p.project.rootDir());
    if (!connection)
        return connection.error();
    p.connection = *connection;
    auto driver = createDriver(p.connection);
    if (!driver)
        return driver.error();
    p.driver = std::move(driver).value();
    p.driver->setConnectTimeout(options.connectTimeoutSeconds);
    p.driver->setVersionTable(p.versionTable);
    p.connectTimeoutSeconds = options.connectTimeoutSeconds;
    const QString schema =
        options.schema.isEmpty() ? p.project.config().versionTableSchema : options.schema;
    if (auto s = p.driver->setVersionSchema(schema); !s) {
        Error e = s.error();
        if (options.schema.isEmpty() && e.kind == Error::Kind::Usage) { // strata.ini's, not usage
            e.kind = Error::Kind::Failure;
            e.file = p.project.iniPath();
        }
        return e;
    }
    p.schema = schema;
    return migrator;
}

const Project &Migrator::project() const
{
    return d->project;
}
const RevisionGraph &Migrator::graph() const
{
    return d->graph;
}
QString Migrator::projectRoot() const
{
    return d->project.rootDir();
}
QString Migrator::versionTable() const
{
    return d->versionTable;
}
QString Migrator::databaseDisplay() const
{
    return d->connection.display;
}
QString Migrator::databaseSource() const
{
    return d->connection.source;
}

Result<QStringList> Migrator::current()
{
    return d->rows();
}

Result<QList<RevisionStatus>> Migrator::history()
{
    const DatabaseStatus st = status();
    if (!st.reachable)
        return st.problem;
    if (!st.historyUnknown.isEmpty())
        return Error::failure(st.historyUnknown);
    return revisionStates(st);
}

QList<RevisionStatus> Migrator::revisionStates(const DatabaseStatus &st) const
{
    if (!st.reachable)
        return {};
    const QSet<QString> edited(st.edited.cbegin(), st.edited.cend());
    const QList<int> currentIdx = d->knownIndexes(st.current);
    const QList<int> appliedList = d->graph.ancestors(currentIdx);
    const QSet<int> applied(appliedList.begin(), appliedList.end());
    QList<int> order = d->graph.topologicalOrder();
    std::reverse(order.begin(), order.end());
    QList<RevisionStatus> out;
    out.reserve(order.size());
    for (int i : order) {
        RevisionStatus s;
        s.index = i;
        s.applied = applied.contains(i);
        s.current = currentIdx.contains(i);
        s.edited = edited.contains(d->graph.id(i));
        out.append(s);
    }
    return out;
}

Result<PingReport> Migrator::ping()
{
    if (!d->driver->exists()) {
        if (auto s = d->driver->creatable(); !s)
            return s.error();
        return Error::failure(
            QStringLiteral("%1 does not exist yet; the first `strata upgrade` creates it")
                .arg(databaseDisplay()));
    }
    // Connected means the version rows could be read, not merely that a file opened.
    const DatabaseStatus st = status();
    if (!st.reachable)
        return st.problem;
    if (!st.exists) // the server said the database is missing: say it as it did
        if (auto s = d->driver->open(); !s)
            return s.error();
    auto server = d->driver->serverInfo();
    if (!server)
        return server.error();
    return PingReport{*server, databaseDisplay(), st.current};
}

DatabaseStatus Migrator::status()
{
    DatabaseStatus st;
    st.database = databaseDisplay();
    st.engine = engine();
    const RevisionGraph &graph = d->graph;
    st.heads = graph.ids(graph.realHeads());
    VersionStore store = d->store();
    auto opened = store.openExisting();
    st.exists = opened ? *opened : d->driver->exists();
    auto rows = opened ? store.currentRows() : Result<QStringList>(opened.error());
    if (!rows) {
        st.problem = rows.error();
        return st;
    }
    st.reachable = true;
    st.current = *rows;

    // Version rows against the project: rows no file has, rows implied by another row.
    QList<int> known;
    for (const QString &row : std::as_const(st.current)) {
        const int i = graph.indexOf(row);
        if (i < 0)
            st.unknownRows.append(row);
        else
            known.append(i);
    }
    for (int row : std::as_const(known)) {
        const QList<int> below = graph.ancestors({row});
        for (int other : std::as_const(known))
            if (other != row && below.contains(other))
                st.overlapping.append({graph.id(row), graph.id(other)});
    }

    // The history table: only each revision's latest rows. Version rows without it (dropped by
    // hand, or a table another tool wrote) say nothing about edits or failures: unknown, not none.
    if (!st.current.isEmpty()) {
        const QString history = historyTableName(d->versionTable);
        auto present = d->driver->hasTable(history);
        if (present && !*present)
            st.historyUnknown =
                QStringLiteral("unknown, because the history table %1 is missing though the "
                               "version table holds rows; edits and failures cannot be told")
                    .arg(history);
    }
    auto checksums = store.appliedChecksums();
    auto failures =
        checksums ? store.lastFailureRecords() : Result<QList<HistoryRecord>>(checksums.error());
    if (failures) {
        st.edited = d->editedAgainst(st.current, *checksums);
        for (const HistoryRecord &r : std::as_const(*failures)) {
            DatabaseStatus::StepFailure f{r, false};
            const int i = graph.indexOf(r.revision);
            f.partlyApplied = i >= 0 && r.direction != QLatin1String("stamp") &&
                              r.direction != QLatin1String("repair") &&
                              !graph.migration(i).transactional &&
                              d->driver->runsOutsideTransactions();
            st.failures.append(f);
        }
    } else if (st.historyUnknown.isEmpty()) {
        st.historyUnknown =
            QStringLiteral("unknown, because the history table could not be read: %1")
                .arg(failures.error().message);
    }

    if (st.exists) {
        auto invalid = d->driver->invalidIndexes();
        if (invalid)
            st.invalidIndexes = *invalid;
        else
            st.invalidIndexesUnknown =
                QStringLiteral("unknown, because the indexes could not be listed: %1")
                    .arg(invalid.error().message);
    }

    // Pending: only from rows that make sense.
    if (!st.unknownRows.isEmpty()) {
        st.pendingUnknown =
            QStringLiteral("unknown, because the database is at %1, which no migration file has")
                .arg(st.unknownRows.join(QLatin1String(", ")));
    } else if (!st.overlapping.isEmpty()) {
        st.pendingUnknown =
            QStringLiteral("unknown, because the version rows contradict each other (%1 is "
                           "below %2)")
                .arg(st.overlapping.first().ancestor, st.overlapping.first().row);
    } else if (!graph.isEmpty()) {
        auto plan = Planner(graph).upgrade(st.current, QStringLiteral("heads"));
        if (plan) {
            for (const PlanStep &step : plan->steps)
                st.pending.append(step.revision);
        } else {
            st.pendingUnknown = QStringLiteral("unknown, because %1").arg(plan.error().message);
        }
    }
    return st;
}

QString Migrator::engine() const
{
    return d->driver->engine();
}

const ConnectionInfo &Migrator::connectionInfo() const
{
    return d->connection;
}

void Migrator::disconnect()
{
    d->driver->close();
}

Result<SchemaCatalog> Migrator::catalog()
{
    return d->driver->catalog(d->versionTable);
}

Result<bool> Migrator::createDatabaseIfMissing()
{
    return d->driver->createDatabaseIfMissing();
}

Result<VerifyReport> Migrator::verify(const RunOptions &options)
{
    VerifyReport report;
    for (int i = 0; i < d->graph.size(); ++i)
        if (!d->graph.migration(i).hasDowngrade)
            report.irreversible.append(d->graph.id(i));
    if (!report.irreversible.isEmpty())
        return report; // a downgrade to base would stop at them: no round trip to compare

    const QString name = QStringLiteral("strata_verify_%1_%2")
                             .arg(QCoreApplication::applicationPid())
                             .arg(QDateTime::currentMSecsSinceEpoch() % 1000000);
    auto url = d->driver->createScratchDatabase(name);
    if (!url)
        return url.error();
    // Dropped however verification ends.
    struct Drop
    {
        Driver &driver;
        QString name;
        ~Drop() { (void)driver.dropScratchDatabase(name); }
    } drop{*d->driver, name};

    MigratorOptions scratchOptions;
    scratchOptions.projectDir = projectRoot();
    scratchOptions.url = *url;
    scratchOptions.versionTable = d->versionTable;
    scratchOptions.schema = d->schema;
    scratchOptions.connectTimeoutSeconds = d->connectTimeoutSeconds;
    auto opened = Migrator::open(scratchOptions);
    if (!opened)
        return opened.error();
    Migrator &scratch = **opened;
    {
        const std::lock_guard lock(d->scratchMutex);
        d->scratch = &scratch;
    }
    const auto forget = qScopeGuard([this] {
        const std::lock_guard lock(d->scratchMutex);
        d->scratch = nullptr;
    });
    report.scratch = scratch.databaseDisplay();
    auto inScratch = [&report](const QString &what, Error e) {
        e.message = QStringLiteral("%1 in the scratch database %2 failed: %3")
                        .arg(what, report.scratch, e.message);
        return e;
    };
    auto snapshot = [&]() { return scratch.d->driver->schemaObjects(d->versionTable); };

    if (auto r = scratch.upgrade(QStringLiteral("heads"), options); !r)
        return inScratch(QStringLiteral("the first upgrade to heads"), r.error());
    auto first = snapshot();
    if (!first)
        return first.error();
    report.objects = int(first->size());
    if (auto r = scratch.downgrade(QStringLiteral("base"), options); !r)
        return inScratch(QStringLiteral("the downgrade to base"), r.error());
    auto empty = snapshot();
    if (!empty)
        return empty.error();
    report.leftBehind = empty->keys();
    if (auto r = scratch.upgrade(QStringLiteral("heads"), options); !r)
        return inScratch(QStringLiteral("the second upgrade to heads"), r.error());
    auto second = snapshot();
    if (!second)
        return second.error();
    scratch.d->driver->close(); // before the drop

    QStringList objects = first->keys() + second->keys();
    objects.removeDuplicates();
    objects.sort();
    for (const QString &object : std::as_const(objects)) {
        const QString a = first->value(object), b = second->value(object);
        if (first->contains(object) != second->contains(object) || a != b)
            report.differences.append({object, first->contains(object) ? a : QString(),
                                       second->contains(object) ? b : QString()});
    }
    return report;
}

Result<QList<HistoryRecord>> Migrator::historyRecords()
{
    return d->store().records();
}

Result<CheckReport> Migrator::check()
{
    if (auto s = d->needRevisions(); !s)
        return s.error();
    const DatabaseStatus st = status();
    if (!st.reachable)
        return st.problem;
    if (!st.historyUnknown.isEmpty())
        return Error::failure(st.historyUnknown);
    CheckReport report;
    report.current = st.current;
    report.heads = st.heads;
    report.pending = st.pending;
    report.edited = st.edited;
    report.unknownRows = st.unknownRows;
    report.overlapping = st.overlapping;
    report.pendingUnknown = st.pendingUnknown;
    for (const DatabaseStatus::StepFailure &f : st.failures) {
        report.failed.append(f.record.revision);
        report.failures.insert(f.record.revision, f.record.error);
    }
    report.failed.sort();
    if (!st.invalidIndexesUnknown.isEmpty())
        return Error::failure(st.invalidIndexesUnknown);
    report.invalidIndexes = st.invalidIndexes;
    return report;
}

Result<Plan> Migrator::planUpgradeFrom(const QStringList &currentHeads, const QString &target) const
{
    if (auto s = d->needRevisions(); !s)
        return s.error();
    return Planner(d->graph).upgrade(currentHeads, target);
}

Result<Plan> Migrator::planDowngradeFrom(const QStringList &currentHeads,
                                         const QString &target) const
{
    if (auto s = d->needRevisions(); !s)
        return s.error();
    return Planner(d->graph).downgrade(currentHeads, target);
}

Result<Plan> Migrator::planTrial(const QString &revision)
{
    if (auto s = d->needRevisions(); !s)
        return s.error();
    const int index = d->graph.indexOf(revision);
    if (index < 0)
        return Error::failure(QStringLiteral("revision %1 is not in the project").arg(revision))
            .with(Error::Code::NotFound);
    const Migration &m = d->graph.migration(index);
    auto rows = current();
    if (!rows)
        return rows.error();
    auto up = planUpgradeFrom(*rows, m.revision);
    if (!up)
        return up.error();
    const bool pending = std::any_of(up->steps.cbegin(), up->steps.cend(), [&](const PlanStep &s) {
        return s.revision == m.revision && s.direction == Direction::Up && !s.stamp;
    });
    if (!pending)
        return Error::failure(QStringLiteral("%1 is already applied to %2; only a pending "
                                             "migration can be tried")
                                  .arg(m.revision, databaseDisplay()));
    Plan trial = *up;
    trial.request = Plan::Request::None; // run as planned, never planned again
    // Back to its parent (a merge has several: not tried), accepted only when that reverts
    // this migration alone.
    if (m.hasDowngrade && m.downRevisions.size() <= 1) {
        auto down =
            planDowngradeFrom(up->endHeads, m.downRevisions.value(0, QStringLiteral("base")));
        if (down && down->steps.size() == 1 && down->steps.first().revision == m.revision) {
            trial.steps += down->steps;
            trial.endHeads = down->endHeads;
        }
    }
    return trial;
}

Result<Plan> Migrator::planStampFrom(const QStringList &currentHeads, const QStringList &targets,
                                     bool purge) const
{
    if (auto s = d->needRevisions(); !s)
        return s.error();
    return Planner(d->graph).stamp(currentHeads, targets, purge);
}

Result<Plan> Migrator::planUpgrade(const QString &target)
{
    auto rows = current();
    if (!rows)
        return rows.error();
    return planUpgradeFrom(*rows, target);
}

Result<Plan> Migrator::planDowngrade(const QString &target)
{
    auto rows = current();
    if (!rows)
        return rows.error();
    return planDowngradeFrom(*rows, target);
}

Result<Plan> Migrator::planStamp(const QStringList &targets, bool purge)
{
    auto rows = current();
    if (!rows)
        return rows.error();
    return planStampFrom(*rows, targets, purge);
}

Result<QString> Migrator::offlineSql(const Plan &plan, bool singleTransaction) const
{
    const bool postgres = d->connection.engine == ConnectionInfo::Engine::Postgres;
    if (d->connection.isFallback())
        return Error::usage(QStringLiteral(
            "no database is configured, so the SQL dialect is unknown: add --dialect postgresql "
            "or --dialect sqlite (or name the database with --url, DATABASE_URL, DB_* or "
            "strata.ini's url)"));
    auto sql = d->executor().offlineSql(plan, singleTransaction);
    if (!sql)
        return sql;
    return QStringLiteral("-- Strata offline SQL, dialect %1 (from %2)\n\n")
               .arg(postgres ? QStringLiteral("postgresql") : QStringLiteral("sqlite"),
                    d->connection.source) +
           *sql;
}

Result<Plan> Migrator::run(const Plan &requested, const RunOptions &options)
{
    // Take the run lock before looking at the rows, so a run that had to wait for another one
    // plans again from what that one left (usually: nothing left to do). The executor takes it
    // again through RunLock too; the driver only counts a second take in one session.
    if (options.dryRun && !d->driver->exists())
        return Error::failure(QStringLiteral("%1 does not exist yet; a dry run needs the database "
                                             "it would change")
                                  .arg(databaseDisplay()));
    // The run's cancel token: the caller's, else this Migrator's (cancel()), cleared here at the
    // start so that a cancel during the lock wait or the planning below is not lost.
    RunOptions effective = options;
    if (!effective.cancel) {
        d->cancelled.store(false);
        effective.cancel = &d->cancelled;
    }
    if (auto s = d->driver->open(); !s) {
        Error e = s.error();
        if (e.code == Error::Code::DatabaseMissing)
            e.details.append(QStringLiteral("nothing was changed; an upgrade can create it first "
                                            "(--create-database)"));
        return e;
    }
    RunLock lock(*d->driver, d->versionTable);
    if (auto s = lock.take(options.lockWaitSeconds, effective.cancel); !s)
        return s.error();
    if (auto s = d->driver->setTimeouts(options.lockTimeoutMs, options.statementTimeoutMs); !s)
        return s.error();

    Plan plan = requested;
    if (plan.request != Plan::Request::None) {
        auto rows = d->rows();
        if (!rows)
            return rows.error();
        QStringList now = *rows, planned = plan.purge ? now : plan.startHeads;
        now.sort();
        planned.sort();
        if (now != planned) {
            Result<Plan> again = plan.request == Plan::Request::Upgrade
                                     ? planUpgradeFrom(*rows, plan.targets.value(0))
                                 : plan.request == Plan::Request::Downgrade
                                     ? planDowngradeFrom(*rows, plan.targets.value(0))
                                     : planStampFrom(*rows, plan.targets, plan.purge);
            if (!again)
                return again.error();
            plan = *again;
        }
    }

    // An applied migration edited since it ran blocks upgrades until someone looks at it.
    const bool upgrades =
        std::any_of(plan.steps.cbegin(), plan.steps.cend(),
                    [](const PlanStep &s) { return !s.stamp && s.direction == Direction::Up; });
    if (upgrades) {
        auto editedList = d->edited(plan.startHeads);
        if (!editedList)
            return editedList.error();
        const QStringList &edited = *editedList;
        if (!edited.isEmpty()) {
            Error e = Error::failure(
                QStringLiteral("applied %1 %2 changed since %3 ran; review the change, then "
                               "accept it with `strata repair` before upgrading")
                    .arg(nounFor(edited.size(), QStringLiteral("migration")),
                         edited.join(QLatin1String(", ")),
                         edited.size() == 1 ? QStringLiteral("it") : QStringLiteral("they")));
            for (const QString &rev : edited)
                e.details.append(d->graph.migration(d->graph.indexOf(rev)).filePath);
            return e;
        }
    }
    if (auto s = d->executor().run(plan, effective); !s)
        return d->afterLostConnection(s.error());
    return plan;
}

Result<Plan> Migrator::upgrade(const QString &target, const RunOptions &options)
{
    auto plan = planUpgrade(target);
    if (!plan)
        return plan.error();
    return run(*plan, options);
}

Result<Plan> Migrator::downgrade(const QString &target, const RunOptions &options)
{
    auto plan = planDowngrade(target);
    if (!plan)
        return plan.error();
    return run(*plan, options);
}

Result<Plan> Migrator::stamp(const QStringList &targets, bool purge, const RunOptions &options)
{
    auto plan = planStamp(targets, purge);
    if (!plan)
        return plan.error();
    return run(*plan, options);
}

Result<QStringList> Migrator::repair()
{
    auto rows = current();
    if (!rows)
        return rows.error();
    auto edited = d->edited(*rows);
    if (!edited)
        return edited.error();
    VersionStore store = d->store();
    for (const QString &rev : *edited) {
        const QString checksum =
            QString::fromLatin1(d->graph.migration(d->graph.indexOf(rev)).upgradeChecksum());
        if (auto s = store.recordRepair(rev, checksum); !s)
            return s.error();
    }
    return edited;
}

void Migrator::cancel()
{
    d->cancelled.store(true);
    if (d->driver)
        d->driver->cancel();
    const std::lock_guard lock(d->scratchMutex);
    if (d->scratch)
        d->scratch->cancel();
}

Status upgradeDatabase(const QString &projectDir, const QString &url, const QString &target)
{
    MigratorOptions options;
    options.projectDir = projectDir;
    options.url = url;
    auto migrator = Migrator::open(options);
    if (!migrator)
        return migrator.error();
    auto ran = (*migrator)->upgrade(target);
    if (!ran)
        return ran.error();
    return {};
}

Result<CheckReport> checkMigrations(const QString &projectDir, const QString &url)
{
    MigratorOptions options;
    options.projectDir = projectDir;
    options.url = url;
    auto migrator = Migrator::open(options);
    if (!migrator)
        return migrator.error();
    return (*migrator)->check();
}

} // namespace strata
