#pragma once

#include "jobs/projectsnapshot.h"

#include <QMessageBox>

namespace strata::gui {

// The outcome of a run that failed or was cancelled, saying only what happened: the steps
// applied as read back from the database afterwards, "nothing ran" when it stopped before any
// step, a rollback only where the read-back shows one, and, when the database could not be read
// (a lost connection), that the failing step's outcome is unknown until it is read again. Open
// it with open(); noteSnapshot() adds what a later read (after reconnecting) found.
class RunResultDialog : public QMessageBox
{
    Q_OBJECT

public:
    RunResultDialog(const QString &profile, const JobResult &result, QWidget *parent = nullptr);

    // A later read of the profile: when the outcome was unknown, says what the database is now.
    void noteSnapshot(const SnapshotPtr &snapshot);
    // True while the outcome waits for a read of the database.
    bool awaitingRead() const { return m_awaiting; }

    // The dialog's title and text for a result (after: the read-back, possibly later than the
    // run's own). For tests and the Activity log.
    static QString title(const JobResult &result);
    static QString describe(const QString &profile, const JobResult &result,
                            const SnapshotPtr &after);
    // Its second part: where the database stands as read back (the steps in effect, the failing
    // step rolled back or not), or that it is unknown. For the rollback wizard's page too.
    static QStringList outcome(const JobResult &result, const SnapshotPtr &after);
    // One sentence on the steps before the failing one (before: how many there were; done:
    // how many are in effect as read back). None, one and many each read as a sentence.
    static QString stepsBefore(int before, int done);
    // The same when the database was not read back (finished: steps the run saw finish).
    static QString finishedBefore(int before, int finished);

private:
    QString m_profile;
    JobResult m_result;
    bool m_awaiting = false;
};

} // namespace strata::gui
