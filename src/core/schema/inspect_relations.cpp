// Tables, sequences, columns, constraints and indexes of a PostgreSQL database (pg_class,
// pg_attribute, pg_constraint, pg_index), for inspectPostgres().
#include "schema/inspect_internal.h"

namespace strata::schema::inspectpg {

namespace {

const QString kClass = QStringLiteral("pg_class");

// "START WITH 1 INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 CACHE 1 NO CYCLE" of a
// pg_sequence row aliased s, as SQL for an identity column's sequence options.
const char *const kSequenceOptionsSql =
    "'START WITH ' || s.seqstart || ' INCREMENT BY ' || s.seqincrement || ' MINVALUE ' || "
    "s.seqmin || ' MAXVALUE ' || s.seqmax || ' CACHE ' || s.seqcache || CASE WHEN s.seqcycle "
    "THEN ' CYCLE' ELSE ' NO CYCLE' END";

} // namespace

Status readTables(Reader &reader)
{
    const QString sql =
        QStringLiteral(
            "SELECT c.oid, n.nspname, c.relname, c.relpersistence, CASE WHEN c.relkind = 'p' "
            "THEN pg_catalog.pg_get_partkeydef(c.oid) END, CASE WHEN c.relispartition THEN "
            "(SELECT pg_catalog.format('%I.%I', pn.nspname, p.relname) FROM "
            "pg_catalog.pg_inherits i JOIN pg_catalog.pg_class p ON p.oid = i.inhparent JOIN "
            "pg_catalog.pg_namespace pn ON pn.oid = p.relnamespace WHERE i.inhrelid = c.oid) END, "
            "CASE WHEN c.relispartition THEN pg_catalog.pg_get_expr(c.relpartbound, c.oid) END, "
            "CASE WHEN NOT c.relispartition THEN (SELECT pg_catalog.string_agg("
            "pg_catalog.format('%I.%I', pn.nspname, p.relname), ',' ORDER BY i.inhseqno) FROM "
            "pg_catalog.pg_inherits i JOIN pg_catalog.pg_class p ON p.oid = i.inhparent JOIN "
            "pg_catalog.pg_namespace pn ON pn.oid = p.relnamespace WHERE i.inhrelid = c.oid) END, "
            "c.relrowsecurity, c.relforcerowsecurity, (SELECT pg_catalog.string_agg(o, ',' "
            "ORDER BY o) FROM pg_catalog.unnest(c.reloptions) o), "
            "pg_catalog.obj_description(c.oid, 'pg_class'), "
            "pg_catalog.pg_get_userbyid(c.relowner), %1, CASE c.relreplident WHEN 'n' THEN "
            "'nothing' WHEN 'f' THEN 'full' WHEN 'i' THEN 'using index ' || (SELECT "
            "pg_catalog.quote_ident(ic.relname) FROM pg_catalog.pg_index i JOIN "
            "pg_catalog.pg_class ic ON ic.oid = i.indexrelid WHERE i.indrelid = c.oid AND "
            "i.indisreplident LIMIT 1) END FROM pg_catalog.pg_class c JOIN "
            "pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('r', 'p') "
            "AND ")
            .arg(Reader::grantsSql(QStringLiteral("c.relacl"), 'r', QStringLiteral("c.relowner"))) +
        reader.schemaFilter(QStringLiteral("n.nspname"));
    auto rows = reader.rows(QStringLiteral("tables"), sql);
    if (!rows)
        return rows.error();
    for (const QStringList &row : *rows) {
        if (reader.skipsRelation(row[0]))
            continue;
        SchemaObject table;
        table.kind = ObjectKind::Table;
        table.schema = row[1];
        table.name = row[2];
        table.properties.insert(QStringLiteral("persistence"), row[3] == QLatin1String("u")
                                                                   ? QStringLiteral("unlogged")
                                                                   : QStringLiteral("permanent"));
        table.properties.insert(QStringLiteral("partition_key"), row[4]);
        table.properties.insert(QStringLiteral("partition_of"), row[5]);
        table.properties.insert(QStringLiteral("partition_bound"), row[6]);
        table.properties.insert(QStringLiteral("inherits"), row[7]);
        table.properties.insert(QStringLiteral("row_security"), boolText(row[8]));
        table.properties.insert(QStringLiteral("force_row_security"), boolText(row[9]));
        table.properties.insert(QStringLiteral("options"),
                                normalizedOptions(row[10], QStringLiteral(",")));
        table.comment = row[11];
        table.owner = row[12];
        table.grants = lines(row[13]);
        table.properties.insert(QStringLiteral("replica_identity"), row[14]);
        reader.add(table, kClass, row[0]);
    }
    return {};
}

Status readSequences(Reader &reader)
{
    // Identity sequences (pg_depend deptype 'i' on their column) belong to the column.
    const QString sql =
        QStringLiteral(
            "SELECT c.oid, n.nspname, c.relname, pg_catalog.format_type(s.seqtypid, NULL), "
            "s.seqstart, s.seqincrement, s.seqmin, s.seqmax, s.seqcache, s.seqcycle, "
            "o.owned_by, o.table_oid, pg_catalog.obj_description(c.oid, 'pg_class'), "
            "pg_catalog.pg_get_userbyid(c.relowner), %1 FROM pg_catalog.pg_class c JOIN "
            "pg_catalog.pg_sequence s ON s.seqrelid = c.oid JOIN pg_catalog.pg_namespace n ON "
            "n.oid = c.relnamespace LEFT JOIN LATERAL (SELECT pg_catalog.format('%I.%I.%I', "
            "tn.nspname, t.relname, a.attname) AS owned_by, t.oid AS table_oid FROM "
            "pg_catalog.pg_depend d JOIN pg_catalog.pg_class t ON t.oid = d.refobjid JOIN "
            "pg_catalog.pg_namespace tn ON tn.oid = t.relnamespace JOIN pg_catalog.pg_attribute "
            "a ON a.attrelid = t.oid AND a.attnum = d.refobjsubid WHERE d.classid = "
            "'pg_catalog.pg_class'::pg_catalog.regclass AND d.objid = c.oid AND d.refclassid = "
            "'pg_catalog.pg_class'::pg_catalog.regclass AND d.deptype = 'a' AND d.refobjsubid > "
            "0 LIMIT 1) o ON true WHERE c.relkind = 'S' AND NOT EXISTS (SELECT 1 FROM "
            "pg_catalog.pg_depend d WHERE d.classid = 'pg_catalog.pg_class'::pg_catalog.regclass "
            "AND d.objid = c.oid AND d.deptype = 'i') AND ")
            .arg(Reader::grantsSql(QStringLiteral("c.relacl"), 's', QStringLiteral("c.relowner"))) +
        reader.schemaFilter(QStringLiteral("n.nspname"));
    auto rows = reader.rows(QStringLiteral("sequences"), sql);
    if (!rows)
        return rows.error();
    for (const QStringList &row : *rows) {
        if (reader.skipsRelation(row[0]) || (!row[11].isNull() && reader.skipsRelation(row[11])))
            continue;
        SchemaObject sequence;
        sequence.kind = ObjectKind::Sequence;
        sequence.schema = row[1];
        sequence.name = row[2];
        sequence.properties.insert(QStringLiteral("type"), row[3]);
        sequence.properties.insert(QStringLiteral("start"), row[4]);
        sequence.properties.insert(QStringLiteral("increment"), row[5]);
        sequence.properties.insert(QStringLiteral("min"), row[6]);
        sequence.properties.insert(QStringLiteral("max"), row[7]);
        sequence.properties.insert(QStringLiteral("cache"), row[8]);
        sequence.properties.insert(QStringLiteral("cycle"), boolText(row[9]));
        sequence.properties.insert(QStringLiteral("owned_by"), row[10]);
        sequence.comment = row[12];
        sequence.owner = row[13];
        sequence.grants = lines(row[14]);
        reader.add(sequence, kClass, row[0]);
    }
    return {};
}

Status readColumns(Reader &reader)
{
    // Columns a partition or an inheriting table takes from its parent (not attislocal) are
    // the parent's.
    const QString sql =
        QStringLiteral(
            "SELECT c.oid, a.attnum, n.nspname, c.relname, a.attname, "
            "pg_catalog.format_type(a.atttypid, a.atttypmod), a.attnotnull, CASE WHEN "
            "a.attgenerated = '' THEN pg_catalog.pg_get_expr(ad.adbin, ad.adrelid) END, "
            "a.attidentity, CASE WHEN a.attidentity <> '' THEN (SELECT %1 FROM "
            "pg_catalog.pg_depend d JOIN pg_catalog.pg_sequence s ON s.seqrelid = d.objid WHERE "
            "d.classid = 'pg_catalog.pg_class'::pg_catalog.regclass AND d.refclassid = "
            "'pg_catalog.pg_class'::pg_catalog.regclass AND d.refobjid = c.oid AND "
            "d.refobjsubid = a.attnum AND d.deptype = 'i' LIMIT 1) END, CASE WHEN "
            "a.attgenerated <> '' THEN pg_catalog.pg_get_expr(ad.adbin, ad.adrelid) END, CASE "
            "WHEN a.attcollation <> t.typcollation THEN pg_catalog.format('%I.%I', cn.nspname, "
            "co.collname) END, pg_catalog.col_description(c.oid, a.attnum), ad.oid, "
            "pg_catalog.array_to_string(ARRAY(SELECT CASE WHEN x.grantee = 0 THEN 'PUBLIC' ELSE "
            "pg_catalog.pg_get_userbyid(x.grantee) END || ':' || x.privilege_type || CASE WHEN "
            "x.is_grantable THEN '*' ELSE '' END FROM pg_catalog.aclexplode(a.attacl) x ORDER BY "
            "1), E'\\n'), CASE WHEN a.attstorage <> t.typstorage THEN CASE a.attstorage WHEN "
            "'p' THEN 'plain' WHEN 'e' THEN 'external' WHEN 'm' THEN 'main' ELSE 'extended' END "
            "END, CASE a.attcompression WHEN 'p' THEN 'pglz' WHEN 'l' THEN 'lz4' END, CASE WHEN "
            "a.attstattarget >= 0 THEN a.attstattarget::text END, (SELECT "
            "pg_catalog.string_agg(o, ',' ORDER BY o) FROM pg_catalog.unnest(a.attoptions) o) "
            "FROM pg_catalog.pg_attribute a "
            "JOIN pg_catalog.pg_class c ON c.oid = "
            "a.attrelid JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace JOIN "
            "pg_catalog.pg_type t ON t.oid = a.atttypid LEFT JOIN pg_catalog.pg_attrdef ad ON "
            "ad.adrelid = a.attrelid AND ad.adnum = a.attnum LEFT JOIN pg_catalog.pg_collation "
            "co ON co.oid = a.attcollation LEFT JOIN pg_catalog.pg_namespace cn ON cn.oid = "
            "co.collnamespace WHERE c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT "
            "a.attisdropped AND a.attislocal AND ")
            .arg(QLatin1String(kSequenceOptionsSql)) +
        reader.schemaFilter(QStringLiteral("n.nspname"));
    auto rows = reader.rows(QStringLiteral("columns"), sql);
    if (!rows)
        return rows.error();
    for (const QStringList &row : *rows) {
        if (reader.skipsRelation(row[0]))
            continue;
        SchemaObject column;
        column.kind = ObjectKind::Column;
        column.schema = row[2];
        column.table = row[3];
        column.name = row[4];
        column.properties.insert(QStringLiteral("type"), row[5]);
        column.properties.insert(QStringLiteral("not_null"), boolText(row[6]));
        column.properties.insert(QStringLiteral("default"), row[7]);
        const QString identity = row[8] == QLatin1String("a")   ? QStringLiteral("always")
                                 : row[8] == QLatin1String("d") ? QStringLiteral("by default")
                                                                : QString();
        column.properties.insert(QStringLiteral("identity"), identity);
        column.properties.insert(QStringLiteral("identity_options"),
                                 identity.isEmpty() ? QString() : row[9]);
        column.properties.insert(QStringLiteral("generated"), row[10]);
        column.properties.insert(QStringLiteral("collation"), row[11]);
        column.properties.insert(QStringLiteral("position"), row[1]);
        column.properties.insert(QStringLiteral("storage"), row[15]);
        column.properties.insert(QStringLiteral("compression"), row[16]);
        column.properties.insert(QStringLiteral("statistics"), row[17]);
        column.properties.insert(QStringLiteral("options"),
                                 normalizedOptions(row[18], QStringLiteral(",")));
        column.comment = row[12];
        column.grants = lines(row[14]);
        reader.add(column, kClass, row[0], row[1]);
        if (!row[13].isNull())
            reader.alias(QStringLiteral("pg_attrdef"), row[13], QStringLiteral("0"), column.key());
    }
    return {};
}

Status readConstraints(Reader &reader)
{
    // Constraints cloned onto partitions (conparentid) and inherited ones (not conislocal) are
    // the parent's; constraint triggers (contype 't') are read as triggers.
    const QString sql =
        QStringLiteral(
            "SELECT co.oid, c.oid, n.nspname, c.relname, co.conname, co.contype, "
            "pg_catalog.pg_get_constraintdef(co.oid), co.convalidated, "
            "pg_catalog.obj_description(co.oid, 'pg_constraint'), co.conindid FROM "
            "pg_catalog.pg_constraint co JOIN pg_catalog.pg_class c ON c.oid = co.conrelid JOIN "
            "pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('r', 'p') "
            "AND co.contype IN ('p', 'u', 'f', 'c', 'x') AND co.conparentid = 0 AND "
            "co.conislocal AND ") +
        reader.schemaFilter(QStringLiteral("n.nspname"));
    auto rows = reader.rows(QStringLiteral("constraints"), sql);
    if (!rows)
        return rows.error();
    for (const QStringList &row : *rows) {
        if (reader.skipsRelation(row[1]))
            continue;
        SchemaObject constraint;
        constraint.kind = ObjectKind::Constraint;
        constraint.schema = row[2];
        constraint.table = row[3];
        constraint.name = row[4];
        const QChar type = row[5].isEmpty() ? QChar() : row[5].at(0);
        QString typeName;
        switch (type.toLatin1()) {
        case 'p':
            typeName = QStringLiteral("primary key");
            break;
        case 'u':
            typeName = QStringLiteral("unique");
            break;
        case 'f':
            typeName = QStringLiteral("foreign key");
            break;
        case 'c':
            typeName = QStringLiteral("check");
            break;
        default:
            typeName = QStringLiteral("exclusion");
            break;
        }
        constraint.properties.insert(QStringLiteral("type"), typeName);
        constraint.properties.insert(QStringLiteral("definition"), row[6]);
        constraint.properties.insert(QStringLiteral("validated"), boolText(row[7]));
        constraint.comment = row[8];
        reader.add(constraint, QStringLiteral("pg_constraint"), row[0]);
        // The index behind a primary key, unique or exclusion constraint is the constraint's,
        // so a foreign key's dependency on it points at the constraint.
        if (type != QLatin1Char('f') && type != QLatin1Char('c') && row[9] != QLatin1String("0"))
            reader.alias(kClass, row[9], QStringLiteral("0"), constraint.key());
    }
    return {};
}

Status readIndexes(Reader &reader)
{
    // Indexes behind a constraint (pg_depend deptype 'i' on it) are made by the constraint.
    const QString sql =
        QStringLiteral(
            "SELECT ic.oid, t.oid, n.nspname, t.relname, ic.relname, "
            "pg_catalog.pg_get_indexdef(ic.oid), i.indisunique, (SELECT "
            "pg_catalog.format('%I.%I', pn.nspname, p.relname) FROM pg_catalog.pg_inherits h "
            "JOIN pg_catalog.pg_class p ON p.oid = h.inhparent JOIN pg_catalog.pg_namespace pn "
            "ON pn.oid = p.relnamespace WHERE h.inhrelid = ic.oid LIMIT 1), "
            "pg_catalog.obj_description(ic.oid, 'pg_class'), pg_catalog.quote_ident(ic.relname), "
            "i.indisvalid, i.indisclustered FROM pg_catalog.pg_index i JOIN pg_catalog.pg_class ic "
            "ON ic.oid = i.indexrelid "
            "JOIN pg_catalog.pg_class t ON t.oid = i.indrelid JOIN pg_catalog.pg_namespace n ON "
            "n.oid = t.relnamespace WHERE t.relkind IN ('r', 'p', 'm') AND NOT EXISTS (SELECT 1 "
            "FROM pg_catalog.pg_depend d WHERE d.classid = "
            "'pg_catalog.pg_class'::pg_catalog.regclass AND d.objid = ic.oid AND d.refclassid = "
            "'pg_catalog.pg_constraint'::pg_catalog.regclass AND d.deptype = 'i') AND ") +
        reader.schemaFilter(QStringLiteral("n.nspname"));
    auto rows = reader.rows(QStringLiteral("indexes"), sql);
    if (!rows)
        return rows.error();
    for (const QStringList &row : *rows) {
        if (reader.skipsRelation(row[1]) || reader.skipsRelation(row[0]))
            continue;
        SchemaObject index;
        index.kind = ObjectKind::Index;
        index.schema = row[2];
        index.table = row[3];
        index.name = row[4];
        // "CREATE [UNIQUE] INDEX name ON ...": the name becomes %INDEX%, so an index compares
        // by what it indexes, and a partition's index through the parent it is attached to.
        QString definition = row[5];
        const QString marker = QStringLiteral("INDEX ") + row[9] + QStringLiteral(" ON ");
        const qsizetype at = definition.indexOf(marker);
        if (at >= 0)
            definition.replace(at, marker.size(), QStringLiteral("INDEX %INDEX% ON "));
        index.properties.insert(QStringLiteral("definition"),
                                normalizedIndexDefinition(definition));
        index.properties.insert(QStringLiteral("unique"), boolText(row[6]));
        if (!row[7].isNull()) {
            index.properties.insert(QStringLiteral("parent"), row[7]);
            index.name = row[7];
        }
        index.comment = row[8];
        index.properties.insert(QStringLiteral("invalid"),
                                isTrue(row[10]) ? QString() : QStringLiteral("true"));
        index.properties.insert(QStringLiteral("clustered"),
                                isTrue(row[11]) ? QStringLiteral("true") : QString());
        reader.add(index, kClass, row[0]);
    }
    return {};
}

} // namespace strata::schema::inspectpg
