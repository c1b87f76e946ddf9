// Rules for the kinds relationRules() does not serve: schemas, extensions and collations here;
// enum types and domains in objectrules_types.cpp, composite types in objectrules_composite.cpp;
// views, routines, triggers, rules and policies in
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

void remakeNaming(const SchemaObject &object, const QRegularExpression &pattern,
                  const DiffContext &context, QStringList *drop, QStringList *create,
                  QList<Hazard> *hazards)
{
    const DiffOptions plain;
    const DiffContext own{context.from, context.to, plain};
    for (ObjectKind kind : {ObjectKind::Constraint, ObjectKind::Index}) {
        const KindRules *rules = relationRules(kind);
        if (!rules)
            continue;
        const QList<SchemaObject> objects = context.from.objects(kind);
        for (const SchemaObject &user : objects) {
            const SchemaObject *after = context.to.find(user.key());
            if (!after || after->properties != user.properties ||
                !user.property(QStringLiteral("parent")).isEmpty())
                continue;
            if (!user.dependsOn.contains(object.key()) &&
                !pattern.match(user.property(QStringLiteral("definition"))).hasMatch())
                continue;
            const QList<Operation> dropped = rules->drop(user, own);
            for (const Operation &op : dropped) {
                *drop += op.sql;
                *create += op.inverseSql;
                for (Hazard hazard : op.inverseHazards) {
                    if (!hazards->contains(hazard))
                        hazards->append(hazard);
                }
            }
            const QList<Operation> comments = commentAndGrantOperations(nullptr, &user, own);
            for (const Operation &op : comments)
                *create += op.sql;
        }
    }
}

bool isTableColumn(const SchemaModel &model, const SchemaObject &column)
{
    SchemaObject table;
    table.kind = ObjectKind::Table;
    table.schema = column.schema;
    table.name = column.table;
    return model.find(table.key()) != nullptr;
}

QStringList alterTables(const QList<SchemaObject> &columns,
                        const std::function<QString(const SchemaObject &)> &clause)
{
    QStringList tables;
    QHash<QString, QStringList> clauses;
    for (const SchemaObject &column : columns) {
        const QString text = clause(column);
        if (text.isEmpty())
            continue;
        const QString table = relationName(column);
        if (!clauses.contains(table))
            tables.append(table);
        clauses[table].append(text);
    }
    QStringList sql;
    for (const QString &table : std::as_const(tables)) {
        sql.append(QStringLiteral("ALTER TABLE %1 %2")
                       .arg(table, clauses.value(table).join(QStringLiteral(", "))));
    }
    return sql;
}

QRegularExpression castTo(const QString &qualifiedName)
{
    return QRegularExpression(
        QStringLiteral("::%1(?![A-Za-z0-9_$\"])").arg(QRegularExpression::escape(qualifiedName)));
}

Remade remakeCasting(const SchemaObject &type, const DiffContext &context)
{
    Remade remade;
    remakeNaming(type, castTo(type.qualifiedName()), context, &remade.drop, &remade.make,
                 &remade.hazards);
    return remade;
}

QString nameWithSuffix(const QString &name, const QString &suffix)
{
    QString base = name;
    while (base.toUtf8().size() + suffix.toUtf8().size() > 63)
        base.chop(1);
    return base + suffix;
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

static QString createCollationSql(const SchemaObject &collation, const QString &name)
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
        .arg(qualify(collation.schema, name), parts.join(QStringLiteral(", ")));
}

// True when `text` (a column's or domain's "collation") names `collation`, quoted or not.
static bool namesCollation(QString text, const SchemaObject &collation)
{
    text.remove(QLatin1Char('"'));
    return text == collation.schema + QLatin1Char('.') + collation.name;
}

// Moving the columns from `from` (the collation as it is) to `to` (as it becomes) without
// dropping them: `to` is made beside `from` under another name, the columns (and the indexes
// and constraints naming the collation) moved to it, `from` dropped and `to` renamed.
static QStringList swapCollationSql(const SchemaObject &from, const SchemaObject &to,
                                    const QList<SchemaObject> &columns,
                                    const QStringList &dropNaming, const QStringList &makeNaming)
{
    const QString fresh = nameWithSuffix(to.name, QStringLiteral("__strata_new"));
    QStringList sql{createCollationSql(to, fresh)};
    sql += dropNaming;
    QStringList tables;
    QHash<QString, QStringList> clauses;
    for (const SchemaObject &column : columns) {
        const QString table = relationName(column);
        if (!clauses.contains(table))
            tables.append(table);
        clauses[table].append(QStringLiteral("ALTER COLUMN %1 TYPE %2 COLLATE %3")
                                  .arg(column.qualifiedName(),
                                       column.property(QStringLiteral("type")),
                                       qualify(to.schema, fresh)));
    }
    for (const QString &table : std::as_const(tables))
        sql.append(QStringLiteral("ALTER TABLE %1 %2")
                       .arg(table, clauses.value(table).join(QStringLiteral(", "))));
    sql.append(QStringLiteral("DROP COLLATION %1").arg(from.qualifiedName()));
    sql.append(QStringLiteral("ALTER COLLATION %1 RENAME TO %2")
                   .arg(qualify(to.schema, fresh), quoteName(to.name)));
    return sql + makeNaming;
}

// A collation's definition cannot be altered. Unused (or used by a domain, which diff()
// replaces with it), it is dropped and created again; used by table columns, it is swapped
// under them so their values stay (swapCollationSql()).
static AlterPlan alterCollation(const SchemaObject &from, const SchemaObject &to,
                                const DiffContext &context)
{
    AlterPlan plan;
    QList<SchemaObject> columns;
    const QList<SchemaObject> all = context.from.objects(ObjectKind::Column);
    for (const SchemaObject &column : all) {
        if (namesCollation(column.property(QStringLiteral("collation")), from) &&
            context.to.find(column.key()) && isTableColumn(context.from, column))
            columns.append(column);
    }
    const QList<SchemaObject> domains = context.from.objects(ObjectKind::Domain);
    bool usedByDomain = false;
    for (const SchemaObject &domain : domains)
        usedByDomain =
            usedByDomain || namesCollation(domain.property(QStringLiteral("collation")), from);
    if (columns.isEmpty() || usedByDomain) {
        plan.replace = true;
        return plan;
    }
    const QRegularExpression collate(QStringLiteral("COLLATE %1(?![A-Za-z0-9_$\"])")
                                         .arg(QRegularExpression::escape(from.qualifiedName())));
    QStringList dropNaming;
    QStringList makeNaming;
    QList<Hazard> hazards{Hazard::AccessExclusiveLock};
    remakeNaming(from, collate, context, &dropNaming, &makeNaming, &hazards);
    // Views over the columns block their change: rebuilt around it.
    plan.rebuildDependants = true;
    Operation op = operation(QStringLiteral("alter collation"), to,
                             swapCollationSql(from, to, columns, dropNaming, makeNaming),
                             swapCollationSql(to, from, columns, dropNaming, makeNaming));
    op.hazards = hazards;
    op.inverseHazards = hazards;
    plan.operations.append(op);
    return plan;
}

KindRules collationRules()
{
    KindRules rules = simpleRules(
        QStringLiteral("collation"),
        [](const SchemaObject &collation) {
            return QStringList{createCollationSql(collation, collation.name)};
        },
        [](const SchemaObject &collation) {
            return QStringLiteral("DROP COLLATION %1").arg(collation.qualifiedName());
        });
    rules.alter = alterCollation;
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
