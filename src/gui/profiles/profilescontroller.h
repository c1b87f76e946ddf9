#pragma once

#include "error.h"
#include "migrator.h"
#include "profiles/profile.h"

#include <QHash>
#include <QObject>

#include <memory>

class QWidget;

namespace strata::gui {

class PasswordVault;

// The saved profiles and this session's: loading and saving the list (never a password),
// the profile dialog, importing pg_service.conf and profile files, exporting, the project opened
// for this session only (--project), the example project, and passwords: kept for the session,
// read from the keychain, asked for when the server refuses (the prompt opens with open()).
class ProfilesController : public QObject
{
    Q_OBJECT

public:
    // window: parent of the dialogs.
    explicit ProfilesController(QWidget *window, QObject *parent = nullptr);
    ~ProfilesController() override;

    // Reads the saved list; an error says why it could not be read (the list is then empty).
    Status load();

    // The saved profiles (not the session's).
    QList<Profile> profiles() const { return m_profiles; }
    // Every profile shown: the session's first, then the saved ones.
    QList<Profile> all() const;
    QStringList names() const;
    // The profile of that name, or null; valid until the list changes.
    const Profile *profile(const QString &name) const;
    // The project opened for this session only (not saved, not editable).
    bool isSession(const QString &name) const;
    // How a worker connects to the profile's database (with the session's password, if any).
    MigratorOptions optionsFor(const Profile &profile) const;

    // Adds or replaces (by oldName) a profile and saves the list; false (and a message) when the
    // list could not be written. Emits profileSaved.
    bool save(const Profile &profile, const QString &oldName = {});
    // Removes a saved profile and its passwords; false when the list could not be written.
    bool remove(const QString &name);
    // Opens a project for this session only: `strata-gui --project DIR [--url URL]`; returns the
    // session profile's name.
    QString openProject(const QString &projectDir, const QString &url);
    // The example project on a SQLite file in the user's data folder, saved as a profile; returns
    // its name (empty when the example is not installed).
    QString openExample();
    static QString exampleProjectDir();

    // Dialogs asked from menus and buttons.
    void newProfile();
    void editProfile(const QString &name);
    void importService();
    void importProfiles();
    void exportProfiles();

    // A password for this session only: never written anywhere; emits passwordChanged.
    void setSessionPassword(const QString &name, const QString &password);
    // Where remembered passwords live; the controller takes ownership.
    void setPasswordVault(PasswordVault *vault);
    // The server refused the profile's credentials (code AuthenticationFailed): first the
    // keychain, then once per session a prompt. Other problems ask nothing.
    void maybeAskPassword(const QString &name, const QString &problem, Error::Code code);
    // A refresh by hand may ask for passwords again.
    void forgetRefusals() { m_passwordState.clear(); }

Q_SIGNALS:
    // The list changed (added, edited, removed, imported, a session project opened).
    void profilesChanged();
    // A profile was saved; oldName is the name it replaced (empty for a new one).
    void profileSaved(QString name, QString oldName);
    void profileRemoved(QString name);
    // A profile should be selected (a new one, the example, the session's project).
    void selectRequested(QString name);
    // Profiles came in from a file: every one should be read.
    void imported();
    // The profile's password changed: its worker needs optionsFor() again.
    void passwordChanged(QString name);
    void logLine(QString text);
    void statusMessage(QString text, int ms);

private:
    // A project opened with --project for this session only: not saved as a profile.
    struct Session
    {
        Profile profile;
        QString url; // empty: the project's own connection
    };
    void promptPassword(const QString &name);
    bool store(const QList<Profile> &next);

    QWidget *m_window;
    QList<Profile> m_profiles;
    std::unique_ptr<Session> m_session;
    QHash<QString, QString> m_passwords; // session only
    enum class PasswordState { None, FromVault, Prompted };
    QHash<QString, PasswordState> m_passwordState; // how far a refused profile has got
    QHash<QString, QString> m_passwordProblem;     // the server's words, shown in the prompt
    PasswordVault *m_vault = nullptr;
};

} // namespace strata::gui
