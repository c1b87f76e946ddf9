#include "authoring/newmigrationdialog.h"

#include "ui_newmigrationdialog.h"

#include <QPushButton>

namespace strata::gui {

NewMigrationDialog::NewMigrationDialog(const QStringList &heads, const QString &parent,
                                       Submit submit, QWidget *parent_)
    : QDialog(parent_), m_ui(std::make_unique<Ui::NewMigrationDialog>()),
      m_submit(std::move(submit))
{
    m_ui->setupUi(this);
    m_ui->parentCombo->addItems(heads);
    m_ui->parentCombo->setCurrentText(parent.isEmpty() ? heads.value(0) : parent);
    m_ui->spliceCheck->setChecked(!parent.isEmpty() && !heads.contains(parent));
    m_ui->errorLabel->setStyleSheet(QStringLiteral("color: #c62828;"));
    m_ui->errorLabel->hide();
    auto *ok = m_ui->buttonBox->button(QDialogButtonBox::Ok);
    ok->setText(tr("Write the File"));
    auto update = [this, ok] { ok->setEnabled(!m_ui->messageEdit->text().trimmed().isEmpty()); };
    connect(m_ui->messageEdit, &QLineEdit::textChanged, this, update);
    connect(m_ui->buttonBox, &QDialogButtonBox::accepted, this, &NewMigrationDialog::accept);
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &QDialog::reject);
    update();
    m_ui->messageEdit->setFocus();
}

NewMigrationDialog::~NewMigrationDialog() = default;

void NewMigrationDialog::accept()
{
    RevisionRequest request;
    request.message = m_ui->messageEdit->text();
    const QString parent = m_ui->parentCombo->currentText().trimmed();
    if (!parent.isEmpty())
        request.heads = {parent};
    request.splice = m_ui->spliceCheck->isChecked();
    request.branchLabels = m_ui->labelsEdit->text().split(QLatin1Char(' '), Qt::SkipEmptyParts);
    request.dependsOn = m_ui->dependsEdit->text().split(QLatin1Char(' '), Qt::SkipEmptyParts);
    request.transactional = m_ui->transactionalCheck->isChecked();
    m_ui->buttonBox->setEnabled(false); // until the worker answers
    m_ui->errorLabel->hide();
    m_submit(request);
}

void NewMigrationDialog::finished(const QString &path, const Error &error)
{
    m_ui->buttonBox->setEnabled(true);
    if (path.isEmpty()) {
        m_ui->errorLabel->setText(error.toString());
        m_ui->errorLabel->show();
        return;
    }
    m_written = path;
    QDialog::accept();
}

} // namespace strata::gui
