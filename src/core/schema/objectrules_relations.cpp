// Rules for what stands on a table without being part of its definition: triggers, rules and
// row-level security policies (PostgreSQL's "CREATE TRIGGER", "CREATE RULE", "CREATE POLICY"
// and "ALTER POLICY" pages).
#include "schema/objectrules_p.h"

#include <QRegularExpression>

namespace strata::schema::detail::objects {

namespace {

const QString kDefinition = QStringLiteral("definition");

// --- triggers

// ALTER TABLE ... ENABLE/DISABLE TRIGGER for pg_trigger.tgenabled (O, D, R, A).
QString enabledSql(const SchemaObject &trigger)
{
    const QString state = trigger.property(QStringLiteral("enabled"));
    QString clause;
    if (state == QLatin1String("D"))
        clause = QStringLiteral("DISABLE TRIGGER");
    else if (state == QLatin1String("R"))
        clause = QStringLiteral("ENABLE REPLICA TRIGGER");
    else if (state == QLatin1String("A"))
        clause = QStringLiteral("ENABLE ALWAYS TRIGGER");
    else
        clause = QStringLiteral("ENABLE TRIGGER");
    return QStringLiteral("ALTER TABLE %1 %2 %3")
        .arg(relationName(trigger), clause, trigger.qualifiedName());
}

bool isEnabledByDefault(const SchemaObject &trigger)
{
    const QString state = trigger.property(QStringLiteral("enabled"));
    return state.isEmpty() || state == QLatin1String("O");
}

QStringList createTriggerSql(const SchemaObject &trigger)
{
    QStringList sql{statement(trigger.property(kDefinition))};
    if (!isEnabledByDefault(trigger))
        sql.append(enabledSql(trigger));
    return sql;
}

QString dropTriggerSql(const SchemaObject &trigger)
{
    return QStringLiteral("DROP TRIGGER %1 ON %2")
        .arg(trigger.qualifiedName(), relationName(trigger));
}

AlterPlan alterTrigger(const SchemaObject &from, const SchemaObject &to, const DiffContext &)
{
    AlterPlan plan;
    if (from.property(kDefinition) != to.property(kDefinition)) {
        // No ALTER TRIGGER changes what a trigger does (CREATE OR REPLACE TRIGGER is
        // PostgreSQL 14 and refuses constraint triggers): dropped and created in one step.
        plan.operations.append(operation(QStringLiteral("replace trigger"), to,
                                         QStringList{dropTriggerSql(from)} + createTriggerSql(to),
                                         QStringList{dropTriggerSql(to)} + createTriggerSql(from)));
    } else if (from.property(QStringLiteral("enabled")) != to.property(QStringLiteral("enabled"))) {
        plan.operations.append(operation(QStringLiteral("alter trigger enabled"), to,
                                         {enabledSql(to)}, {enabledSql(from)}));
    }
    return plan;
}

// --- rules

QString dropRuleSql(const SchemaObject &rule)
{
    return QStringLiteral("DROP RULE %1 ON %2").arg(rule.qualifiedName(), relationName(rule));
}

// pg_get_ruledef's "CREATE RULE" as "CREATE OR REPLACE RULE".
QString replaceRuleSql(const SchemaObject &rule)
{
    static const QRegularExpression create(QStringLiteral("^CREATE\\s+RULE\\b"),
                                           QRegularExpression::CaseInsensitiveOption);
    QString sql = statement(rule.property(kDefinition));
    sql.replace(create, QStringLiteral("CREATE OR REPLACE RULE"));
    return sql;
}

// --- policies

bool isRestrictive(const SchemaObject &policy)
{
    const QString value = policy.property(QStringLiteral("permissive")).trimmed();
    if (value.compare(QLatin1String("RESTRICTIVE"), Qt::CaseInsensitive) == 0)
        return true;
    if (value.isEmpty() || value.compare(QLatin1String("PERMISSIVE"), Qt::CaseInsensitive) == 0)
        return false;
    return !isTrue(value);
}

// pg_policies' ALL, SELECT, INSERT, UPDATE, DELETE or pg_policy.polcmd's *, r, a, w, d.
QString policyCommand(const SchemaObject &policy)
{
    const QString value = policy.property(QStringLiteral("command")).trimmed();
    if (value == QLatin1String("r"))
        return QStringLiteral("SELECT");
    if (value == QLatin1String("a"))
        return QStringLiteral("INSERT");
    if (value == QLatin1String("w"))
        return QStringLiteral("UPDATE");
    if (value == QLatin1String("d"))
        return QStringLiteral("DELETE");
    if (value.isEmpty() || value == QLatin1String("*"))
        return QStringLiteral("ALL");
    return value.toUpper();
}

QString policyRoles(const SchemaObject &policy)
{
    QString value = policy.property(QStringLiteral("roles")).trimmed();
    if (value.startsWith(QLatin1Char('{')) && value.endsWith(QLatin1Char('}')))
        value = value.mid(1, value.size() - 2);
    QStringList roles;
    const QStringList names = value.split(QLatin1Char(','), Qt::SkipEmptyParts);
    for (const QString &name : names) {
        const QString role = name.trimmed();
        if (role.compare(QLatin1String("public"), Qt::CaseInsensitive) == 0)
            roles.append(QStringLiteral("PUBLIC"));
        else
            roles.append(identifier(role));
    }
    return roles.isEmpty() ? QStringLiteral("PUBLIC") : roles.join(QStringLiteral(", "));
}

QString onPolicy(const SchemaObject &policy)
{
    return QStringLiteral("%1 ON %2").arg(policy.qualifiedName(), relationName(policy));
}

QString createPolicySql(const SchemaObject &policy)
{
    QString sql = QStringLiteral("CREATE POLICY %1 AS %2 FOR %3 TO %4")
                      .arg(onPolicy(policy),
                           isRestrictive(policy) ? QStringLiteral("RESTRICTIVE")
                                                 : QStringLiteral("PERMISSIVE"),
                           policyCommand(policy), policyRoles(policy));
    const QString usingExpression = policy.property(QStringLiteral("using"));
    if (!usingExpression.isEmpty())
        sql += QStringLiteral(" USING (%1)").arg(usingExpression);
    const QString checkExpression = policy.property(QStringLiteral("with_check"));
    if (!checkExpression.isEmpty())
        sql += QStringLiteral(" WITH CHECK (%1)").arg(checkExpression);
    return sql;
}

// ALTER POLICY with the clauses that differ from `other`, as `policy` has them.
QString alterPolicySql(const SchemaObject &policy, const SchemaObject &other)
{
    QString sql = QStringLiteral("ALTER POLICY %1").arg(onPolicy(policy));
    if (policyRoles(policy) != policyRoles(other))
        sql += QStringLiteral(" TO %1").arg(policyRoles(policy));
    for (const char *clause : {"using", "with_check"}) {
        const QString name = QString::fromLatin1(clause);
        if (policy.property(name) == other.property(name))
            continue;
        sql += (name == QLatin1String("using") ? QStringLiteral(" USING (%1)")
                                               : QStringLiteral(" WITH CHECK (%1)"))
                   .arg(policy.property(name));
    }
    return sql;
}

AlterPlan alterPolicy(const SchemaObject &from, const SchemaObject &to, const DiffContext &)
{
    AlterPlan plan;
    // ALTER POLICY changes roles and expressions but cannot change the command or the
    // permissive/restrictive mode, nor remove an expression.
    const bool usingAppears = from.property(QStringLiteral("using")).isEmpty() !=
                              to.property(QStringLiteral("using")).isEmpty();
    const bool checkAppears = from.property(QStringLiteral("with_check")).isEmpty() !=
                              to.property(QStringLiteral("with_check")).isEmpty();
    if (isRestrictive(from) != isRestrictive(to) || policyCommand(from) != policyCommand(to) ||
        usingAppears || checkAppears) {
        plan.replace = true;
        return plan;
    }
    if (policyRoles(from) == policyRoles(to) &&
        from.property(QStringLiteral("using")) == to.property(QStringLiteral("using")) &&
        from.property(QStringLiteral("with_check")) == to.property(QStringLiteral("with_check")))
        return plan;
    plan.operations.append(operation(QStringLiteral("alter policy"), to, {alterPolicySql(to, from)},
                                     {alterPolicySql(from, to)}));
    return plan;
}

} // namespace

KindRules triggerRules()
{
    KindRules rules = simpleRules(QStringLiteral("trigger"), createTriggerSql, dropTriggerSql);
    rules.alter = alterTrigger;
    return rules;
}

KindRules ruleRules()
{
    KindRules rules = simpleRules(
        QStringLiteral("rule"),
        [](const SchemaObject &rule) { return QStringList{statement(rule.property(kDefinition))}; },
        dropRuleSql);
    rules.alter = [](const SchemaObject &from, const SchemaObject &to, const DiffContext &) {
        AlterPlan plan;
        if (from.property(kDefinition) == to.property(kDefinition))
            return plan;
        plan.operations.append(operation(QStringLiteral("replace rule"), to, {replaceRuleSql(to)},
                                         {replaceRuleSql(from)}));
        return plan;
    };
    return rules;
}

KindRules policyRules()
{
    KindRules rules = simpleRules(
        QStringLiteral("policy"),
        [](const SchemaObject &policy) { return QStringList{createPolicySql(policy)}; },
        [](const SchemaObject &policy) {
            return QStringLiteral("DROP POLICY %1").arg(onPolicy(policy));
        });
    rules.alter = alterPolicy;
    return rules;
}

} // namespace strata::schema::detail::objects
