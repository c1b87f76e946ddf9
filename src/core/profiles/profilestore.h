#pragma once

#include "error.h"
#include "profiles/profile.h"

#include <QList>
#include <QString>

namespace strata {

// The saved profiles of one user: a JSON file ({"version":1,"profiles":[...]}) in the user's
// config folder. Saving writes a new file and renames it over the old one, so a crash never
// leaves half a file.
class ProfileStore
{
public:
    explicit ProfileStore(QString filePath);

    // $STRATA_CONFIG_DIR/profiles.json when that variable is set (tests), else
    // ~/.config/Strata/strata/profiles.json, for the desktop app and the command line alike.
    static QString defaultFilePath();

    QString filePath() const { return m_filePath; }

    // A missing file is an empty list; a broken one an error naming the file and the profile.
    Result<QList<Profile>> load() const;
    // Replaces the file atomically, mode 0600 in a 0700 folder (PrivateFiles): which hosts,
    // databases and users exist is for its owner. Errors name the path.
    Status save(const QList<Profile> &profiles) const;

    // Export and import for sharing with a team: the same JSON, never a secret.
    static Status exportTo(const QString &file, const QList<Profile> &profiles);
    static Result<QList<Profile>> importFrom(const QString &file);

    // One PostgreSQL profile per section of a pg_service.conf file ([name] host=... dbname=...),
    // using the service name, so libpq reads the rest (passwords stay in the file or .pgpass).
    // Errors name the file and line.
    static Result<QList<Profile>> importPgService(const QString &file);

private:
    QString m_filePath;
};

} // namespace strata
