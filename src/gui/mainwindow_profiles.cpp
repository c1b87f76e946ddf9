// MainWindow, part two: profiles and their passwords (creating, editing, importing, saving,
// deleting; the keychain and the password prompt). The main part is mainwindow.cpp.

#include "mainwindow.h"

#include "audit/auditlog.h"
#include "audit/auditmodel.h"
#include "authoring/newmigrationdialog.h"
#include "connection/connectioninfo.h"
#include "history/graphdelegate.h"
#include "history/historymodel.h"
#include "jobs/confirmrundialog.h"
#include "jobs/jobcontroller.h"
#include "jobs/runscontroller.h"
#include "jobs/stampdialog.h"
#include "log/activitylog.h"
#include "log/logdock.h"
#include "pending/planmodel.h"
#include "pending/sqlview.h"
#include "profiles/passworddialog.h"
#include "profiles/passwordvault.h"
#include "profiles/profiledialog.h"
#include "profiles/profiledock.h"
#include "profiles/profilestore.h"
#include "ui_mainwindow.h"

#include <QCloseEvent>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QHeaderView>
#include <QInputDialog>
#include <QMessageBox>
#include <QRegularExpression>
#include <QSaveFile>
#include <QSettings>
#include <QSortFilterProxyModel>
#include <QStandardPaths>
#include <QTreeWidget>

#include <spdlog/spdlog.h>

namespace strata::gui {

void MainWindow::maybeAskPassword(const QString &name, const QString &problem, Error::Code code)
{
    const Profile *p = profile(name);
    if (!p || p->engine != Profile::Engine::Postgres || code != Error::Code::AuthenticationFailed ||
        (m_session && m_session->profile.name == name))
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

void MainWindow::promptPassword(const QString &name)
{
    m_passwordState.insert(name, PasswordState::Prompted);
    // Asked after the current signal returns, so the prompt never nests inside a refresh.
    QTimer::singleShot(0, this, [this, name] {
        const Profile *p = profile(name);
        if (!p)
            return;
        PasswordDialog dialog(name, p->displayTarget(),
                              p->user.isEmpty() ? tr("the default user") : p->user,
                              m_passwordProblem.value(name), this);
        if (dialog.exec() != QDialog::Accepted)
            return;
        if (dialog.remember())
            m_vault->write(name, dialog.password());
        setSessionPassword(name, dialog.password());
    });
}

void MainWindow::setPasswordVault(PasswordVault *vault)
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
        logLine(tr("%1: no password from the keychain (%2).").arg(name, why));
        promptPassword(name);
    });
    connect(vault, &PasswordVault::written, this,
            [this](const QString &name, bool ok, const QString &message) {
                if (!ok)
                    statusBar()->showMessage(
                        tr("The keychain did not keep the password of %1: %2").arg(name, message),
                        10000);
            });
}

void MainWindow::setSessionPassword(const QString &name, const QString &password)
{
    m_passwords.insert(name, password);
    const Profile *p = profile(name);
    if (!p)
        return;
    controller(name)->setOptions(optionsFor(*p));
    refresh(name);
}

QString MainWindow::exampleProjectDir()
{
    const QString installed = QDir(QCoreApplication::applicationDirPath())
                                  .filePath(QStringLiteral(STRATA_INSTALLED_EXAMPLE_DIR));
    // An installed app prefers its own copy: the source tree it was built from may be gone.
    for (const QString &dir : {installed, QStringLiteral(STRATA_EXAMPLE_DIR)}) {
        if (QFileInfo::exists(QDir(dir).filePath(QStringLiteral("strata.ini"))))
            return dir;
    }
    return {};
}

void MainWindow::openProject(const QString &projectDir, const QString &url)
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
    showProfiles();
    selectProfile(p.name);
    refresh(p.name);
}

void MainWindow::openExample()
{
    const QString project = exampleProjectDir();
    if (project.isEmpty())
        return;
    Profile p = Profile::forEnvironment(QStringLiteral("Development"));
    p.name = tr("Example shop (SQLite)");
    p.projectDir = project;
    const QString dataDir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    QDir().mkpath(dataDir);
    p.sqliteFile = QDir(dataDir).filePath(QStringLiteral("example-shop.db"));
    saveProfile(p, profile(p.name) ? p.name : QString());
    selectProfile(p.name);
}

void MainWindow::saveProfile(const Profile &p, const QString &oldName)
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
    if (auto s = ProfileStore(ProfileStore::defaultFilePath()).save(next); !s) {
        QMessageBox::critical(this, tr("Profiles Not Saved"), s.error().toString());
        return;
    }
    m_profiles = next;
    if (!oldName.isEmpty()) {
        dropController(oldName);
        if (oldName != p.name) {
            m_passwords.insert(p.name, m_passwords.take(oldName));
            m_vault->remove(oldName); // stored under the old name; asked again when needed
        }
        if (m_current == oldName)
            m_current = p.name;
    }
    logLine(replaced ? tr("Profile %1 saved.").arg(p.name) : tr("Profile %1 added.").arg(p.name));
    showProfiles();
    if (m_current.isEmpty())
        m_current = p.name;
    selectProfile(m_current);
    refresh(p.name);
}

void MainWindow::deleteProfile(const QString &name)
{
    QList<Profile> next = m_profiles;
    next.removeIf([&name](const Profile &p) { return p.name == name; });
    if (auto s = ProfileStore(ProfileStore::defaultFilePath()).save(next); !s) {
        QMessageBox::critical(this, tr("Profiles Not Saved"), s.error().toString());
        return;
    }
    m_profiles = next;
    dropController(name);
    m_passwords.remove(name);
    m_passwordState.remove(name);
    m_vault->remove(name);
    logLine(tr("Profile %1 deleted.").arg(name));
    if (m_current == name) {
        m_current.clear();
        if (m_session)
            m_current = m_session->profile.name;
        else if (!m_profiles.isEmpty())
            m_current = m_profiles.first().name;
    }
    showProfiles();
    if (!m_current.isEmpty())
        selectProfile(m_current);
    else
        showCurrent();
}

void MainWindow::newProfile()
{
    QStringList taken;
    for (const Profile &p : std::as_const(m_profiles))
        taken << p.name;
    Profile fresh = Profile::forEnvironment(QStringLiteral("Development"));
    fresh.engine = Profile::Engine::Postgres;
    ProfileDialog dialog(fresh, taken, this);
    if (dialog.exec() == QDialog::Accepted) {
        const Profile p = dialog.profile();
        saveProfile(p);
        selectProfile(p.name);
    }
}

void MainWindow::editProfile(const QString &name)
{
    const Profile *p = profile(name);
    if (!p || (m_session && name == m_session->profile.name))
        return;
    if (JobController *c = m_controllers.value(name);
        m_runs->isBusy(name) || (c && c->isRunning())) {
        QMessageBox::information(this, tr("Edit Profile"),
                                 tr("%1 is running a job; edit it when the job ends.").arg(name));
        return;
    }
    QStringList taken;
    for (const Profile &other : std::as_const(m_profiles)) {
        if (other.name != name)
            taken << other.name;
    }
    ProfileDialog dialog(*p, taken, this);
    if (dialog.exec() == QDialog::Accepted)
        saveProfile(dialog.profile(), name);
}

void MainWindow::importService()
{
    QString start = qEnvironmentVariable("PGSERVICEFILE");
    if (start.isEmpty())
        start = QDir::home().filePath(QStringLiteral(".pg_service.conf"));
    const QString file = QFileDialog::getOpenFileName(this, tr("Import pg_service.conf"), start,
                                                      tr("Service files (*.conf);;All files (*)"));
    if (file.isEmpty())
        return;
    auto imported = ProfileStore::importPgService(file);
    if (!imported) {
        QMessageBox::warning(this, tr("Import pg_service.conf"), imported.error().toString());
        return;
    }
    int added = 0;
    for (const Profile &p : std::as_const(*imported)) {
        if (profile(p.name))
            continue;
        m_profiles.append(p);
        ++added;
    }
    if (auto s = ProfileStore(ProfileStore::defaultFilePath()).save(m_profiles); !s)
        QMessageBox::critical(this, tr("Profiles Not Saved"), s.error().toString());
    showProfiles();
    refreshAll();
    statusBar()->showMessage(
        tr("%n service(s) imported; choose each one's migration project with Edit Profile.",
           nullptr, added),
        10000);
}

void MainWindow::importProfiles()
{
    const QString file = QFileDialog::getOpenFileName(this, tr("Import Profiles"), {},
                                                      tr("Strata profiles (*.json)"));
    if (file.isEmpty())
        return;
    auto imported = ProfileStore::importFrom(file);
    if (!imported) {
        QMessageBox::warning(this, tr("Import Profiles"), imported.error().toString());
        return;
    }
    QStringList skipped;
    for (const Profile &p : std::as_const(*imported)) {
        if (profile(p.name))
            skipped << p.name;
        else
            m_profiles.append(p);
    }
    if (auto s = ProfileStore(ProfileStore::defaultFilePath()).save(m_profiles); !s)
        QMessageBox::critical(this, tr("Profiles Not Saved"), s.error().toString());
    showProfiles();
    refreshAll();
    if (!skipped.isEmpty())
        QMessageBox::information(
            this, tr("Import Profiles"),
            tr("Already present, not imported: %1").arg(skipped.join(QLatin1String(", "))));
}

void MainWindow::exportProfiles()
{
    const QString file = QFileDialog::getSaveFileName(this, tr("Export Profiles"),
                                                      QStringLiteral("strata-profiles.json"),
                                                      tr("Strata profiles (*.json)"));
    if (file.isEmpty())
        return;
    if (auto s = ProfileStore::exportTo(file, m_profiles); !s)
        QMessageBox::critical(this, tr("Export Profiles"), s.error().toString());
    else
        statusBar()->showMessage(
            tr("%n profile(s) exported, without passwords.", nullptr, int(m_profiles.size())),
            10000);
}

} // namespace strata::gui
