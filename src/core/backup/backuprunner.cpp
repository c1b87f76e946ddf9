#include "backup/backuprunner.h"

#include "storage/privatefiles.h"

#include "backup/pgtools.h"

#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QLocale>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QSet>
#include <QThread>

#include <sqlite3.h>

namespace strata {

namespace {

qint64 sizeOf(const QString &path)
{
    const QFileInfo info(path);
    if (!info.isDir())
        return info.exists() ? info.size() : 0;
    qint64 total = 0;
    QDirIterator it(path, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        it.next();
        total += it.fileInfo().size();
    }
    return total;
}

void removePath(const QString &path)
{
    if (QFileInfo(path).isDir())
        QDir(path).removeRecursively();
    else
        QFile::remove(path);
}

QString slug(QString text)
{
    text.replace(QRegularExpression(QStringLiteral("[^A-Za-z0-9._-]+")), QStringLiteral("_"));
    return text.isEmpty() ? QStringLiteral("database") : text;
}

QString extension(const QString &format)
{
    if (format == QLatin1String("custom"))
        return QStringLiteral(".dump");
    if (format == QLatin1String("directory"))
        return QStringLiteral(".dir");
    if (format == QLatin1String("plain"))
        return QStringLiteral(".sql");
    if (format == QLatin1String("tar"))
        return QStringLiteral(".tar");
    return QStringLiteral(".sqlite");
}

struct ServerFacts
{
    int major = 0;
    QString version;
    int tables = -1; // tables with data to dump
};

Result<ServerFacts> serverFacts(const QString &conninfo)
{
    auto rows = PgTools::query(
        conninfo, QStringLiteral("SELECT current_setting('server_version_num'), "
                                 "current_setting('server_version'), (SELECT count(*) FROM "
                                 "pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE "
                                 "c.relkind IN ('r', 'p', 'm') AND n.nspname NOT IN "
                                 "('pg_catalog', 'information_schema') AND n.nspname NOT LIKE "
                                 "'pg_toast%')"));
    if (!rows)
        return rows.error();
    const QStringList row = rows->value(0);
    return ServerFacts{row.value(0).toInt() / 10000, row.value(1), row.value(2).toInt()};
}

Result<BackupInfo> postgresBackup(const BackupRequest &request, const BackupCallbacks &callbacks,
                                  const QString &partial, BackupInfo info)
{
    if (!BackupRunner::formats().contains(request.format))
        return Error::usage(
            QStringLiteral("unknown backup format '%1' (choose %2)")
                .arg(request.format, BackupRunner::formats().join(QLatin1String(", "))));
    if (request.jobs > 1 && request.format != QLatin1String("directory"))
        return Error::usage(QStringLiteral("--jobs needs the directory format (pg_dump writes "
                                           "in parallel only there)"));
    if (request.compression >= 0 && request.format == QLatin1String("plain"))
        return Error::usage(QStringLiteral("the plain format is written uncompressed here; use "
                                           "the custom or directory format to compress"));
    auto facts = serverFacts(request.connection.postgresConninfo);
    if (!facts)
        return facts.error();
    const QStringList dirs =
        request.toolDirs.isEmpty() ? PgTools::defaultSearchDirs() : request.toolDirs;
    int dumpMajor = 0;
    auto pgDump = PgTools::find(QStringLiteral("pg_dump"), facts->major, dirs, &dumpMajor);
    if (!pgDump)
        return pgDump.error();
    auto conn = PgTools::connection(request.connection.postgresConninfo, request.environment);
    if (!conn)
        return conn.error();

    QStringList args{QStringLiteral("--format=") + request.format,
                     QStringLiteral("--file"),
                     partial,
                     QStringLiteral("--verbose"),
                     QStringLiteral("--no-password"),
                     QStringLiteral("--dbname"),
                     conn->dbname};
    if (request.format == QLatin1String("directory") && request.jobs > 1)
        args << QStringLiteral("--jobs") << QString::number(request.jobs);
    if (request.compression >= 0)
        args << QStringLiteral("--compress") << QString::number(request.compression);
    if (request.schemaOnly)
        args << QStringLiteral("--schema-only");
    if (request.format == QLatin1String("plain")) // so that restoring it replaces what is there
        args << QStringLiteral("--clean") << QStringLiteral("--if-exists");

    static const QRegularExpression table(QStringLiteral(
        "(?:dumping contents of table|finished item \\d+ TABLE DATA) \"?([^\"]+)\"?"));
    QSet<QString> tables; // pg_dump -j names a table twice: dumping it, and finished
    int done = 0;
    QString current;
    QElapsedTimer lastReport;
    lastReport.start();
    auto report = [&](bool force) {
        if (!callbacks.progress || (!force && lastReport.elapsed() < 200))
            return;
        lastReport.restart();
        BackupProgress p;
        p.done = done;
        p.total = request.schemaOnly ? -1 : facts->tables;
        p.bytes = sizeOf(partial);
        p.text = current.isEmpty() ? QStringLiteral("reading the schema, %1 written")
                                         .arg(BackupRunner::humanSize(p.bytes))
                                   : QStringLiteral("table %1 (%2 of %3), %4 written")
                                         .arg(current)
                                         .arg(done)
                                         .arg(facts->tables)
                                         .arg(BackupRunner::humanSize(p.bytes));
        callbacks.progress(p);
    };
    PgTools::Run run;
    run.program = *pgDump;
    run.arguments = args;
    run.environment = conn->environment;
    run.cancel = callbacks.cancel;
    run.started = callbacks.started;
    run.tick = [&] {
        if (callbacks.running)
            callbacks.running();
        report(false);
    };
    run.onLine = [&](const QString &line) {
        const auto m = table.match(line);
        if (m.hasMatch()) {
            current = m.captured(1);
            tables.insert(current.section(QLatin1Char('.'), -1));
            done = int(tables.size());
            report(true);
        }
    };
    if (auto ran = PgTools::run(run); !ran)
        return ran.error();
    report(true);

    // Verified with the pg_restore of the same version before it counts as a backup.
    if (request.format == QLatin1String("plain")) {
        QFile f(partial);
        if (!f.open(QIODevice::ReadOnly) || f.size() == 0)
            return Error::failure(QStringLiteral("pg_dump wrote nothing to %1").arg(partial));
        f.seek(std::max<qint64>(0, f.size() - 4096));
        if (!f.readAll().contains("PostgreSQL database dump complete"))
            return Error::failure(
                QStringLiteral("%1 is incomplete: it lacks pg_dump's closing line").arg(partial));
    } else {
        const QString pgRestore =
            QFileInfo(*pgDump).absoluteDir().filePath(QStringLiteral("pg_restore"));
        PgTools::Run list;
        list.program = pgRestore;
        list.arguments = {QStringLiteral("--list"), partial};
        list.environment = request.environment;
        list.cancel = callbacks.cancel;
        auto listed = PgTools::run(list);
        if (!listed)
            return Error::failure(
                QStringLiteral("the backup does not verify: %1").arg(listed.error().toString()));
        if (!listed->contains(';'))
            return Error::failure(QStringLiteral("the backup does not verify: pg_restore "
                                                 "--list found no table of contents"));
    }
    info.serverVersion = QStringLiteral("PostgreSQL ") + facts->version;
    if (auto identity = PgTools::identity(request.connection.postgresConninfo)) {
        info.systemIdentifier = identity->systemIdentifier;
        info.databaseName = identity->databaseName;
    }
    info.dumpTool = QStringLiteral("pg_dump %1").arg(dumpMajor);
    return info;
}

// SQLite's online backup API: a consistent copy while others use the file, page by page.
Result<BackupInfo> sqliteBackup(const BackupRequest &request, const BackupCallbacks &callbacks,
                                const QString &partial, BackupInfo info)
{
    const QString source = request.connection.sqlitePath;
    if (!QFileInfo::exists(source))
        return Error::failure(
            QStringLiteral("%1 does not exist: there is nothing to back up").arg(source));
    sqlite3 *src = nullptr;
    sqlite3 *dst = nullptr;
    auto closeBoth = qScopeGuard([&] {
        sqlite3_close(src);
        sqlite3_close(dst);
    });
    if (sqlite3_open_v2(source.toUtf8().constData(), &src, SQLITE_OPEN_READONLY, nullptr) !=
        SQLITE_OK)
        return Error::failure(QStringLiteral("cannot open %1: %2")
                                  .arg(source, QString::fromUtf8(sqlite3_errmsg(src))));
    if (sqlite3_open_v2(partial.toUtf8().constData(), &dst,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) != SQLITE_OK)
        return Error::failure(QStringLiteral("cannot create %1: %2")
                                  .arg(partial, QString::fromUtf8(sqlite3_errmsg(dst))));
    sqlite3_backup *backup = sqlite3_backup_init(dst, "main", src, "main");
    if (!backup)
        return Error::failure(QStringLiteral("cannot back up %1: %2")
                                  .arg(source, QString::fromUtf8(sqlite3_errmsg(dst))));
    int rc = SQLITE_OK;
    do {
        if (callbacks.cancel && callbacks.cancel->load()) {
            sqlite3_backup_finish(backup);
            return Error::failure(QStringLiteral("the backup was cancelled"));
        }
        rc = sqlite3_backup_step(backup, 512);
        const int total = sqlite3_backup_pagecount(backup);
        const int done = total - sqlite3_backup_remaining(backup);
        if (callbacks.progress) {
            BackupProgress p;
            p.done = done;
            p.total = total;
            p.bytes = QFileInfo(partial).size();
            p.text = QStringLiteral("page %1 of %2, %3 written")
                         .arg(done)
                         .arg(total)
                         .arg(BackupRunner::humanSize(p.bytes));
            callbacks.progress(p);
        }
        if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
            QThread::msleep(50); // a writer holds the file; the copy resumes after it
    } while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
    sqlite3_backup_finish(backup);
    if (rc != SQLITE_DONE)
        return Error::failure(QStringLiteral("cannot back up %1: %2")
                                  .arg(source, QString::fromUtf8(sqlite3_errstr(rc))));
    sqlite3_stmt *check = nullptr;
    QString verdict;
    if (sqlite3_prepare_v2(dst, "PRAGMA integrity_check", -1, &check, nullptr) == SQLITE_OK &&
        sqlite3_step(check) == SQLITE_ROW)
        verdict = QString::fromUtf8(reinterpret_cast<const char *>(sqlite3_column_text(check, 0)));
    sqlite3_finalize(check);
    if (verdict != QLatin1String("ok"))
        return Error::failure(
            QStringLiteral("the copy of %1 does not verify: %2")
                .arg(source, verdict.isEmpty() ? QStringLiteral("no answer") : verdict));
    info.serverVersion = QStringLiteral("SQLite ") + QString::fromLatin1(sqlite3_libversion());
    info.dumpTool = info.serverVersion;
    return info;
}

} // namespace

QStringList BackupRunner::formats()
{
    return {QStringLiteral("custom"), QStringLiteral("directory"), QStringLiteral("plain"),
            QStringLiteral("tar")};
}

QString BackupRunner::humanSize(qint64 bytes)
{
    return QLocale::c().formattedDataSize(bytes, 1, QLocale::DataSizeTraditionalFormat);
}

Result<BackupInfo> BackupRunner::run(const BackupRequest &request, const BackupCallbacks &callbacks)
{
    const bool postgres = request.connection.engine == ConnectionInfo::Engine::Postgres;
    const QString dir = request.outDir.isEmpty() ? BackupCatalog::defaultDir() : request.outDir;
    // The backup folder is Strata's: made 0700, tightened when an older version left it open.
    // A folder given with --out that is already there is the person's: left as it is.
    if (request.outDir.isEmpty() || !QFileInfo::exists(dir)) {
        if (auto made = PrivateFiles::ensureFolder(dir); !made)
            return made.error();
    }
    QElapsedTimer clock;
    clock.start();
    BackupInfo info;
    info.engine = postgres ? QStringLiteral("postgresql") : QStringLiteral("sqlite");
    info.format = postgres ? request.format : QStringLiteral("sqlite");
    info.profile = request.profile;
    info.database = request.connection.display;
    info.revisions = request.revisions;
    info.createdAt = QDateTime::currentDateTimeUtc();
    info.toolVersion = QStringLiteral(STRATA_VERSION_STRING);
    info.schemaOnly = postgres && request.schemaOnly;
    info.jobs = postgres ? std::max(1, request.jobs) : 1;
    info.compression = postgres ? request.compression : -1;

    QString name = request.profile;
    if (name.isEmpty() && postgres) {
        auto conn = PgTools::connection(request.connection.postgresConninfo, {});
        name = conn ? conn->database : QString();
    } else if (name.isEmpty()) {
        name = QFileInfo(request.connection.sqlitePath).completeBaseName();
    }
    QString base = slug(name);
    base = base.left(60) + QLatin1Char('-') +
           info.createdAt.toString(QStringLiteral("yyyyMMdd-HHmmss-zzz"));
    const QString final = QDir(dir).filePath(base + extension(info.format));
    const QString partial = final + QStringLiteral(".partial");
    removePath(partial);
    // Whatever happens before the end, no half backup stays behind.
    auto cleanup = qScopeGuard([&] { removePath(partial); });

    // A backup holds the data: readable by its owner alone from its first byte (pg_dump and
    // SQLite keep the mode of a file that is there; pg_dump makes a directory format's 0700).
    if (!postgres || request.format != QLatin1String("directory"))
        if (auto made = PrivateFiles::createEmpty(partial); !made)
            return made.error();
    auto taken = postgres ? postgresBackup(request, callbacks, partial, info)
                          : sqliteBackup(request, callbacks, partial, info);
    if (!taken)
        return taken.error();
    info = *taken;
    if (!QFile::rename(partial, final) && !QDir().rename(partial, final))
        return Error::failure(QStringLiteral("cannot name the backup %1").arg(final));
    cleanup.dismiss();
    // pg_dump makes a directory format's folder 0700 but its files with the umask's mode.
    if (QFileInfo(final).isDir()) {
        QDirIterator files(final, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
        while (files.hasNext())
            QFile::setPermissions(files.next(), QFile::ReadOwner | QFile::WriteOwner);
    }
    info.path = final;
    info.sizeBytes = sizeOf(final);
    auto sum = BackupCatalog::checksum(final);
    if (!sum) {
        removePath(final);
        return sum.error();
    }
    info.sha256 = *sum;
    info.durationMs = clock.elapsed();
    if (auto s = BackupCatalog::write(info); !s) {
        removePath(final);
        return s.error();
    }
    if (request.keep > 0)
        BackupCatalog::prune(dir, info, request.keep);
    return info;
}

} // namespace strata
