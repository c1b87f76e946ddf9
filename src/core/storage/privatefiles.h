#pragma once

#include "error.h"

#include <QByteArray>
#include <QFile>
#include <QList>
#include <QString>

#include <functional>

namespace strata {

// Strata's own files under the person's config, data and cache folders (profiles and settings,
// the audit log, the activity log, rollback reports, the project cache, backups and their
// catalogue) say which production hosts exist, who changed what and the SQL of every rollback:
// they are readable by their owner alone, folders 0700 and files 0600 as ssh and libpq's .pgpass
// expect, whatever the umask. The mode is given when a file or folder is made (open(2) and
// mkdir(2) with the mode, QSaveFile's temporary file set before a byte is written), never
// afterwards; a file or folder an older version made more openly is tightened on the next
// write, and said once (noticeHandler).
//
// Strata's own top folder for a path (ownRoot) is the first folder named "strata" (any case)
// below the XDG config, data or cache folder that holds it (~/.config/Strata,
// ~/.local/share/strata, ~/.local/share/Strata, ~/.cache/strata). Folders and files from that
// top folder down are Strata's and tightened; folders above it are the person's and left as
// they are (missing ones are made 0700, as the XDG base directory specification asks). A path
// elsewhere ($STRATA_AUDIT_LOG, $STRATA_CONFIG_DIR, `backup --out`: a place the person chose,
// perhaps a team's shared folder) gets new files 0600 and new folders 0700, but what is there
// keeps its mode, except a file Strata replaces whole (writeFile), which is new each time.
//
// Files written into the person's project (migrations, strata.ini) are not Strata's own and
// keep the project's normal modes: never write them through this class.
//
// Errors are failures whose message names the path and the system's reason.
class PrivateFiles
{
public:
    // A file or folder found open to others and made private; modes are permission bits
    // (0644, 0755).
    struct Tightened
    {
        QString path;
        unsigned modeBefore = 0;
        unsigned modeAfter = 0;
        bool isFolder = false;
    };
    using TightenedList = QList<Tightened>;

    static constexpr unsigned kFolderMode = 0700;
    static constexpr unsigned kFileMode = 0600;

    // Makes `folder` and its missing parents (each made 0700), and tightens the folders from
    // ownRoot(folder) down to it (none when it is empty). Errors: a folder that cannot be made
    // (with the reason).
    static Result<TightenedList> ensureFolder(const QString &folder);
    // Replaces `path` with `bytes` atomically (QSaveFile; the temporary file is 0600 before the
    // first byte), in a folder made by ensureFolder. Errors name the path and the reason.
    static Result<TightenedList> writeFile(const QString &path, const QByteArray &bytes);
    // Opens `path` for appending (O_APPEND: each write goes to the end, whoever else appends),
    // creating it 0600, tightening an existing one in Strata's own folders; `file` gets the
    // descriptor and closes it. `readToo` opens it read-write (to read the last line under a lock
    // before appending).
    static Result<TightenedList> openAppend(const QString &path, QFile &file, bool readToo = false);
    // For writers that open the file themselves (spdlog, QSettings, SQLite, pg_dump), which
    // keep an existing file's mode: makes the folder as ensureFolder does, then the file empty
    // with 0600 when it is missing, or tightens it when it is there (in Strata's own folders).
    static Result<TightenedList> prepareFile(const QString &path);
    // Makes `path` an empty file with mode 0600 in a folder that is there, leaving the folder
    // as it is (a folder the person chose, such as `backup --out`). Errors: the file exists, or
    // cannot be made.
    static Status createEmpty(const QString &path);
    // Tightens `path` (a file or a folder) if it exists in Strata's own folders (ownRoot) and
    // others may use it; nothing else.
    static Result<TightenedList> tighten(const QString &path);

    // Strata's own top folder holding `folder` (absolute or relative), as described above;
    // empty when `folder` is not in one.
    static QString ownRoot(const QString &folder);

    // Who hears of each tightened path, once per path and process: the app's Activity log, the
    // command line's stderr. Notices from before a handler is set are kept and handed to it
    // when it is set. Thread-safe; the handler runs on the thread that tightened.
    using NoticeHandler = std::function<void(const Tightened &)>;
    static void setNoticeHandler(NoticeHandler handler);
    // "made ~/.config/Strata/strata/profiles.json private (0644 -> 0600): an older version
    // created it readable by other users", for the command line.
    static QString noticeText(const Tightened &tightened);
};

} // namespace strata
