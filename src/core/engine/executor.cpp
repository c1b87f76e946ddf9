#include "engine/executor.h"
#include "text/englishcount.h"

#include "drivers/driver.h"
#include "engine/runlock.h"
#include "lint/pgtree.h"
#include "lint/sqlscan.h"
#include "lint/transactionrules.h"
#include "project/migration.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QProcessEnvironment>

#include <pwd.h>
#include <unistd.h>

namespace strata {

Executor::Executor(Driver &driver, QString versionTable, MigrationLookup lookup)
    : m_driver(driver), m_versionTable(std::move(versionTable)), m_lookup(std::move(lookup))
{
}

QString Executor::osUser()
{
    const QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    QString user = env.value(QStringLiteral("USER"));
    if (user.isEmpty())
        user = env.value(QStringLiteral("LOGNAME"));
    if (user.isEmpty())
        user = env.value(QStringLiteral("USERNAME"));
    if (user.isEmpty()) {
        // Services, containers and cron jobs often run without USER: ask the system.
        if (const passwd *entry = ::getpwuid(::geteuid()))
            user = QString::fromLocal8Bit(entry->pw_name);
    }
    return user;
}

namespace {

// The version rows after one change, as the database will hold them.
void applyToRows(QStringList &rows, const VersionChange &change)
{
    if (change.kind != VersionChange::Kind::Insert)
        rows.removeOne(change.from);
    if (change.kind != VersionChange::Kind::Delete)
        rows.append(change.to);
}

QString stepVerb(const PlanStep &step)
{
    if (step.stamp)
        return QStringLiteral("stamp");
    return step.direction == Direction::Up ? QStringLiteral("upgrade")
                                           : QStringLiteral("downgrade");
}

} // namespace

Status Executor::validate(const Plan &plan) const
{
    QStringList irreversible, ids;
    for (const PlanStep &step : plan.steps) {
        if (step.stamp)
            continue;
        const Migration *m = m_lookup(step.revision);
        if (!m)
            return Error::failure(
                QStringLiteral("revision %1 of the plan is not in the project").arg(step.revision));
        if (step.direction == Direction::Down && !m->hasDowngrade) {
            irreversible.append(QStringLiteral("%1 (%2)").arg(step.revision, m->filePath));
            ids.append(step.revision);
        }
    }
    if (!irreversible.isEmpty()) {
        Error e = Error::failure(
            QStringLiteral("cannot downgrade: %1 has no '-- +downgrade' section; nothing was run")
                .arg(ids.join(QLatin1String(", "))));
        e.details = irreversible;
        return e;
    }
    return refuseTransactionHazards(plan);
}

Status Executor::refuseTransactionHazards(const Plan &plan) const
{
    // Statements that would end the step's transaction, or that the engine refuses inside one,
    // are refused before anything runs (the same table `strata lint` reads).
    const SqlDialect dialect = dialectOfEngine(m_driver.engine());
    QStringList where;
    Error first;
    for (const PlanStep &step : plan.steps) {
        const Migration *m = step.stamp ? nullptr : m_lookup(step.revision);
        if (!m)
            continue;
        const bool up = step.direction == Direction::Up;
        const Statement section{up ? m->upgradeSql : m->downgradeSql,
                                up ? m->upgradeLine : m->downgradeLine};
        // psql meta-commands (pg_dump's \restrict ...) are not SQL, in any migration.
        for (int line : SqlScan::psqlMetaCommandLines(section)) {
            if (where.isEmpty())
                first = Error::at(m->filePath, line,
                                  QStringLiteral("cannot %1 %2: line %3 is a psql "
                                                 "meta-command, not SQL; nothing was run")
                                      .arg(stepVerb(step), step.revision)
                                      .arg(line));
            where.append(QStringLiteral("%1:%2: psql meta-command; psql runs lines starting "
                                        "with a backslash (\\connect, pg_dump's "
                                        "\\restrict) itself: remove it from the migration")
                             .arg(m->filePath)
                             .arg(line));
        }
        if (!TransactionRules::runsInTransaction(*m, dialect))
            continue;
        const QList<Statement> statements = m_driver.splitStatements(section.text, section.line);
        for (const TransactionHazard &h : TransactionRules::hazards(statements, dialect)) {
            if (h.kind == TransactionHazard::Kind::MaybeRefused ||
                h.kind == TransactionHazard::Kind::Ignored)
                continue; // the engine decides (lint warns); it refuses on its own if it must
            if (where.isEmpty())
                first = Error::at(
                    m->filePath, h.line,
                    QStringLiteral("cannot %1 %2: %3; nothing was run")
                        .arg(stepVerb(step), step.revision, TransactionRules::explain(h, dialect)));
            where.append(QStringLiteral("%1:%2: %3").arg(m->filePath).arg(h.line).arg(h.what));
        }
    }
    if (where.isEmpty())
        return {};
    first.details = where;
    return std::move(first).with(Error::Code::Refused);
}

Status Executor::run(const Plan &plan, const RunOptions &options)
{
    if (auto s = validate(plan); !s)
        return s;
    const bool single = options.singleTransaction || options.dryRun;
    if (single) {
        // A migration that must run outside a transaction cannot run inside the run's one.
        QStringList outside;
        for (const PlanStep &step : plan.steps) {
            const Migration *m = step.stamp ? nullptr : m_lookup(step.revision);
            if (m && !m->transactional && m_driver.runsOutsideTransactions())
                outside.append(step.revision);
        }
        if (!outside.isEmpty())
            return Error::failure(
                QStringLiteral("%1 marked 'transactional: false' and cannot run inside "
                               "one transaction (--single-transaction, --dry-run); run without "
                               "it (each migration then commits on its own)")
                    .arg(outside.size() == 1
                             ? QStringLiteral("%1 is").arg(outside.first())
                             : QStringLiteral("%1 are").arg(outside.join(QLatin1String(", ")))));
    }
    if (auto s = m_driver.open(); !s)
        return s;
    RunLock lock(m_driver, m_versionTable); // released however the run ends
    if (auto s = lock.take(options.lockWaitSeconds, options.cancel); !s)
        return s;
    if (auto s = m_driver.begin(); !s)
        return s;
    if (auto s = m_driver.ensureTables(m_versionTable); !s) {
        (void)m_driver.rollback();
        return s;
    }
    // A purge with steps happens in the first step's transaction (runStep), so a failing
    // first step leaves the rows as they were.
    if (plan.purge && plan.steps.isEmpty())
        if (auto s = m_driver.deleteAllVersionRows(m_versionTable); !s) {
            (void)m_driver.rollback();
            return s;
        }
    // With --single-transaction the tables, every step and the version rows commit together.
    if (!single)
        if (auto s = m_driver.commit(); !s)
            return s;
    QStringList expectedRows = plan.purge ? QStringList{} : plan.startHeads;
    for (int i = 0; i < plan.steps.size(); ++i)
        if (auto s = runStep(plan, i, options, expectedRows); !s) {
            if (single) // the steps' own resets waited for the end of the run's transaction
                (void)m_driver.resetSession();
            return s;
        }
    Status ended;
    if (options.dryRun) {
        ended = m_driver.rollback(); // everything ran; nothing stays
    } else if (single) {
        if (auto s = m_driver.commit(); !s)
            ended = Error::failure(
                QStringLiteral("the run could not be committed; nothing of it was applied: %1")
                    .arg(s.error().message));
    }
    if (single)
        (void)m_driver.resetSession();
    return ended;
}

Status Executor::runStep(const Plan &plan, int index, const RunOptions &options,
                         QStringList &expectedRows)
{
    const PlanStep &step = plan.steps[index];
    const Migration *m = step.stamp ? nullptr : m_lookup(step.revision);
    const bool up = step.direction == Direction::Up;
    QList<Statement> statements;
    if (m)
        statements = up ? m_driver.splitStatements(m->upgradeSql, m->upgradeLine)
                        : m_driver.splitStatements(m->downgradeSql, m->downgradeLine);

    HistoryRecord record;
    record.revision = step.revision;
    record.direction = step.stamp ? QStringLiteral("stamp") : directionName(step.direction);
    if (m)
        record.checksum = QString::fromLatin1(m->upgradeChecksum());
    record.fromRevisions = step.fromRevisions.join(QLatin1Char(','));
    record.toRevisions = step.toRevisions.join(QLatin1Char(','));
    record.startedAt = QDateTime::currentDateTimeUtc();
    record.osUser = osUser();
    record.toolVersion = QStringLiteral(STRATA_VERSION_STRING);
    QElapsedTimer timer;
    timer.start();

    Progress progress;
    progress.step = index + 1;
    progress.stepCount = int(plan.steps.size());
    progress.statementCount = int(statements.size());
    progress.revision = step.revision;
    progress.direction = step.direction;
    progress.planStep = step;
    if (options.progress)
        options.progress(progress);
    // `transactional: false` runs its statements one by one, each committed, where the engine
    // can (PostgreSQL); elsewhere inside the step's transaction, with a notice.
    const bool outside = m && !m->transactional && m_driver.runsOutsideTransactions();
    if (m && !m->transactional && !outside && options.notice)
        options.notice(QStringLiteral("%1 is marked 'transactional: false'; it runs inside its "
                                      "step's transaction all the same, as %2 allows")
                           .arg(step.revision, m_driver.engine()));

    auto failStep = [&](Error error) -> Status {
        (void)m_driver.rollback();
        // The rollback took back what the migration set inside the transaction; the rest of
        // the session (advisory locks, prepared statements, ...) is reset here.
        if (!statements.isEmpty())
            (void)m_driver.resetSession();
        record.finishedAt = QDateTime::currentDateTimeUtc();
        record.durationMs = timer.elapsed();
        record.success = false;
        record.cancelled = error.code == Error::Code::Cancelled;
        record.error = error.message;
        // The failure is recorded on its own, so the rolled-back step leaves a trace (a dry run
        // leaves none at all).
        if (!options.dryRun && m_driver.begin()) {
            if (m_driver.recordHistory(m_versionTable, record))
                (void)m_driver.commit();
            else
                (void)m_driver.rollback();
        }
        return error;
    };

    const bool single = options.singleTransaction || options.dryRun;
    // What a failed step's error says was undone: the step, or with it the whole run. A lost
    // session cannot say: the server may have committed or dropped the step.
    auto rolledBack = [&](Error::Code code = Error::Code::None) {
        if (code == Error::Code::ConnectionLost)
            return QStringLiteral("The connection was lost during this step: whether it was "
                                  "applied or rolled back is unknown until the database is read "
                                  "again (`strata status`).");
        if (single)
            return QStringLiteral("With %1 the whole run was rolled back; the database is at %2, "
                                  "as before it.")
                .arg(options.dryRun ? QStringLiteral("--dry-run")
                                    : QStringLiteral("--single-transaction"),
                     plan.startHeads.isEmpty() ? QStringLiteral("base")
                                               : plan.startHeads.join(QLatin1String(", ")));
        return QStringLiteral("The step was rolled back; the database is at %1.")
            .arg(step.fromRevisions.isEmpty() || step.direction != Direction::Up
                     ? QStringLiteral("the state before this step")
                     : step.fromRevisions.join(QLatin1String(", ")));
    };
    if (!single)
        if (auto s = m_driver.begin(); !s)
            return s;
    if (index == 0 && plan.purge)
        if (auto s = m_driver.deleteAllVersionRows(m_versionTable); !s)
            return failStep(s.error());
    // The plan was made from the rows read before the run; if another run moved them since,
    // this plan no longer applies. Within --single-transaction only the first step needs to
    // look: the run's own transaction and lock hold the rows from then on.
    if (!single || index == 0) {
        auto rows = m_driver.versionRows(m_versionTable);
        if (!rows) {
            (void)m_driver.rollback();
            return rows.error();
        }
        QStringList found = *rows, expected = expectedRows;
        found.sort();
        expected.sort();
        if (found != expected) {
            (void)m_driver.rollback();
            return Error::failure(
                QStringLiteral("the version table %1 changed while this run was waiting (now %2, "
                               "expected %3); another run may have migrated the database. Nothing "
                               "more was applied; check `strata current` and run the command "
                               "again")
                    .arg(m_versionTable,
                         found.isEmpty() ? QStringLiteral("empty")
                                         : found.join(QLatin1String(", ")),
                         expected.isEmpty() ? QStringLiteral("empty")
                                            : expected.join(QLatin1String(", "))));
        }
    }
    if (outside)
        return runOutsideTransaction(*m, step, statements, options, progress, record, timer,
                                     expectedRows);
    for (int k = 0; k < statements.size(); ++k) {
        const Statement &statement = statements[k];
        if (options.cancel && options.cancel->load())
            return failStep(
                Error::at(m->filePath, statement.line,
                          QStringLiteral(
                              "%1 %2 cancelled before this statement; the step was rolled back")
                              .arg(stepVerb(step), step.revision))
                    .with(Error::Code::Cancelled));
        progress.statement = k + 1;
        if (options.progress)
            options.progress(progress);
        if (auto s = m_driver.execute(statement); s) {
            // The last guard: the statement must have left the step's transaction open.
            const Driver::TransactionState state = m_driver.transactionState();
            if (state == Driver::TransactionState::Idle ||
                state == Driver::TransactionState::Failed)
                return failStep(
                    transactionBroken(plan, index, *m, statements.first(k + 1), options));
        } else {
            const bool cancelled = (options.cancel && options.cancel->load()) ||
                                   s.error().code == Error::Code::Cancelled;
            // The engine may point inside a multi-line statement (PostgreSQL's "LINE n:").
            Error e =
                Error::at(m->filePath, s.error().line > 0 ? s.error().line : statement.line,
                          cancelled ? QStringLiteral("%1 %2 cancelled; the step was rolled back")
                                          .arg(stepVerb(step), step.revision)
                                    : QStringLiteral("%1 %2 failed: %3")
                                          .arg(stepVerb(step), step.revision, s.error().message));
            e.details.append(QStringLiteral("statement: %1").arg(statement.text));
            e.sqlState = s.error().sqlState;
            // Connection lost, lock timeout, ...: for the caller.
            e.code = cancelled ? Error::Code::Cancelled : s.error().code;
            e.details.append(rolledBack(e.code));
            return failStep(e);
        }
    }
    // A cancel that came during the last statement, too late to interrupt it.
    if (!statements.isEmpty() && options.cancel && options.cancel->load())
        return failStep(Error::at(m->filePath, statements.last().line,
                                  QStringLiteral("%1 %2 cancelled after its last statement; the "
                                                 "step was rolled back")
                                      .arg(stepVerb(step), step.revision))
                            .with(Error::Code::Cancelled));
    // Strata's own rows failed after the migration's statements ran (a migration that made
    // its transaction read-only, say): the migration's file is named, and what was undone.
    auto bookkeepingFailed = [&](const Error &cause) {
        int line = m ? (up ? m->upgradeLine : m->downgradeLine) : 0;
        QString why;
        for (const Statement &statement : statements)
            if (const QString what = SqlScan::readOnlyTransaction(statement.text);
                !what.isEmpty()) {
                line = statement.line;
                why = QStringLiteral(" (line %1 runs %2)").arg(statement.line).arg(what);
                break;
            }
        Error e = m ? Error::at(m->filePath, line,
                                QStringLiteral("%1 %2 failed after its statements, while Strata "
                                               "wrote its version and history rows%3: %4")
                                    .arg(stepVerb(step), step.revision, why, cause.message))
                    : cause;
        e.sqlState = cause.sqlState;
        e.code = cause.code;
        e.details = cause.details;
        e.details.append(rolledBack(e.code));
        return failStep(e);
    };
    // Whatever the migration set in the session (role, search_path, timeouts, ...) is undone
    // before Strata's own rows are written, and commits with them.
    if (!statements.isEmpty())
        if (auto s = m_driver.resetSession(); !s)
            return bookkeepingFailed(s.error());
    for (const VersionChange &change : step.versionChanges)
        if (auto s = m_driver.applyVersionChange(m_versionTable, change); !s)
            return bookkeepingFailed(s.error());
    record.finishedAt = QDateTime::currentDateTimeUtc();
    record.durationMs = timer.elapsed();
    record.success = true;
    if (auto s = m_driver.recordHistory(m_versionTable, record); !s)
        return bookkeepingFailed(s.error());
    if (!single) {
        if (auto s = m_driver.commit(); !s)
            return bookkeepingFailed(s.error());
        // What only a session outside a transaction can undo (advisory locks). The step is
        // applied; a session that cannot be reset must not run the next one.
        if (!statements.isEmpty())
            if (auto s = m_driver.resetSession(); !s)
                return Error::failure(QStringLiteral("%1 %2 was applied, but the run stopped "
                                                     "after it: %3")
                                          .arg(stepVerb(step), step.revision, s.error().message));
    }
    for (const VersionChange &change : step.versionChanges)
        applyToRows(expectedRows, change);
    return {};
}

Error Executor::transactionBroken(const Plan &plan, int index, const Migration &m,
                                  const QList<Statement> &ran, const RunOptions &options) const
{
    const PlanStep &step = plan.steps[index];
    const Statement &last = ran.last();
    const bool dryRun = options.dryRun;
    const bool shared = options.dryRun || options.singleTransaction;
    const auto hazard = TransactionRules::classify(last.text, dialectOfEngine(m_driver.engine()));
    Error e = Error::at(m.filePath, last.line,
                        QStringLiteral("%1 %2: the statement on line %3 ended the transaction the "
                                       "step ran in; the run stopped, and no version row and no "
                                       "success were recorded for %2")
                            .arg(stepVerb(step), step.revision)
                            .arg(last.line))
                  .with(Error::Code::TransactionBroken);
    e.details.append(QStringLiteral("statement: %1").arg(last.text));
    QStringList lines;
    for (const Statement &s : ran)
        lines.append(QStringLiteral("%1:%2").arg(m.filePath).arg(s.line));
    // In one run-wide transaction the earlier steps shared the fate of this one.
    const bool wholeRun = shared && index > 0;
    QStringList earlier;
    for (int i = 0; i < index; ++i)
        earlier.append(plan.steps[i].revision);
    if (hazard && hazard->ends && hazard->keeps) {
        e.details.append(QStringLiteral("Kept, committed by its %1: %2")
                             .arg(hazard->what, lines.join(QLatin1String(", "))));
        if (wholeRun)
            e.details.append(QStringLiteral("Kept with them, in the same transaction (--dry-run "
                                            "or --single-transaction): the earlier steps %1 and "
                                            "their version rows.")
                                 .arg(earlier.join(QLatin1String(", "))));
        if (dryRun)
            e.details.append(QStringLiteral("This was a dry run, yet the statements above were "
                                            "committed by the migration itself."));
    } else if (hazard && hazard->ends) {
        e.details.append(QStringLiteral("Nothing of the transaction was kept: its %1 undid "
                                        "(or, for PREPARE TRANSACTION, set aside) %2%3.")
                             .arg(hazard->what, lines.join(QLatin1String(", ")),
                                  wholeRun ? QStringLiteral(" and the earlier steps %1")
                                                 .arg(earlier.join(QLatin1String(", ")))
                                           : QString()));
    } else {
        e.details.append(QStringLiteral("Whether %1 were kept is unknown, because the statement "
                                        "that ended the transaction is not one Strata can read; "
                                        "look at the database before running again.")
                             .arg(lines.join(QLatin1String(", "))));
    }
    e.details.append(QStringLiteral("The statements after line %1 did not run. Remove the "
                                    "transaction control from the migration (`strata lint` "
                                    "finds it).")
                         .arg(last.line));
    return e;
}

Status Executor::runOutsideTransaction(const Migration &m, const PlanStep &step,
                                       const QList<Statement> &statements,
                                       const RunOptions &options, Progress &progress,
                                       HistoryRecord record, const QElapsedTimer &timer,
                                       QStringList &expectedRows)
{
    // The transaction opened by runStep has checked the version rows. Leave a mark in the
    // history before the first statement: if the process dies part way, the mark is the last
    // row of this revision and `check` says the step stopped part way.
    const int total = int(statements.size());
    HistoryRecord mark = record;
    mark.success = false;
    mark.finishedAt = mark.startedAt;
    mark.error = QStringLiteral("started outside a transaction (transactional: false) and never "
                                "finished: the run stopped part way, so %1 may have run and "
                                "stay applied")
                     .arg(total == 1 ? QStringLiteral("its statement")
                                     : QStringLiteral("some of its %1 statements").arg(total));
    if (auto s = m_driver.recordHistory(m_versionTable, mark); !s) {
        (void)m_driver.rollback();
        return s;
    }
    if (auto s = m_driver.commit(); !s)
        return s;

    const bool up = step.direction == Direction::Up;
    const QString at = step.fromRevisions.isEmpty() ? QStringLiteral("base")
                                                    : step.fromRevisions.join(QLatin1String(", "));
    // A migration may open a transaction block of its own (BEGIN ... COMMIT). What runs in it
    // stays only if the block commits: PostgreSQL rolls it back on an error in it, and Strata
    // rolls back one left open or aborted. blockStart is the index of the statement that opened
    // the block now open; undoneLines the lines of statements whose work was rolled back.
    int blockStart = -1;
    QStringList undoneLines;
    auto closeBlock = [&](int end, bool kept) {
        if (blockStart >= 0 && !kept)
            for (int i = blockStart; i < end; ++i)
                undoneLines.append(QString::number(statements[i].line));
        blockStart = -1;
    };
    // Rolls back a block the migration left open or aborted; statements before `end` in it did
    // not stay.
    auto settle = [&](int end) {
        const Driver::TransactionState state = m_driver.transactionState();
        if (state == Driver::TransactionState::InTransaction ||
            state == Driver::TransactionState::Failed)
            (void)m_driver.rollback();
        closeBlock(end, false);
    };
    // Nothing of Strata's rolls back here: say exactly what ran and what stayed, record it (the
    // final row replaces the mark), and leave the version rows alone.
    auto partly = [&](int ran, int line, const QString &what, const QString &statementText,
                      bool cancelled = false) {
        settle(ran);
        (void)m_driver.resetSession();
        const int undone = int(undoneLines.size());
        const QString ranText =
            undone == 0
                ? QStringLiteral("%1 of %2 ran and stay applied")
                      .arg(ran)
                      .arg(countOf(total, QStringLiteral("statement")))
                : QStringLiteral("%1 of %2 ran and %3 stay applied (those on %4 %5 ran in the "
                                 "migration's own transaction block, which was rolled back)")
                      .arg(ran)
                      .arg(countOf(total, QStringLiteral("statement")))
                      .arg(ran - undone)
                      .arg(nounFor(undone, QStringLiteral("line")),
                           undoneLines.join(QLatin1String(", ")));
        record.finishedAt = QDateTime::currentDateTimeUtc();
        record.durationMs = timer.elapsed();
        record.success = false;
        record.cancelled = cancelled;
        record.error =
            QStringLiteral("partly applied: %1 (transactional: false); then %2").arg(ranText, what);
        if (m_driver.begin()) {
            if (m_driver.deleteHistoryMarker(m_versionTable, mark) &&
                m_driver.recordHistory(m_versionTable, record))
                (void)m_driver.commit();
            else
                (void)m_driver.rollback();
        }
        Error e = Error::at(m.filePath, line,
                            QStringLiteral("%1 %2 stopped part way: %3; %4")
                                .arg(stepVerb(step), step.revision, ranText, what));
        if (cancelled)
            e.code = Error::Code::Cancelled;
        if (!statementText.isEmpty())
            e.details.append(QStringLiteral("statement: %1").arg(statementText));
        e.details.append(
            QStringLiteral("This migration is marked 'transactional: false', so %1. The version "
                           "table still says %2. Finish or undo the statements that stayed by "
                           "hand, then run the %3 again or stamp the revision.")
                .arg(undone == 0 ? QStringLiteral("nothing was rolled back")
                                 : QStringLiteral("only its own transaction block was rolled back"),
                     at, up ? QStringLiteral("upgrade") : QStringLiteral("downgrade")));
        return Status(e);
    };

    // A failed CREATE INDEX CONCURRENTLY (or REINDEX CONCURRENTLY) leaves an INVALID index
    // behind; the ones there before the step are not its doing.
    const auto before = m_driver.invalidIndexes();
    const QStringList invalidBefore = before ? *before : QStringList{};
    auto leftBehind = [&]() -> QString {
        auto after = m_driver.invalidIndexes();
        if (!after)
            return QStringLiteral("; whether it left an INVALID index behind is unknown, because "
                                  "the catalog could not be read: %1")
                .arg(after.error().message);
        QStringList left;
        for (const QString &index : *after)
            if (!invalidBefore.contains(index))
                left.append(index);
        if (left.isEmpty())
            return {};
        return QStringLiteral("; it left the INVALID index %1 behind, which PostgreSQL keeps but "
                              "never uses: drop it (DROP INDEX CONCURRENTLY %1) before running "
                              "again, or the rerun fails on its name (or, with IF NOT EXISTS, "
                              "skips it and stays invalid)")
            .arg(left.join(QLatin1String(", ")));
    };

    const SqlDialect dialect = dialectOfEngine(m_driver.engine());
    for (int k = 0; k < total; ++k) {
        const Statement &statement = statements[k];
        if (options.cancel && options.cancel->load())
            return partly(k, statement.line, QStringLiteral("it was cancelled"), {}, true);
        progress.statement = k + 1;
        if (options.progress)
            options.progress(progress);
        if (auto s = m_driver.execute(statement); !s) {
            const bool cancelled = (options.cancel && options.cancel->load()) ||
                                   s.error().code == Error::Code::Cancelled;
            settle(k); // the catalog cannot be read in an aborted block
            Status stopped =
                partly(k, s.error().line > 0 ? s.error().line : statement.line,
                       (cancelled ? QStringLiteral("statement %1 was cancelled").arg(k + 1)
                                  : QStringLiteral("statement %1 failed: %2")
                                        .arg(k + 1)
                                        .arg(s.error().message)) +
                           leftBehind(),
                       statement.text, cancelled);
            Error e = stopped.error();
            if (e.code == Error::Code::None)
                e.code = s.error().code; // connection lost, lock timeout, ...: for the caller
            e.sqlState = s.error().sqlState;
            return e;
        }
        // Each statement commits on its own here unless the migration opened a block.
        const Driver::TransactionState state = m_driver.transactionState();
        if (state == Driver::TransactionState::InTransaction && blockStart < 0) {
            blockStart = k;
        } else if (state == Driver::TransactionState::Idle && blockStart >= 0) {
            const auto hazard = TransactionRules::classify(statement.text, dialect);
            closeBlock(k + 1, !(hazard && hazard->ends && !hazard->keeps));
        }
    }
    // A block left open would carry the version rows into it.
    if (blockStart >= 0 || m_driver.transactionState() == Driver::TransactionState::Failed) {
        const int line = blockStart >= 0 ? statements[blockStart].line : 0;
        return partly(total, line,
                      QStringLiteral("the section left a transaction open (the block opened on "
                                     "line %1 has no COMMIT); what ran in it was rolled back")
                          .arg(line),
                      {});
    }
    // An index this step creates with IF NOT EXISTS is skipped when an INVALID one of that name
    // is there (left by an earlier failed run): the step did not build it.
    if (auto invalid = m_driver.invalidIndexes(); invalid && !invalid->isEmpty())
        for (const Statement &statement : statements) {
            auto tree = PgStatementTree::parse(statement.text);
            if (!tree || tree->type != QLatin1String("IndexStmt"))
                continue;
            const QString name = tree->body.value(QStringLiteral("idxname")).toString();
            for (const QString &index : *invalid)
                if (!name.isEmpty() && index.section(QLatin1Char('.'), -1) == name)
                    return partly(total, statement.line,
                                  QStringLiteral("the index %1 it creates is INVALID (left by an "
                                                 "earlier failed CREATE INDEX CONCURRENTLY, and "
                                                 "skipped by IF NOT EXISTS); drop it (DROP INDEX "
                                                 "CONCURRENTLY %1) and run again")
                                      .arg(index),
                                  statement.text);
        }

    // Every statement ran: undo what they set in the session, then move the version rows and
    // record success together.
    if (auto s = m_driver.resetSession(); !s)
        return partly(total, 0, s.error().message, {});
    if (auto s = m_driver.begin(); !s)
        return partly(total, 0, QStringLiteral("the version rows could not be changed"), {});
    for (const VersionChange &change : step.versionChanges)
        if (auto s = m_driver.applyVersionChange(m_versionTable, change); !s) {
            (void)m_driver.rollback();
            return partly(
                total, 0,
                QStringLiteral("the version rows could not be changed: %1").arg(s.error().message),
                {});
        }
    record.finishedAt = QDateTime::currentDateTimeUtc();
    record.durationMs = timer.elapsed();
    record.success = true;
    if (auto s = m_driver.deleteHistoryMarker(m_versionTable, mark); !s) {
        (void)m_driver.rollback();
        return partly(total, 0, s.error().message, {});
    }
    if (auto s = m_driver.recordHistory(m_versionTable, record); !s) {
        (void)m_driver.rollback();
        return partly(total, 0, s.error().message, {});
    }
    if (auto s = m_driver.commit(); !s)
        return partly(total, 0, s.error().message, {});
    for (const VersionChange &change : step.versionChanges)
        applyToRows(expectedRows, change);
    return {};
}

Result<QString> Executor::offlineSql(const Plan &plan, bool singleTransaction) const
{
    if (auto s = validate(plan); !s)
        return s.error();
    QString out;
    // Per migration, BEGIN ... COMMIT; with --single-transaction one pair around everything.
    const QString begin = m_driver.beginSql() + QLatin1Char('\n');
    const QString commit = m_driver.commitSql() + QStringLiteral("\n\n");
    const QString stepBegin = singleTransaction ? QString() : begin;
    const QString stepCommit = singleTransaction ? QString() : commit;
    out += m_driver.offlinePreludeSql();
    if (singleTransaction)
        out += begin;
    auto terminated = [](QString sql) {
        sql = sql.trimmed();
        if (sql.endsWith(QLatin1Char(';')))
            return sql;
        // After a trailing "-- comment" the ";" needs a line of its own.
        const qsizetype lastLine = sql.lastIndexOf(QLatin1Char('\n')) + 1;
        return sql + (sql.indexOf(QLatin1String("--"), lastLine) >= 0 ? QStringLiteral("\n;")
                                                                      : QStringLiteral(";"));
    };
    // A purge deletes from the version table, so the table is there already.
    bool tableExists = !plan.startHeads.isEmpty() || plan.purge;
    if (plan.purge)
        out += QStringLiteral("DELETE FROM %1;\n\n").arg(m_driver.tableSql(m_versionTable));
    QStringList heads = plan.purge ? QStringList{} : plan.startHeads;
    for (const PlanStep &step : plan.steps) {
        const Migration *m = step.stamp ? nullptr : m_lookup(step.revision);
        // A `transactional: false` migration's statements stand before its BEGIN, as they run.
        const bool outside =
            m && !m->transactional && m_driver.runsOutsideTransactions() && !singleTransaction;
        if (m && !m->transactional && m_driver.runsOutsideTransactions() && singleTransaction)
            return Error::failure(QStringLiteral("%1 is marked 'transactional: false' and cannot "
                                                 "run inside --single-transaction")
                                      .arg(step.revision));
        const QString header =
            QStringLiteral("-- Running %1 %2 -> %3%4\n\n")
                .arg(stepVerb(step), step.fromRevisions.join(QLatin1String(", ")),
                     step.toRevisions.join(QLatin1String(", ")),
                     outside ? QStringLiteral(" (outside a transaction)") : QString());
        QString body;
        if (m) {
            const bool up = step.direction == Direction::Up;
            for (const Statement &s : m_driver.splitStatements(
                     up ? m->upgradeSql : m->downgradeSql, up ? m->upgradeLine : m->downgradeLine))
                body += terminated(s.text) + QStringLiteral("\n\n");
        }
        if (outside && !tableExists && heads.isEmpty()) {
            out += begin + terminated(m_driver.versionTableDdl(m_versionTable)) +
                   QStringLiteral("\n\n") + commit;
            tableExists = true;
        }
        if (outside)
            out += header + body;
        out += stepBegin;
        if (!tableExists && heads.isEmpty()) {
            out += terminated(m_driver.versionTableDdl(m_versionTable)) + QStringLiteral("\n\n");
            tableExists = true;
        }
        if (!outside)
            out += header + body;
        // What the migration set in the session is undone before Strata's rows, as online.
        if (m && !body.isEmpty() && !m_driver.sessionResetSql().isEmpty())
            out += m_driver.sessionResetSql().trimmed() + QStringLiteral("\n\n");
        for (const VersionChange &change : step.versionChanges) {
            out += terminated(versionChangeSql(m_driver.tableSql(m_versionTable), change)) +
                   QStringLiteral("\n\n");
            applyToRows(heads, change);
        }
        out += stepCommit;
    }
    if (singleTransaction)
        out += commit;
    return out;
}

} // namespace strata
