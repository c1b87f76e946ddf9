#pragma once

#include <QDialog>

#include <memory>

namespace Ui {
class PasswordDialog;
}

namespace strata::gui {

// Asks for a profile's password when the server wants one; it may be remembered in the system
// keychain, never in Strata's files.
class PasswordDialog : public QDialog
{
    Q_OBJECT

public:
    PasswordDialog(const QString &profile, const QString &target, const QString &user,
                   const QString &serverMessage, QWidget *parent = nullptr);
    ~PasswordDialog() override;

    QString password() const;
    bool remember() const;

private:
    std::unique_ptr<Ui::PasswordDialog> m_ui;
};

} // namespace strata::gui
