#pragma once

#include <QHash>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

namespace strata {

// A `.env` file as python-dotenv reads it (https://github.com/theskumar/python-dotenv, "File
// format"): KEY=VALUE lines, an optional `export ` prefix, # comments (whole lines, or after
// whitespace in an unquoted value), single quotes (literal but for \' and \\), double quotes
// (with \n, \t, \", \\ ... escapes), CRLF line ends, and ${NAME} / ${NAME:-default} expanded
// outside single quotes, from the environment first, then from keys set earlier in the file.
class DotEnv
{
public:
    // The `.env` a project uses: in `projectRoot`, else in the nearest parent folder holding
    // one, up to the repository root (the folder holding .git, included). Without a repository
    // the walk stops below the user's home folder (`home`, not read unless it is projectRoot)
    // and below the filesystem root. Only the nearest file is read, as python-dotenv's
    // find_dotenv() does. Empty when there is none.
    static QString find(const QString &projectRoot, const QString &home);

    // Reads `path`; an unreadable or missing file gives an empty DotEnv.
    static DotEnv read(const QString &path, const QProcessEnvironment &environment);

    QString path() const { return m_path; } // empty when no file was read
    bool contains(const QString &key) const { return m_values.contains(key); }
    QString value(const QString &key) const { return m_values.value(key); }
    int line(const QString &key) const { return m_lines.value(key); } // 1-based, last setting
    QStringList keys() const { return m_values.keys(); }

private:
    QString m_path;
    QHash<QString, QString> m_values;
    QHash<QString, int> m_lines;
};

} // namespace strata
