#include "backups/backupscontroller.h"

#include "backup/backupcatalog.h"
#include "backups/backupmodel.h"
#include "backups/restoredialog.h"
#include "jobs/jobcontroller.h"
#include "jobs/jobpanel.h"
#include "jobs/migrationworker.h"
#include "settings/settings.h"

#include <QComboBox>
#include <QFileInfo>
#include <QHeaderView>
#include <QLabel>
#include <QMainWindow>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>

namespace strata::gui {

BackupsController::BackupsController(const Views &views, Host host, JobPanel *panel,
                                     QMainWindow *window, QObject *parent)
    : QObject(parent), m_views(views), m_host(std::move(host)), m_panel(panel), m_window(window),
      m_model(new BackupModel(this))
{
    m_views.list->setModel(m_model);
    m_views.list->horizontalHeader()->setStretchLastSection(true);
    m_views.list->verticalHeader()->hide();
    m_views.format->addItems({QStringLiteral("custom"), QStringLiteral("directory"),
                              QStringLiteral("plain"), QStringLiteral("tar")});
    connect(m_views.backupNow, &QPushButton::clicked, this, &BackupsController::backupNow);
    // Retention is the profile's: kept in the settings under its name.
    connect(m_views.keep, &QSpinBox::valueChanged, this, [this](int keep) {
        if (const QString current = m_host.current(); !current.isEmpty())
            Settings::setKeepFor(current, keep);
    });
    connect(m_views.verify, &QPushButton::clicked, this, &BackupsController::verifySelected);
    connect(m_views.restore, &QPushButton::clicked, this, &BackupsController::restoreSelected);
    connect(m_views.list->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &BackupsController::changed);
    connect(m_views.tabs, &QTabWidget::currentChanged, this, &BackupsController::showCurrent);
}

void BackupsController::connectWorker(const QString &name, MigrationWorker *w)
{
    // A backup of its own, or the one the core takes before a run in the run's job; the wizard's
    // are not the panel's (it shows them itself).
    connect(w, &MigrationWorker::backupProgress, this, [this, name](const QString &text, int p) {
        const JobPanel::Kind kind = m_panel->kind(name);
        if (kind == JobPanel::Kind::Backup || kind == JobPanel::Kind::Run)
            m_panel->setText(name, tr("Backing up: %1").arg(text), p);
    });
    connect(w, &MigrationWorker::restoreProgress, this, [this, name](const QString &text, int) {
        if (m_panel->kind(name) == JobPanel::Kind::Restore)
            m_panel->setText(name, tr("Restoring: %1").arg(text), -1);
    });
    connect(w, &MigrationWorker::backupFinished, this,
            [this, name](const QString &file, const Error &error) {
                onBackupFinished(name, file, error);
            });
    connect(w, &MigrationWorker::restoreFinished, this,
            [this, name](bool ok, const Error &error) { onRestoreFinished(name, ok, error); });
    connect(w, &MigrationWorker::backupVerified, this,
            [this, name](const QString &file, bool ok, const Error &error) {
                m_model->setVerified(file, ok);
                setStatus(name, ok ? tr("%1 matches its catalogued SHA-256.").arg(file)
                                   : tr("Verification failed: %1").arg(error.toString()));
            });
}

void BackupsController::showCurrent()
{
    if (m_views.tabs->currentWidget() == m_views.tab)
        reload();
}

void BackupsController::reload()
{
    const QString current = m_host.current();
    const Settings settings = Settings::load();
    m_views.folder->setText(tr("Folder: %1").arg(settings.backupDir()));
    QList<BackupInfo> all = BackupCatalog::list(settings.backupDir());
    all.removeIf([&current](const BackupInfo &b) { return b.profile != current; });
    m_model->setBackups(all);
    m_views.list->resizeColumnsToContents();
    const Profile *p = m_host.profile(current);
    m_views.format->setVisible(p && p->engine == Profile::Engine::Postgres);
    const QSignalBlocker quiet(m_views.keep);
    m_views.keep->setValue(settings.keepFor(current));
    if (m_views.status->text().isEmpty() || all.isEmpty())
        m_views.status->setText(
            all.isEmpty() ? tr("No backup of %1 yet.").arg(current)
                          : tr("%n backup(s) of %1.", nullptr, int(all.size())).arg(current));
    Q_EMIT changed();
}

void BackupsController::updateActions(bool ready)
{
    const QString current = m_host.current();
    const bool selected = m_model->backupAt(m_views.list->currentIndex().row()) != nullptr;
    m_views.backupNow->setEnabled(ready);
    m_views.verify->setEnabled(selected);
    m_views.restore->setEnabled(selected && !m_host.busy(current));
}

void BackupsController::backupNow()
{
    const QString current = m_host.current();
    JobController *c = m_host.jobs(current);
    if (!c)
        return;
    if (const QString why = m_host.refusal(current); !why.isEmpty()) {
        m_views.status->setText(why);
        m_window->statusBar()->showMessage(why, 10000);
        return;
    }
    m_views.status->setText(tr("Backing up %1…").arg(current));
    const auto job = c->backup(current,
                               m_views.format->isVisible() ? m_views.format->currentText()
                                                           : QStringLiteral("custom"),
                               m_views.keep->value());
    m_panel->begin(current, JobPanel::Kind::Backup, job, tr("Backing up %1…").arg(current));
    Q_EMIT changed();
}

void BackupsController::onBackupFinished(const QString &name, const QString &file,
                                         const Error &error)
{
    const JobPanel::Kind kind = m_panel->kind(name);
    if (kind != JobPanel::Kind::Backup) {
        showCurrent(); // the wizard's, or the one before a run: only the list changes
        return;
    }
    m_panel->end(name);
    if (file.isEmpty()) {
        setStatus(name, tr("The backup failed: %1").arg(error.toString()));
        critical(tr("Backup Failed"),
                 tr("The backup of %1 failed.\n\n%2").arg(name, error.toString()));
    } else {
        setStatus(name, tr("Backed up and verified: %1").arg(file));
        m_window->statusBar()->showMessage(tr("%1 backed up.").arg(name), 10000);
    }
    showCurrent();
    Q_EMIT changed();
}

void BackupsController::verifySelected()
{
    const BackupInfo *b = m_model->backupAt(m_views.list->currentIndex().row());
    JobController *c = m_host.jobs(m_host.current());
    if (!b || !c)
        return;
    m_views.status->setText(tr("Checking %1…").arg(b->path));
    c->verifyBackup(b->path);
}

void BackupsController::restoreSelected()
{
    const BackupInfo *b = m_model->backupAt(m_views.list->currentIndex().row());
    if (!b)
        return;
    const BackupInfo backup = *b;
    RestoreDialog dialog(backup, m_host.profiles(), m_host.current(), m_window);
    // A target that is planning or running is shown busy, with its job, while the dialog is open.
    dialog.setBusyReason(m_host.refusal);
    const QMetaObject::Connection watch =
        connect(m_panel, &JobPanel::busyChanged, &dialog, &RestoreDialog::refresh);
    const int answer = dialog.exec(); // asked from a button, not from a worker's answer
    disconnect(watch);
    if (answer != QDialog::Accepted)
        return;
    const QString target = dialog.target();
    JobController *c = m_host.jobs(target);
    if (!c)
        return;
    if (const QString why = m_host.refusal(target); !why.isEmpty()) { // it became busy meanwhile
        m_views.status->setText(why);
        QMessageBox::information(m_window, tr("Restore"), why);
        return;
    }
    const auto job = c->restore(backup.path, target, dialog.reason(), dialog.backupFirst());
    m_panel->begin(target, JobPanel::Kind::Restore, job,
                   tr("Restoring %1 into %2…").arg(QFileInfo(backup.path).fileName(), target));
    Q_EMIT changed();
}

void BackupsController::onRestoreFinished(const QString &name, bool ok, const Error &error)
{
    if (m_panel->kind(name) != JobPanel::Kind::Restore)
        return; // the wizard's restore: it says how it went
    m_panel->end(name);
    if (ok) {
        m_views.status->setText(tr("Restored into %1.").arg(name));
        m_window->statusBar()->showMessage(tr("%1 restored.").arg(name), 10000);
    } else {
        m_views.status->setText(tr("The restore failed: %1").arg(error.toString()));
        critical(tr("Restore Failed"),
                 tr("Restoring into %1 failed.\n\n%2").arg(name, error.toString()));
    }
    Q_EMIT restoreFinished(name, ok);
    Q_EMIT changed();
}

void BackupsController::setStatus(const QString &profile, const QString &text)
{
    // The tab shows the selected profile's backups; another profile's outcome is in the log.
    if (profile == m_host.current())
        m_views.status->setText(text);
}

void BackupsController::critical(const QString &title, const QString &text)
{
    // Answers a worker's signal: opened, never exec()'d, so no job's answer waits behind it.
    auto *box = new QMessageBox(QMessageBox::Critical, title, text, QMessageBox::Ok, m_window);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

} // namespace strata::gui
