// The public face of the schema diff: hazard names and sentences, the script text of a diff,
// and diff() itself, which hands the matching and ordering to the planner.
#include "schema/schemadiff.h"

#include "schema/schemadiffplan.h"

namespace strata::schema {

QString hazardName(Hazard hazard)
{
    switch (hazard) {
    case Hazard::DeletesData:
        return QStringLiteral("deletes_data");
    case Hazard::RewritesTable:
        return QStringLiteral("rewrites_table");
    case Hazard::AccessExclusiveLock:
        return QStringLiteral("access_exclusive_lock");
    case Hazard::BuildsIndex:
        return QStringLiteral("builds_index");
    case Hazard::ValidatesConstraint:
        return QStringLiteral("validates_constraint");
    case Hazard::NotInTransaction:
        return QStringLiteral("not_in_transaction");
    case Hazard::UntrackedDependency:
        return QStringLiteral("untracked_dependency");
    case Hazard::DowngradeLosesData:
        return QStringLiteral("downgrade_loses_data");
    case Hazard::FailsWithRows:
        return QStringLiteral("fails_with_rows");
    }
    return {};
}

QString hazardText(Hazard hazard)
{
    switch (hazard) {
    case Hazard::DeletesData:
        return QStringLiteral("deletes data: the rows or values it removes are lost");
    case Hazard::RewritesTable:
        return QStringLiteral("rewrites the whole table (and its indexes) while it runs");
    case Hazard::AccessExclusiveLock:
        return QStringLiteral(
            "takes an ACCESS EXCLUSIVE lock: readers and writers of the table wait while it runs");
    case Hazard::BuildsIndex:
        return QStringLiteral("builds an index: CREATE INDEX CONCURRENTLY avoids blocking writes");
    case Hazard::ValidatesConstraint:
        return QStringLiteral("scans the table to validate while holding its lock: a constraint "
                              "added NOT VALID and validated (VALIDATE CONSTRAINT) in a later "
                              "migration avoids blocking writes");
    case Hazard::NotInTransaction:
        return QStringLiteral(
            "cannot run inside a transaction block: the migration runs without one");
    case Hazard::UntrackedDependency:
        return QStringLiteral("depends on something the catalog cannot track (a function "
                              "body): check the objects it uses by hand");
    case Hazard::DowngradeLosesData:
        return QStringLiteral("the downgrade deletes data this upgrade keeps");
    case Hazard::FailsWithRows:
        return QStringLiteral("fails when the table has rows: give the column a default, or add "
                              "it nullable, fill it, then SET NOT NULL");
    }
    return {};
}

QString hazardText(Hazard hazard, Engine engine)
{
    if (engine == Engine::PostgreSQL)
        return hazardText(hazard);
    switch (hazard) {
    case Hazard::RewritesTable:
        return QStringLiteral("rebuilds the table: its rows are copied into a new table "
                              "(SQLite's table-rebuild procedure), and its indexes rebuilt");
    case Hazard::AccessExclusiveLock:
        return QStringLiteral("holds the database's write lock while it runs: other writers wait");
    case Hazard::BuildsIndex:
        return QStringLiteral("builds an index while holding the database's write lock");
    case Hazard::ValidatesConstraint:
        return QStringLiteral("checks every row against the constraint while it runs");
    case Hazard::FailsWithRows:
        return QStringLiteral("fails when the table has rows: give the column a default");
    default:
        return hazardText(hazard);
    }
}

bool SchemaDiff::transactional() const
{
    for (const Operation &operation : operations) {
        if (!operation.transactional)
            return false;
    }
    return true;
}

bool SchemaDiff::inverseTransactional() const
{
    for (const Operation &operation : operations) {
        if (!operation.inverseTransactional)
            return false;
    }
    return true;
}

namespace {

// One operation's statements as script text: its hazards as comments above, each statement
// ended by ";". Nothing for an operation without statements in this direction.
void appendScript(QString &text, const QStringList &statements, const QList<Hazard> &hazards,
                  Engine engine)
{
    if (statements.isEmpty())
        return;
    if (!text.isEmpty())
        text += QLatin1Char('\n');
    QList<Hazard> seen;
    for (Hazard hazard : hazards) {
        if (seen.contains(hazard))
            continue;
        seen.append(hazard);
        text += QStringLiteral("-- hazard: ") + hazardText(hazard, engine) + QLatin1Char('\n');
    }
    for (const QString &statement : statements)
        text += statement + QStringLiteral(";\n");
}

} // namespace

QString SchemaDiff::upgradeSql() const
{
    QString text;
    for (const Operation &operation : operations)
        appendScript(text, operation.sql, operation.hazards, engine);
    return text;
}

QString SchemaDiff::downgradeSql() const
{
    QString text;
    for (auto it = operations.crbegin(); it != operations.crend(); ++it)
        appendScript(text, it->inverseSql, it->inverseHazards, engine);
    return text;
}

SchemaDiff diff(const SchemaModel &from, const SchemaModel &to, const DiffOptions &options)
{
    if (from.engine == Engine::SQLite || to.engine == Engine::SQLite) {
        if (from.engine != to.engine) {
            SchemaDiff refused;
            refused.engine = Engine::SQLite;
            refused.refused.append(QStringLiteral(
                "the two sides are different engines (PostgreSQL and SQLite): a diff turns one "
                "schema into another on the same engine"));
            return refused;
        }
        return diffSqlite(from, to, options);
    }
    return detail::planDiff(from, to, options);
}

} // namespace strata::schema
