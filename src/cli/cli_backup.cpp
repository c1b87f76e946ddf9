// strata backup, backups, restore.
#include "cli.h"

#include "backup/backupcatalog.h"
#include "backup/backuprunner.h"
#include "backup/restorerunner.h"
#include "connection/connectiondisplay.h"
#include "operations/operations.h"

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

int Cli::backup()
{
    auto migrator = openMigrator();
    if (!migrator)
        return fail(migrator.error());
    Migrator &m = **migrator;
    announceTarget(m);
    BackupRequest request;
    request.profile = m_inv.profile;
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
    auto info = Operations(m, operationContext(m_inv.profile)).backup(request, callbacks);
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
                .arg(b.profile.isEmpty() ? QString() : b.profile + QStringLiteral(": "),
                     ConnectionDisplay::readable(b.database), b.format,
                     b.schemaOnly ? QStringLiteral(" (schema only)") : QString(),
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
    auto migrator = openMigrator(targetProfile);
    if (!migrator)
        return fail(migrator.error());
    Migrator &m = **migrator;
    announceTarget(m);
    // A restore replaces the whole database: Protection says what must be typed first.
    auto guarded = confirm(GuardedAction::Restore, GuardedMode::Apply, targetProfile, &m);
    if (!guarded)
        return fail(guarded.error());
    Operations operations(m, operationContext(targetProfile));
    // What the restore replaces is backed up first (never pruned: the backup being restored
    // may be among the oldest).
    if (guarded->backupFirst)
        if (auto s = backupBefore(operations, QStringLiteral("restore")); !s)
            return fail(s.error());

    RestoreRequest request;
    request.backup = file;
    request.jobs = m_inv.jobs;
    request.noOwner = m_inv.noOwner;
    BackupCallbacks callbacks;
    callbacks.progress = [&](const BackupProgress &p) { note(QStringLiteral("  %1").arg(p.text)); };
    auto restored = operations.restore(request, callbacks);
    if (!restored)
        return fail(restored.error());
    const BackupInfo &backup = restored->backup;
    if (m_inv.json) {
        QJsonObject o = backupJson(backup);
        o.insert(QStringLiteral("into"), m.databaseDisplay());
        o.insert(QStringLiteral("owners_left_out"), restored->ownersLeftOut);
        if (!restored->ownersNote.isEmpty())
            o.insert(QStringLiteral("owners_note"), restored->ownersNote);
        printJson(o);
        return Success;
    }
    say(QStringLiteral("Restored %1 into %2; it is at %3 again")
            .arg(backup.path, m.databaseDisplay(),
                 backup.revisions.isEmpty() ? QStringLiteral("base")
                                            : backup.revisions.join(QLatin1String(", "))));
    if (!restored->ownersNote.isEmpty())
        say(QStringLiteral("Note: %1.").arg(restored->ownersNote));
    return Success;
}

} // namespace strata::cli
