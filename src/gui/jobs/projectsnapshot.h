#pragma once

#include "drivers/driver.h"
#include "error.h"
#include "history/graphlayout.h"
#include "migrator.h"
#include "revision/plan.h"

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>

#include <memory>

namespace strata::gui {

// One revision as the History tab shows it.
struct RevisionRow
{
    // Unknown: the database was not read. Cancelled: its latest run was stopped by a person.
    enum class State { Unknown, Pending, Applied, Current, Edited, Failed, Cancelled, MissingFile };

    QString id;
    QString message;
    QStringList labels;      // the branch labels it carries (Alembic's, for targets)
    QStringList shownLabels; // those History shows: its own branch's (shownBranchLabels())
    QStringList parents;
    QStringList dependsOn;
    QString createDate;
    QString filePath;
    bool transactional = true;
    bool hasDowngrade = false;
    QString upgradeSql;
    int upgradeLine = 0;
    QString downgradeSql;
    int downgradeLine = 0;

    State state = State::Unknown;
    QDateTime appliedAt; // the latest successful upgrade of this revision
    QString appliedBy;
    qint64 durationMs = -1;
    GraphRow graph;
};

// What a worker read about one profile: its project's revisions and the database's state, a
// value the GUI thread can hold while the worker goes on. The state is the core's
// (Migrator::status()); the fields below it are that status in the shape the views use. When the
// database was not read, reachable is false and every row's state is Unknown: never a guess.
struct ProjectSnapshot
{
    DatabaseStatus status; // as Migrator::status() read it
    QDateTime checkedAt;   // when this read was tried (UTC)
    QDateTime lastReadAt;  // the last time the database was read; invalid: never this session
    QString versionsDir;   // the project's migration folder, absolute
    QStringList cancelled; // revisions whose latest run was cancelled (rolled back)

    QString projectRoot;
    QString database; // display form, never a password
    QString engine;   // "postgresql", "sqlite"
    // A PostgreSQL database the server says does not exist (status.exists false): its name and
    // the server that answered ("127.0.0.1:5432"; empty: libpq's default, a local socket).
    QString missingDatabase;
    QString missingServer;
    QString versionTable;
    QList<RevisionRow> rows; // newest first
    QHash<QString, int> rowOf;
    QStringList current;
    QStringList heads;
    QStringList pending;
    QStringList edited;
    QStringList failed; // revisions whose latest run failed (not cancelled)
    bool reachable = false;
    QString problem; // why the database could not be read, or what check found wrong
    Error::Code problemCode = Error::Code::None; // the problem's kind, for the password prompt
    int graphWidth = 1;

    const RevisionRow *row(const QString &id) const
    {
        const auto it = rowOf.constFind(id);
        return it == rowOf.constEnd() ? nullptr : &rows[*it];
    }
};
using SnapshotPtr = std::shared_ptr<const ProjectSnapshot>;

// What a person asked a worker to plan or run.
struct PlanRequest
{
    enum class Kind { Upgrade, Downgrade, Stamp };
    Kind kind = Kind::Upgrade;
    QStringList targets; // one for upgrade and downgrade
    bool purge = false;  // stamp --purge
    // What the plan is for when it comes back: shown in the Pending tab, confirmed and run,
    // or written to a file as offline SQL.
    // Wizard: a guided rollback's review, answered to the wizard alone.
    enum class Purpose { Preview, Run, ExportSql, Wizard };
    Purpose purpose = Purpose::Preview;

    QString actionName() const;  // "upgrade", "downgrade", "stamp" (for the audit log)
    QString description() const; // "Upgrade to heads", for people
};

struct JobProgress
{
    int step = 0; // 1-based
    int stepCount = 0;
    int statement = 0;
    int statementCount = 0;
    QString revision;
    QString message;
    Direction direction = Direction::Up;
    bool stamp = false;
    qint64 elapsedMs = 0;
};

struct JobResult
{
    QString action;
    bool success = false;
    bool cancelled = false;
    Error error;
    QStringList fromRevisions;
    QStringList toRevisions; // as read back after the run; empty also when not read (see after)
    int stepsRun = 0;        // steps the executor finished (committed) before the end
    // The 1-based step that was running when the run failed or was cancelled; 0 when it ended
    // before any step started (connecting, locking, a backup first): then nothing ran.
    int failedStep = 0;
    qint64 durationMs = 0;
    Plan plan; // what was asked to run
    // The profile read again after the run (Migrator::status()); after->reachable is false when
    // it could not be read, and then the outcome of the failing step is unknown.
    SnapshotPtr after;
    bool dryRun = false; // everything that ran was rolled back
};

} // namespace strata::gui

Q_DECLARE_METATYPE(strata::gui::SnapshotPtr)
Q_DECLARE_METATYPE(strata::gui::PlanRequest)
Q_DECLARE_METATYPE(strata::gui::JobProgress)
Q_DECLARE_METATYPE(strata::gui::JobResult)
Q_DECLARE_METATYPE(strata::Plan)
Q_DECLARE_METATYPE(strata::Error)
Q_DECLARE_METATYPE(strata::SchemaCatalog)
