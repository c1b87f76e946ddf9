#include "schemadiff/schemadifftext.h"

#include <vector>

namespace strata::gui {

using schema::Engine;
using schema::Hazard;
using schema::ObjectKind;

QString SchemaDiffText::kind(ObjectKind kind)
{
    switch (kind) {
    case ObjectKind::Schema:
        return tr("schema");
    case ObjectKind::Extension:
        return tr("extension");
    case ObjectKind::Collation:
        return tr("collation");
    case ObjectKind::EnumType:
        return tr("enum type");
    case ObjectKind::Domain:
        return tr("domain");
    case ObjectKind::CompositeType:
        return tr("composite type");
    case ObjectKind::Sequence:
        return tr("sequence");
    case ObjectKind::Table:
        return tr("table");
    case ObjectKind::Column:
        return tr("column");
    case ObjectKind::Constraint:
        return tr("constraint");
    case ObjectKind::Index:
        return tr("index");
    case ObjectKind::View:
        return tr("view");
    case ObjectKind::MaterializedView:
        return tr("materialized view");
    case ObjectKind::Function:
        return tr("function");
    case ObjectKind::Aggregate:
        return tr("aggregate");
    case ObjectKind::Trigger:
        return tr("trigger");
    case ObjectKind::Rule:
        return tr("rule");
    case ObjectKind::Policy:
        return tr("policy");
    }
    return {};
}

QString SchemaDiffText::kindGroup(ObjectKind kind)
{
    switch (kind) {
    case ObjectKind::Schema:
        return tr("Schemas");
    case ObjectKind::Extension:
        return tr("Extensions");
    case ObjectKind::Collation:
        return tr("Collations");
    case ObjectKind::EnumType:
        return tr("Enum types");
    case ObjectKind::Domain:
        return tr("Domains");
    case ObjectKind::CompositeType:
        return tr("Composite types");
    case ObjectKind::Sequence:
        return tr("Sequences");
    case ObjectKind::Table:
        return tr("Tables");
    case ObjectKind::Column:
        return tr("Columns");
    case ObjectKind::Constraint:
        return tr("Constraints");
    case ObjectKind::Index:
        return tr("Indexes");
    case ObjectKind::View:
        return tr("Views");
    case ObjectKind::MaterializedView:
        return tr("Materialized views");
    case ObjectKind::Function:
        return tr("Functions");
    case ObjectKind::Aggregate:
        return tr("Aggregates");
    case ObjectKind::Trigger:
        return tr("Triggers");
    case ObjectKind::Rule:
        return tr("Rules");
    case ObjectKind::Policy:
        return tr("Policies");
    }
    return {};
}

QString SchemaDiffText::change(schema::ObjectChange::Change change)
{
    switch (change) {
    case schema::ObjectChange::Change::Added:
        return tr("added");
    case schema::ObjectChange::Change::Removed:
        return tr("removed");
    case schema::ObjectChange::Change::Changed:
        return tr("changed");
    }
    return {};
}

QString SchemaDiffText::object(const schema::SchemaObject &object)
{
    // display() after its kind word: the names as they are, the kind in the user's language.
    const QString display = object.display();
    const QString english = schema::kindName(object.kind) + QLatin1Char(' ');
    const QString rest = display.startsWith(english) ? display.mid(english.size()) : display;
    //: An object of a schema: its kind, then its name ("table public.film").
    return tr("%1 %2").arg(kind(object.kind), rest);
}

QString SchemaDiffText::hazard(Hazard hazard, Engine engine)
{
    const bool sqlite = engine == Engine::SQLite;
    switch (hazard) {
    case Hazard::DeletesData:
        return tr("Deletes data: the rows or values it removes are lost.");
    case Hazard::RewritesTable:
        return sqlite ? tr("Rebuilds the table: its rows are copied into a new table and its "
                           "indexes are built again.")
                      : tr("Rewrites the whole table and its indexes while it runs.");
    case Hazard::AccessExclusiveLock:
        return sqlite ? tr("Holds the database's write lock while it runs: other writers wait.")
                      : tr("Takes an ACCESS EXCLUSIVE lock: readers and writers of the table wait "
                           "while it runs.");
    case Hazard::BuildsIndex:
        return sqlite ? tr("Builds an index while holding the database's write lock.")
                      : tr("Builds an index: CREATE INDEX CONCURRENTLY avoids blocking writes.");
    case Hazard::ValidatesConstraint:
        return sqlite ? tr("Checks every row against the constraint while it runs.")
                      : tr("Scans the table to validate while holding its lock: add the "
                           "constraint NOT VALID and validate it in a later migration to avoid "
                           "blocking writes.");
    case Hazard::NotInTransaction:
        return tr("Cannot run inside a transaction block: the migration runs without one.");
    case Hazard::UntrackedDependency:
        return tr("Depends on something the catalog cannot track (a function body): check the "
                  "objects it uses by hand.");
    case Hazard::DowngradeLosesData:
        return tr("The downgrade deletes data this upgrade keeps.");
    case Hazard::FailsWithRows:
        return sqlite ? tr("Fails when the table has rows: give the column a default.")
                      : tr("Fails when the table has rows: give the column a default, or add it "
                           "nullable, fill it, then set NOT NULL.");
    }
    return {};
}

QString SchemaDiffText::reason(const schema::LeftOutReason &reason, const schema::SchemaModel &from,
                               const schema::SchemaModel &to)
{
    auto name = [&](const QString &key) {
        const schema::SchemaObject *found = to.find(key);
        if (!found)
            found = from.find(key);
        return found ? object(*found) : key;
    };
    const QString left = name(reason.key);
    const QString cause = name(reason.cause);
    switch (reason.link) {
    case schema::LeftOutReason::Link::DependsOn:
        return tr("%1 depends on %2").arg(left, cause);
    case schema::LeftOutReason::Link::PartOf:
        return tr("%1 is part of %2").arg(left, cause);
    case schema::LeftOutReason::Link::NeededBy:
        return tr("%1 is kept because %2 needs it").arg(left, cause);
    case schema::LeftOutReason::Link::Statement:
        return tr("%1 is created by one statement with %2").arg(left, cause);
    case schema::LeftOutReason::Link::Renamed:
        return tr("%1 is %2 under another name").arg(left, cause);
    }
    return {};
}

QString SchemaDiffText::childLabel(ObjectKind kind, const QString &name)
{
    //: An object beneath its table in the tree: its kind, then its name ("column title").
    return tr("%1 %2").arg(SchemaDiffText::kind(kind), name);
}

QString SchemaDiffText::differences(int count)
{
    return tr("%n difference(s)", nullptr, count);
}

QString SchemaDiffText::inside(int count)
{
    return tr("%n difference(s) inside", nullptr, count);
}

QString SchemaDiffText::unchanged()
{
    return tr("unchanged");
}

QString SchemaDiffText::summary(int added, int removed, int changed)
{
    const int total = added + removed + changed;
    if (total == 0)
        return tr("No differences: the two schemas are the same.");
    //: The summary line: "12 differences: 3 added, 2 removed, 7 changed".
    return tr("%1: %2, %3, %4")
        .arg(differences(total), tr("%n added", nullptr, added), tr("%n removed", nullptr, removed),
             tr("%n changed", nullptr, changed));
}

ChangedLines changedLines(const QString &left, const QString &right)
{
    const QStringList a = left.split(QLatin1Char('\n'));
    const QStringList b = right.split(QLatin1Char('\n'));
    ChangedLines changed;
    if (left.isEmpty() || right.isEmpty()) {
        // One side has no definition: every line of the other is new to it.
        for (int i = 0; !left.isEmpty() && i < a.size(); ++i)
            changed.left.append(i);
        for (int i = 0; !right.isEmpty() && i < b.size(); ++i)
            changed.right.append(i);
        return changed;
    }
    const qsizetype n = a.size();
    const qsizetype m = b.size();
    // Longest common subsequence of lines, compared without surrounding whitespace.
    std::vector<std::vector<int>> length(n + 1, std::vector<int>(m + 1, 0));
    for (qsizetype i = n - 1; i >= 0; --i) {
        for (qsizetype j = m - 1; j >= 0; --j) {
            length[i][j] = a[i].trimmed() == b[j].trimmed()
                               ? length[i + 1][j + 1] + 1
                               : std::max(length[i + 1][j], length[i][j + 1]);
        }
    }
    qsizetype i = 0;
    qsizetype j = 0;
    while (i < n && j < m) {
        if (a[i].trimmed() == b[j].trimmed()) {
            ++i;
            ++j;
        } else if (length[i + 1][j] >= length[i][j + 1]) {
            changed.left.append(int(i++));
        } else {
            changed.right.append(int(j++));
        }
    }
    for (; i < n; ++i)
        changed.left.append(int(i));
    for (; j < m; ++j)
        changed.right.append(int(j));
    return changed;
}

} // namespace strata::gui
