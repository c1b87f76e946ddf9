#include "authoring/mergedialog.h"

#include "ui_mergedialog.h"

#include <QPushButton>

namespace strata::gui {

MergeDialog::MergeDialog(const QList<std::pair<QString, QString>> &heads, Submit submit,
                         QWidget *parent)
    : QDialog(parent), m_ui(std::make_unique<Ui::MergeDialog>()), m_submit(std::move(submit))
{
    m_ui->setupUi(this);
    for (const auto &[id, text] : heads) {
        auto *item = new QListWidgetItem(text, m_ui->headsList);
        item->setData(Qt::UserRole, id);
        item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
        item->setCheckState(Qt::Checked);
    }
    m_ui->errorLabel->setStyleSheet(QStringLiteral("color: #c62828;"));
    m_ui->errorLabel->hide();
    auto *ok = m_ui->buttonBox->button(QDialogButtonBox::Ok);
    ok->setText(tr("Write the Merge"));
    auto update = [this, ok] {
        ok->setEnabled(!m_ui->messageEdit->text().trimmed().isEmpty() &&
                       checkedHeads().size() >= 2);
    };
    connect(m_ui->messageEdit, &QLineEdit::textChanged, this, update);
    connect(m_ui->headsList, &QListWidget::itemChanged, this, update);
    connect(m_ui->buttonBox, &QDialogButtonBox::accepted, this, &MergeDialog::accept);
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &QDialog::reject);
    update();
    m_ui->messageEdit->setFocus();
}

MergeDialog::~MergeDialog() = default;

void MergeDialog::setMessage(const QString &message)
{
    m_ui->messageEdit->setText(message);
}

QStringList MergeDialog::checkedHeads() const
{
    QStringList out;
    for (int i = 0; i < m_ui->headsList->count(); ++i)
        if (m_ui->headsList->item(i)->checkState() == Qt::Checked)
            out.append(m_ui->headsList->item(i)->data(Qt::UserRole).toString());
    return out;
}

void MergeDialog::accept()
{
    MergeRequest request;
    request.message = m_ui->messageEdit->text();
    request.targets = checkedHeads();
    request.branchLabels = m_ui->labelsEdit->text().split(QLatin1Char(' '), Qt::SkipEmptyParts);
    m_ui->buttonBox->setEnabled(false); // until the worker answers
    m_ui->errorLabel->hide();
    m_submit(request);
}

void MergeDialog::finished(const QString &path, const Error &error)
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
