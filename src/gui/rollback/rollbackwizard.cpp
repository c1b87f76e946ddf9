#include "rollback/rollbackwizard.h"

#include "engine/executor.h"
#include "jobs/jobcontroller.h"
#include "jobs/migrationworker.h"
#include "project/migration.h"
#include "rollback/gatedpage.h"
#include "settings/settings.h"
#include "status/runresultdialog.h"
#include "ui_rollbackwizard.h"

#include <QAbstractButton>
#include <QFile>
#include <QFileDialog>
#include <QLocale>
#include <QMessageBox>

namespace strata::gui {

namespace {

constexpr int kRevisionRole = Qt::UserRole;

QString revisionList(const QStringList &revisions)
{
    return revisions.isEmpty() ? RollbackWizard::tr("base (no migration applied)")
                               : revisions.join(QLatin1String(", "));
}

// A migration as the snapshot holds it, enough for the downgrade's data-loss check.
Migration migrationOf(const RevisionRow &row)
{
    Migration m;
    m.revision = row.id;
    m.filePath = row.filePath;
    m.hasDowngrade = row.hasDowngrade;
    m.downgradeSql = row.downgradeSql;
    m.downgradeLine = row.downgradeLine;
    return m;
}

} // namespace

RollbackWizard::RollbackWizard(const QStringList &profiles, const QString &initial, Resolve resolve,
                               StartRun startRun, QWidget *parent)
    : QWizard(parent), m_ui(std::make_unique<Ui::RollbackWizard>()), m_resolve(std::move(resolve)),
      m_startRun(std::move(startRun))
{
    m_ui->setupUi(this);
    m_ui->profileCombo->addItems(profiles);
    m_ui->profileCombo->setCurrentText(initial);
    setButtonText(QWizard::CommitButton, tr("Roll Back"));
    m_ui->confirmPage->setCommitPage(true); // no way back once the rollback has started
    setButtonText(QWizard::FinishButton, tr("Close"));

    m_ui->targetPage->setGate([this] { return !m_target.isEmpty(); });
    m_ui->reviewPage->setGate([this] {
        return m_planReady && m_blocking.isEmpty() && !m_plan.steps.isEmpty() &&
               (m_dataLoss.isEmpty() || m_ui->dataLossCheck->isChecked());
    });
    m_ui->backupPage->setGate([this] {
        return !m_backingUp &&
               (!m_backupFile.isEmpty() || (!m_ui->backupCheck->isChecked() && !backupRequired()));
    });
    m_ui->confirmPage->setGate([this] { return confirmMissing().isEmpty(); });
    m_ui->runPage->setGate([this] { return m_finished && !m_restoring; });

    // Only a row the person selected counts: the view's focus alone picks nothing.
    connect(m_ui->targetList, &QTreeWidget::itemSelectionChanged, this, [this] {
        const QList<QTreeWidgetItem *> selected = m_ui->targetList->selectedItems();
        QTreeWidgetItem *item = selected.value(0);
        m_target = item && (item->flags() & Qt::ItemIsEnabled)
                       ? item->data(0, kRevisionRole).toString()
                       : QString();
        m_ui->targetPage->recheck();
    });
    connect(m_ui->stepList, &QTreeWidget::currentItemChanged, this, &RollbackWizard::showStepSql);
    connect(m_ui->dataLossCheck, &QCheckBox::toggled, m_ui->reviewPage, &GatedPage::recheck);
    connect(m_ui->backupCheck, &QCheckBox::toggled, this, [this](bool on) {
        m_ui->backupButton->setEnabled(on && !m_backingUp && m_backupFile.isEmpty());
        m_ui->backupPage->recheck();
    });
    connect(m_ui->backupButton, &QPushButton::clicked, this, &RollbackWizard::startBackup);
    connect(m_ui->backupCancelButton, &QPushButton::clicked, this, [this] {
        if (m_controller)
            m_controller->cancel();
    });
    for (QLineEdit *edit : {m_ui->typedEdit, m_ui->reasonEdit})
        connect(edit, &QLineEdit::textChanged, this, &RollbackWizard::updateConfirmHint);
    connect(m_ui->restoreButton, &QPushButton::clicked, this, &RollbackWizard::startRestore);
    connect(m_ui->saveReportButton, &QPushButton::clicked, this, [this] {
        const QString file = QFileDialog::getSaveFileName(
            this, tr("Save Report"), QFileInfo(m_reportFile).fileName(), tr("HTML (*.html)"));
        if (file.isEmpty())
            return;
        QFile::remove(file);
        if (!QFile::copy(m_reportFile, file))
            QMessageBox::warning(this, tr("Save Report"), tr("Cannot write %1.").arg(file));
    });

    connect(m_ui->profileCombo, &QComboBox::currentTextChanged, this, &RollbackWizard::useProfile);
    useProfile(initial);
}

QStringList RollbackWizard::confirmMissing() const
{
    QStringList missing;
    if (!Protection::check(guard(), m_ui->typedEdit->text()).ok())
        missing.append(tr("the database name %1").arg(guard().confirmName));
    if (m_ui->reasonEdit->text().trimmed().isEmpty())
        missing.append(tr("a reason"));
    return missing;
}

void RollbackWizard::updateConfirmHint()
{
    // Roll Back is disabled until both fields are filled in; say so beside them, and on the
    // button, rather than leave a greyed-out button to guess at.
    const QStringList missing = confirmMissing();
    const QString hint =
        missing.isEmpty() ? tr("Ready: Roll Back starts the rollback.")
        : missing.size() == 1
            ? tr("Roll Back is disabled until you type %1.").arg(missing[0])
            : tr("Roll Back is disabled until you type %1 and %2.").arg(missing[0], missing[1]);
    m_ui->confirmHint->setText(hint);
    if (QAbstractButton *commit = button(QWizard::CommitButton))
        commit->setToolTip(missing.isEmpty() ? QString() : hint);
    m_ui->confirmPage->recheck();
}

void RollbackWizard::useProfile(const QString &name)
{
    const Target t = m_resolve(name);
    m_profile = t.profile;
    m_snapshot = t.snapshot;
    m_controller = t.controller;
    m_target.clear();
    setWindowTitle(tr("Guided Rollback: %1").arg(m_profile.name));
    for (const QMetaObject::Connection &c : std::as_const(m_workerConnections))
        disconnect(c);
    m_workerConnections.clear();
    if (MigrationWorker *w = m_controller ? m_controller->worker() : nullptr) {
        m_workerConnections = {
            connect(w, &MigrationWorker::planReady, this,
                    [this](const PlanRequest &r, const Plan &plan, const QString &) {
                        if (r.purpose == PlanRequest::Purpose::Wizard)
                            showPlan(plan);
                    }),
            connect(w, &MigrationWorker::planFailed, this,
                    [this](const PlanRequest &r, const Error &error) {
                        if (r.purpose == PlanRequest::Purpose::Wizard)
                            showPlanError(error);
                    }),
            connect(w, &MigrationWorker::progress, this, &RollbackWizard::onProgress),
            connect(w, &MigrationWorker::runFinished, this, &RollbackWizard::onRunFinished),
            connect(w, &MigrationWorker::backupProgress, this, &RollbackWizard::onBackupProgress),
            connect(w, &MigrationWorker::backupFinished, this, &RollbackWizard::onBackupFinished),
            connect(w, &MigrationWorker::restoreProgress, this,
                    [this](const QString &text, int percent) {
                        m_ui->restoreProgress->setRange(0, percent < 0 ? 0 : 100);
                        if (percent >= 0)
                            m_ui->restoreProgress->setValue(percent);
                        m_ui->runStatus->setText(text);
                    }),
            connect(w, &MigrationWorker::restoreFinished, this, &RollbackWizard::onRestoreFinished),
        };
    }
    m_record = RollbackRecord{};
    m_record.profile = m_profile.name;
    m_record.environment = m_profile.environment;
    m_record.database = m_snapshot ? m_snapshot->database : m_profile.displayTarget();
    m_record.fromRevisions = m_snapshot ? m_snapshot->current : QStringList();
    m_record.osUser = Executor::osUser();
    m_record.toolVersion = QStringLiteral(STRATA_VERSION_STRING);
    m_ui->targetList->clear();
    fillTargets();
    m_ui->targetPage->recheck();
}

bool RollbackWizard::chooseProfile(const QString &name)
{
    const int i = m_ui->profileCombo->findText(name);
    if (i < 0 || currentId() != TargetPage)
        return false;
    m_ui->profileCombo->setCurrentIndex(i);
    return true;
}

RollbackWizard::~RollbackWizard() = default;

void RollbackWizard::fillTargets()
{
    if (!m_snapshot || !m_snapshot->reachable || !m_controller) {
        m_ui->targetIntro->setText(
            tr("%1 cannot be read now: %2")
                .arg(m_profile.name,
                     m_snapshot ? m_snapshot->problem : tr("its database has not answered yet")));
        return;
    }
    m_ui->targetIntro->setText(
        tr("%1 (%2) is now at %3. The list shows what was applied, newest first: choose the last "
           "change that should remain.")
            .arg(m_profile.name, m_record.database, revisionList(m_record.fromRevisions)));
    const QLocale locale;
    if (m_snapshot) {
        for (const RevisionRow &row : m_snapshot->rows) {
            const bool applied = row.state == RevisionRow::State::Applied ||
                                 row.state == RevisionRow::State::Current ||
                                 row.state == RevisionRow::State::Edited;
            if (!applied)
                continue;
            const bool current = m_snapshot->current.contains(row.id);
            auto *item = new QTreeWidgetItem(
                m_ui->targetList,
                {current ? tr("%1 (now)").arg(row.message) : row.message,
                 row.appliedAt.isValid()
                     ? locale.toString(row.appliedAt.toLocalTime(), QLocale::ShortFormat)
                     : tr("unknown"),
                 row.appliedBy, row.id});
            item->setData(0, kRevisionRole, row.id);
            if (current && m_snapshot->current.size() == 1) // nothing to undo
                item->setFlags(item->flags() & ~Qt::ItemIsEnabled);
        }
    }
    auto *base =
        new QTreeWidgetItem(m_ui->targetList, {tr("Before the first migration (an empty schema)"),
                                               QString(), QString(), QStringLiteral("base")});
    base->setData(0, kRevisionRole, QStringLiteral("base"));
    for (int c = 0; c < m_ui->targetList->columnCount(); ++c)
        m_ui->targetList->resizeColumnToContents(c);
}

bool RollbackWizard::chooseTarget(const QString &revision)
{
    for (int i = 0; i < m_ui->targetList->topLevelItemCount(); ++i) {
        QTreeWidgetItem *item = m_ui->targetList->topLevelItem(i);
        if (item->data(0, kRevisionRole).toString() == revision &&
            (item->flags() & Qt::ItemIsEnabled)) {
            m_ui->targetList->setCurrentItem(item);
            return true;
        }
    }
    return false;
}

void RollbackWizard::reject()
{
    if (m_running || m_restoring || m_backingUp) {
        const auto answer = QMessageBox::question(
            this, tr("Stop?"),
            m_running
                ? tr("The rollback is running. Stop it? The step under way is rolled "
                     "back; the steps already done stay undone.")
                : tr("Stop the %1 under way?").arg(m_backingUp ? tr("backup") : tr("restore")));
        if (answer == QMessageBox::Yes && m_controller)
            m_controller->cancel();
        return; // the wizard closes once the job has answered
    }
    QWizard::reject();
}

void RollbackWizard::initializePage(int id)
{
    switch (id) {
    case ReviewPage: {
        m_planReady = false;
        m_blocking.clear();
        m_dataLoss.clear();
        m_ui->stepList->clear();
        m_ui->stepSql->showSql({});
        m_ui->problemsLabel->clear();
        m_ui->dataLossCheck->setChecked(false);
        m_ui->dataLossCheck->hide();
        m_ui->reviewSummary->setText(tr("Planning the rollback…"));
        m_ui->reviewPage->recheck();
        PlanRequest request;
        request.kind = PlanRequest::Kind::Downgrade;
        request.targets = {m_target};
        request.purpose = PlanRequest::Purpose::Wizard;
        if (m_controller)
            m_controller->preparePlan(request);
        break;
    }
    case BackupPage:
        m_ui->backupIntro->setText(
            backupRequired()
                ? tr("%1 is protected: a safety backup is required before a rollback.")
                      .arg(m_profile.name)
                : tr("Recommended: the downgrade may delete data that only a backup keeps."));
        m_ui->backupCheck->setEnabled(!backupRequired());
        if (backupRequired())
            m_ui->backupCheck->setChecked(true);
        m_ui->backupButton->setEnabled(m_ui->backupCheck->isChecked() && !m_backingUp &&
                                       m_backupFile.isEmpty());
        m_ui->backupCancelButton->setEnabled(m_backingUp);
        m_ui->backupPage->recheck();
        break;
    case ConfirmPage: {
        const RevisionRow *row = m_snapshot ? m_snapshot->row(m_target) : nullptr;
        m_ui->confirmSummary->setText(
            tr("<p>Roll back <b>%1</b> (%2) from %3 to <b>%4</b>: %n step(s).</p>"
               "<p>Safety backup: %5</p>",
               nullptr, int(m_plan.steps.size()))
                .arg(m_profile.name.toHtmlEscaped(), m_record.database.toHtmlEscaped(),
                     revisionList(m_record.fromRevisions).toHtmlEscaped(),
                     (row ? row->message : tr("before the first migration")).toHtmlEscaped(),
                     m_backupFile.isEmpty() ? tr("none") : m_backupFile.toHtmlEscaped()));
        m_ui->typedLabel->setText(
            tr("Type the database name, <b>%1</b>:").arg(guard().confirmName.toHtmlEscaped()));
        m_ui->typedEdit->setFocus();
        updateConfirmHint();
        break;
    }
    case SummaryPage:
        m_ui->summaryView->setHtml(RollbackReport::html(m_record));
        m_ui->reportLabel->setText(m_reportFile.isEmpty()
                                       ? tr("The report could not be saved.")
                                       : tr("Report saved as %1").arg(m_reportFile));
        m_ui->saveReportButton->setEnabled(!m_reportFile.isEmpty());
        break;
    default:
        break;
    }
    QWizard::initializePage(id);
}

void RollbackWizard::showPlan(const Plan &plan)
{
    m_plan = plan;
    m_planReady = true;
    QStringList notes;
    for (const QString &irreversible : plan.irreversible)
        m_blocking.append(tr("%1 has no downgrade section: it cannot be undone by a rollback; "
                             "restore a backup instead.")
                              .arg(irreversible));
    const bool postgres = m_snapshot && m_snapshot->engine == QLatin1String("postgresql");
    for (int i = 0; i < plan.steps.size(); ++i) {
        const PlanStep &step = plan.steps.at(i);
        const RevisionRow *row = m_snapshot ? m_snapshot->row(step.revision) : nullptr;
        auto *item =
            new QTreeWidgetItem(m_ui->stepList, {QString::number(i + 1),
                                                 row ? row->message : QString(), step.revision});
        item->setData(0, kRevisionRole, step.revision);
        if (!row || !row->hasDowngrade)
            continue;
        auto found = Linter::downgradeDataLoss(migrationOf(*row));
        if (!found) {
            // PostgreSQL's parser reads the section; SQLite's own syntax may be beyond it.
            if (postgres)
                m_blocking.append(found.error().toString());
            else
                notes.append(tr("%1: not checked for data loss (%2)")
                                 .arg(step.revision, found.error().message));
            continue;
        }
        m_dataLoss += *found;
        if (!found->isEmpty())
            item->setIcon(0, style()->standardIcon(QStyle::SP_MessageBoxWarning));
    }
    m_ui->reviewSummary->setText(
        plan.steps.isEmpty()
            ? tr("Nothing to undo: %1 is already at that state.").arg(m_profile.name)
            : tr("%n step(s) will be undone on %1, from %2 back to %3.", nullptr,
                 int(plan.steps.size()))
                  .arg(m_profile.name, revisionList(plan.startHeads), revisionList(plan.endHeads)));
    QString html;
    for (const QString &b : std::as_const(m_blocking))
        html += QStringLiteral("<p style=\"color:#c62828\"><b>%1</b> %2</p>")
                    .arg(tr("Blocked:"), b.toHtmlEscaped());
    for (const LintFinding &f : std::as_const(m_dataLoss))
        html += QStringLiteral("<p style=\"color:#a15c00\"><b>%1</b> %2 line %3: %4</p>")
                    .arg(tr("Deletes data:"), f.revision.toHtmlEscaped())
                    .arg(f.line)
                    .arg(f.message.toHtmlEscaped());
    for (const QString &n : std::as_const(notes))
        html += QStringLiteral("<p>%1</p>").arg(n.toHtmlEscaped());
    m_ui->problemsLabel->setText(html);
    m_ui->dataLossCheck->setVisible(!m_dataLoss.isEmpty());
    if (m_ui->stepList->topLevelItemCount() > 0)
        m_ui->stepList->setCurrentItem(m_ui->stepList->topLevelItem(0));
    for (int c = 0; c < m_ui->stepList->columnCount(); ++c)
        m_ui->stepList->resizeColumnToContents(c);
    m_ui->reviewPage->recheck();
    Q_EMIT planShown();
}

void RollbackWizard::showPlanError(const Error &error)
{
    m_planReady = true;
    m_blocking = {error.toString()};
    m_ui->reviewSummary->setText(tr("The rollback cannot be planned."));
    m_ui->problemsLabel->setText(
        QStringLiteral("<p style=\"color:#c62828\">%1</p>").arg(error.toString().toHtmlEscaped()));
    m_ui->reviewPage->recheck();
    Q_EMIT planShown();
}

void RollbackWizard::showStepSql()
{
    QTreeWidgetItem *item = m_ui->stepList->currentItem();
    const RevisionRow *row =
        item && m_snapshot ? m_snapshot->row(item->data(0, kRevisionRole).toString()) : nullptr;
    if (!row) {
        m_ui->stepSql->showSql({});
        return;
    }
    m_ui->stepSql->showSql(row->hasDowngrade ? row->downgradeSql
                                             : tr("-- No downgrade section: irreversible."),
                           std::max(row->downgradeLine, 1));
}

void RollbackWizard::startBackup()
{
    if (!m_controller || m_backingUp)
        return;
    m_backingUp = true;
    m_ui->backupButton->setEnabled(false);
    m_ui->backupCancelButton->setEnabled(true);
    m_ui->backupCheck->setEnabled(false);
    m_ui->backupProgress->setRange(0, 0);
    m_ui->backupStatus->setText(tr("Backing up %1…").arg(m_record.database));
    m_ui->backupPage->recheck();
    m_controller->backup(m_profile.name, QStringLiteral("custom"),
                         Settings::load().keepFor(m_profile.name));
}

void RollbackWizard::onBackupProgress(const QString &text, int percent)
{
    if (!m_backingUp)
        return;
    m_ui->backupProgress->setRange(0, percent < 0 ? 0 : 100);
    if (percent >= 0)
        m_ui->backupProgress->setValue(percent);
    m_ui->backupStatus->setText(text);
}

void RollbackWizard::onBackupFinished(const QString &file, const Error &error)
{
    if (!m_backingUp)
        return;
    m_backingUp = false;
    m_ui->backupCancelButton->setEnabled(false);
    m_ui->backupCheck->setEnabled(!backupRequired());
    m_ui->backupProgress->setRange(0, 100);
    if (file.isEmpty()) {
        m_ui->backupProgress->setValue(0);
        m_ui->backupStatus->setText(
            QStringLiteral("<span style=\"color:#c62828\">%1</span>")
                .arg(tr("The backup failed: %1").arg(error.toString()).toHtmlEscaped()));
        m_ui->backupButton->setEnabled(true);
    } else {
        m_backupFile = file;
        m_record.backupFile = file;
        m_record.backupNote = tr("(taken by this rollback, verified)");
        m_ui->backupProgress->setValue(100);
        m_ui->backupStatus->setText(tr("Backed up and verified: %1").arg(file));
    }
    m_ui->backupPage->recheck();
    Q_EMIT backupDone(!file.isEmpty());
}

bool RollbackWizard::validateCurrentPage()
{
    if (currentId() == ConfirmPage) {
        startRun();
        return true;
    }
    return QWizard::validateCurrentPage();
}

void RollbackWizard::startRun()
{
    m_running = true;
    m_finished = false;
    m_record.reason = m_ui->reasonEdit->text().trimmed();
    m_record.target = m_target;
    const RevisionRow *row = m_snapshot ? m_snapshot->row(m_target) : nullptr;
    m_record.targetDescription = row ? row->message : tr("before the first migration");
    if (m_backupFile.isEmpty())
        m_record.backupNote = tr("none taken");
    m_record.steps.clear();
    for (const PlanStep &step : std::as_const(m_plan.steps)) {
        const RevisionRow *r = m_snapshot ? m_snapshot->row(step.revision) : nullptr;
        m_record.steps.append({step.revision, r ? r->message : QString(), {}});
    }
    m_record.startedAt = QDateTime::currentDateTimeUtc();
    m_ui->runProgress->setRange(0, int(m_plan.steps.size()) * 100);
    m_ui->runProgress->setValue(0);
    m_ui->runStatus->setText(tr("Starting…"));
    m_ui->failureLabel->hide();
    m_ui->restoreButton->hide();
    m_ui->restoreProgress->hide();
    PlanRequest request;
    request.kind = PlanRequest::Kind::Downgrade;
    request.targets = {m_target};
    request.purpose = PlanRequest::Purpose::Run;
    RunContext context{m_profile.name, m_record.reason, true};
    const Settings settings = Settings::load();
    context.lockTimeoutMs = settings.runLockTimeoutMs();
    context.statementTimeoutMs = settings.runStatementTimeoutMs();
    m_startRun(request, m_plan, context);
}

void RollbackWizard::onProgress(const JobProgress &progress)
{
    if (!m_running)
        return;
    if (progress.step == 0) {
        m_ui->runStatus->setText(tr("Waiting for the database…"));
        return;
    }
    if (progress.statement == 0) {
        if (progress.step > 1)
            m_ui->runLog->addItem(tr("✔ Step %1 done").arg(progress.step - 1));
        m_ui->runLog->addItem(tr("Step %1 of %2: undoing %3 (%4)")
                                  .arg(progress.step)
                                  .arg(progress.stepCount)
                                  .arg(progress.message, progress.revision));
    }
    const int within =
        progress.statementCount > 0 ? progress.statement * 100 / progress.statementCount : 0;
    m_ui->runProgress->setValue((progress.step - 1) * 100 + within);
    m_ui->runStatus->setText(tr("Step %1 of %2, statement %3 of %4")
                                 .arg(progress.step)
                                 .arg(progress.stepCount)
                                 .arg(progress.statement)
                                 .arg(progress.statementCount));
}

void RollbackWizard::onRunFinished(const JobResult &result)
{
    if (!m_running)
        return;
    m_running = false;
    m_finished = true;
    m_record.finishedAt = QDateTime::currentDateTimeUtc();
    m_record.success = result.success;
    // Where it was left, only as read back afterwards (never "base" for a database not read).
    const bool read = result.after && result.after->reachable;
    m_record.toRevisions = read || result.success
                               ? result.toRevisions
                               : QStringList{tr("unknown (not read after the run)")};
    for (int i = 0; i < m_record.steps.size(); ++i)
        m_record.steps[i].outcome = i < result.stepsRun ? RollbackRecord::Step::Outcome::Done
                                    : (!result.success && i == result.failedStep - 1)
                                        ? RollbackRecord::Step::Outcome::Failed
                                        : RollbackRecord::Step::Outcome::NotRun;
    if (result.success) {
        m_ui->runProgress->setValue(m_ui->runProgress->maximum());
        m_ui->runLog->addItem(tr("✔ All %n step(s) done.", nullptr, result.stepsRun));
        m_ui->runStatus->setText(
            tr("%1 is back at %2.").arg(m_profile.name, revisionList(result.toRevisions)));
    } else {
        m_record.error = result.error.toString();
        m_ui->runStatus->setText(result.cancelled ? tr("The rollback was cancelled.")
                                                  : tr("The rollback failed."));
        m_ui->runProgress->setValue(result.stepsRun * 100);
        const int failing = result.failedStep; // 0: it stopped before any step
        m_ui->runLog->addItem(failing == 0       ? tr("✘ Stopped before any step: nothing ran.")
                              : result.cancelled ? tr("✘ Step %1 cancelled.").arg(failing)
                                                 : tr("✘ Step %1 failed.").arg(failing));
        // What happened, then where the database stands as read back (RunResultDialog's words).
        const QString headline = failing == 0
                                     ? tr("<p><b>Stopped before any step: nothing ran.</b> %1</p>")
                                           .arg(result.error.toString().toHtmlEscaped())
                                     : tr("<p><b>Stopped at step %1 of %2.</b> %3</p>")
                                           .arg(failing)
                                           .arg(m_record.steps.size())
                                           .arg(result.error.toString().toHtmlEscaped());
        QStringList outcome;
        for (const QString &line : RunResultDialog::outcome(result, result.after))
            outcome << line.toHtmlEscaped();
        m_ui->failureLabel->setText(
            headline + QStringLiteral("<p>%1</p>").arg(outcome.join(QLatin1String("<br>"))) +
            (m_backupFile.isEmpty()
                 ? tr("<p>No safety backup was taken; repair the failing migration and run the "
                      "rollback again.</p>")
                 : tr("<p>To return to where you started, restore the safety backup.</p>")));
        m_ui->failureLabel->show();
        m_ui->restoreButton->setVisible(!m_backupFile.isEmpty());
    }
    finishReport();
    m_ui->runPage->recheck();
    Q_EMIT runDone(result.success);
}

void RollbackWizard::startRestore()
{
    if (!m_controller || m_backupFile.isEmpty() || m_restoring)
        return;
    const auto answer = QMessageBox::question(
        this, tr("Restore the Safety Backup"),
        tr("Replace the contents of %1 with the safety backup taken before the rollback?\n\n%2")
            .arg(m_record.database, m_backupFile));
    if (answer != QMessageBox::Yes)
        return;
    m_restoring = true;
    m_ui->restoreButton->setEnabled(false);
    m_ui->restoreProgress->show();
    m_ui->restoreProgress->setRange(0, 0);
    m_ui->runPage->recheck();
    // A restore into a protected profile backs up what it replaces first (Protection), here the
    // state the failed rollback left, so nothing is lost for good.
    const auto backupFirst = Protection::backupFirst(
        Protection::guard(GuardedAction::Restore, GuardedMode::Apply, &m_profile), std::nullopt);
    m_controller->restore(m_backupFile, m_profile.name, m_record.reason,
                          backupFirst && *backupFirst);
}

void RollbackWizard::onRestoreFinished(bool ok, const Error &error)
{
    if (!m_restoring)
        return;
    m_restoring = false;
    m_ui->restoreProgress->setRange(0, 100);
    m_ui->restoreProgress->setValue(ok ? 100 : 0);
    m_record.restoreResult =
        ok ? tr("Restored from %1; the database is as it was before the rollback.")
                 .arg(m_backupFile)
           : tr("The restore failed: %1").arg(error.toString());
    m_ui->runStatus->setText(m_record.restoreResult);
    m_ui->restoreButton->setEnabled(!ok);
    finishReport();
    m_ui->runPage->recheck();
    Q_EMIT restoreDone(ok);
}

void RollbackWizard::finishReport()
{
    QString why;
    m_reportFile = RollbackReport::save(m_record, RollbackReport::defaultDir(), &why);
    if (m_reportFile.isEmpty())
        m_ui->runLog->addItem(tr("The report could not be saved: %1").arg(why));
}

} // namespace strata::gui
