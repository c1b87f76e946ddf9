#include "settings/settings.h"

#include "backup/backupcatalog.h"
#include "backup/pgtools.h"
#include "profiles/lintpolicy.h"
#include "storage/privatefiles.h"

#include <QSettings>

namespace strata::gui {

namespace {

const QString kLanguage = QStringLiteral("language");
const QString kLockTimeout = QStringLiteral("runs/lockTimeoutMs");
const QString kStatementTimeout = QStringLiteral("runs/statementTimeoutMs");
const QString kBackupFolder = QStringLiteral("backups/folder");
const QString kKeep = QStringLiteral("backups/keep");
const QString kToolsFolder = QStringLiteral("tools/postgresFolder");

} // namespace

Settings Settings::load()
{
    const QSettings stored;
    Settings s;
    s.language = stored.value(kLanguage, s.language).toString();
    s.lockTimeoutMs = std::max(0, stored.value(kLockTimeout, s.lockTimeoutMs).toInt());
    s.statementTimeoutMs =
        std::max(0, stored.value(kStatementTimeout, s.statementTimeoutMs).toInt());
    s.backupFolder = stored.value(kBackupFolder, s.backupFolder).toString();
    s.keepBackups = std::max(0, stored.value(kKeep, s.keepBackups).toInt());
    s.postgresToolsFolder = stored.value(kToolsFolder, s.postgresToolsFolder).toString();
    // The lint policy lives in the core (strata::LintPolicy), which the command line reads too.
    s.protectedLint = strata::LintPolicy::onProtected();
    return s;
}

Status Settings::save() const
{
    makeFilePrivate();
    QSettings stored;
    stored.setValue(kLanguage, language);
    stored.setValue(kLockTimeout, lockTimeoutMs);
    stored.setValue(kStatementTimeout, statementTimeoutMs);
    stored.setValue(kBackupFolder, backupFolder);
    stored.setValue(kKeep, keepBackups);
    stored.setValue(kToolsFolder, postgresToolsFolder);
    return strata::LintPolicy::setOnProtected(protectedLint);
}

QString Settings::backupDir() const
{
    return backupFolder.isEmpty() ? BackupCatalog::defaultDir() : backupFolder;
}

QStringList Settings::toolDirs() const
{
    QStringList dirs = PgTools::defaultSearchDirs();
    if (!postgresToolsFolder.isEmpty())
        dirs.prepend(postgresToolsFolder);
    return dirs;
}

int Settings::keepFor(const QString &profile) const
{
    const QVariant own = QSettings().value(kKeep + QLatin1Char('/') + profile);
    return own.isValid() ? std::max(0, own.toInt()) : keepBackups;
}

void Settings::setKeepFor(const QString &profile, int keep)
{
    makeFilePrivate();
    QSettings().setValue(kKeep + QLatin1Char('/') + profile, keep);
}

void Settings::makeFilePrivate()
{
    const QSettings stored;
    if (stored.format() == QSettings::NativeFormat || stored.format() == QSettings::IniFormat)
        (void)PrivateFiles::prepareFile(stored.fileName());
}

} // namespace strata::gui
