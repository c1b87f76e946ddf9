#pragma once

#include "error.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace strata {

// One backup as its catalogue entry describes it: a JSON file beside it ("<backup>.json").
struct BackupInfo
{
    QString path;     // the backup: a file, or a folder for pg_dump's directory format
    QString format;   // custom, directory, plain, tar; "sqlite" for a SQLite copy
    QString engine;   // postgresql, sqlite
    QString profile;  // empty when none was used
    QString database; // display form, never a password
    QString serverVersion;
    QStringList revisions; // the database's version rows when it was taken
    qint64 sizeBytes = 0;
    QString sha256; // hex, of the file (or of a folder's files, in name order)
    QDateTime createdAt;
    qint64 durationMs = 0;
    QString toolVersion; // Strata's
    QString dumpTool;    // "pg_dump 15.5", "SQLite 3.40.1"
    bool schemaOnly = false;
    int jobs = 1;
    int compression = -1; // -1: the tool's default
    // PostgreSQL: which database this is, whatever the URL said: the server's
    // pg_control_system().system_identifier and current_database(). Empty in catalogues written
    // before they were recorded (or when the server would not tell).
    QString systemIdentifier;
    QString databaseName;

    QString catalogFile() const { return path + QStringLiteral(".json"); }
    QJsonObject toJson() const;
    static Result<BackupInfo> fromJson(const QJsonObject &object, const QString &catalogFile);
};

// The backups of a folder, read from their catalogue entries; checksums, retention.
class BackupCatalog
{
public:
    // ~/.local/share/strata/backups, or $STRATA_BACKUP_DIR. BackupRunner makes the default
    // folder 0700 (and tightens it) and each backup 0600 from its first byte.
    static QString defaultDir();

    // Every catalogued backup in dir, newest first. Entries that do not read are skipped and
    // named in *skipped (when given).
    static QList<BackupInfo> list(const QString &dir, QStringList *skipped = nullptr);
    // The entry beside a backup (its path, or its ".json").
    static Result<BackupInfo> read(const QString &backupOrCatalog);
    // Replaces the entry atomically, mode 0600 like the backup (PrivateFiles).
    static Status write(const BackupInfo &info);

    // SHA-256 of a file, or of a folder's files (names and contents, sorted by name).
    static Result<QString> checksum(const QString &path);
    // The backup is there and its checksum is the catalogued one; else an error naming it.
    static Status verifyChecksum(const BackupInfo &info);

    // Deletes all but the newest `keep` backups of `profile` (by database when profile is
    // empty) in dir; returns the paths removed.
    static QStringList prune(const QString &dir, const BackupInfo &newest, int keep);
    static Status remove(const BackupInfo &info);
};

} // namespace strata
