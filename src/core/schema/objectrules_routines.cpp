// Rules for views, materialized views, functions (and procedures) and aggregates
// (PostgreSQL's "CREATE VIEW", "CREATE MATERIALIZED VIEW", "CREATE FUNCTION" pages).
#include "schema/objectrules_p.h"

#include <QRegularExpression>

namespace strata::schema::detail::objects {

namespace {

const QString kDefinition = QStringLiteral("definition");
const QString kOptions = QStringLiteral("options");
const QString kColumns = QStringLiteral("columns");

// --- views

QString createViewSql(const SchemaObject &view, bool orReplace)
{
    return QStringLiteral("CREATE %1VIEW %2%3 AS\n%4")
        .arg(orReplace ? QStringLiteral("OR REPLACE ") : QString(), view.qualifiedName(),
             withClause(view.property(kOptions)), statement(view.property(kDefinition)));
}

QString dropViewSql(const SchemaObject &view)
{
    return QStringLiteral("DROP VIEW %1").arg(view.qualifiedName());
}

AlterPlan alterView(const SchemaObject &from, const SchemaObject &to, const DiffContext &context)
{
    AlterPlan plan;
    const QStringList oldColumns = lines(from.property(kColumns));
    const QStringList newColumns = lines(to.property(kColumns));
    if (oldColumns == newColumns) {
        if (from.property(kDefinition) == to.property(kDefinition)) {
            const QString prefix = QStringLiteral("ALTER VIEW %1").arg(to.qualifiedName());
            const QStringList sql =
                setOptions(prefix, from.property(kOptions), to.property(kOptions));
            if (!sql.isEmpty()) {
                plan.operations.append(
                    operation(QStringLiteral("alter view options"), to, sql,
                              setOptions(prefix, to.property(kOptions), from.property(kOptions))));
            }
            return plan;
        }
        // Same columns: CREATE OR REPLACE VIEW keeps whatever depends on the view.
        plan.operations.append(operation(QStringLiteral("replace view definition"), to,
                                         {createViewSql(to, true)}, {createViewSql(from, true)}));
        return plan;
    }
    const bool onlyAppended =
        newColumns.size() > oldColumns.size() && newColumns.mid(0, oldColumns.size()) == oldColumns;
    // CREATE OR REPLACE VIEW may add columns at the end only; going back drops the view and
    // creates it again, which its dependants would block: with any, the view is replaced.
    if (onlyAppended && !hasDependants(context.from, from) && !hasDependants(context.to, to)) {
        plan.operations.append(operation(QStringLiteral("replace view definition"), to,
                                         {createViewSql(to, true)},
                                         {dropViewSql(from), createViewSql(from, false)}));
        return plan;
    }
    plan.replace = true;
    return plan;
}

// --- materialized views

QString createMaterializedViewSql(const SchemaObject &view)
{
    return QStringLiteral("CREATE MATERIALIZED VIEW %1%2 AS\n%3\nWITH DATA")
        .arg(view.qualifiedName(), withClause(view.property(kOptions)),
             statement(view.property(kDefinition)));
}

// --- functions and procedures

// A SQL-standard body (LANGUAGE sql with BEGIN ATOMIC ... END, or RETURN expression) is
// parsed at creation and its dependencies recorded; a body in quotes (AS $function$ ...) or in
// a library is text the catalog does not track.
bool hasTrackedBody(const QString &definition)
{
    static const QRegularExpression quoted(QStringLiteral("^AS\\s"),
                                           QRegularExpression::MultilineOption);
    static const QRegularExpression standard(QStringLiteral("^\\s*(BEGIN\\s+ATOMIC|RETURN)\\b"),
                                             QRegularExpression::MultilineOption |
                                                 QRegularExpression::CaseInsensitiveOption);
    return !quoted.match(definition).hasMatch() && standard.match(definition).hasMatch();
}

bool isSqlLanguage(const QString &definition)
{
    static const QRegularExpression sql(QStringLiteral("^\\s*LANGUAGE\\s+\"?sql\"?\\s*$"),
                                        QRegularExpression::MultilineOption |
                                            QRegularExpression::CaseInsensitiveOption);
    return sql.match(definition).hasMatch();
}

// pg_get_functiondef's text. A LANGUAGE sql body in quotes is checked against the catalog when
// created (check_function_bodies), and may name tables this migration creates after it, as its
// dependencies are not recorded: like pg_dump, the check is off while it is created.
QStringList createFunctionSql(const SchemaObject &routine)
{
    const QString definition = statement(routine.property(kDefinition));
    if (isSqlLanguage(definition) && !hasTrackedBody(definition)) {
        return {QStringLiteral("SET check_function_bodies = off"), definition,
                QStringLiteral("RESET check_function_bodies")};
    }
    return {definition};
}

QList<Hazard> bodyHazards(const SchemaObject &routine)
{
    if (hasTrackedBody(routine.property(kDefinition)))
        return {};
    return {Hazard::UntrackedDependency};
}

// The first line of pg_get_functiondef: name and every parameter with its mode, name and
// default.
QString header(const SchemaObject &routine)
{
    const QString definition = routine.property(kDefinition).trimmed();
    return definition.left(definition.indexOf(QLatin1Char('\n')));
}

// The table columns whose defaults call `routine` (unchanged on both sides).
QList<SchemaObject> defaultUsers(const SchemaObject &routine, const DiffContext &context)
{
    QList<SchemaObject> users;
    const QList<SchemaObject> columns = context.from.objects(ObjectKind::Column);
    for (const SchemaObject &column : columns) {
        if (column.dependsOn.contains(routine.key()) &&
            !column.property(QStringLiteral("default")).isEmpty() &&
            column.property(QStringLiteral("generated")).isEmpty() &&
            context.to.find(column.key()) && isTableColumn(context.from, column))
            users.append(column);
    }
    return users;
}

// Dropping `from` and creating `to` under the column defaults, indexes and constraints that
// call it, which are taken off first and put back after (as `target` has them), so that no
// column is dropped for it.
QStringList recreateFunctionSql(const SchemaObject &from, const SchemaObject &to,
                                const QList<SchemaObject> &columns, const QStringList &dropUsers,
                                const QStringList &makeUsers, const SchemaModel &target)
{
    QStringList sql = dropUsers;
    sql += alterTables(columns, [](const SchemaObject &column) {
        return QStringLiteral("ALTER COLUMN %1 DROP DEFAULT").arg(column.qualifiedName());
    });
    sql.append(QStringLiteral("DROP %1 %2").arg(routineKeyword(from), routineSignature(from)));
    sql += createFunctionSql(to);
    sql += alterTables(columns, [&target](const SchemaObject &column) {
        const SchemaObject *now = target.find(column.key());
        const QString value = now ? now->property(QStringLiteral("default")) : QString();
        return value.isEmpty() ? QString()
                               : QStringLiteral("ALTER COLUMN %1 SET DEFAULT %2")
                                     .arg(column.qualifiedName(), value);
    });
    return sql + makeUsers;
}

AlterPlan alterFunction(const SchemaObject &from, const SchemaObject &to,
                        const DiffContext &context)
{
    AlterPlan plan;
    // CREATE OR REPLACE cannot change the return type, a parameter's name or mode, remove a
    // default, or turn a function into a procedure: those drop it and create it again, and
    // diff() whatever depends on it around them. Column defaults, indexes and constraints
    // calling it are taken off and put back by the operation instead, so that diff() does not
    // drop the columns under them.
    if (from.property(QStringLiteral("kind")) != to.property(QStringLiteral("kind")) ||
        from.property(QStringLiteral("returns")) != to.property(QStringLiteral("returns")) ||
        header(from) != header(to)) {
        const QList<SchemaObject> columns = defaultUsers(from, context);
        QStringList dropUsers;
        QStringList makeUsers;
        QList<Hazard> hazards = bodyHazards(to);
        // Only what depends on the function (pg_depend): the pattern matches nothing.
        remakeNaming(from, QRegularExpression(QStringLiteral("(?!)")), context, &dropUsers,
                     &makeUsers, &hazards);
        if (columns.isEmpty() && dropUsers.isEmpty()) {
            plan.replace = true;
            return plan;
        }
        plan.rebuildDependants = true;
        Operation op =
            operation(QStringLiteral("recreate ") + routineKeyword(to).toLower(), to,
                      recreateFunctionSql(from, to, columns, dropUsers, makeUsers, context.to),
                      recreateFunctionSql(to, from, columns, dropUsers, makeUsers, context.from));
        op.hazards = hazards;
        op.inverseHazards = hazards;
        op.inverseHazards.removeAll(Hazard::UntrackedDependency);
        op.inverseHazards += bodyHazards(from);
        plan.operations.append(op);
        return plan;
    }
    Operation op = operation(QStringLiteral("replace ") + routineKeyword(to).toLower(), to,
                             createFunctionSql(to), createFunctionSql(from));
    op.hazards = bodyHazards(to);
    op.inverseHazards = bodyHazards(from);
    plan.operations.append(op);
    return plan;
}

// --- aggregates

AlterPlan replacePlan(const SchemaObject &, const SchemaObject &, const DiffContext &)
{
    AlterPlan plan;
    plan.replace = true;
    return plan;
}

} // namespace

KindRules viewRules()
{
    KindRules rules = simpleRules(
        QStringLiteral("view"),
        [](const SchemaObject &view) { return QStringList{createViewSql(view, false)}; },
        dropViewSql);
    rules.alter = alterView;
    return rules;
}

KindRules materializedViewRules()
{
    KindRules rules = simpleRules(
        QStringLiteral("materialized view"),
        [](const SchemaObject &view) { return QStringList{createMaterializedViewSql(view)}; },
        [](const SchemaObject &view) {
            return QStringLiteral("DROP MATERIALIZED VIEW %1").arg(view.qualifiedName());
        });
    // Only storage options change in place; any other change builds it again from its query
    // (no data is lost: it is derived, and refilled by WITH DATA).
    rules.alter = [](const SchemaObject &from, const SchemaObject &to, const DiffContext &) {
        AlterPlan plan;
        if (from.property(kDefinition) != to.property(kDefinition) ||
            from.property(kColumns) != to.property(kColumns)) {
            plan.replace = true;
            return plan;
        }
        const QString prefix = QStringLiteral("ALTER MATERIALIZED VIEW %1").arg(to.qualifiedName());
        const QStringList sql = setOptions(prefix, from.property(kOptions), to.property(kOptions));
        if (!sql.isEmpty()) {
            plan.operations.append(
                operation(QStringLiteral("alter materialized view options"), to, sql,
                          setOptions(prefix, to.property(kOptions), from.property(kOptions))));
        }
        return plan;
    };
    return rules;
}

KindRules functionRules()
{
    KindRules rules;
    rules.create = [](const SchemaObject &routine, const DiffContext &) {
        Operation op = operation(
            QStringLiteral("create ") + routineKeyword(routine).toLower(), routine,
            createFunctionSql(routine),
            {QStringLiteral("DROP %1 %2").arg(routineKeyword(routine), routineSignature(routine))});
        op.hazards = bodyHazards(routine);
        return QList<Operation>{op};
    };
    rules.drop = [](const SchemaObject &routine, const DiffContext &) {
        Operation op = operation(
            QStringLiteral("drop ") + routineKeyword(routine).toLower(), routine,
            {QStringLiteral("DROP %1 %2").arg(routineKeyword(routine), routineSignature(routine))},
            createFunctionSql(routine));
        op.inverseHazards = bodyHazards(routine);
        return QList<Operation>{op};
    };
    rules.alter = alterFunction;
    return rules;
}

KindRules aggregateRules()
{
    KindRules rules = simpleRules(
        QStringLiteral("aggregate"),
        [](const SchemaObject &aggregate) {
            return QStringList{statement(aggregate.property(kDefinition))};
        },
        [](const SchemaObject &aggregate) {
            return QStringLiteral("DROP AGGREGATE %1").arg(routineSignature(aggregate));
        });
    rules.alter = replacePlan;
    return rules;
}

} // namespace strata::schema::detail::objects
