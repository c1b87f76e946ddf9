#pragma once

#include "project/migration.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>
#include <string>
#include <vector>

namespace strata {

// Parsed migration files kept between runs, so a command on a project of ten thousand
// migrations reads one file instead of ten thousand. A file's entry is used only while its
// size, modification and change times (ns), inode and device are those recorded, and only when
// it is not "racy": a file whose mtime or ctime is not at least two seconds older than the
// moment the cache's contents were taken may have changed again within the same timestamp
// (ext4 stamps in coarse clock ticks, some file systems in whole or even two seconds), so it is
// read again, as git treats racily clean index entries (Documentation/technical/racy-git.txt).
//
// Where: one file per project and program under the user's cache folder
// ($XDG_CACHE_HOME/strata/projects, else ~/.cache/strata/projects), folder mode 0700, file mode
// 0600. Not in the project: it is never committed, needs no .gitignore entry, works on
// read-only checkouts and shared folders, and two clones never share (or fight over) an entry.
// The running program's file (path, size, mtime) is part of the key, so a rebuilt parser never
// reads what an older one wrote. STRATA_NO_CACHE=1 turns it off; STRATA_CACHE_DIR moves it.
//
// Use: load(), then for each file of the folder in name order find() (a hit) or parse it, and
// put() it either way; finally save() with the migrations put, which writes only on change.
class ProjectCache
{
public:
    // What identifies one version of a file, from stat(2).
    struct Key
    {
        qint64 size = -1;
        qint64 mtimeNs = 0;
        qint64 ctimeNs = 0;
        quint64 inode = 0;
        quint64 device = 0;
        bool operator==(const Key &) const = default;
    };

    // The cache of the versions folder `versionsDir` (absolute), when this program wrote one;
    // empty otherwise (a missing, foreign or damaged cache is no error). takenAtNs: the wall
    // clock (ns since the epoch) before this run stat'ed any file; what the entries written by
    // this run are judged racy against when the cache is next read.
    static ProjectCache load(const QString &versionsDir, qint64 takenAtNs);
    static qint64 nowNs();

    // The parsed migration recorded for file `name` when the file is still the one parsed and
    // not racy. Names must come in ascending order (as Project lists them).
    std::optional<Migration> find(const std::string &name, const Key &key);
    // Records that file `name` (with `key`) is migrations[index] of save()'s list.
    void put(const std::string &name, const Key &key, qsizetype index);
    // Writes the entries put() when they differ from those read, atomically (a temporary file
    // renamed). Failing to write is no error: the next run reads the files.
    void save(const QList<Migration> &migrations);

    int hits() const { return m_hits; }

private:
    struct Loaded
    {
        std::string name;
        Key key;
        qsizetype offset = 0; // of the migration's fields in m_bytes
    };
    struct Put
    {
        std::string name;
        Key key;
        qsizetype index = 0;
    };
    bool racy(const Key &key) const;

    QString m_path;
    QString m_versionsDir;
    QByteArray m_identity;
    qint64 m_takenAtNs = 0;       // this run's
    qint64 m_loadedTakenAtNs = 0; // of the cache read
    QByteArray m_bytes;           // the cache file
    std::vector<Loaded> m_loaded; // in name order
    std::size_t m_cursor = 0;
    std::vector<Put> m_put;
    int m_hits = 0;
    bool m_changed = false;
};

} // namespace strata
