#include "schema/schemaworkbench.h"

#include "connection/connectioninfo.h"
#include "connection/driverfactory.h"
#include "drivers/postgres/postgressplitter.h"
#include "drivers/sqlite/sqlitedriver.h"
#include "lint/sqlscan.h"
#include "profiles/profilestore.h"
#include "project/project.h"
#include "project/revisionwriter.h"
#include "revision/revisiongraph.h"
#include "schema/driftfindings.h"
#include "schema/schemaselection.h"
#include "schema/scratchdatabase.h"
#include "schema/sqlitedesired.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>

namespace strata::schema {

namespace {

// Two engines where one is needed: refused (exit 1, not 2), the request is well formed.
Error enginesDiffer(const QString &what)
{
    return Error::failure(what).with(Error::Code::Refused);
}

QString engineName(ConnectionInfo::Engine engine)
{
    return engine == ConnectionInfo::Engine::Postgres ? QStringLiteral("PostgreSQL")
                                                      : QStringLiteral("SQLite");
}

// A migration that failed while the project was replayed in a scratch database, said as what
// it is: the revision, its file:line, the server's message and the statement; the executor's
// advice for a real database (rolled back, stamp, finish by hand) does not apply to a database
// that is dropped again.
Error replayFailed(const Error &e, const QString &target, const QString &scratch)
{
    static const QRegularExpression step(QStringLiteral("^(?:upgrade|downgrade) (\\S+) "));
    const QString revision = step.match(e.message).captured(1);
    // The server's own text: from its "ERROR:" on, else after the executor's "failed: ".
    QString server = e.message;
    if (const qsizetype at = server.indexOf(QLatin1String("ERROR:")); at >= 0)
        server = server.mid(at);
    else if (const qsizetype failed = server.indexOf(QLatin1String("failed: ")); failed >= 0)
        server = server.mid(failed + 8);
    for (const char *tail : {"; it left the INVALID index", "; whether it left an INVALID index"})
        if (const qsizetype at = server.indexOf(QLatin1String(tail)); at >= 0)
            server.truncate(at);
    Error out = e;
    out.message =
        QStringLiteral("replaying the project to %1: %2 failed in the scratch database %3, "
                       "dropped again (nothing else was touched): %4")
            .arg(target,
                 revision.isEmpty() ? QStringLiteral("a migration")
                                    : QStringLiteral("revision %1").arg(revision),
                 scratch, server.trimmed());
    out.details.clear();
    for (const QString &line : e.details)
        if (line.startsWith(QLatin1String("statement: ")))
            out.details.append(line);
    return out;
}

// A desired-state file's statements for SQLite, as the sqlite3 shell reads them; a line the
// shell would take as one of its own dot-commands (.tables, .read) is refused, naming it.
Result<QList<Statement>> sqliteStatements(const QString &sql, const QString &file)
{
    QList<Statement> statements = SqliteDriver::split(sql, 1);
    for (const Statement &statement : std::as_const(statements)) {
        // The statement's first line that is not blank nor a comment.
        const QStringList lines = statement.text.split(QLatin1Char('\n'));
        for (int i = 0; i < lines.size(); ++i) {
            const QString line = lines.at(i).trimmed();
            if (line.isEmpty() || line.startsWith(QLatin1String("--")))
                continue;
            if (line.startsWith(QLatin1Char('.')))
                return Error::at(file, statement.line + i,
                                 QStringLiteral("line %1 is a sqlite3 shell command, not SQL (the "
                                                "shell runs lines starting with a dot itself): "
                                                "remove it from the schema file")
                                     .arg(statement.line + i));
            break;
        }
    }
    return statements;
}

// The same error, its message prefixed with what was being done.
Error during(const QString &what, Error e)
{
    return reworded(e, QStringLiteral("%1: %2").arg(what, e.message));
}

} // namespace

struct SchemaWorkbench::Read
{
    SideModel side;
    std::unique_ptr<ScratchDatabase> scratch; // kept while the caller still needs it
};

// What cancel() reaches while a driver or a scratch Migrator runs.
class RunningGuard
{
public:
    RunningGuard(std::mutex &mutex, Driver **driverSlot, Driver *driver, Migrator **migratorSlot,
                 Migrator *migrator)
        : m_mutex(mutex), m_driverSlot(driverSlot), m_migratorSlot(migratorSlot)
    {
        const std::lock_guard lock(m_mutex);
        *m_driverSlot = driver;
        *m_migratorSlot = migrator;
    }
    ~RunningGuard()
    {
        const std::lock_guard lock(m_mutex);
        *m_driverSlot = nullptr;
        *m_migratorSlot = nullptr;
    }
    RunningGuard(const RunningGuard &) = delete;
    RunningGuard &operator=(const RunningGuard &) = delete;

private:
    std::mutex &m_mutex;
    Driver **m_driverSlot;
    Migrator **m_migratorSlot;
};

Result<std::unique_ptr<SchemaWorkbench>> SchemaWorkbench::open(const WorkbenchOptions &options)
{
    auto migrator = Migrator::open(options.migrator);
    if (!migrator)
        return migrator.error();
    std::unique_ptr<SchemaWorkbench> workbench(new SchemaWorkbench);
    workbench->m_options = options;
    workbench->m_migrator = std::move(migrator).value();
    return workbench;
}

SchemaWorkbench::~SchemaWorkbench() = default;

void SchemaWorkbench::cancel()
{
    m_cancelled.store(true);
    const std::lock_guard lock(m_runningMutex);
    if (m_runningDriver)
        m_runningDriver->cancel();
    if (m_runningMigrator)
        m_runningMigrator->cancel();
}

Status SchemaWorkbench::cancelledOr(Status status) const
{
    if (m_cancelled.load())
        return Error::failure(QStringLiteral("cancelled; every scratch database is dropped again"))
            .with(Error::Code::Cancelled);
    return status;
}

void SchemaWorkbench::say(const QString &line) const
{
    if (m_options.progress)
        m_options.progress(line);
}

DiffOptions SchemaWorkbench::diffOptions() const
{
    DiffOptions options;
    options.ownersAndGrants = m_options.ownersAndGrants;
    options.concurrentIndexes = m_options.concurrentIndexes;
    return options;
}

InspectOptions SchemaWorkbench::inspectOptions() const
{
    InspectOptions options;
    options.ownersAndGrants = m_options.ownersAndGrants;
    options.excludeTables = {m_migrator->versionTable(),
                             historyTableName(m_migrator->versionTable())};
    return options;
}

Result<SchemaModel> SchemaWorkbench::readModel(Driver &driver) const
{
    auto model = inspect(driver, inspectOptions());
    if (!model)
        return model;
    // The schema Strata made for its own tables (--schema, version_table_schema) is Strata's
    // too while nothing else lives in it: a desired-state file never names it.
    const QString versionSchema = m_options.migrator.schema.isEmpty()
                                      ? m_migrator->project().config().versionTableSchema
                                      : m_options.migrator.schema;
    if (versionSchema.isEmpty() || versionSchema == QLatin1String("public"))
        return model;
    SchemaObject schemaObject;
    schemaObject.kind = ObjectKind::Schema;
    schemaObject.name = versionSchema;
    if (!model->find(schemaObject.key()))
        return model;
    const QList<SchemaObject> objects = model->objects();
    for (const SchemaObject &object : objects)
        if (object.kind != ObjectKind::Schema && object.schema == versionSchema)
            return model;
    SchemaModel without;
    for (const SchemaObject &object : objects)
        if (object.key() != schemaObject.key())
            without.add(object);
    without.unsupported = model->unsupported;
    without.serverVersion = model->serverVersion;
    return without;
}

Result<ConnectionInfo> SchemaWorkbench::scratchServer() const
{
    const ConnectionInfo &project = m_migrator->connectionInfo();
    const QString devUrl =
        m_options.devUrl.isEmpty() ? m_migrator->project().config().devUrl : m_options.devUrl;
    if (devUrl.isEmpty()) {
        // SQLite: a temporary file (ScratchDatabase), whatever the project's file is.
        return project;
    }
    auto info = ConnectionResolver::parseUrl(devUrl, m_migrator->projectRoot());
    if (!info)
        return during(QStringLiteral("the dev server URL (--dev-url or dev_url in strata.ini)"),
                      info.error());
    if (info->engine != project.engine)
        return enginesDiffer(
            QStringLiteral("the project's database %1 (from %2) is %3 and the dev server "
                           "(--dev-url or dev_url) is %4: the migrations are %3's, so their "
                           "scratch databases are %3 too%5")
                .arg(project.display, m_migrator->databaseSource(), engineName(project.engine),
                     engineName(info->engine),
                     project.engine == ConnectionInfo::Engine::Sqlite
                         ? QStringLiteral(" (temporary files: leave --dev-url out)")
                         : QString()));
    if (info->engine == ConnectionInfo::Engine::Sqlite)
        return project; // nothing to create on: a temporary file all the same
    info->source = QStringLiteral("dev_url");
    return info;
}

Result<ConnectionInfo> SchemaWorkbench::liveConnection(const SchemaSide &side) const
{
    if (side.kind == SchemaSide::Kind::Database || !side.isLive())
        return m_migrator->connectionInfo();
    QString url = side.value;
    if (side.kind == SchemaSide::Kind::Profile) {
        const ProfileStore store(ProfileStore::defaultFilePath());
        auto profiles = store.load();
        if (!profiles)
            return profiles.error();
        const auto it = std::find_if(profiles->cbegin(), profiles->cend(),
                                     [&](const Profile &p) { return p.name == side.value; });
        if (it == profiles->cend())
            return Error::failure(QStringLiteral("no profile named '%1' in %2")
                                      .arg(side.value, store.filePath()))
                .with(Error::Code::NotFound);
        url = it->url();
    }
    return ConnectionResolver::parseUrl(url, m_migrator->projectRoot());
}

Status SchemaWorkbench::checkEngines(const SchemaSide &from, const SchemaSide &to) const
{
    auto fromInfo = liveConnection(from);
    if (!fromInfo)
        return fromInfo.error();
    auto toInfo = liveConnection(to);
    if (!toInfo)
        return toInfo.error();
    if (fromInfo->engine == toInfo->engine)
        return {};
    const auto said = [this](const SchemaSide &side, const ConnectionInfo &info) {
        return side.isLive()
                   ? QStringLiteral("%1 (%2) is %3")
                         .arg(side.text(), info.display, engineName(info.engine))
                   : QStringLiteral("%1 is %2 (the project's database %3 is)")
                         .arg(side.text(), engineName(info.engine), m_migrator->databaseDisplay());
    };
    return enginesDiffer(QStringLiteral("the two sides are different engines: %1, and %2; a diff "
                                        "turns one schema into another on the same engine")
                             .arg(said(from, *fromInfo), said(to, *toInfo)));
}

Result<SideModel> SchemaWorkbench::read(const SchemaSide &side)
{
    auto r = readKeeping(side);
    if (!r)
        return r.error();
    return std::move(r->side);
}

Result<SchemaWorkbench::Read> SchemaWorkbench::readKeeping(const SchemaSide &side)
{
    Result<Read> out = Error::failure(QString());
    switch (side.kind) {
    case SchemaSide::Kind::Revision:
        out = replay({side.value}, side.value);
        break;
    case SchemaSide::Kind::File:
        out = applyFile(side.value);
        break;
    case SchemaSide::Kind::Database:
    case SchemaSide::Kind::Url:
    case SchemaSide::Kind::Profile:
        out = readLive(side);
        break;
    case SchemaSide::Kind::Current:
        out = replayCurrent(nullptr);
        break;
    }
    if (out)
        out->side.side = side;
    return out;
}

Result<SchemaWorkbench::Read> SchemaWorkbench::replay(const QStringList &targets,
                                                      const QString &what)
{
    const RevisionGraph &graph = m_migrator->graph();
    QStringList upgrades; // what is upgraded to; nothing for base or an empty project at heads
    QStringList reached;
    for (const QString &target : targets) {
        if (target == QLatin1String("base") ||
            (graph.isEmpty() && target == QLatin1String("heads")))
            continue;
        auto resolved = graph.resolve(target);
        if (!resolved)
            return resolved.error();
        upgrades.append(target);
        for (int i : *resolved)
            reached.append(graph.id(i));
    }
    auto server = scratchServer();
    if (!server)
        return server.error();
    auto scratch = ScratchDatabase::create(*server, QStringLiteral("diff"),
                                           m_options.migrator.connectTimeoutSeconds);
    if (!scratch)
        return scratch.error();
    Read read;
    read.scratch = std::move(scratch).value();
    const QString shown = read.scratch->display();
    say(QStringLiteral("replaying the project to %1 in scratch database %2").arg(what, shown));
    if (!upgrades.isEmpty()) {
        MigratorOptions options;
        options.projectDir = m_migrator->projectRoot();
        options.url = read.scratch->url();
        options.urlSource = QStringLiteral("scratch database");
        options.versionTable = m_migrator->versionTable();
        options.schema = m_options.migrator.schema;
        options.connectTimeoutSeconds = m_options.migrator.connectTimeoutSeconds;
        options.environment = m_options.migrator.environment;
        auto opened = Migrator::open(options);
        if (!opened)
            return opened.error();
        Migrator &scratchMigrator = **opened;
        RunningGuard running(m_runningMutex, &m_runningDriver, nullptr, &m_runningMigrator,
                             &scratchMigrator);
        RunOptions run;
        run.cancel = &m_cancelled;
        for (const QString &target : std::as_const(upgrades)) {
            if (auto s = cancelledOr({}); !s)
                return s.error();
            if (auto r = scratchMigrator.upgrade(target, run); !r) {
                if (auto s = cancelledOr({}); !s)
                    return s.error();
                return replayFailed(r.error(), target, shown);
            }
        }
    }
    auto model = inspectScratch(read);
    if (!model)
        return model.error();
    read.side.model = std::move(model).value();
    reached.removeDuplicates();
    read.side.source =
        QStringLiteral("the project at %1%2, replayed in scratch database %3, dropped again")
            .arg(what,
                 reached.isEmpty() || (reached.size() == 1 && reached.first() == what)
                     ? QString()
                     : QStringLiteral(" (%1)").arg(reached.join(QLatin1String(", "))),
                 shown);
    return read;
}

Result<SchemaModel> SchemaWorkbench::inspectScratch(Read &read)
{
    RunningGuard running(m_runningMutex, &m_runningDriver, &read.scratch->driver(),
                         &m_runningMigrator, nullptr);
    auto model = readModel(read.scratch->driver());
    if (auto s = cancelledOr({}); !s)
        return s.error();
    if (!model)
        return during(
            QStringLiteral("reading the scratch database %1").arg(read.scratch->display()),
            model.error());
    return model;
}

Result<SchemaWorkbench::Read> SchemaWorkbench::applyFile(const QString &given)
{
    const QString path = QFileInfo(given).absoluteFilePath();
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error::failure(QStringLiteral("cannot read the schema file %1: %2")
                                  .arg(given, file.errorString()))
            .with(Error::Code::NotFound);
    QStringList lines = QString::fromUtf8(file.readAll()).split(QLatin1Char('\n'));
    const bool sqlite = m_migrator->connectionInfo().engine == ConnectionInfo::Engine::Sqlite;
    // pg_dump (since 15.14) brackets its output with \restrict KEY and \unrestrict KEY, which
    // only guard psql: left blank, so `pg_dump --schema-only` output serves as it is. Any other
    // meta-command is psql's to run and is refused.
    for (int line :
         sqlite ? QList<int>{}
                : SqlScan::psqlMetaCommandLines(Statement{lines.join(QLatin1Char('\n')), 1})) {
        QString &text = lines[line - 1];
        const QString command = text.trimmed().section(QLatin1Char(' '), 0, 0);
        if (command == QLatin1String("\\restrict") || command == QLatin1String("\\unrestrict")) {
            text.clear();
            continue;
        }
        return Error::at(given, line,
                         QStringLiteral("line %1 is a psql meta-command, not SQL (psql runs lines "
                                        "starting with a backslash itself): remove it from the "
                                        "schema file")
                             .arg(line));
    }
    const QString sql = lines.join(QLatin1Char('\n'));
    auto renames = sqlite ? parseSqliteRenames(sql, given) : parseRenames(sql, given);
    if (!renames)
        return renames.error();
    auto statements =
        sqlite ? sqliteStatements(sql, given) : PostgresSplitter::split(sql, 1, given);
    if (!statements)
        return statements.error();

    auto server = scratchServer();
    if (!server)
        return server.error();
    auto scratch = ScratchDatabase::create(*server, QStringLiteral("file"),
                                           m_options.migrator.connectTimeoutSeconds);
    if (!scratch)
        return scratch.error();
    Read read;
    read.scratch = std::move(scratch).value();
    read.side.renames = *renames;
    const QString shown = read.scratch->display();
    say(QStringLiteral("applying %1 to scratch database %2").arg(given, shown));
    {
        Driver &driver = read.scratch->driver();
        RunningGuard running(m_runningMutex, &m_runningDriver, &driver, &m_runningMigrator,
                             nullptr);
        // Each statement on its own, as psql runs a file: what cannot run in a transaction
        // block (CREATE INDEX CONCURRENTLY) runs too.
        for (const Statement &statement : std::as_const(*statements)) {
            if (auto s = cancelledOr({}); !s)
                return s.error();
            if (auto s = driver.execute(statement); !s) {
                if (auto c = cancelledOr({}); !c)
                    return c.error();
                Error e = Error::at(given, s.error().line > 0 ? s.error().line : statement.line,
                                    QStringLiteral("the schema file does not apply to an empty "
                                                   "database: %1")
                                        .arg(s.error().message));
                e.details.append(QStringLiteral("statement: %1").arg(statement.text));
                e.sqlState = s.error().sqlState;
                e.code = s.error().code;
                return e;
            }
        }
        // What SQLite accepts but fails on use: a key to a missing table, a broken view.
        if (sqlite)
            if (auto s = checkSqliteDesired(driver, *statements, given); !s)
                return s.error();
    }
    auto model = inspectScratch(read);
    if (!model)
        return model.error();
    read.side.model = std::move(model).value();
    read.side.source =
        QStringLiteral("%1, applied to scratch database %2, dropped again").arg(given, shown);
    return read;
}

Result<SchemaWorkbench::Read> SchemaWorkbench::readLive(const SchemaSide &side)
{
    auto connection = liveConnection(side);
    if (!connection)
        return connection.error();
    const ConnectionInfo info = *connection;
    std::unique_ptr<Driver> driver;
    if (info.engine == ConnectionInfo::Engine::Sqlite) {
        if (auto s = sqliteExists(info, side.kind == SchemaSide::Kind::Database
                                            ? m_migrator->databaseSource()
                                            : side.text());
            !s)
            return s.error();
        // Opened read only (SQLITE_OPEN_READONLY): nothing is created, nothing written.
        auto sqlite = std::make_unique<SqliteDriver>(info.sqlitePath);
        sqlite->setReadOnly(true);
        driver = std::move(sqlite);
    } else {
        auto created = createDriver(info);
        if (!created)
            return created.error();
        driver = std::move(created).value();
    }
    driver->setConnectTimeout(m_options.migrator.connectTimeoutSeconds);
    if (auto s = driver->open(); !s)
        return s.error();
    say(QStringLiteral("reading %1 (read only)").arg(info.display));
    RunningGuard running(m_runningMutex, &m_runningDriver, driver.get(), &m_runningMigrator,
                         nullptr);
    // Only read: the session refuses any change, whatever a catalog query might try.
    if (info.engine == ConnectionInfo::Engine::Postgres)
        if (auto s = driver->execute(
                Statement{QStringLiteral("SET default_transaction_read_only = on"), 1});
            !s)
            return during(
                QStringLiteral("cannot make the session on %1 read only").arg(info.display),
                s.error());
    auto model = readModel(*driver);
    if (auto s = cancelledOr({}); !s)
        return s.error();
    if (!model)
        return during(QStringLiteral("reading %1").arg(info.display), model.error());
    Read read;
    read.side.model = std::move(model).value();
    read.side.source = QStringLiteral("%1 (read only)").arg(info.display);
    return read;
}

Status SchemaWorkbench::sqliteExists(const ConnectionInfo &info, const QString &from) const
{
    if (info.engine != ConnectionInfo::Engine::Sqlite || QFileInfo::exists(info.sqlitePath))
        return {};
    // ConnectionInfo::source "default": nothing named a database, so the project's own file.
    const QString named = from == QLatin1String("default")
                              ? QStringLiteral("the project's own file: nothing named a database")
                              : QStringLiteral("from %1").arg(from);
    return Error::failure(QStringLiteral("the SQLite database %1 does not exist (%2): there is "
                                         "no schema to read, and none was created")
                              .arg(info.display, named))
        .with(Error::Code::NotFound);
}

Result<SchemaWorkbench::Read> SchemaWorkbench::replayCurrent(QStringList *rowsOut)
{
    if (auto s = sqliteExists(m_migrator->connectionInfo(), m_migrator->databaseSource()); !s)
        return s.error();
    auto rows = m_migrator->current();
    if (!rows)
        return rows.error();
    const RevisionGraph &graph = m_migrator->graph();
    for (const QString &row : std::as_const(*rows))
        if (graph.indexOf(row) < 0)
            return Error::failure(
                       QStringLiteral("the version row %1 names no migration of the project: the "
                                      "database cannot be compared with the migrations that made "
                                      "it (missing file, or another project's database?)")
                           .arg(row))
                .with(Error::Code::NotFound);
    if (rowsOut)
        *rowsOut = *rows;
    const QString what = rows->isEmpty() ? QStringLiteral("base") : rows->join(QLatin1String(", "));
    return replay(*rows, what);
}

Result<DiffResult> SchemaWorkbench::diff(const SchemaSide &from, const SchemaSide &to)
{
    if (auto s = checkEngines(from, to); !s)
        return s.error();
    // A file is read first: its mistakes are the likeliest, and cheap to find.
    const bool toFirst = to.kind == SchemaSide::Kind::File && from.kind != SchemaSide::Kind::File;
    Result<SideModel> toRead = toFirst ? read(to) : Error::failure(QString());
    if (toFirst && !toRead)
        return toRead.error();
    auto fromRead = read(from);
    if (!fromRead)
        return fromRead.error();
    if (!toFirst)
        toRead = read(to);
    if (!toRead)
        return toRead.error();
    if (auto s = checkRenames(toRead->renames, to.value, fromRead->model, toRead->model,
                              QStringLiteral("the FROM side (%1)").arg(from.text()));
        !s)
        return s.error();
    DiffOptions options = diffOptions();
    options.renames = renameMap(toRead->renames);
    DiffResult result;
    result.diff = schema::diff(fromRead->model, toRead->model, options);
    result.options = options;
    result.notCompared = detail::unsupportedUncompared(fromRead->model, toRead->model);
    result.from = std::move(fromRead).value();
    result.to = std::move(toRead).value();
    return result;
}

Result<AutogenerateResult> SchemaWorkbench::autogenerate(const AutogenerateRequest &request)
{
    if (request.message.trimmed().isEmpty())
        return Error::usage(QStringLiteral("a new revision needs a message: -m \"what it does\""));
    if (request.desired.kind == SchemaSide::Kind::Revision)
        return Error::usage(QStringLiteral(
            "the desired state of --autogenerate is a schema file or a reference database, not "
            "a revision of the project"));
    const RevisionGraph &graph = m_migrator->graph();
    QStringList heads;
    for (int i : graph.heads())
        heads.append(graph.id(i));
    if (heads.size() > 1)
        return Error::failure(
            QStringLiteral("the project has %1 heads (%2): merge them first (`strata merge -m "
                           "MSG heads`), so the new migration has one parent")
                .arg(heads.size())
                .arg(heads.join(QLatin1String(", "))));
    if (auto s = checkEngines(SchemaSide::revision(QStringLiteral("heads")), request.desired); !s)
        return s.error();
    auto desired = readKeeping(request.desired);
    if (!desired)
        return desired.error();
    desired->scratch.reset(); // dropped now: only its model is needed
    auto current = replay({QStringLiteral("heads")}, QStringLiteral("heads"));
    if (!current)
        return current.error();

    if (auto s = checkRenames(desired->side.renames, request.desired.value, current->side.model,
                              desired->side.model, QStringLiteral("the project at its head"));
        !s)
        return s.error();
    DiffOptions options = diffOptions();
    options.renames = renameMap(desired->side.renames);
    AutogenerateResult result;
    if (!request.leftOut.isEmpty()) {
        // The migration, and its proof, go to the desired state without what was left out.
        Selection selection =
            leaveOut(current->side.model, desired->side.model, request.leftOut, options.renames);
        desired->side.model = std::move(selection.to);
        result.alsoLeftOut = selection.why;
    }
    result.diff = schema::diff(current->side.model, desired->side.model, options);
    result.notCompared = detail::unsupportedUncompared(current->side.model, desired->side.model);
    if (!result.diff.refused.isEmpty()) {
        Error e =
            Error::failure(QStringLiteral("cannot generate the migration; nothing written: %1")
                               .arg(result.diff.refused.first()))
                .with(Error::Code::Refused);
        e.details = result.diff.refused.mid(1);
        return e;
    }
    if (result.diff.operations.isEmpty())
        return result; // "No changes"

    say(QStringLiteral("proving the migration in scratch database %1")
            .arg(current->scratch->display()));
    {
        RunningGuard running(m_runningMutex, &m_runningDriver, &current->scratch->driver(),
                             &m_runningMigrator, nullptr);
        auto proof = prove(current->scratch->driver(), current->side.model, desired->side.model,
                           result.diff, inspectOptions(), request.seedRows);
        if (auto s = cancelledOr({}); !s)
            return s.error();
        if (!proof)
            return during(
                QStringLiteral("proving the migration in %1").arg(current->scratch->display()),
                proof.error());
        result.proof = *proof;
    }
    if (!result.proof.ok()) {
        Error e = Error::failure(QStringLiteral("the generated migration failed its proof; nothing "
                                                "written: %1")
                                     .arg(result.proof.failure.isEmpty()
                                              ? QStringLiteral("rows seeded before the upgrade "
                                                               "were lost")
                                              : result.proof.failure))
                      .with(Error::Code::Refused);
        if (result.proof.failure.isEmpty()) // else the failure names them already
            for (const QString &table : std::as_const(result.proof.rowsLost))
                e.details.append(
                    QStringLiteral("rows lost from %1 without a deletes-data hazard").arg(table));
        return e;
    }
    (void)current->scratch->drop();

    NewRevision spec;
    spec.revisionId =
        request.revisionId.isEmpty() ? RevisionWriter::generateRevisionId() : request.revisionId;
    spec.message = request.message.trimmed();
    spec.downRevisions = heads;
    spec.transactional = result.diff.transactional() && result.diff.inverseTransactional();
    spec.upgradeSql = result.diff.upgradeSql();
    spec.downgradeSql = result.diff.downgradeSql();
    auto path = RevisionWriter::write(m_migrator->project(), spec);
    if (!path)
        return path.error();
    result.written = true;
    result.path = *path;
    result.revision = spec.revisionId;
    return result;
}

Result<DriftReport> SchemaWorkbench::drift(const QStringList &ignore)
{
    DriftReport report;
    report.database = m_migrator->databaseDisplay();
    auto expected = replayCurrent(&report.current);
    if (!expected) {
        Error e = expected.error();
        if (e.code != Error::Code::Cancelled)
            e.message = QStringLiteral("drift could not be determined: %1").arg(e.message);
        return e;
    }
    report.replayedIn = expected->scratch->display();
    expected->scratch.reset();
    auto actual = readLive(SchemaSide{SchemaSide::Kind::Database, {}});
    if (!actual)
        return actual.error();
    CompareOptions options;
    options.ownersAndGrants = m_options.ownersAndGrants;
    // SQLite has neither owners nor grants: nothing of them is left uncompared.
    report.ownersAndGrantsCompared =
        m_options.ownersAndGrants ||
        m_migrator->connectionInfo().engine == ConnectionInfo::Engine::Sqlite;
    const qsizetype all = compare(expected->side.model, actual->side.model, options).size();
    const QList<UnsupportedChange> allUnsupported =
        detail::unsupportedChanges(expected->side.model, actual->side.model, {});
    options.ignore = m_migrator->project().config().driftIgnore + ignore;
    options.ignore.removeAll(QString());
    report.ignorePatterns = options.ignore;
    report.unsupportedNotCompared =
        detail::unsupportedUncompared(expected->side.model, actual->side.model, options.ignore);
    const QList<ObjectChange> found = compare(expected->side.model, actual->side.model, options);
    report.unsupported =
        detail::unsupportedChanges(expected->side.model, actual->side.model, options.ignore);
    report.ignoredFindings =
        int(all - found.size() + allUnsupported.size() - report.unsupported.size());
    report.changes = detail::foldChildren(found, expected->side.model, actual->side.model);
    return report;
}

} // namespace strata::schema
