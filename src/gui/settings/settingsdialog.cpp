#include "settings/settingsdialog.h"

#include "backup/backupcatalog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSpinBox>

namespace strata::gui {

namespace {

// A folder field with a Browse… button beside it.
QWidget *folderRow(QLineEdit *edit, const QString &title, QWidget *parent)
{
    auto *row = new QWidget(parent);
    auto *layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(edit, 1);
    auto *browse = new QPushButton(SettingsDialog::tr("Browse…"), row);
    layout->addWidget(browse);
    QObject::connect(browse, &QPushButton::clicked, edit, [edit, title] {
        const QString dir = QFileDialog::getExistingDirectory(edit, title, edit->text());
        if (!dir.isEmpty())
            edit->setText(dir);
    });
    return row;
}

QDoubleSpinBox *secondsBox(int ms, QWidget *parent)
{
    auto *box = new QDoubleSpinBox(parent);
    box->setRange(0, 24 * 3600);
    box->setDecimals(1);
    box->setSingleStep(1);
    box->setSuffix(SettingsDialog::tr(" s"));
    box->setSpecialValueText(SettingsDialog::tr("the server's own"));
    box->setValue(ms / 1000.0);
    return box;
}

} // namespace

SettingsDialog::SettingsDialog(const Settings &s, QWidget *parent)
    : QDialog(parent), m_defaultBackupDir(BackupCatalog::defaultDir())
{
    setObjectName(QStringLiteral("settingsDialog"));
    setWindowTitle(tr("Settings"));
    auto *form = new QFormLayout;

    m_language = new QComboBox(this);
    m_language->setObjectName(QStringLiteral("languageCombo"));
    m_language->addItem(tr("System default"), QString());
    m_language->addItem(QStringLiteral("English"), QStringLiteral("en"));
    m_language->addItem(QStringLiteral("Deutsch"), QStringLiteral("de"));
    m_language->setCurrentIndex(std::max(0, m_language->findData(s.language)));
    form->addRow(tr("&Language (after a restart):"), m_language);

    m_lockTimeout = secondsBox(s.lockTimeoutMs, this);
    m_lockTimeout->setObjectName(QStringLiteral("lockTimeoutSpin"));
    m_lockTimeout->setToolTip(tr("PostgreSQL's lock_timeout for the statements of a run: a "
                                 "migration waiting longer for a lock fails instead of "
                                 "holding up everyone queued behind it"));
    form->addRow(tr("Default l&ock timeout:"), m_lockTimeout);
    m_statementTimeout = secondsBox(s.statementTimeoutMs, this);
    m_statementTimeout->setObjectName(QStringLiteral("statementTimeoutSpin"));
    m_statementTimeout->setToolTip(
        tr("PostgreSQL's statement_timeout for the statements of a run"));
    form->addRow(tr("Default &statement timeout:"), m_statementTimeout);

    m_backupFolder = new QLineEdit(s.backupFolder, this);
    m_backupFolder->setObjectName(QStringLiteral("backupFolderEdit"));
    m_backupFolder->setPlaceholderText(m_defaultBackupDir);
    form->addRow(tr("&Backup folder:"), folderRow(m_backupFolder, tr("Backup Folder"), this));
    m_keep = new QSpinBox(this);
    m_keep->setObjectName(QStringLiteral("keepSpin"));
    m_keep->setRange(0, 999);
    m_keep->setSpecialValueText(tr("all"));
    m_keep->setSuffix(tr(" newest"));
    m_keep->setValue(s.keepBackups);
    m_keep->setToolTip(tr("After a backup, how many of the profile's backups stay; a profile's "
                          "own choice on the Backups tab comes first"));
    form->addRow(tr("Backups &kept per profile:"), m_keep);

    m_toolsFolder = new QLineEdit(s.postgresToolsFolder, this);
    m_toolsFolder->setObjectName(QStringLiteral("toolsFolderEdit"));
    m_toolsFolder->setPlaceholderText(tr("/usr/lib/postgresql/<version>/bin, then PATH"));
    m_toolsFolder->setToolTip(tr("Where pg_dump, pg_restore and psql are looked for first"));
    form->addRow(tr("&PostgreSQL tools folder:"),
                 folderRow(m_toolsFolder, tr("PostgreSQL Tools Folder"), this));

    m_lint = new QComboBox(this);
    m_lint->setObjectName(QStringLiteral("lintPolicyCombo"));
    m_lint->addItem(tr("Errors block the run unless overridden with a reason"),
                    int(LintBlock::Errors));
    m_lint->addItem(tr("Errors and warnings block the run unless overridden with a reason"),
                    int(LintBlock::Warnings));
    m_lint->addItem(tr("Findings are shown and block nothing"), int(LintBlock::Nothing));
    m_lint->setCurrentIndex(std::max(0, m_lint->findData(int(s.protectedLint))));
    form->addRow(tr("&Lint on protected profiles:"), m_lint);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->setObjectName(QStringLiteral("buttonBox"));
    connect(buttons, &QDialogButtonBox::accepted, this, &SettingsDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(buttons);
}

Settings SettingsDialog::settings() const
{
    Settings s;
    s.language = m_language->currentData().toString();
    s.lockTimeoutMs = int(m_lockTimeout->value() * 1000);
    s.statementTimeoutMs = int(m_statementTimeout->value() * 1000);
    s.backupFolder = m_backupFolder->text().trimmed();
    s.keepBackups = m_keep->value();
    s.postgresToolsFolder = m_toolsFolder->text().trimmed();
    s.protectedLint = LintBlock(m_lint->currentData().toInt());
    return s;
}

void SettingsDialog::accept()
{
    if (auto saved = settings().save(); !saved) {
        QMessageBox::warning(
            this, tr("Settings"),
            tr("The settings could not be saved: %1").arg(saved.error().toString()));
        return;
    }
    QDialog::accept();
}

} // namespace strata::gui
