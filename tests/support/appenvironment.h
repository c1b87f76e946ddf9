#pragma once

#include <QCoreApplication>
#include <QDir>
#include <QString>

namespace strata::test {

// Points every folder the app writes (profiles, audit log, activity log, backups, Qt's config
// and data folders) into `home`, turns the keychain off and names the application as the
// widget tests do, so a test never reads or writes the user's own files. Call once, in
// initTestCase(), before any window exists.
inline void isolateApp(const QString &home)
{
    const QDir dir(home);
    qputenv("STRATA_CONFIG_DIR", dir.filePath(QStringLiteral("config")).toUtf8());
    qputenv("STRATA_AUDIT_LOG", dir.filePath(QStringLiteral("audit.jsonl")).toUtf8());
    qputenv("STRATA_NO_KEYCHAIN", "1");
    qputenv("STRATA_LOG_DIR", dir.filePath(QStringLiteral("logs")).toUtf8());
    qputenv("STRATA_BACKUP_DIR", dir.filePath(QStringLiteral("backups")).toUtf8());
    qputenv("XDG_CONFIG_HOME", dir.filePath(QStringLiteral("xdg-config")).toUtf8());
    qputenv("XDG_DATA_HOME", dir.filePath(QStringLiteral("xdg-data")).toUtf8());
    QCoreApplication::setApplicationName(QStringLiteral("strata-test"));
    QCoreApplication::setOrganizationName(QStringLiteral("Strata"));
}

} // namespace strata::test
