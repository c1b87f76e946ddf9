// strata backup, backups, restore.
#include "cli.h"

#include "audit/auditlog.h"
#include "backup/backupcatalog.h"
#include "backup/backuprunner.h"
#include "backup/restorerunner.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonArray>
#include <QLocale>

namespace strata::cli {

namespace {

QJsonObject backupJson(const BackupInfo &info)
{
    QJsonObject o = info.toJson();
    o.insert(QStringLiteral("path"), info.path);
    return o;
}

} // namespace

void Cli::auditBackup(const QString &action, const QString &database, const QString &from,
                      const QString &result, const QString &profile, qint64 durationMs)
{
    AuditEntry entry = AuditEntry::of(QStringLiteral("cli"), profile, database, action, durationMs);
    entry.fromRevisions = from;
    entry.result = result;
    entry.reason = m_inv.reason;
    if (auto s = AuditLog(AuditLog::defaultFilePath()).append(entry); !s)
        m_err << QStringLiteral("strata: warning: the audit log was not written: %1\n")
                     .arg(s.error().toString());
}

int Cli::backup()
{
    auto migrator = openMigrator();
    if (!migrator)
        return fail(migrator.error());
    Migrator &m = **migrator;
    announceTarget(m);
    auto current = m.current();
    if (!current)
        return fail(current.error());
    BackupRequest request;
    request.connection = m.connectionInfo();
    request.profile = m_inv.profile;
    request.revisions = *current;
    request.outDir = m_inv.outDir;
    request.format = m_inv.format;
    request.jobs = m_inv.jobs;
    request.compression = m_inv.compression;
    request.schemaOnly = m_inv.schemaOnly;
    request.keep = m_inv.keep;
    BackupCallbacks callbacks;
    QElapsedTimer lastLine;
    lastLine.start();
    callbacks.progress = [&](const BackupProgress &p) {
        if (lastLine.elapsed() >= 1000) { // a line a second at most, for logs in CI
            note(QStringLiteral("  %1").arg(p.text));
            lastLine.restart();
        }
    };
    QElapsedTimer clock;
    clock.start();
    auto info = BackupRunner::run(request, callbacks);
    auditBackup(QStringLiteral("backup"), m.databaseDisplay(), current->join(QLatin1Char(',')),
                info ? QStringLiteral("success")
                     : QStringLiteral("failed: ") + info.error().message,
                m_inv.profile, clock.elapsed());
    if (!info)
        return fail(info.error());
    if (m_inv.json) {
        printJson(backupJson(*info));
        return Success;
    }
    say(QStringLiteral("Backed up %1 to %2").arg(info->database, info->path));
    say(QStringLiteral("  %1, %2, %3, verified; SHA-256 %4")
            .arg(info->format, BackupRunner::humanSize(info->sizeBytes), info->dumpTool,
                 info->sha256.left(16)));
    return Success;
}

int Cli::backups()
{
    const QString dir = m_inv.outDir.isEmpty() ? BackupCatalog::defaultDir() : m_inv.outDir;
    QStringList skipped;
    QList<BackupInfo> list = BackupCatalog::list(dir, &skipped);
    if (!m_inv.profile.isEmpty())
        list.removeIf([this](const BackupInfo &b) { return b.profile != m_inv.profile; });
    for (const QString &s : std::as_const(skipped))
        m_err << QStringLiteral("strata: warning: skipped %1\n").arg(s);
    if (m_inv.json) {
        QJsonArray array;
        for (const BackupInfo &b : std::as_const(list))
            array.append(backupJson(b));
        printJson({{QStringLiteral("dir"), dir}, {QStringLiteral("backups"), array}});
        return Success;
    }
    if (list.isEmpty()) {
        say(QStringLiteral("No backups in %1").arg(dir));
        return Success;
    }
    const QLocale locale;
    for (const BackupInfo &b : std::as_const(list)) {
        say(QStringLiteral("%1  %2").arg(
            QFileInfo(b.path).fileName(),
            locale.toString(b.createdAt.toLocalTime(), QStringLiteral("yyyy-MM-dd HH:mm:ss"))));
        say(QStringLiteral("    %1%2, %3%4, %5, at %6")
                .arg(b.profile.isEmpty() ? QString() : b.profile + QStringLiteral(": "), b.database,
                     b.format, b.schemaOnly ? QStringLiteral(" (schema only)") : QString(),
                     BackupRunner::humanSize(b.sizeBytes),
                     b.revisions.isEmpty() ? QStringLiteral("base")
                                           : b.revisions.join(QLatin1String(", "))));
    }
    return Success;
}

int Cli::restore()
{
    QString file = m_inv.arguments.value(0);
    if (!QFileInfo::exists(file) && !QDir::isAbsolutePath(file)) {
        const QString inDefault =
            QDir(m_inv.outDir.isEmpty() ? BackupCatalog::defaultDir() : m_inv.outDir)
                .filePath(file);
        if (QFileInfo::exists(inDefault))
            file = inDefault;
    }
    if (!QFileInfo::exists(file))
        return fail(
            Error::failure(QStringLiteral("no backup %1 (nor in the backup folder)").arg(file))
                .with(Error::Code::NotFound));

    // The target: --into PROFILE, else the database the command line names as usual.
    const QString targetProfile = m_inv.into.isEmpty() ? m_inv.profile : m_inv.into;
    if (!targetProfile.isEmpty()) {
        auto p = findProfile(targetProfile);
        if (!p)
            return fail(p.error());
        if (p->isProtected && m_inv.confirm != p->databaseName())
            return fail(Error::failure(
                            QStringLiteral(
                                "%1 is protected: restoring replaces its database; add --confirm "
                                "%2 to go ahead")
                                .arg(p->name, p->databaseName()))
                            .with(Error::Code::Refused));
    }
    auto migrator = openMigrator(targetProfile);
    if (!migrator)
        return fail(migrator.error());
    Migrator &m = **migrator;
    announceTarget(m);
    const auto now = m.current();
    const QString before = now ? now->join(QLatin1Char(',')) : QString();
    m.disconnect(); // pg_restore or the SQLite copy replaces what this connection sees

    RestoreRequest request;
    request.backup = file;
    request.target = m.connectionInfo();
    request.jobs = m_inv.jobs;
    BackupCallbacks callbacks;
    callbacks.progress = [&](const BackupProgress &p) { note(QStringLiteral("  %1").arg(p.text)); };
    QElapsedTimer clock;
    clock.start();
    auto restored = RestoreRunner::run(request, callbacks);
    auditBackup(QStringLiteral("restore"), m.databaseDisplay(), before,
                restored ? QStringLiteral("success")
                         : QStringLiteral("failed: ") + restored.error().message,
                targetProfile, clock.elapsed());
    if (!restored)
        return fail(restored.error());
    if (m_inv.json) {
        QJsonObject o = backupJson(*restored);
        o.insert(QStringLiteral("into"), m.databaseDisplay());
        printJson(o);
        return Success;
    }
    say(QStringLiteral("Restored %1 into %2; it is at %3 again")
            .arg(restored->path, m.databaseDisplay(),
                 restored->revisions.isEmpty() ? QStringLiteral("base")
                                               : restored->revisions.join(QLatin1String(", "))));
    return Success;
}

} // namespace strata::cli
