#pragma once

#include <QFileSystemWatcher>
#include <QHash>
#include <QObject>
#include <QSet>
#include <QString>
#include <QStringList>
#include <QTimer>

namespace strata::gui {

// Watches each profile's migration project on disk (QFileSystemWatcher): strata.ini, the
// project folder, its migrations folder, and the folder above it (to see the project moved or
// deleted). A change, by the app, the CLI or an editor, is reported once per profile after a
// short quiet period (projectChanged), so every profile of the project is read again.
class ProjectWatcher : public QObject
{
    Q_OBJECT

public:
    explicit ProjectWatcher(QObject *parent = nullptr);

    // Watches profile's project: projectDir as the profile names it, versionsDir when known
    // (empty: projectDir/versions). Calling it again updates the paths (a folder that came
    // back is watched again).
    void watch(const QString &profile, const QString &projectDir, const QString &versionsDir = {});
    void forget(const QString &profile);
    QStringList watchedPaths() const;

    static constexpr int quietMs = 300; // changes closer together than this are one

Q_SIGNALS:
    void projectChanged(QString profile);

private:
    struct Watched
    {
        QString projectDir;
        QString versionsDir;
        bool present = false; // whether projectDir/strata.ini existed when last looked
    };

    void rewatch();
    void pathChanged(const QString &path);

    QFileSystemWatcher m_watcher;
    QHash<QString, Watched> m_profiles;
    QSet<QString> m_due; // profiles to report when the quiet period ends
    QTimer m_quiet;
};

} // namespace strata::gui
