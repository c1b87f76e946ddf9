// The planner behind diff(): matches objects by key, asks each kind's rules for operations,
// rebuilds dependants around what is dropped or changed beneath them, applies declared renames,
// and orders everything by dependencies (drops in reverse, creates forward).
#include "schema/schemadiffplan.h"
#include "schema/schemadiffrenames.h"

#include <QHash>
#include <QRegularExpression>
#include <QSet>

#include <algorithm>
#include <set>
#include <tuple>

namespace strata::schema::detail {

namespace {

enum Stage { DropStage = 0, RenameStage = 1, AlterStage = 2, CreateStage = 3 };

// The tie-break between operations no dependency orders: creates run in this order, drops in
// the reverse one.
int phaseOf(const SchemaObject &object)
{
    switch (object.kind) {
    case ObjectKind::Schema:
        return 0;
    case ObjectKind::Extension:
        return 1;
    case ObjectKind::Collation:
        return 2;
    case ObjectKind::EnumType:
        return 3;
    case ObjectKind::Domain:
        return 4;
    case ObjectKind::CompositeType:
        return 5;
    case ObjectKind::Sequence:
        return 6;
    case ObjectKind::Function:
        return 7;
    case ObjectKind::Aggregate:
        return 8;
    case ObjectKind::Table:
        return 9;
    case ObjectKind::Column:
        return 10;
    case ObjectKind::Constraint: {
        const QString type = object.property(QStringLiteral("type"));
        if (type == QLatin1String("primary key"))
            return 11;
        if (type == QLatin1String("unique"))
            return 12;
        if (type == QLatin1String("foreign key"))
            return 16;
        return 14;
    }
    case ObjectKind::Index:
        return 13;
    case ObjectKind::View:
        return 17;
    case ObjectKind::MaterializedView:
        return 18;
    case ObjectKind::Trigger:
        return 19;
    case ObjectKind::Rule:
        return 20;
    case ObjectKind::Policy:
        return 21;
    }
    return 22;
}

const KindRules *rulesFor(ObjectKind kind)
{
    if (const KindRules *rules = relationRules(kind))
        return rules;
    return objectRules(kind);
}

bool propertiesDiffer(const SchemaObject &a, const SchemaObject &b)
{
    QMap<QString, QString> left = a.properties;
    QMap<QString, QString> right = b.properties;
    // An absent property and an empty one read the same; some are not compared.
    for (auto it = left.begin(); it != left.end();) {
        if (it.value().isEmpty() || !isComparedProperty(a.kind, it.key()))
            it = left.erase(it);
        else
            ++it;
    }
    for (auto it = right.begin(); it != right.end();) {
        if (it.value().isEmpty() || !isComparedProperty(b.kind, it.key()))
            it = right.erase(it);
        else
            ++it;
    }
    return left != right;
}

bool metadataDiffers(const SchemaObject &a, const SchemaObject &b, const DiffOptions &options)
{
    if (a.comment != b.comment)
        return true;
    return options.ownersAndGrants && (a.owner != b.owner || a.grants != b.grants);
}

// An index a partition holds because its parent's partitioned index is attached to it: the
// parent's CREATE INDEX makes it and the parent's DROP INDEX removes it.
bool isAttachedIndex(const SchemaObject &object)
{
    return object.kind == ObjectKind::Index && !object.property(QStringLiteral("parent")).isEmpty();
}

// Kinds PostgreSQL refuses to keep across a column's type change (they must be dropped and
// created again); indexes, constraints and defaults it converts itself.
bool rebuiltAroundTypeChange(const SchemaObject &object)
{
    switch (object.kind) {
    case ObjectKind::View:
    case ObjectKind::MaterializedView:
    case ObjectKind::Rule:
    case ObjectKind::Trigger:
    case ObjectKind::Policy:
    case ObjectKind::Function:
    case ObjectKind::Aggregate:
        return true;
    case ObjectKind::Column:
        return !object.property(QStringLiteral("generated")).isEmpty();
    default:
        return false;
    }
}

struct Node
{
    Stage stage = CreateStage;
    int phase = 0;
    int seq = 0;
    QList<Operation> operations;
    QList<int> next;
    int pending = 0;
};

class Planner
{
public:
    Planner(const SchemaModel &from, const SchemaModel &to, const DiffOptions &options)
        : m_from(from), m_to(to), m_options(options), m_renames(from, to, options.renames)
    {
    }

    SchemaDiff run();

private:
    // Classification
    QStringList dependencies(const SchemaModel &model, const SchemaObject &object) const;
    QString resolve(const SchemaModel &model, const QString &key) const;
    void classify(const DiffContext &context);
    void rebuildDependants();
    void refuseUnhandledProperties();
    QString dropCover(const QString &key, bool *full) const;
    bool needsOwnDrop(const SchemaObject &object, const SchemaObject &relation) const;
    QString createCover(const QString &key, bool *full) const;
    QStringList covers(const QString &key, bool drop) const;
    bool namesRenamed(const SchemaObject &object) const;

    // Nodes and order
    int addNode(Stage stage, const SchemaObject &object, const QList<Operation> &operations);
    void edge(int before, int after);
    void buildNodes();
    void buildEdges();
    QList<Operation> ordered();
    bool needRules(const SchemaObject &object);

    const SchemaModel &m_from;
    const SchemaModel &m_to;
    const DiffOptions &m_options;
    SchemaDiff m_result;

    RenameMap m_renames;
    SchemaModel m_mapped;                  // `from` in `to`'s names
    QList<SchemaObject> m_mappedObjects;   // m_mapped.objects(), read once
    QList<SchemaObject> m_toObjects;       // m_to.objects(), read once
    QHash<QString, QString> m_originalKey; // key in m_mapped -> key in m_from
    SchemaModel m_remaining;               // m_mapped without what is dropped
    SchemaModel m_fromRemaining;           // m_from without what is dropped

    QSet<QString> m_dropped;  // only in from
    QSet<QString> m_created;  // only in to
    QSet<QString> m_rebuilt;  // in both, dropped and created again
    QSet<QString> m_altered;  // in both, altered in place
    QSet<QString> m_metadata; // in both, comment, owner or grants differ
    QHash<QString, AlterPlan> m_plans;
    QSet<QString> m_restrictedSeeds; // alters whose views and the like are rebuilt
    QHash<QString, QStringList> m_dependants;
    mutable QHash<QString, QPair<QString, bool>> m_dropCovers;

    QList<Node> m_nodes;
    QHash<QString, int> m_dropNode, m_createNode, m_alterNode;
    QList<int> m_renameNodes;
};

// What `object` depends on in `model`: its recorded dependencies (a dependency on an index
// that backs a constraint reads as one on the constraint, one on something else not modelled
// as one on its relation), the relation it lives on, a partition's parent and plain
// inheritance's parents.
QStringList Planner::dependencies(const SchemaModel &model, const SchemaObject &object) const
{
    QStringList keys;
    const QString self = object.key();
    auto add = [&](const QString &key) {
        if (!key.isEmpty() && key != self && !keys.contains(key))
            keys.append(key);
    };
    for (const QString &key : object.dependsOn)
        add(resolve(model, key));
    if (const SchemaObject *relation = relationOf(model, object))
        add(relation->key());
    if (object.kind == ObjectKind::Table) {
        QStringList parents = {object.property(QStringLiteral("partition_of"))};
        parents += object.property(QStringLiteral("inherits")).split(QLatin1Char(','));
        for (const QString &parent : parents) {
            const QStringList parts = splitQualified(parent.trimmed());
            if (parts.size() == 2)
                add(resolve(model, objectKey(ObjectKind::Table, parts[0], {}, parts[1])));
        }
    }
    return keys;
}

QString Planner::resolve(const SchemaModel &model, const QString &key) const
{
    if (model.find(key))
        return key;
    const QStringList parts = key.split(QLatin1Char('|'));
    if (parts.size() != 5)
        return {};
    if (parts[0] == kindName(ObjectKind::Index)) {
        const QString constraint =
            objectKey(ObjectKind::Constraint, parts[1], parts[2], parts[3], parts[4]);
        if (model.find(constraint))
            return constraint;
    }
    if (!parts[2].isEmpty()) {
        SchemaObject child;
        child.kind = ObjectKind::Column;
        child.schema = parts[1];
        child.table = parts[2];
        if (const SchemaObject *relation = relationOf(model, child))
            return relation->key();
    }
    return {};
}

bool Planner::needRules(const SchemaObject &object)
{
    if (rulesFor(object.kind))
        return true;
    const QString reason =
        object.display() + QStringLiteral(": the diff has no rules for this kind of object yet");
    if (!m_result.refused.contains(reason))
        m_result.refused.append(reason);
    return false;
}

void Planner::classify(const DiffContext &context)
{
    QSet<QString> keys;
    for (const SchemaObject &object : m_mappedObjects)
        keys.insert(object.key());
    for (const SchemaObject &object : m_toObjects)
        keys.insert(object.key());
    for (const QString &key : keys) {
        const SchemaObject *before = m_mapped.find(key);
        const SchemaObject *after = m_to.find(key);
        if ((before && isAttachedIndex(*before)) || (after && isAttachedIndex(*after)))
            continue;
        if (!after) {
            m_dropped.insert(key);
            continue;
        }
        if (!before) {
            m_created.insert(key);
            continue;
        }
        if (propertiesDiffer(*before, *after) && needRules(*after)) {
            const AlterPlan plan = rulesFor(after->kind)->alter(*before, *after, context);
            if (plan.replace) {
                m_rebuilt.insert(key);
            } else {
                m_altered.insert(key);
                m_plans.insert(key, plan);
                if (plan.rebuildDependants)
                    m_restrictedSeeds.insert(key);
            }
        }
        if (metadataDiffers(*before, *after, m_options))
            m_metadata.insert(key);
    }
}

// The safety net: a property no rule turns into SQL refuses the diff, naming the object and the
// property (see unhandledProperties()).
void Planner::refuseUnhandledProperties()
{
    for (const SchemaObject &after : std::as_const(m_toObjects)) {
        const QString key = after.key();
        const SchemaObject *before = m_mapped.find(key);
        QStringList reasons;
        if (isAttachedIndex(after) || (before && isAttachedIndex(*before)))
            reasons = unhandledProperties(before, after);
        else if (m_created.contains(key) || m_rebuilt.contains(key))
            reasons = unhandledProperties(nullptr, after);
        else if (m_altered.contains(key))
            reasons = unhandledProperties(before, after);
        for (const QString &reason : std::as_const(reasons)) {
            if (!m_result.refused.contains(reason))
                m_result.refused.append(reason);
        }
    }
}

// Everything in `from` that depends on what is dropped or created again is dropped before it
// and created again after it (as it is in `to`), even if unchanged; around a change that asks
// for it (a column's type) only the kinds PostgreSQL refuses to keep.
void Planner::rebuildDependants()
{
    for (const SchemaObject &object : m_mappedObjects) {
        for (const QString &key : dependencies(m_mapped, object))
            m_dependants[key].append(object.key());
        if (object.kind == ObjectKind::Sequence) {
            const QString owner = ownerColumnKey(m_mapped, object);
            if (!owner.isEmpty())
                m_dependants[owner].append(object.key());
        }
    }
    QList<QPair<QString, bool>> work; // key, only the kinds rebuilt around a type change
    for (const QString &key : std::as_const(m_dropped))
        work.append({key, false});
    for (const QString &key : std::as_const(m_rebuilt))
        work.append({key, false});
    for (const QString &key : std::as_const(m_restrictedSeeds))
        work.append({key, true});
    // Views over a renamed table or column are read again under the new names.
    for (const QString &key : m_renames.renamedKeys())
        work.append({key, true});
    while (!work.isEmpty()) {
        const auto [key, restricted] = work.takeFirst();
        for (const QString &dependant : m_dependants.value(key)) {
            if (m_dropped.contains(dependant) || m_rebuilt.contains(dependant))
                continue;
            const SchemaObject *before = m_mapped.find(dependant);
            const SchemaObject *after = m_to.find(dependant);
            if (!before || !after || isAttachedIndex(*before))
                continue;
            if (restricted && !rebuiltAroundTypeChange(*before))
                continue;
            // Altered in place so that it no longer depends on what goes: the alter runs first.
            if (!m_to.find(key) && m_altered.contains(dependant) &&
                !dependencies(m_to, *after).contains(key))
                continue;
            m_rebuilt.insert(dependant);
            m_altered.remove(dependant);
            m_plans.remove(dependant);
            work.append({dependant, false});
        }
    }
    // A relation dropped and created again takes everything on it along.
    bool grew = true;
    while (grew) {
        grew = false;
        for (const SchemaObject &object : m_mappedObjects) {
            const SchemaObject *relation = relationOf(m_mapped, object);
            if (!relation || !m_rebuilt.contains(relation->key()) ||
                m_rebuilt.contains(object.key()) || m_dropped.contains(object.key()) ||
                !m_to.find(object.key()) || isAttachedIndex(object))
                continue;
            m_rebuilt.insert(object.key());
            m_altered.remove(object.key());
            m_plans.remove(object.key());
            grew = true;
        }
    }
}

// The object whose drop removes `key` too (its relation; a sequence's owning column), or empty.
// *full: that drop's inverse also creates it again (a table's columns, owned sequences).
QString Planner::dropCover(const QString &key, bool *full) const
{
    auto cached = m_dropCovers.constFind(key);
    if (cached != m_dropCovers.constEnd()) {
        *full = cached->second;
        return cached->first;
    }
    QString cover;
    *full = false;
    const SchemaObject *object = m_mapped.find(key);
    const SchemaObject *relation = object ? relationOf(m_mapped, *object) : nullptr;
    if (relation && (m_dropped.contains(relation->key()) || m_rebuilt.contains(relation->key())) &&
        !needsOwnDrop(*object, *relation)) {
        *full = object->kind == ObjectKind::Column;
        cover = relation->key();
    }
    if (object && object->kind == ObjectKind::Sequence) {
        const QString owner = ownerColumnKey(m_mapped, *object);
        if (!owner.isEmpty() && (m_dropped.contains(owner) || m_rebuilt.contains(owner) ||
                                 !dropCover(owner, full).isEmpty())) {
            *full = true;
            cover = owner;
        }
    }
    m_dropCovers.insert(key, {cover, *full});
    return cover;
}

// A rule, trigger, policy or constraint on a dropped relation that depends on something else
// dropped which itself depends on that relation (a rule on a parent table inserting into a
// child): dropping it with its relation would need the other first and the other needs the
// relation gone last, so it is dropped on its own, before both.
bool Planner::needsOwnDrop(const SchemaObject &object, const SchemaObject &relation) const
{
    if (object.kind == ObjectKind::Column || object.kind == ObjectKind::Index)
        return false;
    const QString relationKey = relation.key();
    for (const QString &dependency : dependencies(m_mapped, object)) {
        if (dependency == relationKey ||
            (!m_dropped.contains(dependency) && !m_rebuilt.contains(dependency)))
            continue;
        const SchemaObject *other = m_mapped.find(dependency);
        if (!other || (other->schema == relation.schema && other->table == relation.name))
            continue;
        // Does `other` reach the relation through what it depends on?
        QSet<QString> seen;
        QStringList work = {dependency};
        while (!work.isEmpty()) {
            const QString key = work.takeLast();
            if (key == relationKey)
                return true;
            if (seen.contains(key))
                continue;
            seen.insert(key);
            if (const SchemaObject *next = m_mapped.find(key))
                work += dependencies(m_mapped, *next);
        }
    }
    return false;
}

QString Planner::createCover(const QString &key, bool *full) const
{
    const SchemaObject *object = m_to.find(key);
    if (!object)
        return {};
    *full = true;
    if (object->kind == ObjectKind::Column) {
        if (const SchemaObject *relation = relationOf(m_to, *object)) {
            if (m_created.contains(relation->key()) || m_rebuilt.contains(relation->key()))
                return relation->key();
        }
    }
    if (object->kind == ObjectKind::Sequence) {
        const QString owner = ownerColumnKey(m_to, *object);
        if (!owner.isEmpty() && (m_created.contains(owner) || m_rebuilt.contains(owner)))
            return owner;
    }
    return {};
}

// The chain of objects whose drop (or create) also drops (creates) `key`, nearest first.
QStringList Planner::covers(const QString &key, bool drop) const
{
    QStringList chain;
    bool full = false;
    for (QString cover = drop ? dropCover(key, &full) : createCover(key, &full);
         !cover.isEmpty() && !chain.contains(cover);
         cover = drop ? dropCover(cover, &full) : createCover(cover, &full))
        chain.append(cover);
    return chain;
}

int Planner::addNode(Stage stage, const SchemaObject &object, const QList<Operation> &operations)
{
    Node node;
    node.stage = stage;
    node.phase = phaseOf(object);
    node.seq = int(m_nodes.size());
    node.operations = operations;
    m_nodes.append(node);
    return node.seq;
}

void Planner::edge(int before, int after)
{
    if (before < 0 || after < 0 || before == after)
        return;
    m_nodes[before].next.append(after);
    ++m_nodes[after].pending;
}

void Planner::buildNodes()
{
    const DiffContext dropContext{m_from, m_to, m_options};
    const DiffContext changeContext{m_remaining, m_to, m_options};
    const DiffContext mappedContext{m_mapped, m_to, m_options};
    // The downgrade creates again what the upgrade dropped, in `from`'s world.
    const DiffContext inverseContext{m_fromRemaining, m_from, m_options};

    for (const QString &key : m_renames.renamedKeys()) {
        const SchemaObject *target = m_to.find(key);
        const Operation operation = m_renames.operation(*target);
        const int node = addNode(RenameStage, *target, {operation});
        m_nodes[node].phase = target->kind == ObjectKind::Table    ? 0
                              : target->kind == ObjectKind::Column ? 1
                                                                   : 2;
        m_renameNodes.append(node);
    }

    for (const SchemaObject &object : m_mappedObjects) {
        const QString key = object.key();
        if (!m_dropped.contains(key) && !m_rebuilt.contains(key))
            continue;
        const SchemaObject &original = *m_from.find(m_originalKey.value(key));
        if (!needRules(original))
            continue;
        QList<Operation> operations = commentAndGrantOperations(&original, nullptr, dropContext);
        // Dropped to be created again: the privileges it had are given back after (inverse).
        if (m_rebuilt.contains(key))
            operations += regrantOperations(&original, nullptr, dropContext);
        bool full = false;
        if (dropCover(key, &full).isEmpty()) {
            operations += rulesFor(original.kind)->drop(original, dropContext);
        } else if (!full) {
            // Dropped with its relation; the downgrade creates it again after the relation, and
            // only then puts back its comment (so this comes after the comment's operations).
            Operation operation;
            operation.kind = QStringLiteral("drop ") + kindName(original.kind);
            operation.object = original.display();
            for (const Operation &create :
                 rulesFor(original.kind)->create(original, inverseContext)) {
                operation.inverseSql += create.sql;
                for (Hazard hazard : create.hazards) {
                    if (!operation.inverseHazards.contains(hazard))
                        operation.inverseHazards.append(hazard);
                }
                operation.inverseTransactional =
                    operation.inverseTransactional && create.transactional;
            }
            operations.append(operation);
        }
        m_dropNode.insert(key, addNode(DropStage, object, operations));
    }

    for (const SchemaObject &object : m_toObjects) {
        const QString key = object.key();
        const bool create = m_created.contains(key) || m_rebuilt.contains(key);
        const bool alter = m_altered.contains(key) || m_metadata.contains(key);
        if ((!create && !alter) || !needRules(object))
            continue;
        if (create) {
            QList<Operation> operations;
            bool full = false;
            if (createCover(key, &full).isEmpty())
                operations = rulesFor(object.kind)->create(object, changeContext);
            operations += commentAndGrantOperations(nullptr, &object, changeContext);
            // Created again although it stays: the privileges the old one had (read in `from`).
            if (m_rebuilt.contains(key))
                operations += regrantOperations(nullptr, &object, mappedContext);
            m_createNode.insert(key, addNode(CreateStage, object, operations));
            continue;
        }
        QList<Operation> operations;
        if (m_altered.contains(key)) {
            // Asked again now that what runs before it is known.
            operations =
                rulesFor(object.kind)->alter(*m_mapped.find(key), object, changeContext).operations;
        }
        operations += commentAndGrantOperations(m_mapped.find(key), &object, changeContext);
        m_alterNode.insert(key, addNode(AlterStage, object, operations));
    }
}

void Planner::buildEdges()
{
    // The node that really drops or creates `key`: its own, or its farthest cover's.
    auto effective = [this](const QString &key, bool drop) {
        const QStringList chain = covers(key, drop);
        const QString root = chain.isEmpty() ? key : chain.last();
        return drop ? m_dropNode.value(root, -1) : m_createNode.value(root, -1);
    };
    auto related = [this](const QString &a, const QString &b, bool drop) {
        return covers(a, drop).contains(b) || covers(b, drop).contains(a);
    };

    for (auto it = m_dropNode.cbegin(); it != m_dropNode.cend(); ++it) {
        bool full = false;
        const QString cover = dropCover(it.key(), &full);
        if (!cover.isEmpty())
            edge(it.value(), m_dropNode.value(cover, -1));
        if (m_createNode.contains(it.key()))
            edge(it.value(), m_createNode.value(it.key()));
    }
    for (auto it = m_createNode.cbegin(); it != m_createNode.cend(); ++it) {
        bool full = false;
        const QString cover = createCover(it.key(), &full);
        if (!cover.isEmpty())
            edge(m_createNode.value(cover, -1), it.value());
    }

    // Drops: what depends on something runs before it goes.
    for (const SchemaObject &object : m_mappedObjects) {
        const QString key = object.key();
        const int drop = m_dropNode.value(key, -1);
        const int alter = m_alterNode.value(key, -1);
        if (drop < 0 && alter < 0)
            continue;
        for (const QString &dependency : dependencies(m_mapped, object)) {
            const int target = m_dropNode.value(dependency, -1);
            if (target < 0) {
                if (drop >= 0) {
                    edge(drop, m_alterNode.value(dependency, -1));
                    edge(effective(key, true), m_alterNode.value(dependency, -1));
                }
                continue;
            }
            if (related(key, dependency, true))
                continue;
            edge(drop, target);
            edge(alter, target);
            if (drop >= 0 && effective(key, true) != effective(dependency, true))
                edge(effective(key, true), target);
        }
    }
    // Creates and alters: what something depends on exists before it.
    for (const SchemaObject &object : m_toObjects) {
        const QString key = object.key();
        const int create = m_createNode.value(key, -1);
        const int alter = m_alterNode.value(key, -1);
        if (create < 0 && alter < 0)
            continue;
        for (const QString &dependency : dependencies(m_to, object)) {
            const int source = m_createNode.contains(dependency)
                                   ? m_createNode.value(dependency)
                                   : m_alterNode.value(dependency, -1);
            if (source < 0 || related(key, dependency, false))
                continue;
            edge(source, create);
            edge(source, alter);
            if (create >= 0 && m_createNode.contains(dependency) &&
                effective(key, false) != effective(dependency, false))
                edge(source, effective(key, false));
        }
    }
    // A partition's own index comes after its parent's partitioned indexes: created before, an
    // equal one would be attached to the parent's instead of the parent making its own.
    for (auto it = m_createNode.cbegin(); it != m_createNode.cend(); ++it) {
        const SchemaObject *index = m_to.find(it.key());
        const SchemaObject *partition =
            index && index->kind == ObjectKind::Index ? relationOf(m_to, *index) : nullptr;
        const QStringList parent =
            partition ? splitQualified(partition->property(QStringLiteral("partition_of")))
                      : QStringList();
        if (parent.size() != 2)
            continue;
        SchemaObject parentTable;
        parentTable.schema = parent[0];
        parentTable.name = parent[1];
        for (const SchemaObject &other : childrenOf(m_to, parentTable, ObjectKind::Index))
            edge(m_createNode.value(other.key(), -1), it.value());
    }
    // Renames run after the drops that name the renamed tables and columns (they use the old
    // names) and before what uses the new names.
    for (int rename : std::as_const(m_renameNodes)) {
        for (auto it = m_dropNode.cbegin(); it != m_dropNode.cend(); ++it) {
            const SchemaObject *object = m_mapped.find(it.key());
            if (object && namesRenamed(*object))
                edge(it.value(), rename);
        }
        for (int alter : std::as_const(m_alterNode))
            edge(rename, alter);
        for (int create : std::as_const(m_createNode))
            edge(rename, create);
    }
}

// A dropped object whose statements may name a renamed table or column: one on such a table
// (or the table itself), or a kind whose definition can name any table.
bool Planner::namesRenamed(const SchemaObject &object) const
{
    switch (object.kind) {
    case ObjectKind::View:
    case ObjectKind::MaterializedView:
    case ObjectKind::Function:
    case ObjectKind::Aggregate:
    case ObjectKind::Rule:
    case ObjectKind::Trigger:
    case ObjectKind::Policy:
        return true;
    case ObjectKind::Table:
        return m_renames.touches(object.schema, object.name);
    default:
        return !object.table.isEmpty() && m_renames.touches(object.schema, object.table);
    }
}

QList<Operation> Planner::ordered()
{
    using Priority = std::tuple<int, int, int>;
    auto priority = [this](int index) {
        const Node &node = m_nodes[index];
        return Priority{node.stage, node.stage == DropStage ? -node.phase : node.phase, node.seq};
    };
    std::set<Priority> ready;
    for (int i = 0; i < m_nodes.size(); ++i) {
        if (m_nodes[i].pending == 0)
            ready.insert(priority(i));
    }
    QList<bool> done(m_nodes.size(), false);
    QList<Operation> operations;
    qsizetype left = m_nodes.size();
    while (left > 0) {
        int index = -1;
        if (!ready.empty()) {
            index = std::get<2>(*ready.begin());
            ready.erase(ready.begin());
        } else {
            // A cycle (dependencies both ways): break it at the node that would come first.
            for (int i = 0; i < m_nodes.size(); ++i) {
                if (!done[i] && (index < 0 || priority(i) < priority(index)))
                    index = i;
            }
        }
        if (done[index])
            continue;
        done[index] = true;
        --left;
        for (const Operation &operation : std::as_const(m_nodes[index].operations)) {
            if (!operation.sql.isEmpty() || !operation.inverseSql.isEmpty())
                operations.append(operation);
        }
        for (int next : std::as_const(m_nodes[index].next)) {
            if (--m_nodes[next].pending == 0 && !done[next])
                ready.insert(priority(next));
        }
    }
    return operations;
}

SchemaDiff Planner::run()
{
    for (const QString &object : m_to.unsupported) {
        if (!m_from.unsupported.contains(object))
            m_result.refused.append(object);
    }
    for (const QString &object : m_from.unsupported) {
        if (!m_to.unsupported.contains(object))
            m_result.refused.append(object);
    }

    for (const SchemaObject &object : m_from.objects()) {
        const SchemaObject mapped = m_renames.map(object);
        m_mapped.add(mapped);
        m_originalKey.insert(mapped.key(), object.key());
    }

    m_mappedObjects = m_mapped.objects();
    m_toObjects = m_to.objects();
    const DiffContext firstContext{m_mapped, m_to, m_options};
    classify(firstContext);
    rebuildDependants();
    refuseUnhandledProperties();

    for (const SchemaObject &object : m_mappedObjects) {
        const QString key = object.key();
        if (m_dropped.contains(key) || m_rebuilt.contains(key))
            continue;
        bool full = false;
        if (!dropCover(key, &full).isEmpty())
            continue;
        m_remaining.add(object);
        m_fromRemaining.add(*m_from.find(m_originalKey.value(key)));
    }

    const ModelIndex indexes[] = {ModelIndex(m_from), ModelIndex(m_to), ModelIndex(m_remaining),
                                  ModelIndex(m_fromRemaining)};
    Q_UNUSED(indexes);
    buildNodes();
    buildEdges();
    m_result.operations = ordered();
    return m_result;
}

} // namespace

SchemaDiff planDiff(const SchemaModel &from, const SchemaModel &to, const DiffOptions &options)
{
    Planner planner(from, to, options);
    return planner.run();
}

} // namespace strata::schema::detail
