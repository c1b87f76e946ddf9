// Schemas, extensions, collations, types, views, functions, aggregates, triggers, rules and
// policies of a PostgreSQL database, for inspectPostgres().
#include "schema/inspect_internal.h"

namespace strata::schema::inspectpg {

namespace {

const QString kClass = QStringLiteral("pg_class");
const QString kType = QStringLiteral("pg_type");
const QString kProc = QStringLiteral("pg_proc");

QString owner(const QString &column)
{
    return QStringLiteral("pg_catalog.pg_get_userbyid(%1)").arg(column);
}

} // namespace

Status readSchemas(Reader &reader)
{
    const QString sql =
        QStringLiteral("SELECT n.oid, n.nspname, pg_catalog.obj_description(n.oid, "
                       "'pg_namespace'), %1, %2 FROM pg_catalog.pg_namespace n WHERE ")
            .arg(owner(QStringLiteral("n.nspowner")),
                 Reader::grantsSql(QStringLiteral("n.nspacl"), 'n', QStringLiteral("n.nspowner"))) +
        reader.schemaFilter(QStringLiteral("n.nspname"));
    auto rows = reader.rows(QStringLiteral("schemas"), sql);
    if (!rows)
        return rows.error();
    for (const QStringList &row : *rows) {
        if (reader.isExtensionMember(QStringLiteral("pg_namespace"), row[0]))
            continue;
        SchemaObject schema;
        schema.kind = ObjectKind::Schema;
        schema.name = row[1];
        schema.comment = row[2];
        schema.owner = row[3];
        schema.grants = lines(row[4]);
        reader.add(schema, QStringLiteral("pg_namespace"), row[0]);
    }
    return {};
}

Status readExtensions(Reader &reader)
{
    auto rows = reader.rows(
        QStringLiteral("extensions"),
        QStringLiteral("SELECT e.oid, e.extname, e.extversion, n.nspname, "
                       "pg_catalog.obj_description(e.oid, 'pg_extension'), %1 FROM "
                       "pg_catalog.pg_extension e JOIN pg_catalog.pg_namespace n ON n.oid = "
                       "e.extnamespace")
            .arg(owner(QStringLiteral("e.extowner"))));
    if (!rows)
        return rows.error();
    for (const QStringList &row : *rows) {
        SchemaObject extension;
        extension.kind = ObjectKind::Extension;
        extension.name = row[1];
        extension.properties.insert(QStringLiteral("version"), row[2]);
        extension.properties.insert(QStringLiteral("schema"), row[3]);
        extension.comment = row[4];
        extension.owner = row[5];
        reader.add(extension, QStringLiteral("pg_extension"), row[0]);
        reader.setExtensionKey(row[0], extension.key());
    }
    return {};
}

Status readCollations(Reader &reader)
{
    const QString sql =
        QStringLiteral("SELECT c.oid, n.nspname, c.collname, c.collprovider, c.collcollate, "
                       "c.collctype, %2, c.collisdeterministic, "
                       "pg_catalog.obj_description(c.oid, 'pg_collation'), %1 FROM "
                       "pg_catalog.pg_collation c JOIN pg_catalog.pg_namespace n ON n.oid = "
                       "c.collnamespace WHERE ")
            .arg(owner(QStringLiteral("c.collowner")),
                 // PostgreSQL 17 renamed colliculocale to colllocale.
                 reader.serverVersionNum() >= 170000 ? QStringLiteral("c.colllocale")
                                                     : QStringLiteral("c.colliculocale")) +
        reader.schemaFilter(QStringLiteral("n.nspname"));
    auto rows = reader.rows(QStringLiteral("collations"), sql);
    if (!rows)
        return rows.error();
    for (const QStringList &row : *rows) {
        if (reader.isExtensionMember(QStringLiteral("pg_collation"), row[0]))
            continue;
        SchemaObject collation;
        collation.kind = ObjectKind::Collation;
        collation.schema = row[1];
        collation.name = row[2];
        collation.properties.insert(QStringLiteral("provider"), row[3]);
        if (row[3] == QLatin1String("i")) {
            collation.properties.insert(QStringLiteral("locale"), row[6]);
        } else {
            collation.properties.insert(QStringLiteral("lc_collate"), row[4]);
            collation.properties.insert(QStringLiteral("lc_ctype"), row[5]);
        }
        collation.properties.insert(QStringLiteral("deterministic"), boolText(row[7]));
        collation.comment = row[8];
        collation.owner = row[9];
        reader.add(collation, QStringLiteral("pg_collation"), row[0]);
    }
    return {};
}

Status readTypes(Reader &reader)
{
    // Enum types (typtype e), domains (d) and composite types (c whose relation is a
    // standalone composite, relkind c); the row types of tables are the tables'.
    const QString sql =
        QStringLiteral(
            "SELECT t.oid, n.nspname, t.typname, t.typtype, t.typarray, t.typrelid, "
            "pg_catalog.obj_description(t.oid, 'pg_type'), %1, %2, CASE t.typtype WHEN 'e' THEN "
            "(SELECT pg_catalog.string_agg(e.enumlabel, E'\\n' ORDER BY e.enumsortorder) FROM "
            "pg_catalog.pg_enum e WHERE e.enumtypid = t.oid) WHEN 'c' THEN (SELECT "
            "pg_catalog.string_agg(pg_catalog.quote_ident(a.attname) || ' ' || "
            "pg_catalog.format_type(a.atttypid, a.atttypmod) || CASE WHEN a.attcollation <> "
            "at.typcollation THEN ' COLLATE ' || pg_catalog.format('%I.%I', cn.nspname, "
            "co.collname) ELSE '' END, E'\\n' ORDER BY a.attnum) FROM pg_catalog.pg_attribute a "
            "JOIN pg_catalog.pg_type at ON at.oid = a.atttypid LEFT JOIN "
            "pg_catalog.pg_collation co ON co.oid = a.attcollation LEFT JOIN "
            "pg_catalog.pg_namespace cn ON cn.oid = co.collnamespace WHERE a.attrelid = "
            "t.typrelid AND a.attnum > 0 AND NOT a.attisdropped) END, "
            "pg_catalog.format_type(t.typbasetype, t.typtypmod), "
            "pg_catalog.pg_get_expr(t.typdefaultbin, 0), t.typnotnull, CASE WHEN t.typtype = 'd' "
            "AND t.typcollation <> bt.typcollation THEN (SELECT pg_catalog.format('%I.%I', "
            "cn.nspname, co.collname) FROM pg_catalog.pg_collation co JOIN "
            "pg_catalog.pg_namespace cn ON cn.oid = co.collnamespace WHERE co.oid = "
            "t.typcollation) END, (SELECT pg_catalog.string_agg(c.conname || ': ' || "
            "pg_catalog.pg_get_constraintdef(c.oid), E'\\n' ORDER BY c.conname) FROM "
            "pg_catalog.pg_constraint c WHERE c.contypid = t.oid AND c.contype = 'c') FROM "
            "pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace LEFT "
            "JOIN pg_catalog.pg_type bt ON bt.oid = t.typbasetype LEFT JOIN pg_catalog.pg_class "
            "r ON r.oid = t.typrelid WHERE (t.typtype IN ('e', 'd') OR (t.typtype = 'c' AND "
            "r.relkind = 'c')) AND ")
            .arg(owner(QStringLiteral("t.typowner")),
                 Reader::grantsSql(QStringLiteral("t.typacl"), 'T', QStringLiteral("t.typowner"))) +
        reader.schemaFilter(QStringLiteral("n.nspname"));
    auto rows = reader.rows(QStringLiteral("types"), sql);
    if (!rows)
        return rows.error();
    for (const QStringList &row : *rows) {
        if (reader.isExtensionMember(kType, row[0]))
            continue;
        SchemaObject type;
        type.schema = row[1];
        type.name = row[2];
        type.comment = row[6];
        type.owner = row[7];
        type.grants = lines(row[8]);
        if (row[3] == QLatin1String("e")) {
            type.kind = ObjectKind::EnumType;
            type.properties.insert(QStringLiteral("values"), row[9]);
        } else if (row[3] == QLatin1String("c")) {
            type.kind = ObjectKind::CompositeType;
            type.properties.insert(QStringLiteral("attributes"), row[9]);
        } else {
            type.kind = ObjectKind::Domain;
            type.properties.insert(QStringLiteral("type"), row[10]);
            type.properties.insert(QStringLiteral("default"), row[11]);
            type.properties.insert(QStringLiteral("not_null"), boolText(row[12]));
            type.properties.insert(QStringLiteral("collation"), row[13]);
            type.properties.insert(QStringLiteral("checks"), row[14]);
        }
        reader.add(type, kType, row[0]);
        if (row[4] != QLatin1String("0"))
            reader.alias(kType, row[4], QStringLiteral("0"), type.key());
        if (row[5] != QLatin1String("0"))
            reader.alias(kClass, row[5], QStringLiteral("0"), type.key());
    }
    return {};
}

Status readViews(Reader &reader)
{
    const QString sql =
        QStringLiteral(
            "SELECT c.oid, n.nspname, c.relname, c.relkind, pg_catalog.pg_get_viewdef(c.oid), "
            "(SELECT pg_catalog.string_agg(o, ',' ORDER BY o) FROM "
            "pg_catalog.unnest(c.reloptions) o), (SELECT pg_catalog.string_agg("
            "pg_catalog.quote_ident(a.attname) || ' ' || pg_catalog.format_type(a.atttypid, "
            "a.atttypmod), E'\\n' ORDER BY a.attnum) FROM pg_catalog.pg_attribute a WHERE "
            "a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped), "
            "pg_catalog.obj_description(c.oid, 'pg_class'), %1, %2, c.reltype FROM "
            "pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
            "WHERE c.relkind IN ('v', 'm') AND ")
            .arg(owner(QStringLiteral("c.relowner")),
                 Reader::grantsSql(QStringLiteral("c.relacl"), 'r', QStringLiteral("c.relowner"))) +
        reader.schemaFilter(QStringLiteral("n.nspname"));
    auto rows = reader.rows(QStringLiteral("views"), sql);
    if (!rows)
        return rows.error();
    for (const QStringList &row : *rows) {
        if (reader.skipsRelation(row[0]))
            continue;
        SchemaObject view;
        view.kind = row[3] == QLatin1String("m") ? ObjectKind::MaterializedView : ObjectKind::View;
        view.schema = row[1];
        view.name = row[2];
        view.properties.insert(QStringLiteral("definition"), row[4]);
        view.properties.insert(QStringLiteral("options"),
                               normalizedOptions(row[5], QStringLiteral(",")));
        view.properties.insert(QStringLiteral("columns"), row[6]);
        view.comment = row[7];
        view.owner = row[8];
        view.grants = lines(row[9]);
        reader.add(view, kClass, row[0]);
        reader.alias(kType, row[10], QStringLiteral("0"), view.key());
    }
    return {};
}

Status readFunctions(Reader &reader)
{
    // Functions internal to another object (a range type's constructors) are that object's.
    const QString sql =
        QStringLiteral(
            "SELECT p.oid, n.nspname, p.proname, "
            "pg_catalog.pg_get_function_identity_arguments(p.oid), p.prokind, "
            "pg_catalog.pg_get_functiondef(p.oid), pg_catalog.pg_get_function_result(p.oid), "
            "pg_catalog.obj_description(p.oid, 'pg_proc'), %1, %2 FROM pg_catalog.pg_proc p "
            "JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace WHERE p.prokind IN ('f', "
            "'p', 'w') AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d WHERE d.classid = "
            "'pg_catalog.pg_proc'::pg_catalog.regclass AND d.objid = p.oid AND d.deptype = 'i') "
            "AND ")
            .arg(owner(QStringLiteral("p.proowner")),
                 Reader::grantsSql(QStringLiteral("p.proacl"), 'f', QStringLiteral("p.proowner"))) +
        reader.schemaFilter(QStringLiteral("n.nspname"));
    auto rows = reader.rows(QStringLiteral("functions"), sql);
    if (!rows)
        return rows.error();
    for (const QStringList &row : *rows) {
        if (reader.isExtensionMember(kProc, row[0]))
            continue;
        SchemaObject function;
        function.kind = ObjectKind::Function;
        function.schema = row[1];
        function.name = row[2];
        function.arguments = row[3];
        function.properties.insert(QStringLiteral("kind"),
                                   row[4] == QLatin1String("p")   ? QStringLiteral("procedure")
                                   : row[4] == QLatin1String("w") ? QStringLiteral("window")
                                                                  : QStringLiteral("function"));
        function.properties.insert(QStringLiteral("definition"), row[5].trimmed());
        function.properties.insert(QStringLiteral("returns"), row[6]);
        function.comment = row[7];
        function.owner = row[8];
        function.grants = lines(row[9]);
        reader.add(function, kProc, row[0]);
    }
    return {};
}

Status readAggregates(Reader &reader)
{
    // No pg_get_aggregatedef exists: the statement is built from pg_aggregate as pg_dump
    // does, naming only what differs from the defaults.
    const QString sql =
        QStringLiteral(
            "SELECT p.oid, n.nspname, p.proname, "
            "pg_catalog.pg_get_function_identity_arguments(p.oid), "
            "pg_catalog.pg_get_function_arguments(p.oid), pg_catalog.format('%I.%I', n.nspname, "
            "p.proname), a.aggkind, a.aggtransfn::pg_catalog.regprocedure, "
            "pg_catalog.format_type(a.aggtranstype, NULL), a.aggtransspace, NULLIF(a.aggfinalfn, "
            "0)::pg_catalog.regprocedure, a.aggfinalextra, a.aggfinalmodify, "
            "NULLIF(a.aggcombinefn, 0)::pg_catalog.regprocedure, NULLIF(a.aggserialfn, "
            "0)::pg_catalog.regprocedure, NULLIF(a.aggdeserialfn, 0)::pg_catalog.regprocedure, "
            "pg_catalog.quote_literal(a.agginitval), NULLIF(a.aggmtransfn, "
            "0)::pg_catalog.regprocedure, NULLIF(a.aggminvtransfn, 0)::pg_catalog.regprocedure, "
            "CASE WHEN a.aggmtranstype <> 0 THEN pg_catalog.format_type(a.aggmtranstype, NULL) "
            "END, NULLIF(a.aggmfinalfn, 0)::pg_catalog.regprocedure, a.aggmfinalextra, "
            "pg_catalog.quote_literal(a.aggminitval), NULLIF(a.aggsortop, "
            "0)::pg_catalog.regoperator, p.proparallel, pg_catalog.obj_description(p.oid, "
            "'pg_proc'), %1, %2 FROM pg_catalog.pg_proc p JOIN pg_catalog.pg_aggregate a ON "
            "a.aggfnoid = p.oid JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace WHERE ")
            .arg(owner(QStringLiteral("p.proowner")),
                 Reader::grantsSql(QStringLiteral("p.proacl"), 'f', QStringLiteral("p.proowner"))) +
        reader.schemaFilter(QStringLiteral("n.nspname"));
    auto rows = reader.rows(QStringLiteral("aggregates"), sql);
    if (!rows)
        return rows.error();
    // regprocedure prints "name(argtypes)"; CREATE AGGREGATE wants the name alone.
    const auto procName = [](const QString &text) {
        return text.left(text.indexOf(QLatin1Char('(')));
    };
    for (const QStringList &row : *rows) {
        if (reader.isExtensionMember(kProc, row[0]))
            continue;
        const QString kind = row[6];
        QStringList parts;
        parts << QStringLiteral("SFUNC = ") + procName(row[7])
              << QStringLiteral("STYPE = ") + row[8];
        if (row[9] != QLatin1String("0"))
            parts << QStringLiteral("SSPACE = ") + row[9];
        if (!row[10].isNull())
            parts << QStringLiteral("FINALFUNC = ") + procName(row[10]);
        if (isTrue(row[11]))
            parts << QStringLiteral("FINALFUNC_EXTRA");
        const QString defaultModify =
            kind == QLatin1String("n") ? QStringLiteral("r") : QStringLiteral("w");
        if (!row[10].isNull() && row[12] != defaultModify)
            parts << QStringLiteral("FINALFUNC_MODIFY = ") +
                         (row[12] == QLatin1String("r")   ? QStringLiteral("READ_ONLY")
                          : row[12] == QLatin1String("s") ? QStringLiteral("SHAREABLE")
                                                          : QStringLiteral("READ_WRITE"));
        if (!row[13].isNull())
            parts << QStringLiteral("COMBINEFUNC = ") + procName(row[13]);
        if (!row[14].isNull())
            parts << QStringLiteral("SERIALFUNC = ") + procName(row[14]);
        if (!row[15].isNull())
            parts << QStringLiteral("DESERIALFUNC = ") + procName(row[15]);
        if (!row[16].isNull())
            parts << QStringLiteral("INITCOND = ") + row[16];
        if (!row[17].isNull()) {
            parts << QStringLiteral("MSFUNC = ") + procName(row[17])
                  << QStringLiteral("MINVFUNC = ") + procName(row[18])
                  << QStringLiteral("MSTYPE = ") + row[19];
            if (!row[20].isNull())
                parts << QStringLiteral("MFINALFUNC = ") + procName(row[20]);
            if (isTrue(row[21]))
                parts << QStringLiteral("MFINALFUNC_EXTRA");
            if (!row[22].isNull())
                parts << QStringLiteral("MINITCOND = ") + row[22];
        }
        if (!row[23].isNull()) {
            QString op = row[23];
            parts << QStringLiteral("SORTOP = OPERATOR(") + op.left(op.indexOf(QLatin1Char('('))) +
                         QLatin1Char(')');
        }
        if (row[24] == QLatin1String("s"))
            parts << QStringLiteral("PARALLEL = SAFE");
        else if (row[24] == QLatin1String("r"))
            parts << QStringLiteral("PARALLEL = RESTRICTED");
        if (kind == QLatin1String("h"))
            parts << QStringLiteral("HYPOTHETICAL");
        const QString arguments = row[4].isEmpty() ? QStringLiteral("*") : row[4];
        SchemaObject aggregate;
        aggregate.kind = ObjectKind::Aggregate;
        aggregate.schema = row[1];
        aggregate.name = row[2];
        aggregate.arguments = row[3];
        aggregate.properties.insert(
            QStringLiteral("definition"),
            QStringLiteral("CREATE AGGREGATE %1(%2) (\n    %3\n)")
                .arg(row[5], arguments, parts.join(QStringLiteral(",\n    "))));
        aggregate.comment = row[25];
        aggregate.owner = row[26];
        aggregate.grants = lines(row[27]);
        reader.add(aggregate, kProc, row[0]);
    }
    return {};
}

Status readTriggers(Reader &reader)
{
    // Internal triggers (foreign keys') and those cloned onto partitions (tgparentid) are not
    // the user's own.
    const QString sql =
        QStringLiteral(
            "SELECT tg.oid, c.oid, n.nspname, c.relname, tg.tgname, "
            "pg_catalog.pg_get_triggerdef(tg.oid), tg.tgenabled, "
            "pg_catalog.obj_description(tg.oid, 'pg_trigger') FROM pg_catalog.pg_trigger tg "
            "JOIN pg_catalog.pg_class c ON c.oid = tg.tgrelid JOIN pg_catalog.pg_namespace n ON "
            "n.oid = c.relnamespace WHERE NOT tg.tgisinternal AND tg.tgparentid = 0 AND "
            "c.relkind IN ('r', 'p', 'v') AND ") +
        reader.schemaFilter(QStringLiteral("n.nspname"));
    auto rows = reader.rows(QStringLiteral("triggers"), sql);
    if (!rows)
        return rows.error();
    for (const QStringList &row : *rows) {
        if (reader.skipsRelation(row[1]) ||
            reader.isExtensionMember(QStringLiteral("pg_trigger"), row[0]))
            continue;
        SchemaObject trigger;
        trigger.kind = ObjectKind::Trigger;
        trigger.schema = row[2];
        trigger.table = row[3];
        trigger.name = row[4];
        trigger.properties.insert(QStringLiteral("definition"), row[5]);
        trigger.properties.insert(QStringLiteral("enabled"), row[6]);
        trigger.comment = row[7];
        reader.add(trigger, QStringLiteral("pg_trigger"), row[0]);
    }
    return {};
}

Status readRules(Reader &reader)
{
    const QString sql =
        QStringLiteral(
            "SELECT r.oid, c.oid, n.nspname, c.relname, r.rulename, "
            "pg_catalog.pg_get_ruledef(r.oid), pg_catalog.obj_description(r.oid, 'pg_rewrite') "
            "FROM pg_catalog.pg_rewrite r JOIN pg_catalog.pg_class c ON c.oid = r.ev_class JOIN "
            "pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE r.rulename <> '_RETURN' "
            "AND c.relkind IN ('r', 'p', 'v', 'm') AND ") +
        reader.schemaFilter(QStringLiteral("n.nspname"));
    auto rows = reader.rows(QStringLiteral("rules"), sql);
    if (!rows)
        return rows.error();
    for (const QStringList &row : *rows) {
        if (reader.skipsRelation(row[1]))
            continue;
        SchemaObject rule;
        rule.kind = ObjectKind::Rule;
        rule.schema = row[2];
        rule.table = row[3];
        rule.name = row[4];
        rule.properties.insert(QStringLiteral("definition"), row[5]);
        rule.comment = row[6];
        reader.add(rule, QStringLiteral("pg_rewrite"), row[0]);
    }
    return {};
}

Status readPolicies(Reader &reader)
{
    const QString sql =
        QStringLiteral(
            "SELECT p.oid, c.oid, n.nspname, c.relname, p.polname, p.polpermissive, p.polcmd, "
            "(SELECT pg_catalog.string_agg(x.name, ',' ORDER BY x.name) FROM (SELECT CASE WHEN "
            "r = 0 THEN 'public' ELSE pg_catalog.pg_get_userbyid(r) END AS name FROM "
            "pg_catalog.unnest(p.polroles) r) x), pg_catalog.pg_get_expr(p.polqual, "
            "p.polrelid), pg_catalog.pg_get_expr(p.polwithcheck, p.polrelid), "
            "pg_catalog.obj_description(p.oid, 'pg_policy') FROM pg_catalog.pg_policy p JOIN "
            "pg_catalog.pg_class c ON c.oid = p.polrelid JOIN pg_catalog.pg_namespace n ON "
            "n.oid = c.relnamespace WHERE ") +
        reader.schemaFilter(QStringLiteral("n.nspname"));
    auto rows = reader.rows(QStringLiteral("policies"), sql);
    if (!rows)
        return rows.error();
    for (const QStringList &row : *rows) {
        if (reader.skipsRelation(row[1]))
            continue;
        SchemaObject policy;
        policy.kind = ObjectKind::Policy;
        policy.schema = row[2];
        policy.table = row[3];
        policy.name = row[4];
        policy.properties.insert(QStringLiteral("permissive"), boolText(row[5]));
        const QString command = row[6] == QLatin1String("r")   ? QStringLiteral("SELECT")
                                : row[6] == QLatin1String("a") ? QStringLiteral("INSERT")
                                : row[6] == QLatin1String("w") ? QStringLiteral("UPDATE")
                                : row[6] == QLatin1String("d") ? QStringLiteral("DELETE")
                                                               : QStringLiteral("ALL");
        policy.properties.insert(QStringLiteral("command"), command);
        policy.properties.insert(QStringLiteral("roles"), row[7]);
        policy.properties.insert(QStringLiteral("using"), row[8]);
        policy.properties.insert(QStringLiteral("with_check"), row[9]);
        policy.comment = row[10];
        reader.add(policy, QStringLiteral("pg_policy"), row[0]);
    }
    return {};
}

} // namespace strata::schema::inspectpg
