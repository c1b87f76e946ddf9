#include "jobs/stampdialog.h"

#include "ui_stampdialog.h"

#include <QPushButton>

namespace strata::gui {

StampDialog::StampDialog(const QString &suggested, QWidget *parent)
    : QDialog(parent), m_ui(std::make_unique<Ui::StampDialog>())
{
    m_ui->setupUi(this);
    m_ui->targetsEdit->setText(suggested);
    auto *ok = m_ui->buttonBox->button(QDialogButtonBox::Ok);
    ok->setText(tr("Plan the Stamp…"));
    auto update = [this, ok] { ok->setEnabled(!targets().isEmpty()); };
    connect(m_ui->targetsEdit, &QLineEdit::textChanged, this, update);
    connect(m_ui->buttonBox, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &QDialog::reject);
    update();
}

StampDialog::~StampDialog() = default;

QStringList StampDialog::targets() const
{
    return m_ui->targetsEdit->text().split(QLatin1Char(' '), Qt::SkipEmptyParts);
}

bool StampDialog::purge() const
{
    return m_ui->purgeCheck->isChecked();
}

} // namespace strata::gui
