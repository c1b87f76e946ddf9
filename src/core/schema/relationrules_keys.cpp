// Rules for constraints, indexes and sequences, after PostgreSQL's ALTER TABLE (ADD CONSTRAINT,
// NOT VALID, VALIDATE CONSTRAINT), CREATE INDEX (CONCURRENTLY) and ALTER SEQUENCE pages.
#include "schema/relationsql.h"
#include "schema/schemadiffplan.h"

#include <QRegularExpression>

namespace strata::schema::detail {

namespace {

const SchemaObject *relationIn(const SchemaModel &model, const SchemaObject &child)
{
    return relationOf(model, child);
}

bool partitioned(const SchemaModel &model, const SchemaObject &child)
{
    const SchemaObject *relation = relationIn(model, child);
    return relation && !prop(*relation, "partition_key").isEmpty();
}

// When `object` (an index, or a key with its index) is the one its table's replica identity
// names and the table did not name it before: the statement making it so, and its inverse.
void replicaIdentity(const SchemaObject &object, const DiffContext &context, QStringList *sql,
                     QStringList *inverse)
{
    const SchemaObject *table = relationIn(context.to, object);
    const QString value = QStringLiteral("using index ") + quoteName(object.name);
    if (!table || prop(*table, "replica_identity") != value)
        return;
    const SchemaObject *before = relationIn(context.from, object);
    const QString old = before ? prop(*before, "replica_identity") : QString();
    if (old == value)
        return;
    const QString name = qualify(table->schema, table->name);
    sql->append(QStringLiteral("ALTER TABLE %1 REPLICA IDENTITY USING INDEX %2")
                    .arg(name, quoteName(object.name)));
    inverse->prepend(QStringLiteral("ALTER TABLE %1 REPLICA IDENTITY %2")
                         .arg(name, old.isEmpty() || old.startsWith(QStringLiteral("using index "))
                                        ? QStringLiteral("DEFAULT")
                                        : old.toUpper()));
}

// --- Constraints -----------------------------------------------------------------------------

QString addConstraintSql(const SchemaObject &constraint, const QString &definition)
{
    return QStringLiteral("ALTER TABLE %1 ADD CONSTRAINT %2 %3")
        .arg(relationName(constraint), quoteName(constraint.name), definition);
}

QString dropConstraintSql(const SchemaObject &constraint)
{
    return QStringLiteral("ALTER TABLE %1 DROP CONSTRAINT %2")
        .arg(relationName(constraint), quoteName(constraint.name));
}

QString validateSql(const SchemaObject &constraint)
{
    return QStringLiteral("ALTER TABLE %1 VALIDATE CONSTRAINT %2")
        .arg(relationName(constraint), quoteName(constraint.name));
}

// Adding `constraint` to its table; `tableIsNew`: the table is created in the same migration
// (nothing to scan, nothing to block). Foreign keys and checks on a table with rows are added
// NOT VALID and validated after, which blocks writes only for the short first step.
Operation addConstraint(const SchemaObject &constraint, bool tableIsNew, bool onPartitioned)
{
    const QString type = prop(constraint, "type");
    const QString definition = prop(constraint, "definition");
    const bool notValid = definition.endsWith(QStringLiteral(" NOT VALID"));
    QStringList sql;
    QList<Hazard> hazards;
    const bool scans = type == QLatin1String("foreign key") || type == QLatin1String("check");
    if (tableIsNew || notValid) {
        sql.append(addConstraintSql(constraint, definition));
    } else if (scans && !onPartitioned) {
        // Within one transaction the lock taken by ADD is held through VALIDATE's scan: flagged,
        // and the VALIDATE is a statement of its own, ready to move to a later migration.
        sql.append(addConstraintSql(constraint, definition + QStringLiteral(" NOT VALID")));
        sql.append(validateSql(constraint));
        hazards.append(Hazard::ValidatesConstraint);
    } else {
        sql.append(addConstraintSql(constraint, definition));
        hazards.append(scans ? Hazard::ValidatesConstraint : Hazard::BuildsIndex);
        if (!scans)
            hazards.append(Hazard::AccessExclusiveLock);
    }
    return makeOperation(QStringLiteral("add constraint"), constraint, sql,
                         {dropConstraintSql(constraint)}, hazards);
}

// A primary key or unique constraint added to a table with rows without blocking writes: its
// index built CONCURRENTLY, then the constraint made over it (ADD ... USING INDEX). Empty when
// the definition has parts USING INDEX cannot carry over.
QStringList concurrentKeySql(const SchemaObject &constraint)
{
    static const QRegularExpression form(
        QStringLiteral(R"(^(PRIMARY KEY|UNIQUE)( NULLS NOT DISTINCT)? (\([^()]*\)))"
                       R"(( INCLUDE \([^()]*\))?( WITH \([^()]*\))?( DEFERRABLE)?)"
                       R"(( INITIALLY DEFERRED)?$)"));
    const auto match = form.match(prop(constraint, "definition"));
    if (!match.hasMatch())
        return {};
    const QString name = quoteName(constraint.name);
    const QString index = QStringLiteral("CREATE UNIQUE INDEX CONCURRENTLY %1 ON %2 USING btree %3")
                              .arg(name, relationName(constraint), match.captured(3)) +
                          match.captured(4) + match.captured(2) + match.captured(5);
    return {index, QStringLiteral("ALTER TABLE %1 ADD CONSTRAINT %2 %3 USING INDEX %2%4%5")
                       .arg(relationName(constraint), name, match.captured(1), match.captured(6),
                            match.captured(7))};
}

QList<Operation> createConstraint(const SchemaObject &constraint, const DiffContext &context)
{
    const bool tableIsNew = !relationIn(context.from, constraint);
    const bool onPartitioned = partitioned(context.to, constraint);
    if (context.options.concurrentIndexes && !tableIsNew && !onPartitioned) {
        const QStringList sql = concurrentKeySql(constraint);
        if (!sql.isEmpty()) {
            Operation operation =
                makeOperation(QStringLiteral("add constraint"), constraint, sql,
                              {dropConstraintSql(constraint)}, {Hazard::NotInTransaction});
            operation.transactional = false;
            return {operation};
        }
    }
    Operation operation = addConstraint(constraint, tableIsNew, onPartitioned);
    replicaIdentity(constraint, context, &operation.sql, &operation.inverseSql);
    return {operation};
}

QList<Operation> dropConstraint(const SchemaObject &constraint, const DiffContext &context)
{
    Operation added = addConstraint(constraint, false, partitioned(context.from, constraint));
    return {makeOperation(QStringLiteral("drop constraint"), constraint,
                          {dropConstraintSql(constraint)}, added.sql, {}, added.hazards)};
}

AlterPlan alterConstraint(const SchemaObject &from, const SchemaObject &to,
                          const DiffContext &context)
{
    Q_UNUSED(context);
    AlterPlan plan;
    QString before = prop(from, "definition");
    const QString after = prop(to, "definition");
    const QString notValid = QStringLiteral(" NOT VALID");
    if (prop(from, "type") == prop(to, "type") && before.endsWith(notValid) &&
        !after.endsWith(notValid) && before.chopped(notValid.size()) == after) {
        // Validated now: the scan holds a lock that lets reads and writes go on.
        plan.operations.append(
            makeOperation(QStringLiteral("validate constraint"), to, {validateSql(to)},
                          {dropConstraintSql(to), addConstraintSql(to, before)}));
        return plan;
    }
    plan.replace = true;
    return plan;
}

// --- Indexes -------------------------------------------------------------------------------

QString indexSql(const SchemaObject &index, bool concurrently)
{
    QString sql = prop(index, "definition");
    sql.replace(QStringLiteral("%INDEX%"), quoteName(index.name));
    // pg_get_indexdef shows a partitioned table's index as ON ONLY; created plainly it is made on
    // every partition too.
    sql.replace(QStringLiteral(" ON ONLY "), QStringLiteral(" ON "));
    if (concurrently) {
        if (sql.startsWith(QStringLiteral("CREATE UNIQUE INDEX ")))
            sql.replace(0, 20, QStringLiteral("CREATE UNIQUE INDEX CONCURRENTLY "));
        else if (sql.startsWith(QStringLiteral("CREATE INDEX ")))
            sql.replace(0, 13, QStringLiteral("CREATE INDEX CONCURRENTLY "));
    }
    return sql;
}

QString dropIndexSql(const SchemaObject &index)
{
    return QStringLiteral("DROP INDEX %1").arg(qualify(index.schema, index.name));
}

// --- Clustering ----------------------------------------------------------------------------
// CLUSTER ... USING marks one index of a relation (pg_index.indisclustered); ALTER TABLE ..
// CLUSTER ON sets the mark alone (no rewrite), moving it from any other index, and SET WITHOUT
// CLUSTER clears it. DROP INDEX clears it with the index.

QString alterRelationSql(const SchemaModel &model, const SchemaObject &index)
{
    const SchemaObject *relation = relationIn(model, index);
    return (relation && relation->kind == ObjectKind::MaterializedView
                ? QStringLiteral("ALTER MATERIALIZED VIEW ")
                : QStringLiteral("ALTER TABLE ")) +
           relationName(index);
}

QString clusterOnSql(const SchemaModel &model, const SchemaObject &index)
{
    return alterRelationSql(model, index) + QStringLiteral(" CLUSTER ON ") + quoteName(index.name);
}

// The other index of `index`'s relation that `model` marks clustered, or nullptr.
const SchemaObject *clusteredSibling(const SchemaModel &model, const SchemaObject &index)
{
    const SchemaObject *relation = relationIn(model, index);
    if (!relation)
        return nullptr;
    for (const SchemaObject &other : childrenOf(model, *relation, ObjectKind::Index)) {
        if (other.name != index.name && flag(other, "clustered"))
            return model.find(other.key());
    }
    return nullptr;
}

// The index properties that change in place; any other difference rebuilds the index.
bool onlyMarksDiffer(const SchemaObject &from, const SchemaObject &to)
{
    auto rest = [](const SchemaObject &index) {
        QMap<QString, QString> properties;
        for (auto it = index.properties.cbegin(); it != index.properties.cend(); ++it) {
            if (!it.value().isEmpty() && it.key() != QLatin1String("clustered") &&
                it.key() != QLatin1String("invalid"))
                properties.insert(it.key(), it.value());
        }
        return properties;
    };
    return rest(from) == rest(to);
}

// True when `index` is on both sides and not rebuilt, so a statement of the downgrade may name it.
bool keptInPlace(const SchemaObject &index, const DiffContext &context)
{
    const SchemaObject *before = context.from.find(index.key());
    const SchemaObject *after = context.to.find(index.key());
    return before && after && onlyMarksDiffer(*before, *after);
}

// Marking `index` (clustered in ctx.to) clustered, after it exists; `existed`: it is on both
// sides, kept. The inverse gives the mark back to the index that had it in ctx.from when that
// one stays, else clears it (an index made by the diff loses it with its DROP INDEX).
void clusterSql(const SchemaObject &index, bool existed, const DiffContext &context,
                QStringList *sql, QStringList *inverse)
{
    sql->append(clusterOnSql(context.to, index));
    const SchemaObject *previous = clusteredSibling(context.from, index);
    if (previous && keptInPlace(*previous, context))
        inverse->append(clusterOnSql(context.from, *previous));
    else if (existed)
        inverse->append(alterRelationSql(context.from, index) +
                        QStringLiteral(" SET WITHOUT CLUSTER"));
}

QList<Operation> createIndex(const SchemaObject &index, const DiffContext &context)
{
    const bool relationIsNew = !relationIn(context.from, index);
    const bool concurrently =
        context.options.concurrentIndexes && !relationIsNew && !partitioned(context.to, index);
    Operation operation = makeOperation(QStringLiteral("create index"), index,
                                        {indexSql(index, concurrently)}, {dropIndexSql(index)});
    if (concurrently) {
        operation.transactional = false;
        operation.hazards.append(Hazard::NotInTransaction);
    } else if (!relationIsNew) {
        operation.hazards.append(Hazard::BuildsIndex);
    }
    replicaIdentity(index, context, &operation.sql, &operation.inverseSql);
    if (flag(index, "clustered"))
        clusterSql(index, false, context, &operation.sql, &operation.inverseSql);
    return {operation};
}

QList<Operation> dropIndex(const SchemaObject &index, const DiffContext &context)
{
    QStringList inverse = {indexSql(index, false)};
    if (flag(index, "clustered"))
        inverse.append(clusterOnSql(context.from, index));
    return {makeOperation(QStringLiteral("drop index"), index, {dropIndexSql(index)}, inverse, {},
                          {Hazard::BuildsIndex})};
}

// An index whose definition stays: its clustered mark moves, and one a failed CREATE INDEX
// CONCURRENTLY left invalid is built again (REINDEX). An index invalid in ctx.to cannot be made;
// diff() refuses it (unhandledProperties()). Any other difference rebuilds the index.
AlterPlan alterIndex(const SchemaObject &from, const SchemaObject &to, const DiffContext &context)
{
    AlterPlan plan;
    if (!onlyMarksDiffer(from, to)) {
        plan.replace = true;
        return plan;
    }
    const QString name = qualify(to.schema, to.name);
    if (flag(from, "invalid") && !flag(to, "invalid")) {
        // The downgrade cannot make the index invalid again; a valid one serves the same.
        const bool concurrently = context.options.concurrentIndexes && !partitioned(context.to, to);
        Operation operation =
            makeOperation(QStringLiteral("reindex"), to,
                          {(concurrently ? QStringLiteral("REINDEX INDEX CONCURRENTLY ")
                                         : QStringLiteral("REINDEX INDEX ")) +
                           name},
                          {}, {Hazard::BuildsIndex});
        if (concurrently) {
            operation.transactional = false;
            operation.hazards.append(Hazard::NotInTransaction);
        }
        plan.operations.append(operation);
    }
    QStringList sql, inverse;
    if (flag(to, "clustered") && !flag(from, "clustered")) {
        clusterSql(to, true, context, &sql, &inverse);
    } else if (flag(from, "clustered") && !flag(to, "clustered")) {
        // Another index taking the mark moves it (and its downgrade moves it back).
        if (!clusteredSibling(context.to, to)) {
            sql.append(alterRelationSql(context.to, to) + QStringLiteral(" SET WITHOUT CLUSTER"));
            inverse.append(clusterOnSql(context.from, to));
        }
    }
    if (!sql.isEmpty() || !inverse.isEmpty())
        plan.operations.append(
            makeOperation(QStringLiteral("set index clustered"), to, sql, inverse));
    return plan;
}

// --- Sequences -----------------------------------------------------------------------------

// The option clauses of CREATE/ALTER SEQUENCE for `sequence`'s properties; only those in
// `names` (all when empty).
QStringList sequenceClauses(const SchemaObject &sequence, const QStringList &names = {})
{
    struct Clause
    {
        const char *name;
        const char *format;
    };
    static const Clause clauses[] = {{"type", "AS %1"},          {"increment", "INCREMENT BY %1"},
                                     {"min", "MINVALUE %1"},     {"max", "MAXVALUE %1"},
                                     {"start", "START WITH %1"}, {"cache", "CACHE %1"}};
    QStringList text;
    for (const Clause &clause : clauses) {
        const QString name = QString::fromLatin1(clause.name);
        const QString value = sequence.property(name);
        if ((names.isEmpty() || names.contains(name)) && !value.isEmpty())
            text.append(QString::fromLatin1(clause.format).arg(value));
    }
    const QString cycle = prop(sequence, "cycle");
    if ((names.isEmpty() || names.contains(QStringLiteral("cycle"))) && !cycle.isEmpty())
        text.append(cycle == QLatin1String("true") ? QStringLiteral("CYCLE")
                                                   : QStringLiteral("NO CYCLE"));
    return text;
}

QList<Operation> createSequence(const SchemaObject &sequence, const DiffContext &context)
{
    QStringList sql = {createSequenceSql(sequence)};
    const QString owner = ownerColumnKey(context.to, sequence);
    // OWNED BY once the column exists; a column created in the same migration says it itself.
    if (!owner.isEmpty() && context.from.find(owner))
        sql.append(ownedBySql(sequence, prop(sequence, "owned_by")));
    // A sequence holds no rows: dropping one loses its position, not data.
    return {makeOperation(
        QStringLiteral("create sequence"), sequence, sql,
        {QStringLiteral("DROP SEQUENCE %1").arg(qualify(sequence.schema, sequence.name))})};
}

QList<Operation> dropSequence(const SchemaObject &sequence, const DiffContext &context)
{
    QStringList inverse = {createSequenceSql(sequence)};
    if (!ownerColumnKey(context.from, sequence).isEmpty())
        inverse.append(ownedBySql(sequence, prop(sequence, "owned_by")));
    return {makeOperation(
        QStringLiteral("drop sequence"), sequence,
        {QStringLiteral("DROP SEQUENCE %1").arg(qualify(sequence.schema, sequence.name))},
        inverse)};
}

AlterPlan alterSequence(const SchemaObject &from, const SchemaObject &to,
                        const DiffContext &context)
{
    AlterPlan plan;
    static const QStringList options = {QStringLiteral("type"),  QStringLiteral("increment"),
                                        QStringLiteral("min"),   QStringLiteral("max"),
                                        QStringLiteral("start"), QStringLiteral("cache"),
                                        QStringLiteral("cycle")};
    QStringList changed;
    for (const QString &option : options) {
        if (from.property(option) != to.property(option))
            changed.append(option);
    }
    // A new type moves the bounds with it.
    if (changed.contains(QStringLiteral("type")))
        changed += {QStringLiteral("min"), QStringLiteral("max")};
    const QString name = qualify(to.schema, to.name);
    const QStringList forward = changed.isEmpty() ? QStringList() : sequenceClauses(to, changed);
    const QStringList backward = changed.isEmpty() ? QStringList() : sequenceClauses(from, changed);
    if (!forward.isEmpty() && !backward.isEmpty())
        plan.operations.append(makeOperation(
            QStringLiteral("alter sequence"), to,
            {QStringLiteral("ALTER SEQUENCE %1 %2").arg(name, forward.join(QLatin1Char(' ')))},
            {QStringLiteral("ALTER SEQUENCE %1 %2").arg(name, backward.join(QLatin1Char(' ')))}));
    const QString ownerBefore = prop(from, "owned_by");
    const QString ownerAfter = prop(to, "owned_by");
    const QString ownerKey = ownerColumnKey(context.to, to);
    // A column created in the same migration takes ownership itself, once it exists.
    if (splitQualified(ownerBefore) != splitQualified(ownerAfter) &&
        (ownerKey.isEmpty() || context.from.find(ownerKey)))
        plan.operations.append(makeOperation(QStringLiteral("set sequence owner"), to,
                                             {ownedBySql(to, ownerAfter)},
                                             {ownedBySql(to, ownerBefore)}));
    return plan;
}

} // namespace

QString createSequenceSql(const SchemaObject &sequence)
{
    QString sql = QStringLiteral("CREATE SEQUENCE ") + qualify(sequence.schema, sequence.name);
    const QStringList clauses = sequenceClauses(sequence);
    if (!clauses.isEmpty())
        sql += QLatin1Char(' ') + clauses.join(QLatin1Char(' '));
    return sql;
}

QString ownedBySql(const SchemaObject &sequence, const QString &owner)
{
    return QStringLiteral("ALTER SEQUENCE %1 OWNED BY %2")
        .arg(qualify(sequence.schema, sequence.name),
             owner.isEmpty() ? QStringLiteral("NONE") : sqlName(owner));
}

const KindRules &constraintRules()
{
    static const KindRules rules{createConstraint, dropConstraint, alterConstraint};
    return rules;
}

const KindRules &indexRules()
{
    static const KindRules rules{createIndex, dropIndex, alterIndex};
    return rules;
}

const KindRules &sequenceRules()
{
    static const KindRules rules{createSequence, dropSequence, alterSequence};
    return rules;
}

} // namespace strata::schema::detail
