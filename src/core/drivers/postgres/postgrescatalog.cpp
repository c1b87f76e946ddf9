#include "drivers/postgres/postgrescatalog.h"

namespace strata::pgcatalog {

Result<QStringList> invalidIndexes(const Query &query)
{
    auto rows = query(QStringLiteral(
        "SELECT format('%I.%I', n.nspname, c.relname) FROM pg_index i JOIN pg_class c ON c.oid = "
        "i.indexrelid JOIN pg_namespace n ON n.oid = c.relnamespace WHERE NOT i.indisvalid "
        "ORDER BY 1"));
    if (!rows)
        return rows.error();
    QStringList out;
    for (const QStringList &row : *rows)
        out.append(row.value(0));
    return out;
}

Result<QMap<QString, QString>> schemaObjects(const Query &query, const QString &display,
                                             const QString &versionTable)
{
    // Every object of the user's schemas, by kind and name, with its definition as the server
    // prints it; Strata's own two tables (and what belongs to them) left out.
    const QString own =
        QStringLiteral("(%1, %2)")
            .arg(quoteLiteral(versionTable), quoteLiteral(historyTableName(versionTable)));
    const QString userSchemas = QStringLiteral(
        "n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%'");
    const QList<std::pair<QString, QString>> queries{
        {QStringLiteral("column"),
         QStringLiteral(
             "SELECT n.nspname || '.' || c.relname || '.' || a.attname, "
             "format_type(a.atttypid, a.atttypmod) || CASE WHEN a.attnotnull THEN ' NOT "
             "NULL' ELSE '' END || coalesce(' DEFAULT ' || pg_get_expr(d.adbin, "
             "d.adrelid), '') FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid "
             "JOIN pg_namespace n ON n.oid = c.relnamespace LEFT JOIN pg_attrdef d ON "
             "d.adrelid = a.attrelid AND d.adnum = a.attnum WHERE c.relkind IN ('r', "
             "'p', 'v', 'm', 'f') AND a.attnum > 0 AND NOT a.attisdropped AND {user} AND "
             "c.relname NOT IN {own}")},
        {QStringLiteral("relation"),
         QStringLiteral(
             "SELECT n.nspname || '.' || c.relname, c.relkind::text FROM pg_class c JOIN "
             "pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('r', 'p', "
             "'v', 'm', 'S', 'f') AND {user} AND c.relname NOT IN {own} AND c.relname NOT "
             "LIKE {history}")},
        {QStringLiteral("constraint"),
         QStringLiteral(
             "SELECT n.nspname || '.' || c.relname || '.' || k.conname, "
             "pg_get_constraintdef(k.oid) FROM pg_constraint k JOIN pg_class c ON c.oid "
             "= k.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace WHERE {user} AND "
             "c.relname NOT IN {own}")},
        {QStringLiteral("index"),
         QStringLiteral("SELECT schemaname || '.' || indexname, indexdef FROM pg_indexes n WHERE "
                        "schemaname NOT IN ('pg_catalog', 'information_schema') AND tablename NOT "
                        "IN {own}")},
        {QStringLiteral("view"),
         QStringLiteral("SELECT schemaname || '.' || viewname, definition FROM pg_views WHERE "
                        "schemaname NOT IN ('pg_catalog', 'information_schema')")},
        {QStringLiteral("function"),
         QStringLiteral(
             "SELECT n.nspname || '.' || p.proname || '(' || "
             "pg_get_function_identity_arguments(p.oid) || ')', pg_get_functiondef(p.oid) "
             "FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE {user} AND "
             "p.prokind IN ('f', 'p')")},
        {QStringLiteral("type"),
         QStringLiteral(
             "SELECT n.nspname || '.' || t.typname, string_agg(e.enumlabel, ',' ORDER BY "
             "e.enumsortorder) FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid "
             "JOIN pg_namespace n ON n.oid = t.typnamespace WHERE {user} GROUP BY 1")},
        {QStringLiteral("trigger"),
         QStringLiteral("SELECT n.nspname || '.' || c.relname || '.' || t.tgname, "
                        "pg_get_triggerdef(t.oid) FROM pg_trigger t JOIN pg_class c ON c.oid = "
                        "t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace WHERE NOT "
                        "t.tgisinternal AND {user}")},
        {QStringLiteral("schema"),
         QStringLiteral(
             "SELECT n.nspname, 'schema' FROM pg_namespace n WHERE {user} AND n.nspname <> "
             "'public'")},
    };
    QMap<QString, QString> out;
    for (const auto &[kind, sql] : queries) {
        // Named placeholders: each query uses a different subset of them.
        QString text = sql;
        text.replace(QLatin1String("{user}"), userSchemas)
            .replace(QLatin1String("{own}"), own)
            .replace(QLatin1String("{history}"),
                     quoteLiteral(historyTableName(versionTable) + QStringLiteral("%")));
        auto rows = query(text);
        if (!rows)
            return Error::failure(QStringLiteral("cannot read the %1s of %2: %3")
                                      .arg(kind, display, rows.error().message));
        for (const QStringList &row : *rows)
            out.insert(kind + QLatin1Char(' ') + row.value(0), row.value(1));
    }
    return out;
}

Result<SchemaCatalog> catalog(const Query &query, const QString &display,
                              const QString &versionTable)
{
    SchemaCatalog out;
    const QString userSchemas = QStringLiteral(
        "n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_%'");
    auto columns = query(
        QStringLiteral("SELECT n.nspname, c.relname, c.relkind IN ('v', 'm'), a.attname FROM "
                       "pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace JOIN "
                       "pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT "
                       "a.attisdropped WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f') AND %1 AND "
                       "c.relname NOT IN (%2, %3) ORDER BY 1, 2, a.attnum")
            .arg(userSchemas, quoteLiteral(versionTable),
                 quoteLiteral(historyTableName(versionTable))));
    if (!columns)
        return Error::failure(QStringLiteral("cannot read the tables of %1: %2")
                                  .arg(display, columns.error().message));
    for (const QStringList &row : *columns) {
        if (out.relations.isEmpty() || out.relations.last().schema != row.value(0) ||
            out.relations.last().name != row.value(1))
            out.relations.append(SchemaCatalog::Relation{
                row.value(0), row.value(1), row.value(2) == QLatin1String("t"), {}});
        out.relations.last().columns.append(row.value(3));
    }
    auto functions =
        query(QStringLiteral("SELECT DISTINCT p.proname FROM pg_proc p JOIN pg_namespace n ON "
                             "n.oid = p.pronamespace WHERE %1 ORDER BY 1")
                  .arg(userSchemas));
    if (!functions)
        return Error::failure(QStringLiteral("cannot read the functions of %1: %2")
                                  .arg(display, functions.error().message));
    for (const QStringList &row : *functions)
        out.functions.append(row.value(0));
    return out;
}

} // namespace strata::pgcatalog
