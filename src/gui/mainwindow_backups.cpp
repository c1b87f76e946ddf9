// MainWindow's backups part: the Backups tab (list, back up now, verify, restore) and the
// backup taken before an upgrade of a protected profile.
#include "mainwindow.h"

#include "backup/backupcatalog.h"
#include "backups/backupmodel.h"
#include "backups/restoredialog.h"
#include "jobs/jobcontroller.h"
#include "jobs/migrationworker.h"
#include "settings/settings.h"
#include "ui_mainwindow.h"

#include <QFileInfo>
#include <QHeaderView>
#include <QMessageBox>
#include <QSignalBlocker>
#include <QStatusBar>

namespace strata::gui {

void MainWindow::setupBackups()
{
    Ui::MainWindow &ui = *m_ui;
    m_backupModel = new BackupModel(this);
    ui.backupsView->setModel(m_backupModel);
    ui.backupsView->horizontalHeader()->setStretchLastSection(true);
    ui.backupsView->verticalHeader()->hide();
    ui.backupFormatCombo->addItems({QStringLiteral("custom"), QStringLiteral("directory"),
                                    QStringLiteral("plain"), QStringLiteral("tar")});
    connect(ui.backupNowButton, &QPushButton::clicked, this, &MainWindow::backupNow);
    // Retention is the profile's: kept in the settings under its name.
    connect(ui.keepSpin, &QSpinBox::valueChanged, this, [this](int keep) {
        if (!m_current.isEmpty())
            Settings::setKeepFor(m_current, keep);
    });
    connect(ui.verifyBackupButton, &QPushButton::clicked, this, &MainWindow::verifySelectedBackup);
    connect(ui.restoreBackupButton, &QPushButton::clicked, this,
            &MainWindow::restoreSelectedBackup);
    connect(ui.backupsView->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &MainWindow::updateActions);
    connect(ui.tabs, &QTabWidget::currentChanged, this, [this] {
        if (m_ui->tabs->currentWidget() == m_ui->backupsTab)
            reloadBackups();
    });
}

void MainWindow::connectBackups(const QString &name, MigrationWorker *w)
{
    connect(w, &MigrationWorker::backupProgress, this, [this, name](const QString &text, int p) {
        if (name == m_runningProfile && m_backupPurpose != BackupPurpose::None)
            showJobProgress(tr("Backing up: %1").arg(text), p);
    });
    connect(w, &MigrationWorker::restoreProgress, this, [this, name](const QString &text, int) {
        if (name == m_runningProfile && m_backupPurpose == BackupPurpose::Restore)
            showJobProgress(tr("Restoring: %1").arg(text), -1);
    });
    connect(w, &MigrationWorker::backupFinished, this,
            [this, name](const QString &file, const Error &error) {
                onBackupFinished(name, file, error);
            });
    connect(w, &MigrationWorker::restoreFinished, this,
            [this, name](bool ok, const Error &error) { onRestoreFinished(name, ok, error); });
    connect(w, &MigrationWorker::backupVerified, this,
            [this](const QString &file, bool ok, const Error &error) {
                m_backupModel->setVerified(file, ok);
                m_ui->backupStatus->setText(
                    ok ? tr("%1 matches its catalogued SHA-256.").arg(file)
                       : tr("Verification failed: %1").arg(error.toString()));
            });
}

void MainWindow::reloadBackups()
{
    const Settings settings = Settings::load();
    m_ui->backupFolderLabel->setText(tr("Folder: %1").arg(settings.backupDir()));
    QList<BackupInfo> all = BackupCatalog::list(settings.backupDir());
    all.removeIf([this](const BackupInfo &b) { return b.profile != m_current; });
    m_backupModel->setBackups(all);
    m_ui->backupsView->resizeColumnsToContents();
    const Profile *p = profile(m_current);
    m_ui->backupFormatCombo->setVisible(p && p->engine == Profile::Engine::Postgres);
    const QSignalBlocker quiet(m_ui->keepSpin);
    m_ui->keepSpin->setValue(settings.keepFor(m_current));
    if (m_ui->backupStatus->text().isEmpty() || all.isEmpty())
        m_ui->backupStatus->setText(
            all.isEmpty() ? tr("No backup of %1 yet.").arg(m_current)
                          : tr("%n backup(s) of %1.", nullptr, int(all.size())).arg(m_current));
    updateActions();
}

void MainWindow::showJobProgress(const QString &text, int percent)
{
    m_ui->progressPanel->show();
    m_ui->progressLabel->setText(text);
    m_ui->progressBar->setRange(0, percent < 0 ? 0 : 100);
    if (percent >= 0)
        m_ui->progressBar->setValue(percent);
}

void MainWindow::backupNow()
{
    JobController *c = controller(m_current);
    if (!c || c->isRunning())
        return;
    m_backupPurpose = BackupPurpose::OnDemand;
    m_runningProfile = m_current;
    m_ui->cancelButton->setEnabled(true);
    showJobProgress(tr("Backing up %1…").arg(m_current), -1);
    m_ui->backupStatus->setText(tr("Backing up %1…").arg(m_current));
    c->backup(m_current,
              m_ui->backupFormatCombo->isVisible() ? m_ui->backupFormatCombo->currentText()
                                                   : QStringLiteral("custom"),
              m_ui->keepSpin->value());
    updateActions();
}

void MainWindow::onBackupFinished(const QString &name, const QString &file, const Error &error)
{
    const BackupPurpose purpose = std::exchange(m_backupPurpose, BackupPurpose::None);
    if (purpose == BackupPurpose::BeforeRun) // the run goes on in the same job
        logLine(tr("%1: backed up to %2.").arg(name, file));
    if (purpose == BackupPurpose::None || purpose == BackupPurpose::BeforeRun) {
        reloadBackups(); // the wizard's, or the one before a run: only the list changes
        return;
    }
    m_runningProfile.clear();
    m_ui->progressPanel->hide();
    if (file.isEmpty()) {
        m_ui->backupStatus->setText(tr("The backup failed: %1").arg(error.toString()));
        QMessageBox::critical(this, tr("Backup Failed"),
                              tr("The backup of %1 failed.\n\n%2").arg(name, error.toString()));
    } else {
        logLine(tr("%1: backed up to %2.").arg(name, file));
        m_ui->backupStatus->setText(tr("Backed up and verified: %1").arg(file));
        statusBar()->showMessage(tr("%1 backed up.").arg(name), 10000);
    }
    reloadBackups();
    updateActions();
}

void MainWindow::verifySelectedBackup()
{
    const BackupInfo *b = m_backupModel->backupAt(m_ui->backupsView->currentIndex().row());
    JobController *c = controller(m_current);
    if (!b || !c)
        return;
    m_ui->backupStatus->setText(tr("Checking %1…").arg(b->path));
    c->verifyBackup(b->path);
}

void MainWindow::restoreSelectedBackup()
{
    const BackupInfo *b = m_backupModel->backupAt(m_ui->backupsView->currentIndex().row());
    if (!b)
        return;
    QList<Profile> targets = m_profiles;
    if (m_session)
        targets.prepend(m_session->profile);
    RestoreDialog dialog(*b, targets, m_current, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    JobController *c = controller(dialog.target());
    if (!c || c->isRunning())
        return;
    m_backupPurpose = BackupPurpose::Restore;
    m_runningProfile = dialog.target();
    m_ui->cancelButton->setEnabled(true);
    showJobProgress(tr("Restoring %1 into %2…").arg(QFileInfo(b->path).fileName(), dialog.target()),
                    -1);
    c->restore(b->path, dialog.target(), dialog.reason());
    updateActions();
}

void MainWindow::onRestoreFinished(const QString &name, bool ok, const Error &error)
{
    if (std::exchange(m_backupPurpose, BackupPurpose::None) != BackupPurpose::Restore)
        return; // the wizard's restore: it says how it went
    m_runningProfile.clear();
    m_ui->progressPanel->hide();
    if (ok) {
        logLine(tr("%1: restored from a backup.").arg(name));
        m_ui->backupStatus->setText(tr("Restored into %1.").arg(name));
        statusBar()->showMessage(tr("%1 restored.").arg(name), 10000);
    } else {
        m_ui->backupStatus->setText(tr("The restore failed: %1").arg(error.toString()));
        QMessageBox::critical(this, tr("Restore Failed"),
                              tr("Restoring into %1 failed.\n\n%2").arg(name, error.toString()));
    }
    reloadAudit();
    updateActions();
}

} // namespace strata::gui
