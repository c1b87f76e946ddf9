// MainWindow's backups part: the Backups tab (list, back up now, verify, restore) and the
// backup taken before an upgrade of a protected profile.
#include "mainwindow.h"

#include "backup/backupcatalog.h"
#include "backups/backupmodel.h"
#include "backups/restoredialog.h"
#include "jobs/jobcontroller.h"
#include "jobs/jobpanel.h"
#include "jobs/migrationworker.h"
#include "jobs/runscontroller.h"
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
    // A backup of its own, or the one the core takes before a run in the run's job; the wizard's
    // are not the panel's (it shows them itself).
    connect(w, &MigrationWorker::backupProgress, this, [this, name](const QString &text, int p) {
        const JobPanel::Kind kind = m_jobPanel->kind(name);
        if (kind == JobPanel::Kind::Backup || kind == JobPanel::Kind::Run)
            m_jobPanel->setText(name, tr("Backing up: %1").arg(text), p);
    });
    connect(w, &MigrationWorker::restoreProgress, this, [this, name](const QString &text, int) {
        if (m_jobPanel->kind(name) == JobPanel::Kind::Restore)
            m_jobPanel->setText(name, tr("Restoring: %1").arg(text), -1);
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

void MainWindow::backupNow()
{
    JobController *c = controller(m_current);
    if (!c || c->isRunning() || m_runs->isBusy(m_current))
        return;
    m_ui->backupStatus->setText(tr("Backing up %1…").arg(m_current));
    const auto job =
        c->backup(m_current,
                  m_ui->backupFormatCombo->isVisible() ? m_ui->backupFormatCombo->currentText()
                                                       : QStringLiteral("custom"),
                  m_ui->keepSpin->value());
    m_jobPanel->begin(m_current, JobPanel::Kind::Backup, job, tr("Backing up %1…").arg(m_current));
    updateActions();
}

void MainWindow::onBackupFinished(const QString &name, const QString &file, const Error &error)
{
    const JobPanel::Kind kind = m_jobPanel->kind(name);
    if (kind == JobPanel::Kind::Run) // the run goes on in the same job
        logLine(tr("%1: backed up to %2.").arg(name, file));
    if (kind != JobPanel::Kind::Backup) {
        reloadBackups(); // the wizard's, or the one before a run: only the list changes
        return;
    }
    m_jobPanel->end(name);
    if (file.isEmpty()) {
        m_ui->backupStatus->setText(tr("The backup failed: %1").arg(error.toString()));
        openCritical(tr("Backup Failed"),
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
    if (!c || c->isRunning() || m_runs->isBusy(dialog.target()))
        return;
    const auto job = c->restore(b->path, dialog.target(), dialog.reason());
    m_jobPanel->begin(
        dialog.target(), JobPanel::Kind::Restore, job,
        tr("Restoring %1 into %2…").arg(QFileInfo(b->path).fileName(), dialog.target()));
    updateActions();
}

void MainWindow::onRestoreFinished(const QString &name, bool ok, const Error &error)
{
    if (m_jobPanel->kind(name) != JobPanel::Kind::Restore)
        return; // the wizard's restore: it says how it went
    m_jobPanel->end(name);
    if (ok) {
        logLine(tr("%1: restored from a backup.").arg(name));
        m_ui->backupStatus->setText(tr("Restored into %1.").arg(name));
        statusBar()->showMessage(tr("%1 restored.").arg(name), 10000);
    } else {
        m_ui->backupStatus->setText(tr("The restore failed: %1").arg(error.toString()));
        openCritical(tr("Restore Failed"),
                     tr("Restoring into %1 failed.\n\n%2").arg(name, error.toString()));
    }
    reloadAudit();
    updateActions();
}

void MainWindow::openCritical(const QString &title, const QString &text)
{
    // Answers a worker's signal: opened, never exec()'d, so no job's answer waits behind it.
    auto *box = new QMessageBox(QMessageBox::Critical, title, text, QMessageBox::Ok, this);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

} // namespace strata::gui
