#include "backup/restorerunner.h"
#include "text/englishcount.h"

#include "backup/pgtools.h"
#include "connection/connectiondisplay.h"
#include "drivers/driver.h"

#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QSet>
#include <QTemporaryFile>
#include <QThread>

#include <sqlite3.h>

namespace strata {

namespace {

// The statements that empty the target of what a restore recreates, read from its catalogue
// and in drop order: first what lives outside schemas (subscriptions are detached from their
// replication slot so they drop inside a transaction; casts, languages, servers and wrappers
// that belong to an extension go with it), then the extensions, then every user schema.
const QString kResetQuery = QStringLiteral(R"(
SELECT stmt FROM (
  SELECT 1 AS o, s.subname::text AS n, format('ALTER SUBSCRIPTION %1$I DISABLE; ALTER SUBSCRIPTION %1$I SET (slot_name = NONE); DROP SUBSCRIPTION %1$I;', s.subname) AS stmt
    FROM pg_catalog.pg_subscription s JOIN pg_catalog.pg_database d ON d.oid = s.subdbid
   WHERE d.datname = current_database()
  UNION ALL SELECT 2, pubname, format('DROP PUBLICATION IF EXISTS %I;', pubname) FROM pg_catalog.pg_publication
  UNION ALL SELECT 3, evtname, format('DROP EVENT TRIGGER IF EXISTS %I;', evtname) FROM pg_catalog.pg_event_trigger
  UNION ALL SELECT 4, '', 'SELECT count(pg_catalog.lo_unlink(oid)) AS large_objects_dropped FROM pg_catalog.pg_largeobject_metadata;'
   WHERE EXISTS (SELECT 1 FROM pg_catalog.pg_largeobject_metadata)
  UNION ALL SELECT 5, c.oid::text, format('DROP CAST IF EXISTS (%s AS %s) CASCADE;', format_type(c.castsource, NULL), format_type(c.casttarget, NULL))
    FROM pg_catalog.pg_cast c WHERE c.oid >= 16384 AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend e
      WHERE e.classid = 'pg_catalog.pg_cast'::regclass AND e.objid = c.oid AND e.deptype = 'e')
  UNION ALL SELECT 6, srvname, format('DROP SERVER IF EXISTS %I CASCADE;', srvname) FROM pg_catalog.pg_foreign_server v
   WHERE NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend e WHERE e.classid = 'pg_catalog.pg_foreign_server'::regclass
      AND e.objid = v.oid AND e.deptype = 'e')
  UNION ALL SELECT 7, fdwname, format('DROP FOREIGN DATA WRAPPER IF EXISTS %I CASCADE;', fdwname) FROM pg_catalog.pg_foreign_data_wrapper w
   WHERE NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend e WHERE e.classid = 'pg_catalog.pg_foreign_data_wrapper'::regclass
      AND e.objid = w.oid AND e.deptype = 'e')
  UNION ALL SELECT 8, lanname, format('DROP LANGUAGE IF EXISTS %I CASCADE;', lanname) FROM pg_catalog.pg_language l
   WHERE l.oid >= 16384 AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend e
      WHERE e.classid = 'pg_catalog.pg_language'::regclass AND e.objid = l.oid AND e.deptype = 'e')
  UNION ALL SELECT 9, extname, format('DROP EXTENSION IF EXISTS %I CASCADE;', extname) FROM pg_catalog.pg_extension
   WHERE extname <> 'plpgsql'
  UNION ALL SELECT 10, nspname, format('DROP SCHEMA IF EXISTS %I CASCADE;', nspname) FROM pg_catalog.pg_namespace
   WHERE nspname NOT LIKE 'pg\_%' AND nspname <> 'information_schema'
) r ORDER BY o, n)");

// The database's own properties put back to initdb's (no comment, no settings, the default
// privileges), before the backup's are applied: they belong to the database, not to a schema.
const QString kDatabaseResetQuery = QStringLiteral(R"(
SELECT stmt FROM (
  SELECT 1 AS o, format('COMMENT ON DATABASE %I IS NULL;', current_database()) AS stmt
  UNION ALL SELECT 2, format('ALTER DATABASE %I RESET ALL;', current_database())
  UNION ALL SELECT 3, format('ALTER ROLE %I IN DATABASE %I RESET ALL;', r.rolname, current_database())
    FROM pg_catalog.pg_db_role_setting s JOIN pg_catalog.pg_roles r ON r.oid = s.setrole
    JOIN pg_catalog.pg_database d ON d.oid = s.setdatabase WHERE d.datname = current_database()
  UNION ALL SELECT DISTINCT 4, format('REVOKE ALL ON DATABASE %I FROM %s;', current_database(),
      CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE quote_ident(r.rolname) END)
    FROM pg_catalog.pg_database d CROSS JOIN LATERAL aclexplode(d.datacl) a
    LEFT JOIN pg_catalog.pg_roles r ON r.oid = a.grantee
   WHERE d.datname = current_database() AND a.grantee <> d.datdba
  UNION ALL SELECT 5, format('GRANT CONNECT, TEMPORARY ON DATABASE %I TO PUBLIC;', current_database())
) r ORDER BY o, stmt)");

// A line of `pg_restore --create` that sets a property of the database itself: its comment,
// its settings and its roles' settings in it, its privileges (not its owner).
bool databasePropertyLine(const QString &line)
{
    static const QRegularExpression re(QStringLiteral(
        "^(?:COMMENT ON DATABASE |ALTER DATABASE \\S+ (?:SET|RESET) |ALTER ROLE .+ IN DATABASE "
        ".+ (?:SET|RESET) |(?:GRANT|REVOKE) .+ ON DATABASE ).*;$"));
    return re.match(line).hasMatch();
}

// The SQL run before the backup's script: the target emptied (kResetQuery), then public as
// initdb makes it (pg_dump leaves a default public schema out).
Result<QString> resetScript(const QString &conninfo, int major)
{
    auto statements = PgTools::column(conninfo, kResetQuery);
    if (!statements)
        return statements.error();
    QString reset = statements->join(QLatin1Char('\n')) + QLatin1Char('\n');
    auto hasPublic = PgTools::column(
        conninfo, QStringLiteral("SELECT count(*) FROM pg_catalog.pg_namespace WHERE nspname = "
                                 "'public'"));
    if (!hasPublic)
        return hasPublic.error();
    if (hasPublic->value(0) != QLatin1String("0")) {
        reset += QStringLiteral("CREATE SCHEMA public;\nCOMMENT ON SCHEMA public IS 'standard "
                                "public schema';\n");
        reset += major >= 15 ? QStringLiteral("ALTER SCHEMA public OWNER TO "
                                              "pg_database_owner;\nGRANT USAGE ON SCHEMA public "
                                              "TO PUBLIC;\n")
                             : QStringLiteral("GRANT ALL ON SCHEMA public TO PUBLIC;\n");
    }
    return reset;
}

// Whether owners and grants are restored, and why not.
struct Owners
{
    bool leaveOut = false;
    QString note;
};

// Another database than the one backed up is told by the server's identity recorded in the
// catalogue (system identifier and database name), never by the URL's text; catalogues written
// before the identity was recorded fall back to the text, and the note says so.
Result<Owners> decideOwners(const RestoreRequest &request, const BackupInfo &info)
{
    if (request.noOwner)
        return Owners{true, QStringLiteral("owners and grants were left out, as asked")};
    auto target = PgTools::identity(request.target.postgresConninfo);
    if (!target)
        return target.error();
    if (!info.systemIdentifier.isEmpty() && !target->systemIdentifier.isEmpty()) {
        if (target->sameAs(info.systemIdentifier, info.databaseName))
            return Owners{};
        return Owners{true, QStringLiteral("owners and grants were left out: the backup is of "
                                           "database %1 on server %2, this is %3 on server %4")
                                .arg(info.databaseName, info.systemIdentifier, target->databaseName,
                                     target->systemIdentifier)};
    }
    const QString why = info.systemIdentifier.isEmpty()
                            ? QStringLiteral("the backup's catalogue does not record its server")
                            : QStringLiteral("this server does not tell its system identifier");
    // Catalogues written before the readable form hold the URL's text: compared as read.
    if (ConnectionDisplay::readable(info.database) ==
        ConnectionDisplay::readable(request.target.display))
        return Owners{false, QStringLiteral("owners and grants were kept: %1, and the connection "
                                            "text is the backup's")
                                 .arg(why)};
    return Owners{true, QStringLiteral("owners and grants were left out: %1, and the "
                                       "connection text differs from the backup's (%2)")
                            .arg(why, info.database)};
}

// A comma-separated list of role names as pg_dump writes them (quoted where needed); PUBLIC
// and CURRENT_USER and the like name no role.
QStringList roleList(const QString &text)
{
    QStringList out;
    QString current;
    bool quoted = false;
    bool wasQuoted = false;
    auto push = [&] {
        static const QStringList keywords{QStringLiteral("PUBLIC"), QStringLiteral("CURRENT_USER"),
                                          QStringLiteral("SESSION_USER"),
                                          QStringLiteral("CURRENT_ROLE")};
        if (!current.isEmpty() && (wasQuoted || !keywords.contains(current.toUpper())))
            out.append(current);
        current.clear();
        wasQuoted = false;
    };
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (quoted) {
            if (c != QLatin1Char('"'))
                current += c;
            else if (i + 1 < text.size() && text.at(i + 1) == QLatin1Char('"'))
                current += text.at(++i);
            else
                quoted = false;
        } else if (c == QLatin1Char('"')) {
            quoted = wasQuoted = true;
        } else if (c == QLatin1Char(',')) {
            push();
        } else if (!c.isSpace()) {
            current += c;
        }
    }
    push();
    return out;
}

// The roles a line of a restore script needs: owners and grantees (when owners are kept), and
// user mappings' users (always: --no-owner keeps them).
void collectRoles(const QString &line, bool ownersKept, QSet<QString> &roles)
{
    static const QRegularExpression mapping(
        QStringLiteral("^CREATE USER MAPPING FOR (.+?) SERVER "));
    static const QRegularExpression owner(QStringLiteral("^ALTER (?!DATABASE ).* OWNER TO (.+);$"));
    static const QRegularExpression grant(QStringLiteral(
        "^(?:ALTER DEFAULT PRIVILEGES .*)?GRANT .* TO (.+?)(?: WITH GRANT OPTION)?(?: GRANTED BY "
        ".+)?;$"));
    static const QRegularExpression revoke(QStringLiteral(
        "^(?:ALTER DEFAULT PRIVILEGES .*)?REVOKE .* FROM (.+?)(?: GRANTED BY .+)?(?: CASCADE| "
        "RESTRICT)?;$"));
    static const QRegularExpression forRole(
        QStringLiteral("^ALTER (?:DEFAULT PRIVILEGES FOR ROLE|ROLE) (.+?) (?:IN SCHEMA|IN "
                       "DATABASE|GRANT|REVOKE) "));
    QList<const QRegularExpression *> patterns{&mapping};
    if (ownersKept)
        patterns << &owner << &grant << &revoke << &forRole;
    for (const QRegularExpression *pattern : std::as_const(patterns)) {
        const auto m = pattern->match(line);
        if (m.hasMatch())
            for (const QString &role : roleList(m.captured(1)))
                roles.insert(role);
    }
}

// Lines of pg_dump's plain format that carry owners or grants.
bool ownershipLine(const QString &line)
{
    static const QRegularExpression re(QStringLiteral(
        "^(?:ALTER .* OWNER TO .+;|GRANT .+;|REVOKE .+;|ALTER DEFAULT PRIVILEGES .+;|SET SESSION "
        "AUTHORIZATION .+;)$"));
    return re.match(line).hasMatch();
}

// A plain dump made fit to run inside one transaction: pg_dump wraps its large objects' data
// in BEGIN/COMMIT, whose COMMIT would end the restore's transaction half way, so those two
// lines go; with leaveOutOwners, owner and grant lines go too (outside COPY data). The roles
// the kept lines need are collected on the way.
Status filterPlain(const QString &path, bool leaveOutOwners, QFile &out, QSet<QString> &roles)
{
    QFile in(path);
    if (!in.open(QIODevice::ReadOnly))
        return Error::failure(QStringLiteral("cannot read %1: %2").arg(path, in.errorString()));
    bool inCopy = false;
    bool inLargeObjects = false;
    while (!in.atEnd()) {
        const QByteArray raw = in.readLine();
        QByteArray body = raw;
        while (body.endsWith('\n') || body.endsWith('\r'))
            body.chop(1);
        bool keep = true;
        if (inCopy) {
            inCopy = body != "\\.";
        } else {
            const QString line = QString::fromUtf8(body);
            if (line.startsWith(QLatin1String("COPY ")) &&
                line.endsWith(QLatin1String("FROM stdin;"))) {
                inCopy = true;
            } else if (line.startsWith(QLatin1String("-- Name: ")) ||
                       line.startsWith(QLatin1String("-- Data for Name: "))) {
                inLargeObjects = line.contains(QLatin1String("; Type: BLOBS;")) ||
                                 line.contains(QLatin1String("; Type: LARGE OBJECTS;"));
            } else if (inLargeObjects &&
                       (line == QLatin1String("BEGIN;") || line == QLatin1String("COMMIT;"))) {
                keep = false;
            } else if (leaveOutOwners && ownershipLine(line)) {
                keep = false;
            } else {
                collectRoles(line, !leaveOutOwners, roles);
            }
        }
        if (keep && out.write(raw) != raw.size())
            return Error::failure(
                QStringLiteral("cannot write %1: %2").arg(out.fileName(), out.errorString()));
    }
    if (!out.flush())
        return Error::failure(
            QStringLiteral("cannot write %1: %2").arg(out.fileName(), out.errorString()));
    return {};
}

// Refuses, naming every one, when roles the restore needs do not exist on the target server.
Status checkRoles(const QSet<QString> &needed, const RestoreRequest &request, bool ownersKept)
{
    if (needed.isEmpty())
        return {};
    auto existing = PgTools::column(request.target.postgresConninfo,
                                    QStringLiteral("SELECT rolname FROM pg_catalog.pg_roles"));
    if (!existing)
        return existing.error();
    const QSet<QString> have(existing->cbegin(), existing->cend());
    QStringList missing;
    for (const QString &role : needed)
        if (!have.contains(role))
            missing.append(role);
    if (missing.isEmpty())
        return {};
    missing.sort();
    Error e = Error::failure(
        QStringLiteral("the backup names %1 that %2 not exist on %3: %4; nothing was changed")
            .arg(countOf(missing.size(), QStringLiteral("role")),
                 missing.size() == 1 ? QStringLiteral("does") : QStringLiteral("do"),
                 request.target.display, missing.join(QLatin1String(", "))));
    e.details.append(ownersKept ? QStringLiteral("create them first, or restore without owners "
                                                 "and grants (strata restore --no-owner)")
                                : QStringLiteral("create them first: user mappings name them"));
    return e.with(Error::Code::NotFound);
}

Result<RestoreResult> postgresRestore(const RestoreRequest &request,
                                      const BackupCallbacks &callbacks, const BackupInfo &info)
{
    if (info.engine != QLatin1String("postgresql"))
        return Error::failure(QStringLiteral("%1 is a %2 backup; it cannot be restored into "
                                             "PostgreSQL")
                                  .arg(info.path, info.engine));
    auto major = PgTools::serverMajor(request.target.postgresConninfo);
    if (!major)
        return major.error();
    const QStringList dirs =
        request.toolDirs.isEmpty() ? PgTools::defaultSearchDirs() : request.toolDirs;
    const bool plain = info.format == QLatin1String("plain");
    auto psql = PgTools::find(QStringLiteral("psql"), *major, dirs);
    if (!psql)
        return psql.error();
    auto pgRestore = plain ? Result<QString>(QString())
                           : PgTools::find(QStringLiteral("pg_restore"), *major, dirs);
    if (!pgRestore)
        return pgRestore.error();
    auto conn = PgTools::connection(request.target.postgresConninfo, request.environment);
    if (!conn)
        return conn.error();
    auto owners = decideOwners(request, info);
    if (!owners)
        return owners.error();
    RestoreResult result;
    result.backup = info;
    result.ownersLeftOut = owners->leaveOut;
    result.ownersNote = owners->note;
    const QStringList leaveOut{QStringLiteral("--no-owner"), QStringLiteral("--no-privileges")};

    // The roles the restore needs, and for a plain dump the copy psql runs.
    QSet<QString> roles;
    QString databaseProperties; // in place: the backup's comment, settings and privileges
    QTemporaryFile plainCopy(QDir::temp().filePath(QStringLiteral("strata-restore-XXXXXX.sql")));
    if (plain) {
        if (!plainCopy.open())
            return Error::failure(
                QStringLiteral("cannot write a temporary file: %1").arg(plainCopy.errorString()));
        if (auto s = filterPlain(info.path, owners->leaveOut, plainCopy, roles); !s)
            return s.error();
    } else {
        // In place (owners kept), --create adds the database's own properties to the script:
        // they are taken from it and applied after the reset.
        PgTools::Run script;
        script.program = *pgRestore;
        script.arguments = {QStringLiteral("--schema-only"), QStringLiteral("--file"),
                            QStringLiteral("-")};
        if (owners->leaveOut)
            script.arguments += leaveOut;
        else
            script.arguments << QStringLiteral("--create");
        script.arguments << info.path;
        script.environment = conn->environment;
        script.cancel = callbacks.cancel;
        auto text = PgTools::run(script);
        if (!text)
            return text.error();
        for (const QByteArray &raw : text->split('\n')) {
            const QString line = QString::fromUtf8(raw);
            collectRoles(line, !owners->leaveOut, roles);
            if (!owners->leaveOut && databasePropertyLine(line))
                databaseProperties += line + QLatin1Char('\n');
        }
    }
    if (auto s = checkRoles(roles, request, !owners->leaveOut); !s)
        return s.error();

    // The database as it was when the backup was taken: everything the backup recreates is
    // dropped first (see kResetQuery), so objects created since do not survive the restore. In
    // one transaction with the restore (unless jobs > 1), so a failure keeps the database as
    // it was.
    auto reset = resetScript(request.target.postgresConninfo, *major);
    if (!reset)
        return reset.error();
    if (!plain && !owners->leaveOut) {
        auto props = PgTools::column(request.target.postgresConninfo, kDatabaseResetQuery);
        if (!props)
            return props.error();
        *reset += props->join(QLatin1Char('\n')) + QLatin1Char('\n') + databaseProperties;
    }
    const QStringList psqlArgs{QStringLiteral("-X"),
                               QStringLiteral("-q"),
                               QStringLiteral("--no-password"),
                               QStringLiteral("-v"),
                               QStringLiteral("ON_ERROR_STOP=1"),
                               QStringLiteral("--dbname"),
                               conn->dbname};
    const bool parallel = !plain && request.jobs > 1;
    QStringList args;
    QString program = *psql;
    if (plain) {
        args = psqlArgs + QStringList{QStringLiteral("--single-transaction"), QStringLiteral("-c"),
                                      *reset, QStringLiteral("--file"), plainCopy.fileName()};
    } else if (parallel) {
        // Parallel workers cannot share a transaction: the reset commits on its own first.
        PgTools::Run drop;
        drop.program = *psql;
        drop.arguments = psqlArgs + QStringList{QStringLiteral("-c"), *reset};
        drop.environment = conn->environment;
        if (auto dropped = PgTools::run(drop); !dropped)
            return dropped.error();
        program = *pgRestore;
        args = {QStringLiteral("--exit-on-error"),
                QStringLiteral("--verbose"),
                QStringLiteral("--no-password"),
                QStringLiteral("--jobs"),
                QString::number(request.jobs),
                QStringLiteral("--dbname"),
                conn->dbname};
    } else {
        // --single-transaction: pg_restore then leaves out the BEGIN/COMMIT it otherwise puts
        // around large objects' data, which would end psql's transaction half way.
        program = *pgRestore;
        args = {QStringLiteral("--verbose"), QStringLiteral("--single-transaction"),
                QStringLiteral("--file"), QStringLiteral("-")};
    }
    if (!plain) {
        if (owners->leaveOut) // the source's roles may not exist here
            args += leaveOut;
        args << info.path;
    }
    static const QRegularExpression item(
        QStringLiteral("(?:processing data for table|creating \\w+) \"?([^\"]+)\"?"));
    int done = 0;
    PgTools::Run run;
    run.program = program;
    run.arguments = args;
    run.environment = conn->environment;
    run.cancel = callbacks.cancel;
    run.started = callbacks.started;
    run.tick = callbacks.running;
    run.onLine = [&](const QString &line) {
        const auto m = item.match(line);
        if (m.hasMatch() && callbacks.progress) {
            BackupProgress p;
            p.done = ++done;
            p.text = QStringLiteral("restoring %1").arg(m.captured(1));
            callbacks.progress(p);
        }
    };
    Status ran = {};
    if (plain || parallel) {
        if (auto r = PgTools::run(run); !r)
            ran = r.error();
    } else {
        // pg_restore writes the script, psql runs it after the reset, all in one transaction.
        PgTools::Run apply;
        apply.program = *psql;
        apply.arguments =
            psqlArgs + QStringList{QStringLiteral("--single-transaction"), QStringLiteral("-c"),
                                   *reset, QStringLiteral("--file"), QStringLiteral("-")};
        apply.environment = conn->environment;
        ran = PgTools::pipe(run, apply);
    }
    if (!ran) {
        Error e = ran.error();
        e.message = QStringLiteral("restoring %1 into %2 failed: %3")
                        .arg(info.path, request.target.display, e.message);
        if (!parallel)
            e.details.prepend(QStringLiteral("the restore ran in one transaction; nothing of it "
                                             "was kept"));
        return e;
    }
    return result;
}

Status sqliteRestore(const RestoreRequest &request, const BackupCallbacks &callbacks,
                     const BackupInfo &info)
{
    if (info.engine != QLatin1String("sqlite"))
        return Error::failure(QStringLiteral("%1 is a %2 backup; it cannot be restored into a "
                                             "SQLite file")
                                  .arg(info.path, info.engine));
    const QString target = request.target.sqlitePath;
    sqlite3 *src = nullptr;
    sqlite3 *dst = nullptr;
    auto closeBoth = qScopeGuard([&] {
        sqlite3_close(src);
        sqlite3_close(dst);
    });
    if (sqlite3_open_v2(info.path.toUtf8().constData(), &src, SQLITE_OPEN_READONLY, nullptr) !=
        SQLITE_OK)
        return Error::failure(QStringLiteral("cannot open %1: %2")
                                  .arg(info.path, QString::fromUtf8(sqlite3_errmsg(src))));
    if (sqlite3_open_v2(target.toUtf8().constData(), &dst,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) != SQLITE_OK)
        return Error::failure(QStringLiteral("cannot open %1: %2")
                                  .arg(target, QString::fromUtf8(sqlite3_errmsg(dst))));
    sqlite3_busy_timeout(dst, 10000);
    // One step copies every page under the destination's write lock: readers see the old
    // database or the restored one, never a mix.
    sqlite3_backup *backup = sqlite3_backup_init(dst, "main", src, "main");
    if (!backup)
        return Error::failure(QStringLiteral("cannot restore into %1: %2")
                                  .arg(target, QString::fromUtf8(sqlite3_errmsg(dst))));
    int rc = SQLITE_OK;
    do {
        if (callbacks.cancel && callbacks.cancel->load()) {
            sqlite3_backup_finish(backup);
            return Error::failure(
                QStringLiteral("the restore was cancelled; %1 is unchanged").arg(target));
        }
        rc = sqlite3_backup_step(backup, -1);
        if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
            QThread::msleep(50);
    } while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
    sqlite3_backup_finish(backup);
    if (rc != SQLITE_DONE)
        return Error::failure(QStringLiteral("cannot restore into %1: %2")
                                  .arg(target, QString::fromUtf8(sqlite3_errstr(rc))));
    if (callbacks.progress) {
        BackupProgress p;
        p.text = QStringLiteral("restored %1").arg(BackupRunner::humanSize(info.sizeBytes));
        callbacks.progress(p);
    }
    return {};
}

} // namespace

Result<RestoreResult> RestoreRunner::run(const RestoreRequest &request,
                                         const BackupCallbacks &callbacks)
{
    auto info = BackupCatalog::read(request.backup);
    if (!info)
        return info.error();
    if (auto s = BackupCatalog::verifyChecksum(*info); !s)
        return s.error();
    if (request.target.engine == ConnectionInfo::Engine::Postgres)
        return postgresRestore(request, callbacks, *info);
    if (auto restored = sqliteRestore(request, callbacks, *info); !restored)
        return restored.error();
    return RestoreResult{*info, false, {}};
}

} // namespace strata
