#include "backup/restorerunner.h"

#include "backup/pgtools.h"
#include "drivers/driver.h"

#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QThread>

#include <sqlite3.h>

namespace strata {

namespace {

Status postgresRestore(const RestoreRequest &request, const BackupCallbacks &callbacks,
                       const BackupInfo &info)
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
    const bool elsewhere = info.database != request.target.display;

    // The database as it was when the backup was taken: every user schema is dropped first,
    // so tables and functions created since do not survive the restore, and the backup
    // recreates what it holds. In one transaction with the restore (unless jobs > 1), so a
    // failure keeps the database as it was.
    auto schemas = PgTools::column(request.target.postgresConninfo,
                                   QStringLiteral("SELECT nspname FROM pg_namespace WHERE nspname "
                                                  "NOT LIKE 'pg\\_%' AND nspname <> "
                                                  "'information_schema' ORDER BY 1"));
    if (!schemas)
        return schemas.error();
    QString reset;
    for (const QString &schema : std::as_const(*schemas))
        reset += QStringLiteral("DROP SCHEMA IF EXISTS %1 CASCADE;\n").arg(quoteIdentifier(schema));
    if (schemas->contains(QStringLiteral("public"))) {
        // public as initdb makes it (pg_dump leaves a default public schema out).
        reset += QStringLiteral("CREATE SCHEMA public;\nCOMMENT ON SCHEMA public IS 'standard "
                                "public schema';\n");
        reset += *major >= 15 ? QStringLiteral("ALTER SCHEMA public OWNER TO "
                                               "pg_database_owner;\nGRANT USAGE ON SCHEMA public "
                                               "TO PUBLIC;\n")
                              : QStringLiteral("GRANT ALL ON SCHEMA public TO PUBLIC;\n");
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
                                      reset, QStringLiteral("--file"), info.path};
    } else if (parallel) {
        // Parallel workers cannot share a transaction: the reset commits on its own first.
        PgTools::Run drop;
        drop.program = *psql;
        drop.arguments = psqlArgs + QStringList{QStringLiteral("-c"), reset};
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
        program = *pgRestore;
        args = {QStringLiteral("--verbose"), QStringLiteral("--file"), QStringLiteral("-")};
    }
    if (!plain) {
        if (elsewhere) // the source's roles may not exist here
            args << QStringLiteral("--no-owner") << QStringLiteral("--no-privileges");
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
                                   reset, QStringLiteral("--file"), QStringLiteral("-")};
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
    return {};
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

Result<BackupInfo> RestoreRunner::run(const RestoreRequest &request,
                                      const BackupCallbacks &callbacks)
{
    auto info = BackupCatalog::read(request.backup);
    if (!info)
        return info.error();
    if (auto s = BackupCatalog::verifyChecksum(*info); !s)
        return s.error();
    const bool postgres = request.target.engine == ConnectionInfo::Engine::Postgres;
    Status restored = postgres ? postgresRestore(request, callbacks, *info)
                               : sqliteRestore(request, callbacks, *info);
    if (!restored)
        return restored.error();
    return *info;
}

} // namespace strata
