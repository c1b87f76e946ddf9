#include "profiles/passworddialog.h"

#include "ui_passworddialog.h"

#include <QPushButton>

namespace strata::gui {

PasswordDialog::PasswordDialog(const QString &profile, const QString &target, const QString &user,
                               const QString &serverMessage, QWidget *parent)
    : QDialog(parent), m_ui(std::make_unique<Ui::PasswordDialog>())
{
    m_ui->setupUi(this);
    setWindowTitle(tr("Password for %1").arg(profile));
    m_ui->explanation->setText(
        tr("<b>%1</b> (%2) needs a password for <b>%3</b>.")
            .arg(profile.toHtmlEscaped(), target.toHtmlEscaped(), user.toHtmlEscaped()));
    m_ui->serverMessage->setText(serverMessage);
    m_ui->serverMessage->setVisible(!serverMessage.isEmpty());
    auto *ok = m_ui->buttonBox->button(QDialogButtonBox::Ok);
    ok->setEnabled(false);
    connect(m_ui->passwordEdit, &QLineEdit::textChanged, this,
            [ok](const QString &text) { ok->setEnabled(!text.isEmpty()); });
    connect(m_ui->buttonBox, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

PasswordDialog::~PasswordDialog() = default;

QString PasswordDialog::password() const
{
    return m_ui->passwordEdit->text();
}

bool PasswordDialog::remember() const
{
    return m_ui->rememberCheck->isChecked();
}

} // namespace strata::gui
