#include "backups/restoredialog.h"

#include "backup/backuprunner.h"
#include "connection/connectiondisplay.h"
#include "profiles/environmentname.h"
#include "profiles/protection.h"
#include "ui_restoredialog.h"

#include <QFileInfo>
#include <QLocale>
#include <QPushButton>

namespace strata::gui {

RestoreDialog::RestoreDialog(const BackupInfo &backup, const QList<Profile> &targets,
                             const QString &preselected, QWidget *parent)
    : QDialog(parent), m_ui(std::make_unique<Ui::RestoreDialog>())
{
    m_ui->setupUi(this);
    const bool postgres = backup.engine == QLatin1String("postgresql");
    for (const Profile &p : targets)
        if ((p.engine == Profile::Engine::Postgres) == postgres)
            m_targets.append(p);
    for (const Profile &p : std::as_const(m_targets))
        m_ui->targetCombo->addItem(
            QStringLiteral("%1 (%2, %3)")
                .arg(p.name, environmentName(p.environment), p.displayTarget()),
            p.name);
    m_ui->targetCombo->setCurrentIndex(std::max(0, int(m_ui->targetCombo->findData(preselected))));
    m_ui->backupLabel->setText(
        tr("<b>%1</b><br>taken %2 from %3, at revision %4; %5, %6")
            .arg(QFileInfo(backup.path).fileName().toHtmlEscaped(),
                 QLocale().toString(backup.createdAt.toLocalTime(), QLocale::ShortFormat),
                 ConnectionDisplay::readable(backup.database).toHtmlEscaped(),
                 (backup.revisions.isEmpty() ? tr("base")
                                             : backup.revisions.join(QLatin1String(", ")))
                     .toHtmlEscaped(),
                 backup.format, BackupRunner::humanSize(backup.sizeBytes)));
    connect(m_ui->targetCombo, &QComboBox::currentIndexChanged, this, &RestoreDialog::update);
    connect(m_ui->typedEdit, &QLineEdit::textChanged, this, &RestoreDialog::update);
    connect(m_ui->buttonBox, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &QDialog::reject);
    m_ui->buttonBox->button(QDialogButtonBox::Ok)->setText(tr("Restore"));
    update();
}

RestoreDialog::~RestoreDialog() = default;

QString RestoreDialog::target() const
{
    return m_ui->targetCombo->currentData().toString();
}

QString RestoreDialog::reason() const
{
    return m_ui->reasonEdit->text().trimmed();
}

bool RestoreDialog::backupFirst() const
{
    return !m_ui->backupFirstCheck->isHidden() && m_ui->backupFirstCheck->isChecked();
}

void RestoreDialog::setBusyReason(std::function<QString(const QString &)> reason)
{
    m_busyReason = std::move(reason);
    update();
}

void RestoreDialog::update()
{
    const int i = m_ui->targetCombo->currentIndex();
    const Profile *p = i >= 0 && i < m_targets.size() ? &m_targets[i] : nullptr;
    const QString busy = p && m_busyReason ? m_busyReason(p->name) : QString();
    QString warning =
        p ? tr("<span style='color:#c62828'>Everything in <b>%1</b> (%2) is replaced by the "
               "backup's contents. Changes made there since are lost.</span>")
                .arg(p->databaseName().toHtmlEscaped(), p->displayTarget().toHtmlEscaped())
          : tr("No profile of this engine to restore into.");
    if (!busy.isEmpty())
        warning += QStringLiteral("<br><b>%1</b>").arg(busy.toHtmlEscaped());
    m_ui->warningLabel->setText(warning);
    // The core's protection policy says what must be typed, as for `strata restore`.
    const Guard guard =
        p ? Protection::guard(GuardedAction::Restore, GuardedMode::Apply, p) : Guard{};
    const bool guarded = guard.needsConfirmation();
    if (const QString shown = p ? p->name : QString(); shown != m_shownTarget) {
        m_shownTarget = shown;
        const auto offered = Protection::backupFirst(guard, std::nullopt);
        m_ui->backupFirstCheck->setVisible(guard.backup != Guard::Backup::None);
        m_ui->backupFirstCheck->setChecked(offered && *offered);
    }
    m_ui->protectedBox->setVisible(guarded);
    if (guarded)
        m_ui->typedLabel->setText(
            tr("%1 is protected. Type <b>%2</b>:")
                .arg(p->name.toHtmlEscaped(), guard.confirmName.toHtmlEscaped()));
    m_ui->buttonBox->button(QDialogButtonBox::Ok)
        ->setEnabled(p && busy.isEmpty() && Protection::check(guard, m_ui->typedEdit->text()).ok());
    m_ui->buttonBox->button(QDialogButtonBox::Ok)->setToolTip(busy);
}

} // namespace strata::gui
