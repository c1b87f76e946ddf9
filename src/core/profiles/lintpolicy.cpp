#include "profiles/lintpolicy.h"
#include "storage/privatefiles.h"

#include "profiles/profilestore.h"
#include "project/migration.h"

#include <QDir>
#include <QFileInfo>
#include <QSettings>

#include <algorithm>

namespace strata {

namespace {

const QString kSettingKey = QStringLiteral("lint/protected");

// The findings of the section `step` runs.
QList<LintFinding> findingsOf(const Migration &m, const PlanStep &step, SqlDialect dialect)
{
    const bool up = step.direction == Direction::Up;
    auto inSection = [&](int line) {
        const bool downgrade = m.hasDowngrade && line >= m.downgradeLine;
        return up != downgrade;
    };
    QList<LintFinding> out;
    auto found = Linter::lint(m, dialect);
    if (found) {
        for (const LintFinding &f : std::as_const(*found))
            if (inSection(f.line))
                out.append(f);
    } else if (inSection(found.error().line) || found.error().line == 0) {
        const Error &e = found.error();
        out.append(LintFinding{m.revision, e.file.isEmpty() ? m.filePath : e.file, e.line, e.column,
                               QStringLiteral("syntax"), LintFinding::Severity::Error, e.message});
    }
    // What a downgrade drops, read by PostgreSQL's parser: SQLite's own syntax may be beyond it.
    if (!up && dialect == SqlDialect::PostgreSQL)
        if (auto loss = Linter::downgradeDataLoss(m))
            out += *loss;
    std::stable_sort(out.begin(), out.end(),
                     [](const LintFinding &a, const LintFinding &b) { return a.line < b.line; });
    return out;
}

} // namespace

bool LintReview::blocks(const LintFinding &finding) const
{
    switch (block) {
    case LintBlock::Nothing:
        return false;
    case LintBlock::Errors:
        return finding.severity == LintFinding::Severity::Error;
    case LintBlock::Warnings:
        return true;
    }
    return false;
}

QList<LintFinding> LintReview::blocking() const
{
    QList<LintFinding> out;
    for (const StepFindings &s : steps)
        for (const LintFinding &f : s.findings)
            if (blocks(f))
                out.append(f);
    return out;
}

QStringList LintReview::blockingRules() const
{
    QStringList rules;
    for (const LintFinding &f : blocking())
        rules.append(f.rule);
    rules.sort();
    rules.removeDuplicates();
    return rules;
}

int LintReview::count(LintFinding::Severity severity) const
{
    int n = 0;
    for (const StepFindings &s : steps)
        n +=
            int(std::count_if(s.findings.cbegin(), s.findings.cend(),
                              [severity](const LintFinding &f) { return f.severity == severity; }));
    return n;
}

LintBlock LintPolicy::blockFor(const Profile *profile, GuardedMode mode)
{
    if (mode != GuardedMode::Apply || !profile || !profile->isProtected)
        return LintBlock::Nothing;
    return onProtected();
}

QString LintPolicy::settingsFilePath()
{
    return QFileInfo(ProfileStore::defaultFilePath())
        .dir()
        .filePath(QStringLiteral("settings.ini"));
}

LintBlock LintPolicy::onProtected()
{
    const QSettings settings(settingsFilePath(), QSettings::IniFormat);
    return blockFromName(settings.value(kSettingKey).toString()).value_or(LintBlock::Errors);
}

Status LintPolicy::setOnProtected(LintBlock block)
{
    const QString path = settingsFilePath();
    // QSettings keeps the mode of a file that is there: made 0600 first (PrivateFiles).
    if (auto prepared = PrivateFiles::prepareFile(path); !prepared)
        return prepared.error();
    QSettings settings(path, QSettings::IniFormat);
    settings.setValue(kSettingKey, blockName(block));
    settings.sync();
    if (settings.status() != QSettings::NoError)
        return Error::failure(QStringLiteral("cannot write %1").arg(path));
    return {};
}

QString LintPolicy::blockName(LintBlock block)
{
    switch (block) {
    case LintBlock::Nothing:
        return QStringLiteral("nothing");
    case LintBlock::Errors:
        return QStringLiteral("errors");
    case LintBlock::Warnings:
        return QStringLiteral("warnings");
    }
    return {};
}

std::optional<LintBlock> LintPolicy::blockFromName(const QString &name)
{
    for (LintBlock b : {LintBlock::Nothing, LintBlock::Errors, LintBlock::Warnings})
        if (name.trimmed().compare(blockName(b), Qt::CaseInsensitive) == 0)
            return b;
    return std::nullopt;
}

LintReview LintPolicy::review(const Plan &plan, const MigrationLookup &lookup, SqlDialect dialect,
                              LintBlock block)
{
    LintReview review;
    review.block = block;
    for (const PlanStep &step : plan.steps) {
        if (step.stamp)
            continue;
        StepFindings s{step, {}};
        if (const Migration *m = lookup ? lookup(step.revision) : nullptr)
            s.findings = findingsOf(*m, step, dialect);
        review.steps.append(s);
    }
    return review;
}

Status LintPolicy::check(const LintReview &review, const QString &overrideReason)
{
    const QList<LintFinding> blocking = review.blocking();
    if (blocking.isEmpty() || !overrideReason.trimmed().isEmpty())
        return {};
    Error e = Error::failure(
                  QStringLiteral("the lint policy blocks this run (%1 on a protected profile): "
                                 "%2; fix the migration, or give a reason to override it; "
                                 "nothing was changed")
                      .arg(review.block == LintBlock::Warnings ? QStringLiteral("warnings")
                                                               : QStringLiteral("errors"),
                           review.blockingRules().join(QLatin1String(", "))))
                  .with(Error::Code::Refused);
    for (const LintFinding &f : blocking)
        e.details.append(
            QStringLiteral("%1:%2: [%3] %4").arg(f.file).arg(f.line).arg(f.rule, f.message));
    return e;
}

} // namespace strata
