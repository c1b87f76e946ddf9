// Rules for enum types, domains and composite types (PostgreSQL's "ALTER TYPE", "CREATE TYPE",
// "ALTER DOMAIN" and "CREATE DOMAIN" pages).
#include "schema/objectrules_p.h"

#include <QRegularExpression>

namespace strata::schema::detail::objects {

namespace {

const QString kValues = QStringLiteral("values");
const QString kType = QStringLiteral("type");
const QString kDefault = QStringLiteral("default");

// --- enum types

QStringList enumValues(const SchemaObject &type)
{
    const QString values = type.property(kValues);
    if (values.isEmpty())
        return {};
    return values.split(QLatin1Char('\n'));
}

QString createEnumSql(const SchemaObject &type, const QStringList &values)
{
    QStringList labels;
    for (const QString &value : values)
        labels.append(literal(value));
    return QStringLiteral("CREATE TYPE %1 AS ENUM (%2)")
        .arg(type.qualifiedName(), labels.join(QStringLiteral(", ")));
}

// True when `part` appears in `whole` in the same order (values only added).
bool isSubsequence(const QStringList &part, const QStringList &whole)
{
    qsizetype at = 0;
    for (const QString &value : whole) {
        if (at < part.size() && part[at] == value)
            ++at;
    }
    return at == part.size();
}

// A column whose values are of the enum type: directly, as an array, or through a domain.
struct EnumUse
{
    SchemaObject column;
    enum class Via { Direct, Array, Domain, DomainArray } via = Via::Direct;
};

struct EnumUses
{
    QList<EnumUse> columns;
    QList<SchemaObject> domains; // domains over the type (or over an array of it)
    // Indexes and constraints whose definitions name the type (a partial index's predicate, a
    // check comparing with a label): ALTER COLUMN TYPE would make them again over the type set
    // aside, so they are dropped before the conversion and made again after it. Statements
    // from the relation rules.
    QStringList dropLiteralUsers;
    QStringList createLiteralUsers;
    QList<Hazard> literalHazards;
};

// The table columns of ctx.from that hold `type` and are still there in ctx.to (columns the
// diff drops are gone or going; columns it adds are created over the type as it then is).
EnumUses enumUses(const SchemaObject &type, const DiffContext &context)
{
    EnumUses uses;
    const QString name = type.qualifiedName();
    const QString array = name + QStringLiteral("[]");
    QHash<QString, bool> domainNames; // domain -> over an array of the type
    const QList<SchemaObject> domains = context.from.objects(ObjectKind::Domain);
    for (const SchemaObject &domain : domains) {
        const QString base = domain.property(kType);
        if (base == name || base == array) {
            uses.domains.append(domain);
            domainNames.insert(domain.qualifiedName(), base == array);
        }
    }
    const QList<SchemaObject> columns = context.from.objects(ObjectKind::Column);
    for (const SchemaObject &column : columns) {
        if (!context.to.find(column.key()))
            continue;
        if (!isTableColumn(context.from, column))
            continue; // a view's or a composite type's column follows its owner
        const QString columnType = column.property(kType);
        EnumUse use{column};
        if (columnType == name)
            use.via = EnumUse::Via::Direct;
        else if (columnType == array)
            use.via = EnumUse::Via::Array;
        else if (domainNames.contains(columnType))
            use.via =
                domainNames.value(columnType) ? EnumUse::Via::DomainArray : EnumUse::Via::Domain;
        else
            continue;
        uses.columns.append(use);
    }
    remakeNaming(type, castTo(name), context, &uses.dropLiteralUsers, &uses.createLiteralUsers,
                 &uses.literalHazards);
    return uses;
}

// One ALTER TABLE per table for a set of column changes ("ALTER COLUMN a TYPE ..., ...").
QStringList alterColumns(const QList<EnumUse> &uses,
                         const std::function<QString(const EnumUse &)> &clause)
{
    QList<SchemaObject> columns;
    for (const EnumUse &use : uses)
        columns.append(use.column);
    return alterTables(columns, [&](const SchemaObject &column) {
        for (const EnumUse &use : uses) {
            if (use.column.key() == column.key())
                return clause(use);
        }
        return QString();
    });
}

// `text` (a text or text[] expression holding labels) as `type`, the labels in `removed`
// dropped: NULL for a value, left out of an array.
QString keepLabels(const QString &text, const QString &type, const QStringList &values,
                   const QStringList &removed, bool array)
{
    if (removed.isEmpty())
        return QStringLiteral("%1::%2").arg(text, type);
    if (array) {
        QString kept = text;
        for (const QString &label : removed)
            kept = QStringLiteral("array_remove(%1, %2)").arg(kept, literal(label));
        return QStringLiteral("%1::%2").arg(kept, type);
    }
    QStringList labels;
    for (const QString &value : values)
        labels.append(literal(value));
    return QStringLiteral("CASE WHEN %1 IN (%2) THEN %1::%3 END")
        .arg(text, labels.join(QStringLiteral(", ")), type);
}

// Rebuilding the enum with `values` (removing or reordering labels): the old type is set
// aside under another name, the new one created, every column converted through text (columns
// of a domain over it through text and the domain created again), defaults dropped around the
// conversion and set back (a default casts to the type), then the old type dropped. A value
// holding a removed label becomes NULL (left out of an array): the data-losing part, flagged.
// `current` gives the columns' defaults and the domains' definitions as they are when the
// statements run; `target` the defaults set back.
QStringList rebuildEnumSql(const SchemaObject &type, const QStringList &values,
                           const QStringList &removed, const EnumUses &uses,
                           const SchemaModel &current, const SchemaModel &target)
{
    const QString name = type.qualifiedName();
    const QString aside = nameWithSuffix(type.name, QStringLiteral("__strata_old"));
    QStringList sql;
    sql.append(QStringLiteral("ALTER TYPE %1 RENAME TO %2").arg(name, quoteName(aside)));
    sql.append(createEnumSql(type, values));
    auto in = [](const SchemaModel &model, const SchemaObject &object) {
        const SchemaObject *found = model.find(object.key());
        return found ? *found : object;
    };
    sql += uses.dropLiteralUsers;
    sql += alterColumns(uses.columns, [&](const EnumUse &use) {
        return in(current, use.column).property(kDefault).isEmpty()
                   ? QString()
                   : QStringLiteral("ALTER COLUMN %1 DROP DEFAULT").arg(use.column.qualifiedName());
    });
    QList<EnumUse> viaDomain;
    for (const EnumUse &use : uses.columns) {
        if (use.via == EnumUse::Via::Domain || use.via == EnumUse::Via::DomainArray)
            viaDomain.append(use);
    }
    sql += alterColumns(viaDomain, [](const EnumUse &use) {
        return QStringLiteral("ALTER COLUMN %1 TYPE text USING %1::text")
            .arg(use.column.qualifiedName());
    });
    for (const SchemaObject &domain : uses.domains) {
        sql.append(QStringLiteral("DROP DOMAIN %1").arg(domain.qualifiedName()));
        sql += createDomainSql(in(current, domain));
    }
    QStringList conversions = alterColumns(uses.columns, [&](const EnumUse &use) {
        const QString column = use.column.qualifiedName();
        const QString columnType = use.column.property(kType);
        QString converted;
        switch (use.via) {
        case EnumUse::Via::Direct:
            converted =
                keepLabels(column + QStringLiteral("::text"), columnType, values, removed, false);
            break;
        case EnumUse::Via::Array:
            converted =
                keepLabels(column + QStringLiteral("::text[]"), columnType, values, removed, true);
            break;
        case EnumUse::Via::Domain:
            converted = keepLabels(column, columnType, values, removed, false);
            break;
        case EnumUse::Via::DomainArray:
            converted =
                keepLabels(column + QStringLiteral("::text[]"), columnType, values, removed, true);
            break;
        }
        return QStringLiteral("ALTER COLUMN %1 TYPE %2 USING %3")
            .arg(column, columnType, converted);
    });
    // What the data-losing part does, above each statement doing it.
    if (!removed.isEmpty()) {
        QStringList labels;
        for (const QString &label : removed)
            labels.append(literal(label));
        const QString note =
            QStringLiteral("-- removed %1 %2 of %3: a value holding %4 becomes NULL, an array "
                           "loses %4\n")
                .arg(removed.size() == 1 ? QStringLiteral("label") : QStringLiteral("labels"),
                     labels.join(QStringLiteral(", ")), name,
                     removed.size() == 1 ? QStringLiteral("it") : QStringLiteral("one"));
        for (QString &statement : conversions)
            statement.prepend(note);
    }
    sql += conversions;
    sql += alterColumns(uses.columns, [&](const EnumUse &use) {
        const QString value = in(target, use.column).property(kDefault);
        return value.isEmpty() ? QString()
                               : QStringLiteral("ALTER COLUMN %1 SET DEFAULT %2")
                                     .arg(use.column.qualifiedName(), value);
    });
    sql += uses.createLiteralUsers;
    sql.append(QStringLiteral("DROP TYPE %1").arg(qualify(type.schema, aside)));
    return sql;
}

// The labels of `from` that `to` lacks.
QStringList removedLabels(const QStringList &from, const QStringList &to)
{
    QStringList removed;
    for (const QString &value : from) {
        if (!to.contains(value))
            removed.append(value);
    }
    return removed;
}

QList<Hazard> rebuildHazards(bool removesValues, const EnumUses &uses)
{
    QList<Hazard> hazards;
    if (!uses.columns.isEmpty()) {
        if (removesValues)
            hazards.append(Hazard::DeletesData);
        hazards.append(Hazard::RewritesTable);
        hazards.append(Hazard::AccessExclusiveLock);
    }
    for (Hazard hazard : uses.literalHazards) {
        if (!hazards.contains(hazard))
            hazards.append(hazard);
    }
    return hazards;
}

// True when something the diff creates or changes names one of `added` as a value of `type`
// ("'ok'::public.mood" in a default, a check, a view, an index predicate, a SQL-standard function
// body, as the server prints them). What stays unchanged cannot: the value did not exist.
bool usesAddedValues(const SchemaObject &type, const QStringList &added, const DiffContext &context)
{
    QStringList casts;
    for (const QString &label : added)
        casts.append(literal(label) + QStringLiteral("::") + type.qualifiedName());
    const QList<SchemaObject> all = context.to.objects();
    for (const SchemaObject &object : all) {
        const SchemaObject *before = context.from.find(object.key());
        if (before && before->properties == object.properties)
            continue;
        for (const QString &value : object.properties) {
            for (const QString &cast : std::as_const(casts)) {
                if (value.contains(cast))
                    return true;
            }
        }
    }
    return false;
}

// True when the model was read from a server older than PostgreSQL 12 ("PostgreSQL 11.9"),
// where ALTER TYPE ... ADD VALUE cannot run inside a transaction block.
bool olderThan12(const SchemaModel &model)
{
    static const QRegularExpression version(QStringLiteral("(\\d+)(\\.\\d+)?"));
    const QRegularExpressionMatch match = version.match(model.serverVersion);
    return match.hasMatch() && match.captured(1).toInt() < 12;
}

AlterPlan alterEnum(const SchemaObject &from, const SchemaObject &to, const DiffContext &context)
{
    AlterPlan plan;
    const QStringList oldValues = enumValues(from);
    const QStringList newValues = enumValues(to);
    if (oldValues == newValues)
        return plan;
    const EnumUses uses = enumUses(from, context);
    // Views over the columns block their type change: the rebuild (either way) needs them
    // dropped and created again. The columns themselves are converted by the operation.
    plan.rebuildDependants = !uses.columns.isEmpty() || !uses.domains.isEmpty();
    const QString name = to.qualifiedName();
    if (isSubsequence(oldValues, newValues)) {
        // Values only added: ALTER TYPE ... ADD VALUE, placed by the order in "values".
        QStringList sql;
        for (qsizetype i = 0; i < newValues.size(); ++i) {
            if (oldValues.contains(newValues[i]))
                continue;
            QString statement =
                QStringLiteral("ALTER TYPE %1 ADD VALUE %2").arg(name, literal(newValues[i]));
            if (i > 0)
                statement += QStringLiteral(" AFTER %1").arg(literal(newValues[i - 1]));
            else if (!oldValues.isEmpty())
                statement += QStringLiteral(" BEFORE %1").arg(literal(oldValues.first()));
            sql.append(statement);
        }
        Operation op =
            operation(QStringLiteral("add enum value"), to, sql,
                      rebuildEnumSql(from, oldValues, removedLabels(newValues, oldValues), uses,
                                     context.to, context.from));
        // Since PostgreSQL 12 it may run in a transaction, but a value added there cannot be
        // used before the transaction commits: then (or on an older server) the migration runs
        // outside one.
        if (usesAddedValues(to, removedLabels(newValues, oldValues), context) ||
            olderThan12(context.from)) {
            op.transactional = false;
            op.hazards.append(Hazard::NotInTransaction);
        }
        if (!uses.columns.isEmpty())
            op.hazards.append(Hazard::DowngradeLosesData);
        op.inverseHazards = rebuildHazards(true, uses);
        plan.operations.append(op);
        return plan;
    }
    // A value removed or the order changed: PostgreSQL cannot drop or move a label.
    const QStringList removed = removedLabels(oldValues, newValues);
    const QStringList added = removedLabels(newValues, oldValues);
    Operation op =
        operation(QStringLiteral("rebuild enum type"), to,
                  rebuildEnumSql(to, newValues, removed, uses, context.from, context.to),
                  rebuildEnumSql(from, oldValues, added, uses, context.to, context.from));
    op.hazards = rebuildHazards(!removed.isEmpty(), uses);
    op.inverseHazards = rebuildHazards(!added.isEmpty(), uses);
    if (op.inverseHazards.contains(Hazard::DeletesData))
        op.hazards.append(Hazard::DowngradeLosesData);
    plan.operations.append(op);
    return plan;
}

// --- domains

struct Check
{
    QString name; // as SQL
    QString definition;
};

QList<Check> domainChecks(const SchemaObject &domain)
{
    QList<Check> checks;
    const QStringList all = lines(domain.property(QStringLiteral("checks")));
    for (const QString &line : all) {
        const qsizetype colon = line.indexOf(QStringLiteral(": "));
        if (colon < 0)
            continue;
        checks.append({identifier(line.left(colon)), line.mid(colon + 2).trimmed()});
    }
    return checks;
}

QString addCheckSql(const SchemaObject &domain, const Check &check)
{
    return QStringLiteral("ALTER DOMAIN %1 ADD CONSTRAINT %2 %3")
        .arg(domain.qualifiedName(), check.name, check.definition);
}

QString dropCheckSql(const SchemaObject &domain, const Check &check)
{
    return QStringLiteral("ALTER DOMAIN %1 DROP CONSTRAINT %2")
        .arg(domain.qualifiedName(), check.name);
}

bool isNotValid(const Check &check)
{
    return check.definition.endsWith(QLatin1String("NOT VALID"));
}

QString setDefaultSql(const QString &prefix, const QString &value)
{
    return value.isEmpty() ? QStringLiteral("%1 DROP DEFAULT").arg(prefix)
                           : QStringLiteral("%1 SET DEFAULT %2").arg(prefix, value);
}

// Moving the columns of domain `from` to `to` without dropping them: `to` is made beside
// `from` under another name, the columns converted to it (their defaults taken off and put back
// as `target` has them; indexes and constraints naming the domain made again), `from` dropped
// and `to` renamed.
QStringList swapDomainSql(const SchemaObject &from, const SchemaObject &to,
                          const QList<SchemaObject> &columns, const QStringList &dropUsers,
                          const QStringList &makeUsers, const SchemaModel &current,
                          const SchemaModel &target)
{
    SchemaObject fresh = to;
    fresh.name = nameWithSuffix(to.name, QStringLiteral("__strata_new"));
    QStringList sql = createDomainSql(fresh);
    sql += dropUsers;
    auto defaultIn = [](const SchemaModel &model, const SchemaObject &column) {
        const SchemaObject *found = model.find(column.key());
        return found ? found->property(kDefault) : QString();
    };
    sql += alterTables(columns, [&](const SchemaObject &column) {
        return defaultIn(current, column).isEmpty()
                   ? QString()
                   : QStringLiteral("ALTER COLUMN %1 DROP DEFAULT").arg(column.qualifiedName());
    });
    sql += alterTables(columns, [&](const SchemaObject &column) {
        return QStringLiteral("ALTER COLUMN %1 TYPE %2 USING %1::%3::%2")
            .arg(column.qualifiedName(), fresh.qualifiedName(), to.property(kType));
    });
    sql.append(QStringLiteral("DROP DOMAIN %1").arg(from.qualifiedName()));
    sql.append(QStringLiteral("ALTER DOMAIN %1 RENAME TO %2")
                   .arg(fresh.qualifiedName(), quoteName(to.name)));
    sql += alterTables(columns, [&](const SchemaObject &column) {
        const QString value = defaultIn(target, column);
        return value.isEmpty() ? QString()
                               : QStringLiteral("ALTER COLUMN %1 SET DEFAULT %2")
                                     .arg(column.qualifiedName(), value);
    });
    return sql + makeUsers;
}

// A domain's base type or collation cannot be altered. Unused by table columns it is replaced
// (diff() drops and creates it with its dependants); used, it is swapped under the columns so
// that their values stay.
AlterPlan swapDomain(const SchemaObject &from, const SchemaObject &to, const DiffContext &context)
{
    AlterPlan plan;
    const QString name = from.qualifiedName();
    QList<SchemaObject> columns;
    const QList<SchemaObject> all = context.from.objects(ObjectKind::Column);
    for (const SchemaObject &column : all) {
        const QString type = column.property(kType);
        if (type == name + QStringLiteral("[]")) {
            plan.replace = true; // arrays of it: left to the replace
            return plan;
        }
        if (type == name && context.to.find(column.key()) && isTableColumn(context.from, column))
            columns.append(column);
    }
    if (columns.isEmpty()) {
        plan.replace = true;
        return plan;
    }
    const Remade users = remakeCasting(from, context);
    // Views and functions over the columns or the domain are rebuilt around it.
    plan.rebuildDependants = true;
    Operation op = operation(
        QStringLiteral("alter domain type"), to,
        swapDomainSql(from, to, columns, users.drop, users.make, context.from, context.to),
        swapDomainSql(to, from, columns, users.drop, users.make, context.to, context.from));
    op.hazards = users.hazards;
    op.inverseHazards = users.hazards;
    plan.operations.append(op);
    return plan;
}

AlterPlan alterDomain(const SchemaObject &from, const SchemaObject &to, const DiffContext &context)
{
    AlterPlan plan;
    if (from.property(kType) != to.property(kType) ||
        from.property(QStringLiteral("collation")) != to.property(QStringLiteral("collation")))
        return swapDomain(from, to, context);
    const QString prefix = QStringLiteral("ALTER DOMAIN %1").arg(to.qualifiedName());
    if (from.property(kDefault) != to.property(kDefault)) {
        plan.operations.append(operation(QStringLiteral("alter domain default"), to,
                                         {setDefaultSql(prefix, to.property(kDefault))},
                                         {setDefaultSql(prefix, from.property(kDefault))}));
    }
    const bool oldNotNull = isTrue(from.property(QStringLiteral("not_null")));
    const bool newNotNull = isTrue(to.property(QStringLiteral("not_null")));
    if (oldNotNull != newNotNull) {
        const QString set = prefix + QStringLiteral(" SET NOT NULL");
        const QString drop = prefix + QStringLiteral(" DROP NOT NULL");
        Operation op = operation(QStringLiteral("alter domain not null"), to,
                                 {newNotNull ? set : drop}, {newNotNull ? drop : set});
        (newNotNull ? op.hazards : op.inverseHazards).append(Hazard::ValidatesConstraint);
        plan.operations.append(op);
    }
    const QList<Check> oldChecks = domainChecks(from);
    const QList<Check> newChecks = domainChecks(to);
    auto findCheck = [](const QList<Check> &checks, const QString &name) -> const Check * {
        for (const Check &check : checks) {
            if (check.name == name)
                return &check;
        }
        return nullptr;
    };
    for (const Check &old : oldChecks) {
        const Check *now = findCheck(newChecks, old.name);
        if (now && now->definition == old.definition)
            continue;
        QStringList sql{dropCheckSql(to, old)};
        QStringList inverse;
        if (now) {
            sql.append(addCheckSql(to, *now));
            inverse.append(dropCheckSql(to, *now));
        }
        inverse.append(addCheckSql(to, old));
        Operation op = operation(now ? QStringLiteral("alter domain check")
                                     : QStringLiteral("drop domain check"),
                                 to, sql, inverse);
        if (now && !isNotValid(*now))
            op.hazards.append(Hazard::ValidatesConstraint);
        if (!isNotValid(old))
            op.inverseHazards.append(Hazard::ValidatesConstraint);
        plan.operations.append(op);
    }
    for (const Check &now : newChecks) {
        if (findCheck(oldChecks, now.name))
            continue;
        Operation op = operation(QStringLiteral("add domain check"), to, {addCheckSql(to, now)},
                                 {dropCheckSql(to, now)});
        if (!isNotValid(now))
            op.hazards.append(Hazard::ValidatesConstraint);
        plan.operations.append(op);
    }
    return plan;
}

QString dropTypeSql(const SchemaObject &type)
{
    return QStringLiteral("DROP TYPE %1").arg(type.qualifiedName());
}

} // namespace

QStringList createDomainSql(const SchemaObject &domain)
{
    QString sql = QStringLiteral("CREATE DOMAIN %1 AS %2")
                      .arg(domain.qualifiedName(), domain.property(kType));
    const QString collation = domain.property(QStringLiteral("collation"));
    if (!collation.isEmpty())
        sql += QStringLiteral(" COLLATE %1").arg(collation);
    const QString value = domain.property(kDefault);
    if (!value.isEmpty())
        sql += QStringLiteral(" DEFAULT %1").arg(value);
    if (isTrue(domain.property(QStringLiteral("not_null"))))
        sql += QStringLiteral(" NOT NULL");
    QStringList later;
    const QList<Check> checks = domainChecks(domain);
    for (const Check &check : checks) {
        // CREATE DOMAIN takes no NOT VALID constraint; those are added after it.
        if (isNotValid(check))
            later.append(addCheckSql(domain, check));
        else
            sql += QStringLiteral(" CONSTRAINT %1 %2").arg(check.name, check.definition);
    }
    return QStringList{sql} + later;
}

KindRules enumRules()
{
    KindRules rules = simpleRules(
        QStringLiteral("enum type"),
        [](const SchemaObject &type) { return QStringList{createEnumSql(type, enumValues(type))}; },
        dropTypeSql);
    rules.alter = alterEnum;
    return rules;
}

KindRules domainRules()
{
    KindRules rules =
        simpleRules(QStringLiteral("domain"), createDomainSql, [](const SchemaObject &domain) {
            return QStringLiteral("DROP DOMAIN %1").arg(domain.qualifiedName());
        });
    rules.alter = alterDomain;
    return rules;
}

} // namespace strata::schema::detail::objects
