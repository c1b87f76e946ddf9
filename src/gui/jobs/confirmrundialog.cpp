#include "jobs/confirmrundialog.h"

#include "ui_confirmrundialog.h"

#include <QPushButton>

namespace strata::gui {

ConfirmRunDialog::ConfirmRunDialog(const Profile &profile, const PlanRequest &request,
                                   const Plan &plan, const ProjectSnapshot *snapshot,
                                   QWidget *parent)
    : QDialog(parent), m_ui(std::make_unique<Ui::ConfirmRunDialog>())
{
    // The core's protection policy says what this run needs, as for the command line.
    const GuardedAction action = request.kind == PlanRequest::Kind::Upgrade ? GuardedAction::Upgrade
                                 : request.kind == PlanRequest::Kind::Downgrade
                                     ? GuardedAction::Downgrade
                                     : GuardedAction::Stamp;
    m_guard = Protection::guard(action, GuardedMode::Apply, &profile);
    m_protected = m_guard.needsConfirmation();
    m_ui->setupUi(this);
    setWindowTitle(tr("Confirm: %1").arg(request.description()));
    m_ui->titleLabel->setText(
        tr("<b>%1</b> on <span style='color:%2'>■</span> <b>%3</b> (%4, %5)<br>%6 step(s):")
            .arg(request.description().toHtmlEscaped(), profile.colour,
                 profile.name.toHtmlEscaped(), profile.environment.toHtmlEscaped(),
                 profile.displayTarget().toHtmlEscaped())
            .arg(plan.steps.size()));
    bool dataLoss = false;
    for (const PlanStep &step : plan.steps) {
        const RevisionRow *row = snapshot ? snapshot->row(step.revision) : nullptr;
        const QString what = step.stamp                        ? tr("stamp")
                             : step.direction == Direction::Up ? tr("upgrade")
                                                               : tr("downgrade");
        dataLoss = dataLoss || (!step.stamp && step.direction == Direction::Down);
        m_ui->stepList->addItem(
            QStringLiteral("%1  %2  %3").arg(what, step.revision, row ? row->message : QString()));
    }
    QStringList warnings;
    if (dataLoss)
        warnings << tr("Downgrades run the migrations' downgrade SQL and may drop data.");
    if (!plan.irreversible.isEmpty())
        warnings << tr("Irreversible revision(s) in the way: %1.")
                        .arg(plan.irreversible.join(QLatin1String(", ")));
    m_ui->warningLabel->setText(warnings.join(QLatin1Char(' ')));
    m_ui->warningLabel->setVisible(!warnings.isEmpty());
    m_ui->warningLabel->setStyleSheet(QStringLiteral("color: #c62828;"));

    m_ui->protectedBox->setVisible(m_protected);
    m_offerBackup = m_guard.backup != Guard::Backup::None;
    m_ui->backupFirstCheck->setVisible(m_offerBackup);
    m_ui->backupFirstCheck->setChecked(m_offerBackup);
    if (profile.engine == Profile::Engine::Sqlite)
        m_ui->backupFirstCheck->setText(
            tr("&Back up first (a copy of the SQLite file, verified and catalogued)"));
    m_ui->typeLabel->setText(
        tr("<b>%1</b> is a protected profile. Type the database name <b>%2</b> to go on.")
            .arg(profile.name.toHtmlEscaped(), m_guard.confirmName.toHtmlEscaped()));
    connect(m_ui->typedEdit, &QLineEdit::textChanged, this, &ConfirmRunDialog::updateOk);
    connect(m_ui->buttonBox, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &QDialog::reject);
    m_ui->buttonBox->button(QDialogButtonBox::Ok)->setText(request.description());
    updateOk();
    if (m_protected)
        m_ui->typedEdit->setFocus();
}

ConfirmRunDialog::~ConfirmRunDialog() = default;

QString ConfirmRunDialog::reason() const
{
    return m_ui->reasonEdit->text().trimmed();
}

bool ConfirmRunDialog::backupFirst() const
{
    return m_offerBackup && m_ui->backupFirstCheck->isChecked();
}

void ConfirmRunDialog::updateOk()
{
    m_ui->buttonBox->button(QDialogButtonBox::Ok)
        ->setEnabled(Protection::check(m_guard, m_ui->typedEdit->text()).ok());
}

} // namespace strata::gui
