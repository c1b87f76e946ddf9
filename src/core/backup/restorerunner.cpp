#include "backup/restorerunner.h"

#include "backup/pgtools.h"

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
        return Error::usage(QStringLiteral("%1 is a %2 backup; it cannot be restored into "
                                           "PostgreSQL")
                                .arg(info.path, info.engine));
    auto major = PgTools::serverMajor(request.target.postgresConninfo);
    if (!major)
        return major.error();
    const QStringList dirs =
        request.toolDirs.isEmpty() ? PgTools::defaultSearchDirs() : request.toolDirs;
    const bool plain = info.format == QLatin1String("plain");
    auto tool =
        PgTools::find(plain ? QStringLiteral("psql") : QStringLiteral("pg_restore"), *major, dirs);
    if (!tool)
        return tool.error();
    auto conn = PgTools::connection(request.target.postgresConninfo, request.environment);
    if (!conn)
        return conn.error();
    const bool elsewhere = info.database != request.target.display;

    QStringList args;
    if (plain) {
        args = {QStringLiteral("-X"),
                QStringLiteral("-q"),
                QStringLiteral("--no-password"),
                QStringLiteral("-v"),
                QStringLiteral("ON_ERROR_STOP=1"),
                QStringLiteral("--single-transaction"),
                QStringLiteral("--echo-errors"),
                QStringLiteral("--file"),
                info.path,
                QStringLiteral("--dbname"),
                conn->dbname};
    } else {
        args = {QStringLiteral("--clean"),
                QStringLiteral("--if-exists"),
                QStringLiteral("--exit-on-error"),
                QStringLiteral("--verbose"),
                QStringLiteral("--no-password"),
                QStringLiteral("--dbname"),
                conn->dbname};
        if (request.jobs > 1)
            args << QStringLiteral("--jobs") << QString::number(request.jobs);
        else
            args << QStringLiteral("--single-transaction");
        if (elsewhere) // the source's roles may not exist here
            args << QStringLiteral("--no-owner") << QStringLiteral("--no-privileges");
        args << info.path;
    }
    static const QRegularExpression item(
        QStringLiteral("(?:processing data for table|creating \\w+) \"?([^\"]+)\"?"));
    int done = 0;
    PgTools::Run run;
    run.program = *tool;
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
    if (auto ran = PgTools::run(run); !ran) {
        Error e = ran.error();
        e.message = QStringLiteral("restoring %1 into %2 failed: %3")
                        .arg(info.path, request.target.display, e.message);
        if (request.jobs <= 1)
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
        return Error::usage(QStringLiteral("%1 is a %2 backup; it cannot be restored into a "
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
