// MainWindow, part three: plans and runs (previews, confirmation, progress, results, stamps,
// new migrations, SQL export). The main part is mainwindow.cpp.

#include "mainwindow.h"

#include "audit/auditlog.h"
#include "audit/auditmodel.h"
#include "connection/connectioninfo.h"
#include "history/graphdelegate.h"
#include "history/historymodel.h"
#include "jobs/confirmrundialog.h"
#include "jobs/jobcontroller.h"
#include "jobs/stampdialog.h"
#include "log/activitylog.h"
#include "log/logdock.h"
#include "pending/planmodel.h"
#include "pending/sqlview.h"
#include "profiles/passworddialog.h"
#include "profiles/passwordvault.h"
#include "profiles/profiledialog.h"
#include "profiles/profiledock.h"
#include "profiles/profilestore.h"
#include "rollback/rollbackwizard.h"
#include "settings/settings.h"
#include "ui_mainwindow.h"

#include <QCloseEvent>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QHeaderView>
#include <QInputDialog>
#include <QMessageBox>
#include <QRegularExpression>
#include <QSaveFile>
#include <QSettings>
#include <QSortFilterProxyModel>
#include <QStandardPaths>
#include <QTreeWidget>

#include <spdlog/spdlog.h>

namespace strata::gui {

void MainWindow::previewPlan(const PlanRequest &requested)
{
    PlanRequest preview = requested;
    preview.purpose = PlanRequest::Purpose::Preview;
    m_preview.insert(m_current, preview);
    if (JobController *c = controller(m_current); c && !c->isRunning())
        c->preparePlan(preview);
}

void MainWindow::request(PlanRequest::Kind kind, const QString &target,
                         PlanRequest::Purpose purpose)
{
    JobController *c = controller(m_current);
    if (!c || c->isRunning() || target.isEmpty())
        return;
    PlanRequest r;
    r.kind = kind;
    r.targets = {target};
    r.purpose = purpose;
    statusBar()->showMessage(tr("Planning: %1…").arg(r.description()));
    c->preparePlan(r);
}

void MainWindow::onPlanReady(const QString &name, const PlanRequest &request, const Plan &plan,
                             const QString &offlineSql)
{
    statusBar()->clearMessage();
    const Profile *p = profile(name);
    if (!p)
        return;
    switch (request.purpose) {
    case PlanRequest::Purpose::Preview: {
        if (name != m_current)
            return;
        m_planModel->setPlan(plan, m_snapshots.value(name));
        m_previewSql = offlineSql;
        const QString towards = request.targets.value(0) == QLatin1String("heads")
                                    ? tr("the heads")
                                    : request.targets.value(0);
        if (plan.steps.isEmpty())
            m_ui->pendingSummary->setText(tr("Nothing to do: the database is at %1.").arg(towards));
        else
            m_ui->pendingSummary->setText(
                tr("%n step(s) from %1 to %2. Double-click a revision in History to plan towards "
                   "it.",
                   nullptr, int(plan.steps.size()))
                    .arg(plan.startHeads.isEmpty() ? tr("base")
                                                   : plan.startHeads.join(QLatin1String(", ")),
                         towards));
        if (!plan.steps.isEmpty())
            m_ui->pendingView->selectRow(0);
        else
            m_ui->pendingSql->showSql({});
        updateActions();
        Q_EMIT previewUpdated(name);
        return;
    }
    case PlanRequest::Purpose::ExportSql:
        writeSql(offlineSql, QStringLiteral("%1-upgrade.sql").arg(p->name));
        return;
    case PlanRequest::Purpose::Wizard: // the wizard listens itself
        return;
    case PlanRequest::Purpose::Run:
        break;
    }

    if (plan.steps.isEmpty() && !plan.purge) {
        statusBar()->showMessage(tr("%1: nothing to do.").arg(request.description()), 5000);
        return;
    }
    ConfirmRunDialog confirm(*p, request, plan, m_snapshots.value(name).get(), this);
    if (confirm.exec() != QDialog::Accepted) {
        statusBar()->showMessage(tr("%1: not run.").arg(request.description()), 5000);
        return;
    }
    RunContext context{name, confirm.reason()};
    const Settings settings = Settings::load();
    context.lockTimeoutMs = settings.runLockTimeoutMs();
    context.statementTimeoutMs = settings.runStatementTimeoutMs();
    if (confirm.backupFirst()) {
        // The core backs up first in the same job; a failed or cancelled backup means no run.
        context.backupFirst = true;
        context.keepBackups = settings.keepFor(name);
        m_backupPurpose = BackupPurpose::BeforeRun;
    }
    startRun(name, request, plan, context);
    if (context.backupFirst)
        showJobProgress(tr("Backing up %1 before the upgrade…").arg(name), -1);
}

void MainWindow::startRun(const QString &name, const PlanRequest &request, const Plan &plan,
                          const RunContext &context)
{
    JobController *c = controller(name);
    if (!c || c->isRunning())
        return;
    m_guidedRun = context.guided;
    m_runningProfile = name;
    m_lastProgress = JobProgress{};
    m_lastProgress.stepCount = int(plan.steps.size());
    m_runClock.start();
    m_elapsedTicker.start();
    m_ui->progressPanel->show();
    m_ui->cancelButton->setEnabled(true);
    m_ui->cancelButton->setText(tr("Cancel"));
    m_ui->progressBar->setRange(0, int(plan.steps.size()) * 100);
    m_ui->progressBar->setValue(0);
    m_ui->progressLabel->setText(tr("%1: starting…").arg(request.description()));
    c->runPlan(request, plan, context);
    updateActions();
}

void MainWindow::onPlanFailed(const QString &name, const PlanRequest &request, const Error &error)
{
    statusBar()->clearMessage();
    if (request.purpose == PlanRequest::Purpose::Preview) {
        if (name != m_current)
            return;
        m_planModel->clear();
        m_previewSql.clear();
        m_ui->pendingSummary->setText(tr("No plan: %1").arg(error.toString()));
        updateActions();
        return;
    }
    QMessageBox::warning(
        this, request.description(),
        tr("%1 cannot be planned:\n\n%2").arg(request.description(), error.toString()));
}

void MainWindow::onProgress(const QString &name, const JobProgress &progress)
{
    if (name != m_runningProfile || name.isEmpty())
        return;
    m_lastProgress = progress;
    const double seconds = double(m_runClock.elapsed()) / 1000.0;
    if (progress.step == 0) {
        m_ui->progressLabel->setText(tr("Waiting for the database… %1 s").arg(seconds, 0, 'f', 1));
        return;
    }
    const QString what = progress.stamp                        ? tr("stamp")
                         : progress.direction == Direction::Up ? tr("upgrade")
                                                               : tr("downgrade");
    QString text = tr("Step %1 of %2: %3 %4 %5")
                       .arg(progress.step)
                       .arg(progress.stepCount)
                       .arg(what, progress.revision, progress.message);
    if (progress.statementCount > 0)
        text += tr(" · statement %1 of %2").arg(progress.statement).arg(progress.statementCount);
    text += tr(" · %1 s").arg(seconds, 0, 'f', 1);
    m_ui->progressLabel->setText(text);
    const int within = progress.statementCount > 0
                           ? 100 * std::max(progress.statement - 1, 0) / progress.statementCount
                           : 0;
    // A backup before the run may have shown its own progress in the bar.
    m_ui->progressBar->setRange(0, progress.stepCount * 100);
    m_ui->progressBar->setValue((progress.step - 1) * 100 + within);
}

void MainWindow::onRunFinished(const QString &name, const JobResult &result)
{
    if (m_backupPurpose == BackupPurpose::BeforeRun)
        m_backupPurpose = BackupPurpose::None; // the backup before it failed: no backupFinished
    m_elapsedTicker.stop();
    m_runningProfile.clear();
    const bool guided = std::exchange(m_guidedRun, false);
    m_ui->progressPanel->hide();
    const QString seconds = QString::number(double(result.durationMs) / 1000.0, 'f', 1);
    if (result.success) {
        statusBar()->showMessage(tr("%1 on %2: %n step(s) in %3 s.", nullptr, result.stepsRun)
                                     .arg(result.action, name, seconds),
                                 10000);
    } else if (result.cancelled) {
        statusBar()->showMessage(
            tr("%1 on %2 cancelled after %3 s; the interrupted step was rolled back.")
                .arg(result.action, name, seconds),
            10000);
    } else if (!guided) { // the wizard shows its own failure
        const QString at = result.toRevisions.isEmpty()
                               ? tr("base")
                               : result.toRevisions.join(QLatin1String(", "));
        auto *box = new QMessageBox(
            QMessageBox::Critical, tr("%1 failed").arg(result.action),
            tr("%1 on %2 failed. The database is at %3; the failing step was rolled back.")
                .arg(result.action, name, at),
            QMessageBox::Ok, this);
        box->setDetailedText(result.error.toString());
        box->setInformativeText(result.error.message);
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open();
    }
    reloadAudit();
    // The schema changed: the editor's completion words are read again when next shown.
    if (name == m_catalogProfile)
        m_catalogProfile.clear();
    updateActions();
    Q_EMIT runFinished(name, result.success);
}

void MainWindow::showPendingSql()
{
    const int row = m_ui->pendingView->currentIndex().row();
    int firstLine = 1;
    const QString sql = m_planModel->sqlOf(row, &firstLine);
    if (row >= 0 && sql.isEmpty() && row < m_planModel->plan().steps.size())
        m_ui->pendingSql->showSql(m_planModel->plan().steps.at(row).stamp
                                      ? tr("-- A stamp changes only the version rows.")
                                      : tr("-- This step has no SQL."));
    else
        m_ui->pendingSql->showSql(sql, std::max(firstLine, 1));
}

void MainWindow::stamp()
{
    const QString selected = selectedRevision();
    StampDialog dialog(selected.isEmpty() ? QStringLiteral("heads") : selected, this);
    JobController *c = controller(m_current);
    if (dialog.exec() != QDialog::Accepted || !c || c->isRunning())
        return;
    PlanRequest r;
    r.kind = PlanRequest::Kind::Stamp;
    r.targets = dialog.targets();
    r.purge = dialog.purge();
    r.purpose = PlanRequest::Purpose::Run;
    c->preparePlan(r);
}

void MainWindow::rollbackWizard()
{
    QStringList names;
    if (m_session)
        names.append(m_session->profile.name);
    for (const Profile &p : std::as_const(m_profiles))
        names.append(p.name);
    if (!profile(m_current))
        return;
    RollbackWizard wizard(
        names, m_current,
        [this](const QString &name) {
            const Profile *p = profile(name);
            JobController *c = p ? controller(name) : nullptr;
            return RollbackWizard::Target{p ? *p : Profile{}, m_snapshots.value(name),
                                          c && !c->isRunning() ? c : nullptr};
        },
        [this](const PlanRequest &r, const Plan &plan, const RunContext &context) {
            startRun(context.profile, r, plan, context);
        },
        this);
    wizard.exec();
    if (!wizard.reportFile().isEmpty())
        logLine(tr("%1: rollback report saved as %2.")
                    .arg(wizard.record().profile, wizard.reportFile()));
}

void MainWindow::exportPendingSql()
{
    writeSql(m_previewSql, QStringLiteral("%1-pending.sql").arg(m_current));
}

void MainWindow::writeSql(const QString &sql, const QString &suggestedName)
{
    if (sql.isEmpty()) {
        statusBar()->showMessage(tr("Nothing to export: no step is pending."), 5000);
        return;
    }
    QString safeName = suggestedName;
    safeName.replace(QRegularExpression(QStringLiteral("[^A-Za-z0-9._-]+")), QStringLiteral("_"));
    const QString file =
        QFileDialog::getSaveFileName(this, tr("Save SQL"), safeName, tr("SQL scripts (*.sql)"));
    if (file.isEmpty())
        return;
    QSaveFile out(file);
    if (!out.open(QIODevice::WriteOnly) || out.write(sql.toUtf8()) < 0 || !out.commit()) {
        QMessageBox::critical(this, tr("Save SQL"),
                              tr("Cannot write %1: %2").arg(file, out.errorString()));
        return;
    }
    statusBar()->showMessage(tr("SQL written to %1.").arg(file), 10000);
}

} // namespace strata::gui
