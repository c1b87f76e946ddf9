#include "status/runresultdialog.h"

#include <QSet>

namespace strata::gui {

namespace {

QString actionText(const QString &action)
{
    if (action == QLatin1String("upgrade"))
        return RunResultDialog::tr("The upgrade");
    if (action == QLatin1String("downgrade"))
        return RunResultDialog::tr("The downgrade");
    if (action == QLatin1String("stamp"))
        return RunResultDialog::tr("The stamp");
    return action;
}

QSet<QString> appliedIn(const ProjectSnapshot &snap)
{
    QSet<QString> applied;
    for (const RevisionRow &row : snap.rows)
        if (row.state == RevisionRow::State::Applied || row.state == RevisionRow::State::Current ||
            row.state == RevisionRow::State::Edited)
            applied.insert(row.id);
    return applied;
}

// Whether a plan step is in effect in the database as read: an upgrade's revision applied, a
// downgrade's not; a stamp moves only rows, so it counts when it finished.
bool inEffect(const PlanStep &step, int index, const JobResult &result,
              const QSet<QString> &applied)
{
    if (step.stamp)
        return index < result.stepsRun;
    const bool isApplied = applied.contains(step.revision);
    return step.direction == Direction::Up ? isApplied : !isApplied;
}

QString atText(const ProjectSnapshot &snap)
{
    if (!snap.status.exists)
        return RunResultDialog::tr("not created (nothing applied)");
    return snap.current.isEmpty() ? RunResultDialog::tr("empty (base)")
                                  : snap.current.join(QLatin1String(", "));
}

} // namespace

RunResultDialog::RunResultDialog(const QString &profile, const JobResult &result, QWidget *parent)
    : QMessageBox(parent), m_profile(profile), m_result(result)
{
    setObjectName(QStringLiteral("runResultDialog"));
    setIcon(result.cancelled ? QMessageBox::Information : QMessageBox::Critical);
    setWindowTitle(title(result));
    setText(describe(profile, result, result.after));
    setStandardButtons(QMessageBox::Ok);
    if (!result.error.message.isEmpty())
        setDetailedText(result.error.toString());
    m_awaiting = result.after ? !result.after->reachable : result.failedStep > 0;
}

QString RunResultDialog::title(const JobResult &result)
{
    if (result.cancelled)
        return tr("%1 cancelled").arg(actionText(result.action));
    if (result.error.code == Error::Code::ConnectionLost)
        return tr("Connection lost");
    return tr("%1 failed").arg(actionText(result.action));
}

QString RunResultDialog::describe(const QString &profile, const JobResult &result,
                                  const SnapshotPtr &after)
{
    const QList<PlanStep> &steps = result.plan.steps;
    const int count = int(steps.size());
    const int failing = result.failedStep; // 1-based; 0: before any step
    const QString what = actionText(result.action);
    const QString revision =
        failing > 0 && failing <= count ? steps[failing - 1].revision : QString();
    QStringList lines;

    // What happened, from the run itself.
    if (failing == 0) {
        lines << (result.cancelled
                      ? tr("%1 on %2 was cancelled before any step started: nothing ran.")
                            .arg(what, profile)
                      : tr("%1 on %2 failed before any step started: nothing ran.")
                            .arg(what, profile));
        if (!result.cancelled)
            lines << result.error.message;
    } else if (result.cancelled) {
        lines << tr("%1 on %2 was cancelled during step %3 of %4 (%5).")
                     .arg(what, profile)
                     .arg(failing)
                     .arg(count)
                     .arg(revision);
    } else if (result.error.code == Error::Code::ConnectionLost) {
        lines << tr("The connection to %1 was lost during step %2 of %3 (%4).")
                     .arg(profile)
                     .arg(failing)
                     .arg(count)
                     .arg(revision);
    } else {
        lines << tr("%1 on %2 failed at step %3 of %4 (%5): %6")
                     .arg(what, profile)
                     .arg(failing)
                     .arg(count)
                     .arg(revision, result.error.message);
    }

    lines << outcome(result, after);
    return lines.join(QLatin1Char('\n'));
}

QStringList RunResultDialog::outcome(const JobResult &result, const SnapshotPtr &after)
{
    const QList<PlanStep> &steps = result.plan.steps;
    const int failing = result.failedStep; // 1-based; 0: before any step
    const QString revision =
        failing > 0 && failing <= steps.size() ? steps[failing - 1].revision : QString();
    QStringList lines;
    // Stopped before it touched the database (cancelled while queued, a project that did not
    // open): nothing ran and nothing was read, so there is nothing more to say.
    if (!after && failing == 0)
        return lines;
    // What the database holds, only as read back.
    if (after && after->reachable) {
        const QSet<QString> applied = appliedIn(*after);
        const QString when = after->checkedAt.toLocalTime().toString(QStringLiteral("HH:mm:ss"));
        lines << tr("Read back at %1: the database is at %2.").arg(when, atText(*after));
        if (failing > 0) {
            int done = 0;
            for (int i = 0; i < failing - 1; ++i)
                done += inEffect(steps[i], i, result, applied) ? 1 : 0;
            lines << stepsBefore(failing - 1, done);
            const PlanStep &step = steps[failing - 1];
            bool partly = false;
            for (const DatabaseStatus::StepFailure &f : after->status.failures)
                partly = partly || (f.record.revision == revision && f.partlyApplied);
            if (inEffect(step, failing - 1, result, applied))
                lines << tr("%1 is in effect: it completed before the run stopped.").arg(revision);
            else if (partly)
                lines << tr("%1 ran outside a transaction: its statements before the failing one "
                            "may have stayed applied.")
                             .arg(revision);
            else
                lines << tr("%1 was rolled back: it is not in effect.").arg(revision);
        }
    } else {
        // A few words; the server's own are in the Activity log and the main window.
        const Error::Code code = after ? after->problemCode : Error::Code::None;
        const QString why =
            !after ? tr("it was not read")
            : code == Error::Code::ConnectionLost || code == Error::Code::ConnectionFailed
                ? tr("the server cannot be reached")
                : after->problem;
        if (failing > 0) {
            lines << finishedBefore(failing - 1, result.stepsRun);
            lines << tr("The outcome of step %1 (%2) is unknown until the database is read "
                        "again: it could not be read afterwards (%3). Strata reconnects and "
                        "shows it here when it has.")
                         .arg(failing)
                         .arg(revision, why);
        } else {
            lines << tr("The database could not be read afterwards (%1); its state is unknown "
                        "until it is read again.")
                         .arg(why);
        }
    }
    return lines;
}

QString RunResultDialog::stepsBefore(int before, int done)
{
    if (before <= 0)
        return tr("It was the run's first step.");
    if (done <= 0)
        return tr("None of the %n step(s) before it is in effect.", nullptr, before);
    if (done >= before)
        return tr("The %n step(s) before it completed and are in effect.", nullptr, before);
    return tr("Steps before it in effect: %1 of %n.", nullptr, before).arg(done);
}

QString RunResultDialog::finishedBefore(int before, int finished)
{
    if (before <= 0)
        return tr("It was the run's first step.");
    if (finished <= 0)
        return tr("No step had finished before it.");
    return tr("%n step(s) had finished before it.", nullptr, finished);
}

void RunResultDialog::noteSnapshot(const SnapshotPtr &snapshot)
{
    if (!m_awaiting || !snapshot || !snapshot->reachable)
        return;
    m_awaiting = false;
    setText(describe(m_profile, m_result, snapshot));
}

} // namespace strata::gui
