// diffSqlite(): two SQLite schema models into SQLite's own statements. Tables change through
// ALTER TABLE where SQLite allows it, else through the table-rebuild procedure (done by
// sqlitediff_table.cpp, one operation for a table and every table whose foreign keys reference
// it); indexes, views and triggers are dropped and created again from their "sql". The
// operations run in this order, and the downgrade runs their inverses backwards:
//   1. drop the triggers, views (dependants first) and indexes that change, go, or stand on or
//      name a rebuilt table;
//   2. drop the tables that go (children first), unless a kept table references one;
//   3. ALTER TABLE the tables that change in place;
//   4. create the new tables;
//   5. rebuild the tables that need it, with the tables that reference them;
//   6. drop the tables that go and that kept tables referenced (no longer after 5);
//   7. create the indexes, views (dependencies first) and triggers of step 1 and the new ones.
#include "schema/schemadiff.h"
#include "schema/sqlitediff_p.h"

#include <algorithm>

namespace strata::schema {

using namespace sqlite_detail;

namespace {

QString dropStatement(const SchemaObject &object)
{
    return QStringLiteral("DROP %1 %2").arg(kindName(object.kind).toUpper(), quote(object.name));
}

// The object of `model` whose key is `key`, or, SQLite's names ignoring ASCII case, whose key
// is `key` in another case (a rename declared as "Quantity" of a column SQLite reads as
// "quantity").
const SchemaObject *findIgnoringCase(const SchemaModel &model,
                                     const QHash<QString, QString> &folded, const QString &key)
{
    if (const SchemaObject *object = model.find(key))
        return object;
    return model.find(folded.value(key.toLower()));
}

// The renames DiffOptions declares (key in `to` -> old name), for tables and columns whose old
// object is in `from`; names are matched ignoring ASCII case, as SQLite does.
Renames readRenames(const SchemaModel &from, const SchemaModel &to,
                    const QHash<QString, QString> &declared)
{
    QHash<QString, QString> toKeys;
    QHash<QString, QString> fromKeys;
    for (ObjectKind kind : {ObjectKind::Table, ObjectKind::Column}) {
        for (const SchemaObject &object : to.objects(kind))
            toKeys.insert(object.key().toLower(), object.key());
        for (const SchemaObject &object : from.objects(kind))
            fromKeys.insert(object.key().toLower(), object.key());
    }
    Renames renames;
    for (auto it = declared.cbegin(); it != declared.cend(); ++it) {
        const SchemaObject *object = findIgnoringCase(to, toKeys, it.key());
        if (!object || object->kind != ObjectKind::Table)
            continue;
        if (const SchemaObject *old =
                findIgnoringCase(from, fromKeys, probe(ObjectKind::Table, {}, it.value()).key()))
            renames.tables.insert(object->name, old->name);
    }
    for (auto it = declared.cbegin(); it != declared.cend(); ++it) {
        const SchemaObject *object = findIgnoringCase(to, toKeys, it.key());
        if (!object || object->kind != ObjectKind::Column)
            continue;
        const QString table = renames.tables.value(object->table, object->table);
        if (const SchemaObject *old = findIgnoringCase(
                from, fromKeys, probe(ObjectKind::Column, table, it.value()).key()))
            renames.columns.insert(object->table + QLatin1Char('\n') + object->name, old->name);
    }
    return renames;
}

// The same renames read the other way (from `to` back to `from`).
Renames invert(const Renames &renames, const Direction &forward)
{
    Renames back;
    for (auto it = renames.tables.cbegin(); it != renames.tables.cend(); ++it)
        back.tables.insert(it.value(), it.key());
    for (auto it = renames.columns.cbegin(); it != renames.columns.cend(); ++it) {
        const QString table = it.key().section(QLatin1Char('\n'), 0, 0);
        const QString column = it.key().section(QLatin1Char('\n'), 1);
        back.columns.insert(forward.sourceTable(table) + QLatin1Char('\n') + it.value(), column);
    }
    return back;
}

class Planner
{
public:
    Planner(const SchemaModel &from, const SchemaModel &to, const DiffOptions &options)
        : m_from(from), m_to(to), m_fromIndex(from), m_toIndex(to),
          m_renames(readRenames(from, to, options.renames)),
          m_forward(m_fromIndex, m_toIndex, m_renames),
          m_backward(m_toIndex, m_fromIndex, invert(m_renames, m_forward))
    {
        m_result.engine = Engine::SQLite;
    }

    SchemaDiff run();

private:
    // A pair of the same index, view or trigger on both sides (either may be null).
    struct Pair
    {
        const SchemaObject *from = nullptr;
        const SchemaObject *to = nullptr;
        bool affected = false;
        QSet<QString> fromNames; // the names each side's statement mentions, and its table
        QSet<QString> toNames;
    };

    void refuseUnsupported();
    void planTables();
    void closeOverReferences();
    void pairDependants();
    static QSet<QString> namesIn(const SchemaObject *object);
    QList<Pair *> ordered(ObjectKind kind, bool dependenciesFirst);
    void needSql(const SchemaObject *object);
    void add(Operation operation);

    const SchemaModel &m_from;
    const SchemaModel &m_to;
    const ModelIndex m_fromIndex;
    const ModelIndex m_toIndex;
    Renames m_renames;
    Direction m_forward;
    Direction m_backward;
    SchemaDiff m_result;

    QStringList m_kept;    // target names of tables both sides have
    QStringList m_new;     // tables only `to` has
    QStringList m_removed; // tables only `from` has
    QHash<QString, Direction::AlterPlan> m_alterForward;
    QHash<QString, Direction::AlterPlan> m_alterBackward;
    QStringList m_rebuilt; // target names: the tables that need it, then those referencing them
    QList<Pair> m_pairs;
};

void Planner::refuseUnsupported()
{
    for (const QString &object : m_to.unsupported) {
        if (!m_from.unsupported.contains(object))
            m_result.refused.append(object);
    }
    for (const QString &object : m_from.unsupported) {
        if (!m_to.unsupported.contains(object))
            m_result.refused.append(object);
    }
}

void Planner::needSql(const SchemaObject *object)
{
    if (object && object->property(QStringLiteral("sql")).trimmed().isEmpty())
        m_result.refused.append(
            QStringLiteral("%1: no SQL text to create it from").arg(object->display()));
}

void Planner::planTables()
{
    for (const SchemaObject &table : m_to.objects(ObjectKind::Table)) {
        if (m_forward.sourceTable(table.name).isEmpty())
            m_new.append(table.name);
        else
            m_kept.append(table.name);
    }
    for (const SchemaObject &table : m_from.objects(ObjectKind::Table)) {
        if (m_forward.targetTable(table.name).isEmpty())
            m_removed.append(table.name);
    }
    for (const QString &name : std::as_const(m_kept)) {
        const QString old = m_forward.sourceTable(name);
        const Direction::AlterPlan forward = m_forward.planAlter(name);
        const Direction::AlterPlan backward = m_backward.planAlter(old);
        if (!forward.rebuildBecause.isEmpty() || !backward.rebuildBecause.isEmpty()) {
            m_rebuilt.append(name);
            continue;
        }
        m_alterForward.insert(name, forward);
        m_alterBackward.insert(name, backward);
    }
    closeOverReferences();
}

// The tables whose foreign keys reference a rebuilt table are rebuilt with it when SQLite's
// DROP TABLE of the parent would touch their rows (an ON DELETE action, on either side), or when
// the parent is renamed (or has renamed columns) by the rebuild, which unlike ALTER TABLE
// RENAME does not rewrite their REFERENCES. A child without an ON DELETE action keeps its rows
// untouched: under defer_foreign_keys the parent's rows are back before the check.
void Planner::closeOverReferences()
{
    QHash<QString, QStringList> children; // folded target parent -> target children
    QHash<QString, QStringList> acting;   // the same, those with an ON DELETE action
    auto add = [&](const QString &parent, const QString &child, bool acts) {
        if (parent.isEmpty() || parent == child.toLower())
            return;
        children[parent].append(child);
        if (acts)
            acting[parent].append(child);
    };
    for (const QString &name : std::as_const(m_kept)) {
        const QString old = m_forward.sourceTable(name);
        const QStringList actingBefore = m_forward.parents(m_from, old, true);
        for (const QString &parent : m_forward.parents(m_from, old))
            add(m_forward.targetTable(m_fromIndex.tables.value(parent)).toLower(), name,
                actingBefore.contains(parent));
        const QStringList actingAfter = m_forward.parents(m_to, name, true);
        for (const QString &parent : m_forward.parents(m_to, name))
            add(parent, name, actingAfter.contains(parent));
    }
    auto renamed = [this](const QString &table) {
        if (m_forward.sourceTable(table) != table)
            return true;
        const QString prefix = table + QLatin1Char('\n');
        return std::any_of(m_renames.columns.keyBegin(), m_renames.columns.keyEnd(),
                           [&](const QString &key) { return key.startsWith(prefix); });
    };
    QSet<QString> rebuilt(m_rebuilt.cbegin(), m_rebuilt.cend());
    for (qsizetype i = 0; i < m_rebuilt.size(); ++i) {
        const QString parent = m_rebuilt[i];
        const QStringList &follow =
            renamed(parent) ? children[parent.toLower()] : acting[parent.toLower()];
        for (const QString &child : follow) {
            if (!rebuilt.contains(child)) {
                rebuilt.insert(child);
                m_rebuilt.append(child);
            }
        }
    }
}

void Planner::pairDependants()
{
    for (ObjectKind kind : {ObjectKind::Index, ObjectKind::View, ObjectKind::Trigger}) {
        QSet<QString> matched;
        for (const SchemaObject &object : m_to.objects(kind)) {
            Pair pair;
            pair.to = m_to.find(object.key());
            QString table = object.table;
            if (!table.isEmpty()) {
                const QString old = m_forward.sourceTable(table);
                table = old.isEmpty() ? table : old;
            }
            pair.from = m_from.find(probe(kind, table, object.name).key());
            if (pair.from) {
                matched.insert(pair.from->key());
                QStringList names = pair.to->properties.keys() + pair.from->properties.keys();
                for (const QString &property : std::as_const(names)) {
                    if (!isComparedProperty(kind, property))
                        continue;
                    if (pair.from->property(property) == pair.to->property(property))
                        continue;
                    // Text that differs as spelled may be the same once renames are read.
                    pair.affected = pair.affected || property != QLatin1String("definition") ||
                                    m_forward.mapped(*pair.from, property) !=
                                        tokenText(pair.to->property(property));
                }
            } else {
                pair.affected = true;
            }
            m_pairs.append(pair);
        }
        for (const SchemaObject &object : m_from.objects(kind)) {
            if (!matched.contains(object.key()))
                m_pairs.append(Pair{m_from.find(object.key()), nullptr, true, {}, {}});
        }
    }
    // Whatever stands on or names a rebuilt table, or a view that is dropped, goes too.
    QSet<QString> fromNames;
    QSet<QString> toNames;
    for (const QString &name : std::as_const(m_rebuilt)) {
        toNames.insert(name.toLower());
        fromNames.insert(m_forward.sourceTable(name).toLower());
    }
    for (Pair &pair : m_pairs) {
        pair.fromNames = namesIn(pair.from);
        pair.toNames = namesIn(pair.to);
    }
    for (bool grown = true; grown;) {
        grown = false;
        for (Pair &pair : m_pairs) {
            if (!pair.affected &&
                (pair.fromNames.intersects(fromNames) || pair.toNames.intersects(toNames)))
                pair.affected = true;
            if (!pair.affected)
                continue;
            if (pair.from && pair.from->kind == ObjectKind::View &&
                !fromNames.contains(pair.from->name.toLower())) {
                fromNames.insert(pair.from->name.toLower());
                grown = true;
            }
            if (pair.to && pair.to->kind == ObjectKind::View &&
                !toNames.contains(pair.to->name.toLower())) {
                toNames.insert(pair.to->name.toLower());
                grown = true;
            }
        }
    }
}

QSet<QString> Planner::namesIn(const SchemaObject *object)
{
    if (!object)
        return {};
    const QString sql = object->property(QStringLiteral("sql"));
    QSet<QString> names =
        mentionedNames(sql.isEmpty() ? object->property(QStringLiteral("definition")) : sql);
    if (!object->table.isEmpty())
        names.insert(object->table.toLower());
    return names;
}

// The affected pairs of one kind; views in dependency order (a view after the views it names)
// or its reverse.
QList<Planner::Pair *> Planner::ordered(ObjectKind kind, bool dependenciesFirst)
{
    QList<Pair *> some;
    for (Pair &pair : m_pairs) {
        const SchemaObject *object = pair.to ? pair.to : pair.from;
        if (pair.affected && object->kind == kind)
            some.append(&pair);
    }
    if (kind != ObjectKind::View)
        return some;
    QList<Pair *> pending;
    for (Pair *pair : std::as_const(some)) {
        if (dependenciesFirst ? pair->to : pair->from)
            pending.append(pair);
    }
    QHash<QString, qsizetype> index;
    for (qsizetype i = 0; i < pending.size(); ++i)
        index.insert((dependenciesFirst ? pending[i]->to : pending[i]->from)->name.toLower(), i);
    QList<QList<qsizetype>> waitsFor(pending.size());
    for (qsizetype i = 0; i < pending.size(); ++i) {
        for (const QString &name :
             std::as_const(dependenciesFirst ? pending[i]->toNames : pending[i]->fromNames)) {
            const qsizetype j = index.value(name, -1);
            if (j >= 0 && j != i)
                waitsFor[i].append(j);
        }
    }
    QList<Pair *> sorted;
    for (qsizetype i : dependencyOrder(waitsFor))
        sorted.append(pending[i]);
    if (!dependenciesFirst)
        std::reverse(sorted.begin(), sorted.end());
    return sorted;
}

void Planner::add(Operation operation)
{
    if (operation.inverseHazards.contains(Hazard::DeletesData) &&
        !operation.hazards.contains(Hazard::DowngradeLosesData))
        operation.hazards.append(Hazard::DowngradeLosesData);
    m_result.operations.append(std::move(operation));
}

SchemaDiff Planner::run()
{
    refuseUnsupported();
    planTables();
    pairDependants();

    // 1. Dependants dropped: triggers, views (dependants first), indexes.
    for (ObjectKind kind : {ObjectKind::Trigger, ObjectKind::View, ObjectKind::Index}) {
        for (const Pair *pair : ordered(kind, false)) {
            if (!pair->from)
                continue;
            needSql(pair->from);
            Operation operation;
            operation.kind = QStringLiteral("drop ") + kindName(kind);
            operation.object = pair->from->display();
            operation.sql = {dropStatement(*pair->from)};
            operation.inverseSql = {pair->from->property(QStringLiteral("sql"))};
            if (kind == ObjectKind::Index)
                operation.inverseHazards = {Hazard::BuildsIndex};
            add(operation);
        }
    }

    // 2 and 6. Tables that go: those no kept table references (even through other tables that
    // go) first; those a rebuilt table references inside its rebuild, once it is dropped; the
    // others after the ALTER TABLE statements that take their references away.
    QStringList early;
    QStringList anchored;
    auto references = [this](const QStringList &tables, const QString &name) {
        return std::any_of(tables.cbegin(), tables.cend(), [&](const QString &table) {
            return m_forward.parents(m_from, table).contains(name.toLower());
        });
    };
    QStringList keptSources;
    for (const QString &kept : std::as_const(m_kept))
        keptSources.append(m_forward.sourceTable(kept));
    for (const QString &name : std::as_const(m_removed)) {
        if (references(keptSources, name))
            anchored.append(name);
    }
    for (bool grown = true; grown;) {
        grown = false;
        for (const QString &name : std::as_const(m_removed)) {
            if (!anchored.contains(name) && references(anchored, name)) {
                anchored.append(name);
                grown = true;
            }
        }
    }
    for (const QString &name : std::as_const(m_removed)) {
        if (!anchored.contains(name))
            early.append(name);
    }
    auto dropTables = [this](const QStringList &names) {
        // Children first: a table goes once no other table to drop references it.
        for (qsizetype i : m_forward.ordered(m_from, names, true)) {
            const SchemaObject *table = Direction::table(m_from, names[i]);
            needSql(table);
            Operation operation;
            operation.kind = QStringLiteral("drop table");
            operation.object = table->display();
            operation.sql = {dropStatement(*table)};
            operation.inverseSql = {table->property(QStringLiteral("sql"))};
            operation.hazards = {Hazard::DeletesData};
            add(operation);
        }
    };
    dropTables(early);

    // 3. ALTER TABLE.
    for (const QString &name : std::as_const(m_kept)) {
        if (m_rebuilt.contains(name))
            continue;
        const Direction::AlterPlan &forward = m_alterForward[name];
        if (forward.statements.isEmpty())
            continue;
        const Direction::AlterPlan &backward = m_alterBackward[name];
        Operation operation;
        const bool renameOnly =
            forward.statements.size() == 1 && m_forward.sourceTable(name) != name;
        operation.kind =
            renameOnly ? QStringLiteral("rename table") : QStringLiteral("alter table");
        operation.object = Direction::table(m_to, name)->display();
        operation.sql = forward.statements;
        operation.hazards = forward.hazards;
        operation.inverseSql = backward.statements;
        operation.inverseHazards = backward.hazards;
        add(operation);
    }

    // 4. New tables.
    for (const QString &name : std::as_const(m_new)) {
        const SchemaObject *table = Direction::table(m_to, name);
        needSql(table);
        Operation operation;
        operation.kind = QStringLiteral("create table");
        operation.object = table->display();
        operation.sql = {table->property(QStringLiteral("sql"))};
        operation.inverseSql = {dropStatement(*table)};
        operation.inverseHazards = {Hazard::DeletesData};
        add(operation);
    }

    // 5. Rebuilds, one operation per set of tables linked by foreign keys.
    QStringList pending = m_rebuilt;
    int serial = 0;
    while (!pending.isEmpty()) {
        QStringList group = {pending.takeFirst()};
        for (qsizetype g = 0; g < group.size(); ++g) {
            const QString member = group[g];
            for (qsizetype i = pending.size() - 1; i >= 0; --i) {
                const QString other = pending[i];
                auto linked = [this](const SchemaModel &model, const QString &a, const QString &b) {
                    return m_forward.parents(model, a).contains(b.toLower()) ||
                           m_forward.parents(model, b).contains(a.toLower());
                };
                if (linked(m_to, member, other) ||
                    linked(m_from, m_forward.sourceTable(member), m_forward.sourceTable(other)))
                    group.append(pending.takeAt(i));
            }
        }
        QStringList members;
        for (const QString &name : std::as_const(m_rebuilt)) {
            if (group.contains(name)) {
                members.append(name);
                needSql(Direction::table(m_to, name));
                needSql(Direction::table(m_from, m_forward.sourceTable(name)));
            }
        }
        QStringList sources;
        for (const QString &name : std::as_const(members))
            sources.append(m_forward.sourceTable(name));
        QStringList goes; // tables that go which the members reference, directly or not
        for (bool grown = true; grown;) {
            grown = false;
            for (const QString &name : std::as_const(anchored)) {
                if (!goes.contains(name) && references(sources + goes, name)) {
                    goes.append(name);
                    needSql(Direction::table(m_from, name));
                    grown = true;
                }
            }
        }
        for (const QString &name : std::as_const(goes))
            anchored.removeAll(name);
        ++serial;
        const Direction::AlterPlan forward = m_forward.planRebuild(members, serial, goes);
        const Direction::AlterPlan backward = m_backward.planRebuild(sources, serial, {}, goes);
        Operation operation;
        operation.kind = QStringLiteral("rebuild table");
        operation.object = Direction::table(m_to, members.first())->display();
        operation.sql = forward.statements;
        operation.hazards = forward.hazards;
        operation.inverseSql = backward.statements;
        operation.inverseHazards = backward.hazards;
        add(operation);
    }

    dropTables(anchored);

    // 7. Dependants created: indexes, views (dependencies first), triggers.
    for (ObjectKind kind : {ObjectKind::Index, ObjectKind::View, ObjectKind::Trigger}) {
        for (const Pair *pair : ordered(kind, true)) {
            if (!pair->to)
                continue;
            needSql(pair->to);
            Operation operation;
            operation.kind = QStringLiteral("create ") + kindName(kind);
            operation.object = pair->to->display();
            operation.sql = {pair->to->property(QStringLiteral("sql"))};
            operation.inverseSql = {dropStatement(*pair->to)};
            if (kind == ObjectKind::Index)
                operation.hazards = {Hazard::BuildsIndex};
            add(operation);
        }
    }
    m_result.refused.removeDuplicates();
    return m_result;
}

} // namespace

SchemaDiff diffSqlite(const SchemaModel &from, const SchemaModel &to, const DiffOptions &options)
{
    Planner planner(from, to, options);
    return planner.run();
}

} // namespace strata::schema
