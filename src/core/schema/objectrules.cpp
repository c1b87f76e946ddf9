// Rules for the kinds relationRules() does not serve: schemas, extensions and collations here;
// types in objectrules_types.cpp; views, routines, triggers, rules and policies in
// objectrules_routines.cpp and objectrules_relations.cpp; comments, owners and grants in
// objectrules_grants.cpp.
#include "schema/objectrules_p.h"

#include <array>

namespace strata::schema::detail {

namespace objects {

QString literal(const QString &text)
{
    QString quoted = text;
    quoted.replace(QLatin1Char('\''), QStringLiteral("''"));
    return QLatin1Char('\'') + quoted + QLatin1Char('\'');
}

QString statement(const QString &text)
{
    QString trimmed = text.trimmed();
    while (trimmed.endsWith(QLatin1Char(';')))
        trimmed = trimmed.chopped(1).trimmed();
    return trimmed;
}

QStringList lines(const QString &value)
{
    QStringList result;
    const QStringList all = value.split(QLatin1Char('\n'));
    for (const QString &line : all) {
        if (!line.trimmed().isEmpty())
            result.append(line);
    }
    return result;
}

bool isTrue(const QString &value)
{
    const QString v = value.trimmed().toLower();
    return v == QLatin1String("true") || v == QLatin1String("t") || v == QLatin1String("on") ||
           v == QLatin1String("yes") || v == QLatin1String("1");
}

QString identifier(const QString &name)
{
    if (name.size() >= 2 && name.startsWith(QLatin1Char('"')) && name.endsWith(QLatin1Char('"')))
        return name;
    return quoteName(name);
}

QString relationName(const SchemaObject &object)
{
    return qualify(object.schema, object.table);
}

Operation operation(const QString &kind, const SchemaObject &object, const QStringList &sql,
                    const QStringList &inverseSql)
{
    Operation op;
    op.kind = kind;
    op.object = object.display();
    op.sql = sql;
    op.inverseSql = inverseSql;
    return op;
}

QMap<QString, QString> options(const QString &text)
{
    QMap<QString, QString> result;
    const QStringList parts = text.split(QLatin1Char(','), Qt::SkipEmptyParts);
    for (const QString &part : parts) {
        const qsizetype eq = part.indexOf(QLatin1Char('='));
        if (eq < 0)
            result.insert(part.trimmed(), QString());
        else
            result.insert(part.left(eq).trimmed(), part.mid(eq + 1).trimmed());
    }
    return result;
}

static QString optionList(const QMap<QString, QString> &values)
{
    QStringList items;
    for (auto it = values.cbegin(); it != values.cend(); ++it)
        items.append(it.key() + QLatin1Char('=') + literal(it.value()));
    return items.join(QStringLiteral(", "));
}

QString withClause(const QString &optionsText)
{
    const QMap<QString, QString> values = options(optionsText);
    if (values.isEmpty())
        return {};
    return QStringLiteral(" WITH (%1)").arg(optionList(values));
}

QStringList setOptions(const QString &alterPrefix, const QString &fromText, const QString &toText)
{
    const QMap<QString, QString> from = options(fromText);
    const QMap<QString, QString> to = options(toText);
    QStringList reset;
    for (auto it = from.cbegin(); it != from.cend(); ++it) {
        if (!to.contains(it.key()))
            reset.append(it.key());
    }
    QMap<QString, QString> set;
    for (auto it = to.cbegin(); it != to.cend(); ++it) {
        if (from.value(it.key()) != it.value() || !from.contains(it.key()))
            set.insert(it.key(), it.value());
    }
    QStringList sql;
    if (!reset.isEmpty())
        sql.append(
            QStringLiteral("%1 RESET (%2)").arg(alterPrefix, reset.join(QStringLiteral(", "))));
    if (!set.isEmpty())
        sql.append(QStringLiteral("%1 SET (%2)").arg(alterPrefix, optionList(set)));
    return sql;
}

QString routineKeyword(const SchemaObject &routine)
{
    return routine.property(QStringLiteral("kind")) == QLatin1String("procedure")
               ? QStringLiteral("PROCEDURE")
               : QStringLiteral("FUNCTION");
}

QString routineSignature(const SchemaObject &routine)
{
    QString arguments = routine.arguments;
    if (arguments.isEmpty() && routine.kind == ObjectKind::Aggregate)
        arguments = QStringLiteral("*");
    return routine.qualifiedName() + QLatin1Char('(') + arguments + QLatin1Char(')');
}

bool hasDependants(const SchemaModel &model, const SchemaObject &object)
{
    const QString key = object.key();
    const QString columnPrefix = kindName(ObjectKind::Column) + QLatin1Char('|') + object.schema +
                                 QLatin1Char('|') + object.name + QLatin1Char('|');
    const QList<SchemaObject> all = model.objects();
    for (const SchemaObject &other : all) {
        if (other.key() == key)
            continue;
        if (other.kind == ObjectKind::Column && other.schema == object.schema &&
            other.table == object.name)
            continue; // the object's own columns
        for (const QString &dependency : other.dependsOn) {
            if (dependency == key || dependency.startsWith(columnPrefix))
                return true;
        }
    }
    return false;
}

KindRules simpleRules(const QString &kindText,
                      const std::function<QStringList(const SchemaObject &)> &create,
                      const std::function<QString(const SchemaObject &)> &drop)
{
    KindRules rules;
    rules.create = [=](const SchemaObject &object, const DiffContext &) {
        return QList<Operation>{operation(QStringLiteral("create ") + kindText, object,
                                          create(object), {drop(object)})};
    };
    rules.drop = [=](const SchemaObject &object, const DiffContext &) {
        return QList<Operation>{
            operation(QStringLiteral("drop ") + kindText, object, {drop(object)}, create(object))};
    };
    return rules;
}

// --- schemas

KindRules schemaRules()
{
    KindRules rules = simpleRules(
        QStringLiteral("schema"),
        [](const SchemaObject &schema) {
            return QStringList{QStringLiteral("CREATE SCHEMA %1").arg(quoteName(schema.name))};
        },
        [](const SchemaObject &schema) {
            return QStringLiteral("DROP SCHEMA %1").arg(quoteName(schema.name));
        });
    // A schema has no properties: only its comment, owner and grants change.
    rules.alter = [](const SchemaObject &, const SchemaObject &, const DiffContext &) {
        return AlterPlan{};
    };
    return rules;
}

// --- extensions

static QString createExtensionSql(const SchemaObject &extension, const QString &version)
{
    QString sql = QStringLiteral("CREATE EXTENSION %1").arg(quoteName(extension.name));
    const QString schema = extension.property(QStringLiteral("schema"));
    if (!schema.isEmpty())
        sql += QStringLiteral(" WITH SCHEMA %1").arg(identifier(schema));
    if (!version.isEmpty())
        sql += QStringLiteral(" VERSION %1").arg(literal(version));
    return sql;
}

// Extension versions compared part by part ("1.10" after "1.9"); parts that are not numbers
// compare as text.
static bool versionLess(const QString &a, const QString &b)
{
    const QStringList left = a.split(QLatin1Char('.'));
    const QStringList right = b.split(QLatin1Char('.'));
    for (qsizetype i = 0; i < qMin(left.size(), right.size()); ++i) {
        bool leftNumber = false;
        bool rightNumber = false;
        const int l = left[i].toInt(&leftNumber);
        const int r = right[i].toInt(&rightNumber);
        if (leftNumber && rightNumber) {
            if (l != r)
                return l < r;
        } else if (left[i] != right[i]) {
            return left[i] < right[i];
        }
    }
    return left.size() < right.size();
}

KindRules extensionRules()
{
    KindRules rules;
    rules.create = [](const SchemaObject &extension, const DiffContext &) {
        return QList<Operation>{operation(
            QStringLiteral("create extension"), extension,
            {createExtensionSql(extension, extension.property(QStringLiteral("version")))},
            {QStringLiteral("DROP EXTENSION %1").arg(quoteName(extension.name))})};
    };
    rules.drop = [](const SchemaObject &extension, const DiffContext &) {
        return QList<Operation>{operation(
            QStringLiteral("drop extension"), extension,
            {QStringLiteral("DROP EXTENSION %1").arg(quoteName(extension.name))},
            {createExtensionSql(extension, extension.property(QStringLiteral("version")))})};
    };
    rules.alter = [](const SchemaObject &from, const SchemaObject &to, const DiffContext &) {
        AlterPlan plan;
        const QString name = quoteName(to.name);
        const QString fromSchema = from.property(QStringLiteral("schema"));
        const QString toSchema = to.property(QStringLiteral("schema"));
        if (fromSchema != toSchema && !toSchema.isEmpty() && !fromSchema.isEmpty()) {
            plan.operations.append(operation(QStringLiteral("alter extension schema"), to,
                                             {QStringLiteral("ALTER EXTENSION %1 SET SCHEMA %2")
                                                  .arg(name, identifier(toSchema))},
                                             {QStringLiteral("ALTER EXTENSION %1 SET SCHEMA %2")
                                                  .arg(name, identifier(fromSchema))}));
        }
        const QString fromVersion = from.property(QStringLiteral("version"));
        const QString toVersion = to.property(QStringLiteral("version"));
        if (fromVersion != toVersion) {
            // Extensions ship update scripts forward only (pg_trgm 1.3 -> 1.4 has no way back),
            // so going to an older version drops and creates the extension again; that fails
            // rather than loses anything when objects use the extension.
            const QString update = QStringLiteral("ALTER EXTENSION %1 UPDATE TO %2");
            const QString recreateOld = QStringLiteral("DROP EXTENSION %1").arg(name);
            if (versionLess(fromVersion, toVersion)) {
                plan.operations.append(operation(
                    QStringLiteral("update extension"), to, {update.arg(name, literal(toVersion))},
                    {recreateOld, createExtensionSql(to, fromVersion)}));
            } else {
                plan.operations.append(operation(QStringLiteral("update extension"), to,
                                                 {recreateOld, createExtensionSql(to, toVersion)},
                                                 {update.arg(name, literal(fromVersion))}));
            }
        }
        return plan;
    };
    return rules;
}

// --- collations

static QString createCollationSql(const SchemaObject &collation)
{
    QStringList parts;
    const QString provider = collation.property(QStringLiteral("provider"));
    if (provider == QLatin1String("i") || provider == QLatin1String("icu"))
        parts.append(QStringLiteral("provider = icu"));
    else if (provider == QLatin1String("c") || provider == QLatin1String("libc"))
        parts.append(QStringLiteral("provider = libc"));
    for (const char *key : {"locale", "lc_collate", "lc_ctype"}) {
        const QString value = collation.property(QString::fromLatin1(key));
        if (!value.isEmpty())
            parts.append(QStringLiteral("%1 = %2").arg(QString::fromLatin1(key), literal(value)));
    }
    const QString deterministic = collation.property(QStringLiteral("deterministic"));
    if (!deterministic.isEmpty() && !isTrue(deterministic))
        parts.append(QStringLiteral("deterministic = false"));
    return QStringLiteral("CREATE COLLATION %1 (%2)")
        .arg(collation.qualifiedName(), parts.join(QStringLiteral(", ")));
}

KindRules collationRules()
{
    KindRules rules = simpleRules(
        QStringLiteral("collation"),
        [](const SchemaObject &collation) { return QStringList{createCollationSql(collation)}; },
        [](const SchemaObject &collation) {
            return QStringLiteral("DROP COLLATION %1").arg(collation.qualifiedName());
        });
    // A collation's definition cannot be altered: it is created again, and the columns and
    // indexes using it with it.
    rules.alter = [](const SchemaObject &, const SchemaObject &, const DiffContext &) {
        AlterPlan plan;
        plan.replace = true;
        return plan;
    };
    return rules;
}

} // namespace objects

const KindRules *objectRules(ObjectKind kind)
{
    using namespace objects;
    struct Entry
    {
        ObjectKind kind;
        KindRules rules;
    };
    static const std::array<Entry, 13> table = {
        Entry{ObjectKind::Schema, schemaRules()},
        Entry{ObjectKind::Extension, extensionRules()},
        Entry{ObjectKind::Collation, collationRules()},
        Entry{ObjectKind::EnumType, enumRules()},
        Entry{ObjectKind::Domain, domainRules()},
        Entry{ObjectKind::CompositeType, compositeRules()},
        Entry{ObjectKind::View, viewRules()},
        Entry{ObjectKind::MaterializedView, materializedViewRules()},
        Entry{ObjectKind::Function, functionRules()},
        Entry{ObjectKind::Aggregate, aggregateRules()},
        Entry{ObjectKind::Trigger, triggerRules()},
        Entry{ObjectKind::Rule, ruleRules()},
        Entry{ObjectKind::Policy, policyRules()},
    };
    for (const Entry &entry : table) {
        if (entry.kind == kind)
            return &entry.rules;
    }
    return nullptr;
}

} // namespace strata::schema::detail
