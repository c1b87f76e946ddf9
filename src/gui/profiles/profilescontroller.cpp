#include "profiles/profilescontroller.h"

#include "connection/connectioninfo.h"
#include "profiles/exampleproject.h"
#include "profiles/passworddialog.h"
#include "profiles/passwordvault.h"
#include "profiles/profiledialog.h"
#include "profiles/profilestore.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QMainWindow>
#include <QMessageBox>
#include <QStandardPaths>
#include <QStatusBar>

namespace strata::gui {

ProfilesController::ProfilesController(QWidget *window, QObject *parent)
    : QObject(parent), m_window(window)
{
}

ProfilesController::~ProfilesController() = default;

Status ProfilesController::load()
{
    auto loaded = ProfileStore(ProfileStore::defaultFilePath()).load();
    if (!loaded) {
        m_profiles.clear();
        Q_EMIT profilesChanged();
        return loaded.error();
    }
    m_profiles = *loaded;
    Q_EMIT profilesChanged();
    return {};
}

QList<Profile> ProfilesController::all() const
{
    QList<Profile> shown = m_profiles;
    if (m_session)
        shown.prepend(m_session->profile);
    return shown;
}

QStringList ProfilesController::names() const
{
    QStringList names;
    for (const Profile &p : all())
        names.append(p.name);
    return names;
}

const Profile *ProfilesController::profile(const QString &name) const
{
    if (m_session && m_session->profile.name == name)
        return &m_session->profile;
    for (const Profile &p : m_profiles) {
        if (p.name == name)
            return &p;
    }
    return nullptr;
}

bool ProfilesController::isSession(const QString &name) const
{
    return m_session && m_session->profile.name == name;
}

MigratorOptions ProfilesController::optionsFor(const Profile &p) const
{
    MigratorOptions options;
    options.projectDir = p.projectDir;
    options.versionTable = p.versionTable;
    options.schema = p.schema;
    if (isSession(p.name))
        options.url = m_session->url;
    else
        options.url = p.url(m_passwords.value(p.name));
    return options;
}

bool ProfilesController::store(const QList<Profile> &next)
{
    if (auto s = ProfileStore(ProfileStore::defaultFilePath()).save(next); !s) {
        QMessageBox::critical(m_window, tr("Profiles Not Saved"), s.error().toString());
        return false;
    }
    m_profiles = next;
    return true;
}

bool ProfilesController::save(const Profile &p, const QString &oldName)
{
    QList<Profile> next = m_profiles;
    bool replaced = false;
    for (Profile &existing : next) {
        if (!oldName.isEmpty() && existing.name == oldName) {
            existing = p;
            replaced = true;
        }
    }
    if (!replaced)
        next.append(p);
    if (!store(next))
        return false;
    if (!oldName.isEmpty() && oldName != p.name) {
        m_passwords.insert(p.name, m_passwords.take(oldName));
        m_passwordState.remove(oldName);
        m_vault->remove(oldName); // stored under the old name; asked again when needed
    }
    Q_EMIT logLine(replaced ? tr("Profile %1 saved.").arg(p.name)
                            : tr("Profile %1 added.").arg(p.name));
    Q_EMIT profilesChanged();
    Q_EMIT profileSaved(p.name, oldName);
    return true;
}

bool ProfilesController::remove(const QString &name)
{
    QList<Profile> next = m_profiles;
    next.removeIf([&name](const Profile &p) { return p.name == name; });
    if (!store(next))
        return false;
    m_passwords.remove(name);
    m_passwordState.remove(name);
    m_passwordProblem.remove(name);
    m_vault->remove(name);
    Q_EMIT logLine(tr("Profile %1 deleted.").arg(name));
    Q_EMIT profilesChanged();
    Q_EMIT profileRemoved(name);
    return true;
}

QString ProfilesController::exampleProjectDir()
{
    return ExampleProject::shipped();
}

QString ProfilesController::openProject(const QString &projectDir, const QString &url)
{
    m_session = std::make_unique<Session>();
    Profile &p = m_session->profile;
    const QString absolute = QFileInfo(projectDir).absoluteFilePath();
    p.name = tr("%1 (this session)").arg(QFileInfo(absolute).fileName());
    p.environment = tr("Opened");
    p.colour = QStringLiteral("#546e7a");
    p.projectDir = absolute;
    m_session->url = url;
    if (!url.isEmpty()) {
        if (auto info = ConnectionResolver::parseUrl(url, absolute);
            info && info->engine == ConnectionInfo::Engine::Sqlite) {
            p.engine = Profile::Engine::Sqlite;
            p.sqliteFile = info->sqlitePath;
        } else {
            p.engine = Profile::Engine::Postgres;
        }
    }
    Q_EMIT profilesChanged();
    return p.name;
}

QString ProfilesController::openExample()
{
    // The shipped project is read-only (the install tree): the profile points at a copy in the
    // user's data folder, where new migrations and the database can be written.
    auto project = ExampleProject::copyTo(ExampleProject::defaultCopyDir());
    if (!project) {
        QMessageBox::critical(
            m_window, tr("Example Project"),
            tr("The example project could not be copied: %1").arg(project.error().toString()));
        return {};
    }
    Profile p = Profile::forEnvironment(QStringLiteral("Development"));
    p.name = tr("Example shop (SQLite)");
    p.projectDir = *project;
    p.sqliteFile = QDir(*project).filePath(QStringLiteral("example-shop.db"));
    if (!save(p, profile(p.name) ? p.name : QString()))
        return {};
    const QString where =
        tr("The example project is in %1, its database is %2.")
            .arg(QDir::toNativeSeparators(*project), QDir::toNativeSeparators(p.sqliteFile));
    Q_EMIT logLine(where);
    if (auto *window = qobject_cast<QMainWindow *>(m_window))
        window->statusBar()->showMessage(where, 15000);
    return p.name;
}

void ProfilesController::newProfile()
{
    QStringList taken;
    for (const Profile &p : std::as_const(m_profiles))
        taken << p.name;
    Profile fresh = Profile::forEnvironment(QStringLiteral("Development"));
    fresh.engine = Profile::Engine::Postgres;
    ProfileDialog dialog(fresh, taken, m_window);
    if (dialog.exec() != QDialog::Accepted) // asked from a menu, not from a worker's answer
        return;
    const Profile p = dialog.profile();
    if (save(p))
        Q_EMIT selectRequested(p.name);
}

void ProfilesController::editProfile(const QString &name)
{
    const Profile *p = profile(name);
    if (!p || isSession(name))
        return;
    QStringList taken;
    for (const Profile &other : std::as_const(m_profiles)) {
        if (other.name != name)
            taken << other.name;
    }
    ProfileDialog dialog(*p, taken, m_window);
    if (dialog.exec() == QDialog::Accepted) // asked from a menu, not from a worker's answer
        save(dialog.profile(), name);
}

void ProfilesController::importService()
{
    QString start = qEnvironmentVariable("PGSERVICEFILE");
    if (start.isEmpty())
        start = QDir::home().filePath(QStringLiteral(".pg_service.conf"));
    const QString file = QFileDialog::getOpenFileName(m_window, tr("Import pg_service.conf"), start,
                                                      tr("Service files (*.conf);;All files (*)"));
    if (file.isEmpty())
        return;
    auto imported = ProfileStore::importPgService(file);
    if (!imported) {
        QMessageBox::warning(m_window, tr("Import pg_service.conf"), imported.error().toString());
        return;
    }
    QList<Profile> next = m_profiles;
    int added = 0;
    for (const Profile &p : std::as_const(*imported)) {
        if (profile(p.name))
            continue;
        next.append(p);
        ++added;
    }
    store(next);
    Q_EMIT profilesChanged();
    Q_EMIT this->imported();
    Q_EMIT statusMessage(
        tr("%n service(s) imported; choose each one's migration project with Edit Profile.",
           nullptr, added),
        10000);
}

void ProfilesController::importProfiles()
{
    const QString file = QFileDialog::getOpenFileName(m_window, tr("Import Profiles"), {},
                                                      tr("Strata profiles (*.json)"));
    if (file.isEmpty())
        return;
    auto imported = ProfileStore::importFrom(file);
    if (!imported) {
        QMessageBox::warning(m_window, tr("Import Profiles"), imported.error().toString());
        return;
    }
    QList<Profile> next = m_profiles;
    QStringList skipped;
    for (const Profile &p : std::as_const(*imported)) {
        if (profile(p.name))
            skipped << p.name;
        else
            next.append(p);
    }
    store(next);
    Q_EMIT profilesChanged();
    Q_EMIT this->imported();
    if (!skipped.isEmpty())
        QMessageBox::information(
            m_window, tr("Import Profiles"),
            tr("Already present, not imported: %1").arg(skipped.join(QLatin1String(", "))));
}

void ProfilesController::exportProfiles()
{
    const QString file = QFileDialog::getSaveFileName(m_window, tr("Export Profiles"),
                                                      QStringLiteral("strata-profiles.json"),
                                                      tr("Strata profiles (*.json)"));
    if (file.isEmpty())
        return;
    if (auto s = ProfileStore::exportTo(file, m_profiles); !s)
        QMessageBox::critical(m_window, tr("Export Profiles"), s.error().toString());
    else
        Q_EMIT statusMessage(
            tr("%n profile(s) exported, without passwords.", nullptr, int(m_profiles.size())),
            10000);
}

void ProfilesController::setSessionPassword(const QString &name, const QString &password)
{
    m_passwords.insert(name, password);
    if (profile(name))
        Q_EMIT passwordChanged(name);
}

void ProfilesController::setPasswordVault(PasswordVault *vault)
{
    delete m_vault;
    m_vault = vault;
    vault->setParent(this);
    connect(vault, &PasswordVault::found, this,
            [this](const QString &name, const QString &password) {
                if (profile(name))
                    setSessionPassword(name, password);
            });
    connect(vault, &PasswordVault::missing, this, [this](const QString &name, const QString &why) {
        if (!profile(name))
            return;
        Q_EMIT logLine(tr("%1: no password from the keychain (%2).").arg(name, why));
        promptPassword(name);
    });
    connect(vault, &PasswordVault::written, this,
            [this](const QString &name, bool ok, const QString &message) {
                if (!ok)
                    Q_EMIT statusMessage(
                        tr("The keychain did not keep the password of %1: %2").arg(name, message),
                        10000);
            });
}

void ProfilesController::maybeAskPassword(const QString &name, const QString &problem,
                                          Error::Code code)
{
    const Profile *p = profile(name);
    if (!p || p->engine != Profile::Engine::Postgres || code != Error::Code::AuthenticationFailed ||
        isSession(name))
        return;
    m_passwordProblem.insert(name, problem);
    switch (m_passwordState.value(name, PasswordState::None)) {
    case PasswordState::None:
        // First the keychain; a person is asked only when it has nothing that works.
        m_passwordState.insert(name, PasswordState::FromVault);
        m_vault->read(name);
        return;
    case PasswordState::FromVault:
        promptPassword(name);
        return;
    case PasswordState::Prompted:
        return; // once per session; Refresh asks again
    }
}

void ProfilesController::promptPassword(const QString &name)
{
    m_passwordState.insert(name, PasswordState::Prompted);
    const Profile *p = profile(name);
    if (!p)
        return;
    // Asked while a worker's answer is being handled: opened, never exec()'d.
    auto *dialog = new PasswordDialog(name, p->displayTarget(),
                                      p->user.isEmpty() ? tr("the default user") : p->user,
                                      m_passwordProblem.value(name), m_window);
    connect(dialog, &QDialog::finished, this, [this, name, dialog](int result) {
        dialog->deleteLater();
        if (result != QDialog::Accepted || !profile(name))
            return;
        if (dialog->remember())
            m_vault->write(name, dialog->password());
        setSessionPassword(name, dialog->password());
    });
    dialog->open();
}

} // namespace strata::gui
