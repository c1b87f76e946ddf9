#pragma once

#include "jobs/migrationworker.h"
#include "jobs/projectsnapshot.h"
#include "profiles/lintpolicy.h"
#include "profiles/profile.h"
#include "profiles/protection.h"
#include "project/migration.h"

#include <QDialog>
#include <QHash>

#include <memory>

namespace Ui {
class ConfirmRunDialog;
}

namespace strata::gui {

// Lists the steps a run will take before anything happens, with the lint findings of the
// migration section each step runs, and offers what `strata upgrade` offers: a dry run, the
// SQL script (shown or saved), PostgreSQL's lock and statement timeouts (prefilled from
// Settings). The core's policies decide, the dialog asks them: on a protected profile
// (Protection) the run button stays disabled until the database name is typed exactly, a backup
// first is offered and on by default; what the lint policy (strata::LintPolicy) blocks needs a
// reason typed to override it, which goes to the audit log. The header shows a protected
// profile's colour and a lock. When the snapshot read a PostgreSQL database the server says is
// missing (DatabaseStatus::exists false), an upgrade offers "Create the database first"
// (checked), and no backup: there is nothing to back up (Guard::nothingToBackUp).
class ConfirmRunDialog : public QDialog
{
    Q_OBJECT

public:
    ConfirmRunDialog(const Profile &profile, const PlanRequest &request, const Plan &plan,
                     const ProjectSnapshot *snapshot, QWidget *parent = nullptr);
    ~ConfirmRunDialog() override;

    // The plan as an offline SQL script (Migrator::offlineSql), for Show and Save; empty: none
    // could be written, and both buttons say so.
    void setScript(const QString &sql);

    QString reason() const;
    // On when Protection offers it (every change on a protected profile) and not declined;
    // never for a dry run.
    bool backupFirst() const;
    bool dryRun() const;
    // Shown and on only for an upgrade of a PostgreSQL database that does not exist yet; never
    // for a dry run (it keeps nothing, so it creates nothing).
    bool createDatabase() const;
    // ms; -1: the server's own setting.
    int lockTimeoutMs() const;
    int statementTimeoutMs() const;
    // The reason typed to run what the lint policy blocks; empty when nothing is overridden.
    QString lintOverride() const;
    // The findings shown, and what of them blocks under the policy for the chosen mode.
    const LintReview &lintReview() const { return m_review; }
    // Everything chosen here, for the worker: reason, backup first, dry run, timeouts, lint.
    void fillContext(RunContext &context) const;

private:
    void showFindings(const Plan &plan, const ProjectSnapshot *snapshot);
    void showProtection();
    void showScript();
    void saveScript();
    void update();

    std::unique_ptr<Ui::ConfirmRunDialog> m_ui;
    Profile m_profile;
    PlanRequest m_request;
    GuardedAction m_action = GuardedAction::Upgrade;
    bool m_databaseMissing = false; // read as not existing (DatabaseStatus::exists)
    Guard m_guard;
    LintReview m_review;
    QHash<QString, Migration> m_migrations; // read afresh from the project, by revision
    QString m_script;
};

} // namespace strata::gui
