#include "status/projectwatcher.h"

#include <QDir>
#include <QFileInfo>

namespace strata::gui {

namespace {

QString clean(const QString &path)
{
    return path.isEmpty() ? QString() : QDir::cleanPath(QFileInfo(path).absoluteFilePath());
}

QString parentOf(const QString &path)
{
    return QFileInfo(path).absolutePath();
}

QString iniOf(const QString &projectDir)
{
    return QDir(projectDir).filePath(QStringLiteral("strata.ini"));
}

// The nearest folder at or above path that exists, to see path come back.
QString nearestExisting(QString path)
{
    while (!path.isEmpty() && !QFileInfo(path).isDir()) {
        const QString up = parentOf(path);
        if (up == path)
            return {};
        path = up;
    }
    return path;
}

} // namespace

ProjectWatcher::ProjectWatcher(QObject *parent) : QObject(parent)
{
    m_quiet.setSingleShot(true);
    m_quiet.setInterval(quietMs);
    connect(&m_quiet, &QTimer::timeout, this, [this] {
        const QSet<QString> due = std::exchange(m_due, {});
        for (const QString &profile : due)
            if (m_profiles.contains(profile))
                Q_EMIT projectChanged(profile);
    });
    connect(&m_watcher, &QFileSystemWatcher::directoryChanged, this, &ProjectWatcher::pathChanged);
    connect(&m_watcher, &QFileSystemWatcher::fileChanged, this, &ProjectWatcher::pathChanged);
}

void ProjectWatcher::watch(const QString &profile, const QString &projectDir,
                           const QString &versionsDir)
{
    Watched w;
    w.projectDir = clean(projectDir);
    w.versionsDir = versionsDir.isEmpty() ? QDir(w.projectDir).filePath(QStringLiteral("versions"))
                                          : clean(versionsDir);
    w.present = QFileInfo::exists(iniOf(w.projectDir));
    if (w.projectDir.isEmpty()) {
        forget(profile);
        return;
    }
    m_profiles.insert(profile, w);
    rewatch();
}

void ProjectWatcher::forget(const QString &profile)
{
    if (m_profiles.remove(profile))
        rewatch();
    m_due.remove(profile);
}

QStringList ProjectWatcher::watchedPaths() const
{
    return m_watcher.files() + m_watcher.directories();
}

void ProjectWatcher::rewatch()
{
    QSet<QString> wanted;
    for (const Watched &w : std::as_const(m_profiles)) {
        for (const QString &path :
             {w.projectDir, iniOf(w.projectDir), w.versionsDir, parentOf(w.projectDir)})
            if (QFileInfo::exists(path))
                wanted.insert(path);
        if (!QFileInfo::exists(w.projectDir))
            if (const QString up = nearestExisting(w.projectDir); !up.isEmpty())
                wanted.insert(up);
    }
    const QStringList watched = watchedPaths();
    QStringList stale;
    for (const QString &path : watched)
        if (!wanted.contains(path))
            stale.append(path);
    if (!stale.isEmpty())
        m_watcher.removePaths(stale);
    QStringList fresh;
    for (const QString &path : std::as_const(wanted))
        if (!watched.contains(path))
            fresh.append(path);
    if (!fresh.isEmpty())
        m_watcher.addPaths(fresh);
}

void ProjectWatcher::pathChanged(const QString &changed)
{
    const QString path = clean(changed);
    for (auto it = m_profiles.begin(); it != m_profiles.end(); ++it) {
        Watched &w = *it;
        const bool present = QFileInfo::exists(iniOf(w.projectDir));
        // A folder above the project changes for many reasons; only the project's coming or
        // going counts there.
        const bool inside = path == w.projectDir || path == w.versionsDir ||
                            path == iniOf(w.projectDir) ||
                            path.startsWith(w.projectDir + QLatin1Char('/'));
        if (inside || present != w.present)
            m_due.insert(it.key());
        w.present = present;
    }
    rewatch(); // a replaced strata.ini, a new versions folder, a project that came back
    if (!m_due.isEmpty())
        m_quiet.start();
}

} // namespace strata::gui
