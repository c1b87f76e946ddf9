#pragma once

#include "engine/executor.h"
#include "error.h"
#include "lint/linter.h"
#include "profiles/profile.h"
#include "profiles/protection.h"
#include "revision/plan.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace strata {

// Which lint findings stop a run before it starts. (Declared ahead elsewhere: keep it int-based
// with Nothing first, the value-initialised default.)
enum class LintBlock {
    Nothing,  // findings are shown, never stop a run
    Errors,   // Error findings stop it (the default on protected profiles)
    Warnings, // Error and Warning findings stop it
};

// The findings of one step of a plan, for the migration section that step runs.
struct StepFindings
{
    PlanStep step;
    QList<LintFinding> findings; // ordered by line; empty: nothing found
};

// What the lint says about a plan before it runs, and what of it blocks the run.
struct LintReview
{
    QList<StepFindings> steps; // every step that runs SQL (no stamps), in plan order
    LintBlock block = LintBlock::Nothing;

    bool blocks(const LintFinding &finding) const;
    // The findings that block, in plan order.
    QList<LintFinding> blocking() const;
    // Their rule names, sorted, each once.
    QStringList blockingRules() const;
    bool blocked() const { return !blocking().isEmpty(); }
    int count(LintFinding::Severity severity) const;
};

// The one lint policy before a run, asked by the command line and the desktop app alike, next
// to the protection policy (Protection). The rule, written once:
//  - Only a run that changes the database (GuardedMode::Apply) can be blocked: a dry run, a
//    plan or offline SQL keeps nothing.
//  - On a protected profile, findings of the configured severity block the run (Error
//    findings by default; onProtected()); on any other target they are shown, never block.
//  - A blocked run goes ahead only with a reason typed to override it; the reason and the
//    rules it overrides go to the audit log (Operations does both).
// A step's findings are those of the section it runs: an upgrade step gets its upgrade
// section's (and a missing downgrade), a downgrade step its downgrade section's, with the data
// it drops as warnings (PostgreSQL's parser reads it).
class LintPolicy
{
public:
    // What blocks a run of `mode` on `profile` (nullptr: a database named otherwise).
    static LintBlock blockFor(const Profile *profile, GuardedMode mode = GuardedMode::Apply);

    // The setting for protected profiles: "lint/protected" in settingsFilePath() ("errors",
    // "warnings" or "nothing"); Errors when unset or unreadable.
    static LintBlock onProtected();
    // Writes the setting (the desktop app's Settings); an error when the file cannot be written.
    static Status setOnProtected(LintBlock block);
    // settings.ini beside the profiles (ProfileStore::defaultFilePath()), shared by the app and
    // the command line.
    static QString settingsFilePath();

    // The findings of each step of `plan`; lookup finds a step's migration (a step it cannot
    // find gets no findings). A section that does not parse is an Error finding, rule "syntax".
    static LintReview review(const Plan &plan, const MigrationLookup &lookup, SqlDialect dialect,
                             LintBlock block);

    // Ok when nothing blocks, or overrideReason (trimmed) is not empty; else a refusal
    // (Error::Code::Refused) listing each blocking finding as "file:line: [rule] message".
    static Status check(const LintReview &review, const QString &overrideReason);

    // "nothing", "errors", "warnings"; and back (nothing when unknown).
    static QString blockName(LintBlock block);
    static std::optional<LintBlock> blockFromName(const QString &name);
};

} // namespace strata
