#include "jobs/runscontroller.h"

#include "jobs/confirmrundialog.h"
#include "jobs/jobcontroller.h"
#include "jobs/stampdialog.h"
#include "rollback/rollbackwizard.h"
#include "settings/settings.h"
#include "status/runresultdialog.h"

#include <QFileDialog>
#include <QMainWindow>
#include <QMessageBox>
#include <QRegularExpression>
#include <QSaveFile>
#include <QStatusBar>

namespace strata::gui {

RunsController::RunsController(Host host, JobPanel *panel, QMainWindow *window, QObject *parent)
    : QObject(parent), m_host(std::move(host)), m_panel(panel), m_window(window)
{
    connect(m_panel, &JobPanel::busyChanged, this, &RunsController::busyChanged);
}

void RunsController::connectWorker(const QString &name, MigrationWorker *w)
{
    connect(w, &MigrationWorker::planReady, this,
            [this, name](const PlanRequest &r, const Plan &plan, const QString &sql) {
                onPlanReady(name, r, plan, sql);
            });
    connect(w, &MigrationWorker::planFailed, this,
            [this, name](const PlanRequest &r, const Error &e) { onPlanFailed(name, r, e); });
    connect(w, &MigrationWorker::progress, this,
            [this, name](const JobProgress &p) { onProgress(name, p); });
    connect(w, &MigrationWorker::runFinished, this,
            [this, name](const JobResult &r) { onRunFinished(name, r); });
}

bool RunsController::isBusy(const QString &profile) const
{
    return m_panel->isBusy(profile) || confirmation(profile);
}

QString RunsController::refusal(const QString &profile) const
{
    if (QString why = m_panel->refusal(profile); !why.isEmpty())
        return why;
    if (confirmation(profile))
        return tr("%1 has a run confirmation open; answer it first.").arg(profile);
    if (JobController *c = m_host.jobs(profile); c && c->isRunning())
        return tr("%1 is busy (the rollback wizard's job); try again when it ends.").arg(profile);
    return {};
}

bool RunsController::refuseBusy(const QString &profile)
{
    const QString why = refusal(profile);
    if (why.isEmpty())
        return false;
    m_window->statusBar()->showMessage(why, 10000);
    Q_EMIT logLine(why);
    return true;
}

ConfirmRunDialog *RunsController::confirmation(const QString &profile) const
{
    return m_confirmations.value(profile).data();
}

bool RunsController::request(const QString &profile, PlanRequest::Kind kind, const QString &target,
                             PlanRequest::Purpose purpose)
{
    if (target.isEmpty())
        return false;
    PlanRequest r;
    r.kind = kind;
    r.targets = {target};
    r.purpose = purpose;
    return request(profile, r);
}

bool RunsController::request(const QString &profile, const PlanRequest &r)
{
    if (ConfirmRunDialog *open = confirmation(profile)) {
        open->raise(); // the one confirmation of this profile, not a second
        open->activateWindow();
        return false;
    }
    JobController *c = m_host.jobs(profile);
    if (!c)
        return false;
    if (refuseBusy(profile))
        return false;
    const JobController::JobId job = c->preparePlan(r);
    m_panel->begin(profile, JobPanel::Kind::Planning, job,
                   tr("Planning: %1… waiting for the database").arg(r.description()));
    return true;
}

void RunsController::preview(const QString &profile, const PlanRequest &requested)
{
    PlanRequest r = requested;
    r.purpose = PlanRequest::Purpose::Preview;
    JobController *c = m_host.jobs(profile);
    if (!c)
        return;
    if (c->isRunning()) { // the preview says why it is not made, not the last one's plan
        Q_EMIT previewFailed(profile, r, Error::failure(refusal(profile)));
        return;
    }
    c->preparePlan(r);
}

void RunsController::onPlanReady(const QString &name, const PlanRequest &request, const Plan &plan,
                                 const QString &offlineSql)
{
    switch (request.purpose) {
    case PlanRequest::Purpose::Preview:
        Q_EMIT previewReady(name, request, plan, offlineSql);
        return;
    case PlanRequest::Purpose::Wizard: // the wizard listens itself
        return;
    case PlanRequest::Purpose::ExportSql:
    case PlanRequest::Purpose::Run:
        break;
    }
    // The answer to this profile's one planning job: nothing else plans for a run here.
    if (m_panel->kind(name) != JobPanel::Kind::Planning)
        return;
    const bool cancelled = m_panel->isCancelling(name);
    m_panel->end(name);
    if (cancelled) {
        status(tr("%1 on %2: cancelled; nothing was run.").arg(request.description(), name));
        return;
    }
    if (request.purpose == PlanRequest::Purpose::ExportSql) {
        writeSql(offlineSql, QStringLiteral("%1-upgrade.sql").arg(name));
        return;
    }
    if (plan.steps.isEmpty() && !plan.purge) {
        status(tr("%1 on %2: nothing to do.").arg(request.description(), name));
        return;
    }
    confirm(name, request, plan, offlineSql);
}

void RunsController::confirm(const QString &name, const PlanRequest &request, const Plan &plan,
                             const QString &offlineSql)
{
    const Profile *p = m_host.profile(name);
    if (!p)
        return;
    const SnapshotPtr snapshot = m_host.snapshot(name);
    auto *dialog = new ConfirmRunDialog(*p, request, plan, snapshot.get(), m_window);
    dialog->setScript(offlineSql);
    m_confirmations.insert(name, dialog);
    connect(dialog, &QDialog::finished, this, [this, name, request, plan, dialog](int result) {
        dialog->deleteLater();
        m_confirmations.remove(name);
        Q_EMIT busyChanged(name);
        if (result != QDialog::Accepted || !m_host.profile(name)) {
            status(tr("%1 on %2: not run.").arg(request.description(), name));
            return;
        }
        RunContext context;
        context.profile = name;
        dialog->fillContext(context); // reason, backup first, dry run, timeouts, lint override
        // The core backs up first in the same job; a failed or cancelled backup means no run.
        if (context.backupFirst)
            context.keepBackups = Settings::load().keepFor(name);
        startRun(name, request, plan, context);
    });
    Q_EMIT busyChanged(name);
    dialog->open();
}

void RunsController::onPlanFailed(const QString &name, const PlanRequest &request,
                                  const Error &error)
{
    switch (request.purpose) {
    case PlanRequest::Purpose::Preview:
        Q_EMIT previewFailed(name, request, error);
        return;
    case PlanRequest::Purpose::Wizard:
        return;
    case PlanRequest::Purpose::ExportSql:
    case PlanRequest::Purpose::Run:
        break;
    }
    if (m_panel->kind(name) != JobPanel::Kind::Planning)
        return;
    const bool cancelled = m_panel->isCancelling(name) || error.code == Error::Code::Cancelled;
    m_panel->end(name);
    if (cancelled) {
        status(tr("%1 on %2: cancelled; nothing was run.").arg(request.description(), name));
        return;
    }
    warn(
        request.description(),
        tr("%1 on %2 cannot be planned:\n\n%3").arg(request.description(), name, error.toString()));
}

void RunsController::startRun(const QString &name, const PlanRequest &request, const Plan &plan,
                              const RunContext &context)
{
    JobController *c = m_host.jobs(name);
    if (!c)
        return;
    if (m_panel->isBusy(name) || c->isRunning()) {
        const QString why = m_panel->isBusy(name) ? m_panel->refusal(name) : refusal(name);
        m_window->statusBar()->showMessage(why, 10000);
        Q_EMIT logLine(why);
        return;
    }
    if (context.guided)
        m_guided.insert(name);
    else
        m_guided.remove(name);
    const JobController::JobId job = c->runPlan(request, plan, context);
    m_panel->begin(name, JobPanel::Kind::Run, job,
                   context.backupFirst
                       ? tr("Backing up %1 before: %2…").arg(name, request.description())
                       : tr("%1: starting…").arg(request.description()),
                   int(plan.steps.size()));
}

void RunsController::onProgress(const QString &name, const JobProgress &progress)
{
    if (m_panel->kind(name) == JobPanel::Kind::Run)
        m_panel->setProgress(name, progress);
}

void RunsController::onRunFinished(const QString &name, const JobResult &result)
{
    const bool guided = m_guided.contains(name);
    m_guided.remove(name);
    if (m_panel->kind(name) == JobPanel::Kind::Run)
        m_panel->end(name);
    const QString seconds = QString::number(double(result.durationMs) / 1000.0, 'f', 1);
    if (result.dryRun && result.success) {
        status(tr("Dry run of %1 on %2: %n step(s) ran and were rolled back; nothing was kept.",
                  nullptr, result.stepsRun)
                   .arg(result.action, name),
               20000);
    } else if (result.dryRun && !result.cancelled) {
        warn(tr("Dry run failed"),
             tr("The dry run of %1 on %2 failed: %3\n\nEverything was rolled back; the database is "
                "as it was.")
                 .arg(result.action, name, result.error.message),
             result.error.toString());
    } else if (result.success) {
        status(tr("%1 on %2: %n step(s) in %3 s.", nullptr, result.stepsRun)
                   .arg(result.action, name, seconds),
               10000);
    } else {
        if (result.cancelled)
            status(tr("%1 on %2 cancelled after %3 s.").arg(result.action, name, seconds), 10000);
        if (!guided) // the wizard shows its own outcome
            showOutcome(name, result);
    }
    Q_EMIT runFinished(name, result);
}

void RunsController::showOutcome(const QString &name, const JobResult &result)
{
    // Only what happened, as read back; an outcome not read yet is filled in when the profile's
    // worker reads the database again (the reconnection).
    auto *box = new RunResultDialog(name, result, m_window);
    box->setAttribute(Qt::WA_DeleteOnClose);
    if (JobController *c = m_host.jobs(name); c && box->awaitingRead())
        connect(c->worker(), &MigrationWorker::snapshotReady, box, &RunResultDialog::noteSnapshot);
    box->open();
}

void RunsController::stamp(const QString &profile, const QString &selected)
{
    if (refuseBusy(profile)) // before the dialog, not after it
        return;
    StampDialog dialog(selected.isEmpty() ? QStringLiteral("heads") : selected, m_window);
    if (dialog.exec() != QDialog::Accepted) // asked from a menu, not from a worker's answer
        return;
    PlanRequest r;
    r.kind = PlanRequest::Kind::Stamp;
    r.targets = dialog.targets();
    r.purge = dialog.purge();
    r.purpose = PlanRequest::Purpose::Run;
    request(profile, r);
}

void RunsController::rollbackWizard(const QString &profile)
{
    if (!m_host.profile(profile) || refuseBusy(profile))
        return;
    RollbackWizard wizard(
        m_host.profileNames(), profile,
        [this](const QString &name) {
            const Profile *p = m_host.profile(name);
            JobController *c = p ? m_host.jobs(name) : nullptr;
            return RollbackWizard::Target{p ? *p : Profile{}, m_host.snapshot(name),
                                          c && !isBusy(name) && !c->isRunning() ? c : nullptr};
        },
        [this](const PlanRequest &r, const Plan &plan, const RunContext &context) {
            startRun(context.profile, r, plan, context);
        },
        m_window);
    wizard.exec(); // asked from a menu, not from a worker's answer
    if (!wizard.reportFile().isEmpty())
        Q_EMIT logLine(tr("%1: rollback report saved as %2.")
                           .arg(wizard.record().profile, wizard.reportFile()));
}

void RunsController::leave(const QString &profile)
{
    if (ConfirmRunDialog *open = confirmation(profile))
        open->reject();
    if (m_panel->kind(profile) == JobPanel::Kind::Planning)
        m_panel->cancel(profile); // answered as cancelled; the panel ends then
}

void RunsController::forget(const QString &profile)
{
    if (ConfirmRunDialog *open = confirmation(profile))
        open->reject();
    m_confirmations.remove(profile);
    m_guided.remove(profile);
    m_panel->forget(profile);
}

void RunsController::writeSql(const QString &sql, const QString &suggestedName)
{
    if (sql.isEmpty()) {
        status(tr("Nothing to export: no step is pending."));
        return;
    }
    QString safeName = suggestedName;
    safeName.replace(QRegularExpression(QStringLiteral("[^A-Za-z0-9._-]+")), QStringLiteral("_"));
    auto *dialog = new QFileDialog(m_window, tr("Save SQL"), safeName, tr("SQL scripts (*.sql)"));
    dialog->setObjectName(QStringLiteral("saveSqlDialog"));
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    dialog->setDefaultSuffix(QStringLiteral("sql"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QFileDialog::fileSelected, this, [this, sql](const QString &file) {
        QSaveFile out(file);
        if (!out.open(QIODevice::WriteOnly) || out.write(sql.toUtf8()) < 0 || !out.commit()) {
            warn(tr("Save SQL"), tr("Cannot write %1: %2").arg(file, out.errorString()));
            return;
        }
        status(tr("SQL written to %1.").arg(file), 10000);
    });
    dialog->open();
}

void RunsController::status(const QString &text, int ms)
{
    m_window->statusBar()->showMessage(text, ms);
}

void RunsController::warn(const QString &title, const QString &text, const QString &details)
{
    auto *box = new QMessageBox(QMessageBox::Warning, title, text, QMessageBox::Ok, m_window);
    if (!details.isEmpty())
        box->setDetailedText(details);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

} // namespace strata::gui
