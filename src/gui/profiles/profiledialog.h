#pragma once

#include "profiles/profile.h"

#include <QDialog>
#include <QStringList>

#include <memory>

namespace Ui {
class ProfileDialog;
}

namespace strata::gui {

class JobController;

// Creates or edits one connection profile. Test Connection runs in a worker thread and shows
// the exact error. Save is refused, with the reason shown, while a field is wrong.
class ProfileDialog : public QDialog
{
    Q_OBJECT

public:
    // takenNames: other profiles' names, which this one may not reuse.
    ProfileDialog(const Profile &profile, const QStringList &takenNames, QWidget *parent = nullptr);
    ~ProfileDialog() override;

    Profile profile() const;
    // Empty when the fields make a usable profile, else what is wrong.
    QString validationError() const;

    void accept() override;

private:
    void setProfile(const Profile &profile);
    void environmentChanged(const QString &environment);
    void setColour(const QString &colour);
    void testConnection();

    std::unique_ptr<Ui::ProfileDialog> m_ui;
    QStringList m_takenNames;
    QString m_colour;
    bool m_colourChosen = false; // a chosen colour survives a change of environment
    std::unique_ptr<JobController> m_tester;
    bool m_testing = false; // a connection test is under way
};

} // namespace strata::gui
