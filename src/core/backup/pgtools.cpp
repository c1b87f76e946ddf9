#include "backup/pgtools.h"

#include "connection/connectiondisplay.h"
#include "connection/connectioninfo.h"

#include <QDir>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QStandardPaths>

#include <libpq-fe.h>

#include <algorithm>

namespace strata {

QStringList PgTools::defaultSearchDirs()
{
    const QString configured = qEnvironmentVariable("STRATA_PG_TOOL_DIRS");
    if (!configured.isEmpty())
        return configured.split(QLatin1Char(':'), Qt::SkipEmptyParts);
    QStringList dirs;
    QDir root(QStringLiteral("/usr/lib/postgresql"));
    QStringList versions = root.entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    std::sort(versions.begin(), versions.end(),
              [](const QString &a, const QString &b) { return a.toInt() > b.toInt(); });
    for (const QString &v : versions)
        dirs.append(root.filePath(v + QStringLiteral("/bin")));
    dirs += qEnvironmentVariable("PATH").split(QLatin1Char(':'), Qt::SkipEmptyParts);
    return dirs;
}

int PgTools::majorVersion(const QString &programPath)
{
    QProcess process;
    process.start(programPath, {QStringLiteral("--version")});
    if (!process.waitForFinished(10000) || process.exitCode() != 0)
        return 0;
    static const QRegularExpression version(QStringLiteral("\\(PostgreSQL\\)\\s+(\\d+)"));
    const auto m = version.match(QString::fromLocal8Bit(process.readAllStandardOutput()));
    return m.hasMatch() ? m.captured(1).toInt() : 0;
}

Result<QString> PgTools::find(const QString &program, int serverMajor, const QStringList &dirs,
                              int *foundMajor)
{
    // Debian names the version in the folder: no need to run each program to ask it.
    static const QRegularExpression debian(QStringLiteral("^/usr/lib/postgresql/(\\d+)/bin/"));
    QString best;
    int bestMajor = 0;
    QStringList found; // "15 (/usr/lib/postgresql/15/bin/pg_dump)"
    QStringList seen;
    for (const QString &dir : dirs) {
        const QString path = QDir(dir).filePath(program);
        const QFileInfo info(path);
        if (!info.isExecutable() || info.isDir())
            continue;
        const QString canonical = info.canonicalFilePath();
        // PATH often leads to the same program again, or to Debian's pg_wrapper, which picks a
        // version of its own.
        if (seen.contains(canonical) || canonical.endsWith(QLatin1String("/pg_wrapper")))
            continue;
        seen.append(canonical);
        const auto m = debian.match(canonical);
        const int major = m.hasMatch() ? m.captured(1).toInt() : majorVersion(path);
        if (major <= 0)
            continue;
        found.append(QStringLiteral("%1 (%2)").arg(major).arg(path));
        if (major >= serverMajor && (best.isEmpty() || major < bestMajor)) {
            best = path;
            bestMajor = major;
        }
    }
    if (!best.isEmpty()) {
        if (foundMajor)
            *foundMajor = bestMajor;
        return best;
    }
    Error e = Error::failure(
        QStringLiteral("%1 %2 or newer is needed for this PostgreSQL %2 server; %3. Install the "
                       "matching client (on Debian: postgresql-client-%2)")
            .arg(program)
            .arg(serverMajor)
            .arg(found.isEmpty()
                     ? QStringLiteral("none was found")
                     : QStringLiteral("found only %1").arg(found.join(QLatin1String(", ")))));
    e.details.append(QStringLiteral("searched: %1").arg(dirs.join(QLatin1Char(':'))));
    return e;
}

Result<PgTools::Connection> PgTools::connection(const QString &conninfo,
                                                const QProcessEnvironment &base)
{
    char *parseError = nullptr;
    PQconninfoOption *options = PQconninfoParse(conninfo.toUtf8().constData(), &parseError);
    if (!options) {
        const QString why = parseError ? QString::fromUtf8(parseError).trimmed() : QString();
        PQfreemem(parseError);
        return Error::failure(QStringLiteral("cannot read the connection %1: %2")
                                  .arg(ConnectionResolver::maskPassword(conninfo), why));
    }
    Connection out;
    out.environment = base;
    QStringList kept;
    for (PQconninfoOption *o = options; o->keyword; ++o) {
        if (!o->val || !*o->val)
            continue;
        const QString keyword = QString::fromUtf8(o->keyword);
        const QString value = QString::fromUtf8(o->val);
        if (keyword == QLatin1String("password")) {
            out.environment.insert(QStringLiteral("PGPASSWORD"), value);
            continue;
        }
        if (keyword == QLatin1String("dbname"))
            out.database = value;
        kept.append(keyword + QLatin1Char('=') + ConnectionResolver::quoteKeywordValue(value));
    }
    PQconninfoFree(options);
    out.dbname = kept.join(QLatin1Char(' '));
    out.display = ConnectionDisplay::postgres(conninfo);
    return out;
}

Result<PgTools::Identity> PgTools::identity(const QString &conninfo)
{
    auto rows = query(conninfo, QStringLiteral("SELECT current_database()"));
    if (!rows)
        return rows.error();
    Identity out;
    out.databaseName = rows->value(0).value(0);
    // pg_control_system() may be refused to a role without the right (a hardened server).
    if (auto system = query(conninfo, QStringLiteral("SELECT system_identifier::text FROM "
                                                     "pg_control_system()")))
        out.systemIdentifier = system->value(0).value(0);
    return out;
}

Result<int> PgTools::serverMajor(const QString &conninfo)
{
    auto rows = query(conninfo, QStringLiteral("SELECT current_setting('server_version_num')"));
    if (!rows)
        return rows.error();
    return rows->value(0).value(0).toInt() / 10000;
}

namespace {

// A child's stderr, line by line: each complete line to onLine, the last five kept for errors.
struct StderrLines
{
    QByteArray pending;
    QStringList last;

    void take(QProcess &process, const std::function<void(const QString &)> &onLine)
    {
        pending += process.readAllStandardError();
        qsizetype nl;
        while ((nl = pending.indexOf('\n')) >= 0) {
            const QString line = QString::fromLocal8Bit(pending.left(nl)).trimmed();
            pending.remove(0, nl + 1);
            if (line.isEmpty())
                continue;
            last.append(line);
            if (last.size() > 5)
                last.removeFirst();
            if (onLine)
                onLine(line);
        }
    }
};

} // namespace

Result<QList<QStringList>> PgTools::query(const QString &conninfo, const QString &sql)
{
    PGconn *conn = PQconnectdb(conninfo.toUtf8().constData());
    auto finish = qScopeGuard([conn] { PQfinish(conn); });
    if (PQstatus(conn) != CONNECTION_OK)
        return Error::failure(QStringLiteral("cannot connect to %1: %2")
                                  .arg(ConnectionResolver::maskPassword(conninfo),
                                       QString::fromUtf8(PQerrorMessage(conn)).trimmed()));
    PGresult *r = PQexec(conn, sql.toUtf8().constData());
    auto clear = qScopeGuard([r] { PQclear(r); });
    if (PQresultStatus(r) != PGRES_TUPLES_OK)
        return Error::failure(QString::fromUtf8(PQresultErrorMessage(r)).trimmed());
    QList<QStringList> rows;
    for (int i = 0; i < PQntuples(r); ++i) {
        QStringList row;
        for (int c = 0; c < PQnfields(r); ++c)
            row.append(QString::fromUtf8(PQgetvalue(r, i, c)));
        rows.append(row);
    }
    return rows;
}

Result<QStringList> PgTools::column(const QString &conninfo, const QString &sql)
{
    auto rows = query(conninfo, sql);
    if (!rows)
        return rows.error();
    QStringList out;
    for (const QStringList &row : std::as_const(*rows))
        out.append(row.value(0));
    return out;
}

Status PgTools::pipe(const Run &first, const Run &second)
{
    QProcess producer, consumer;
    producer.setProcessEnvironment(first.environment);
    consumer.setProcessEnvironment(second.environment);
    producer.setStandardOutputProcess(&consumer);
    StderrLines linesFirst, linesSecond;
    consumer.start(second.program, second.arguments);
    if (!consumer.waitForStarted(10000))
        return Error::failure(
            QStringLiteral("cannot start %1: %2").arg(second.program, consumer.errorString()));
    producer.start(first.program, first.arguments);
    if (!producer.waitForStarted(10000)) {
        consumer.kill();
        consumer.waitForFinished(10000);
        return Error::failure(
            QStringLiteral("cannot start %1: %2").arg(first.program, producer.errorString()));
    }
    if (first.started)
        first.started(producer.processId());
    auto cancelRequested = [&first] { return first.cancel && first.cancel->load(); };
    while (!cancelRequested() &&
           (producer.state() != QProcess::NotRunning || consumer.state() != QProcess::NotRunning)) {
        if (producer.state() != QProcess::NotRunning)
            producer.waitForFinished(50);
        else
            consumer.waitForFinished(50);
        linesFirst.take(producer, first.onLine);
        linesSecond.take(consumer, second.onLine);
        if (first.tick)
            first.tick();
        // A failed producer must not leave the consumer committing half a script: psql only
        // commits when its input ends cleanly, so stop it before the pipe closes.
        if (producer.state() == QProcess::NotRunning &&
            (producer.exitStatus() != QProcess::NormalExit || producer.exitCode() != 0) &&
            consumer.state() != QProcess::NotRunning) {
            consumer.kill();
            consumer.waitForFinished(10000);
        }
    }
    if (cancelRequested()) {
        consumer.kill(); // first, so nothing the producer wrote last gets committed
        producer.kill();
        consumer.waitForFinished(10000);
        producer.waitForFinished(10000);
        return Error::failure(QStringLiteral("%1 was cancelled; nothing of it was kept")
                                  .arg(QFileInfo(first.program).fileName()));
    }
    linesFirst.take(producer, first.onLine);
    linesSecond.take(consumer, second.onLine);
    // When psql stops at an error, pg_restore dies writing into the closed pipe: the error that
    // matters is psql's. When pg_restore fails, psql was stopped by us: pg_restore's it is.
    auto failedOnItsOwn = [](const QProcess &p) {
        return p.exitStatus() == QProcess::NormalExit && p.exitCode() != 0;
    };
    auto failed = [](const QProcess &p) {
        return p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0;
    };
    auto errorOf = [](const QProcess &p, const QString &program, const QStringList &last) {
        const QString name = QFileInfo(program).fileName();
        Error e = Error::failure(
            p.exitStatus() != QProcess::NormalExit
                ? QStringLiteral("%1 stopped unexpectedly").arg(name)
                : QStringLiteral("%1 failed (exit code %2)").arg(name).arg(p.exitCode()));
        e.details = last;
        return e;
    };
    if (failedOnItsOwn(consumer))
        return errorOf(consumer, second.program, linesSecond.last);
    if (failed(producer))
        return errorOf(producer, first.program, linesFirst.last);
    if (failed(consumer))
        return errorOf(consumer, second.program, linesSecond.last);
    return {};
}

Result<QByteArray> PgTools::run(const Run &r)
{
    QProcess process;
    process.setProcessEnvironment(r.environment);
    if (!r.stdoutFile.isEmpty())
        process.setStandardOutputFile(r.stdoutFile, QIODevice::Truncate);
    QByteArray out;
    StderrLines lines; // the last ones go into an error
    auto takeLines = [&] { lines.take(process, r.onLine); };
    process.start(r.program, r.arguments);
    if (!process.waitForStarted(10000))
        return Error::failure(
            QStringLiteral("cannot start %1: %2").arg(r.program, process.errorString()));
    if (r.started)
        r.started(process.processId());
    auto cancelRequested = [&r] { return r.cancel && r.cancel->load(); };
    bool cancelled = false;
    while (!cancelRequested() && !process.waitForFinished(100)) {
        if (process.state() == QProcess::NotRunning)
            break;
        takeLines();
        if (r.stdoutFile.isEmpty())
            out += process.readAllStandardOutput();
        if (r.tick)
            r.tick();
    }
    // A cancel counts even when the program had just finished: what it wrote is not kept.
    if (cancelRequested()) {
        cancelled = true;
        process.kill();
        process.waitForFinished(10000);
    }
    takeLines();
    if (r.stdoutFile.isEmpty())
        out += process.readAllStandardOutput();
    const QString name = QFileInfo(r.program).fileName();
    if (cancelled)
        return Error::failure(QStringLiteral("%1 was cancelled").arg(name));
    if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
        Error e = Error::failure(
            process.exitStatus() != QProcess::NormalExit
                ? QStringLiteral("%1 stopped unexpectedly").arg(name)
                : QStringLiteral("%1 failed (exit code %2)").arg(name).arg(process.exitCode()));
        e.details = lines.last;
        return e;
    }
    return out;
}

} // namespace strata
