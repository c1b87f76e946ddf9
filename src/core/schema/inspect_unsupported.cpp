// What a PostgreSQL database holds that Strata does not model, for inspectPostgres(): each
// listed by kind and name with a fingerprint of its definition, so a diff refuses and drift
// reports one that was added, removed or changed.
#include "schema/inspect_internal.h"

#include <QCryptographicHash>

namespace strata::schema::inspectpg {

namespace {

// One kind of object Strata does not model, as a catalog query's parts.
struct UnmodelledKind
{
    const char *kind;       // as users read it: "foreign table"
    const char *catalog;    // "pg_class" (aliased o)
    const char *name;       // SQL text of its name; in a schema, unqualified (n is its schema)
    const char *nspColumn;  // its pg_namespace oid column, or nullptr for global objects
    const char *where;      // which rows
    const char *relation;   // the relation it is on (to follow excluded tables), or "0"
    const char *definition; // SQL text of what defines it, names not oids
};

// The definitions name things (regproc, regtype, format_type), never oids, so the same object
// in two databases has the same fingerprint.
constexpr UnmodelledKind kKinds[] = {
    {"foreign table", "pg_class", "o.relname", "o.relnamespace", "o.relkind = 'f'", "0",
     "pg_catalog.concat_ws(' ', (SELECT pg_catalog.string_agg(a.attname || ' ' || "
     "pg_catalog.format_type(a.atttypid, a.atttypmod) || CASE WHEN a.attnotnull THEN ' not null' "
     "ELSE '' END || COALESCE(' ' || pg_catalog.array_to_string(a.attfdwoptions, ','), ''), ',' "
     "ORDER BY a.attnum) FROM pg_catalog.pg_attribute a WHERE a.attrelid = o.oid AND a.attnum > 0 "
     "AND NOT a.attisdropped), (SELECT s.srvname || ' ' || COALESCE(pg_catalog.array_to_string("
     "f.ftoptions, ','), '') FROM pg_catalog.pg_foreign_table f JOIN "
     "pg_catalog.pg_foreign_server s ON s.oid = f.ftserver WHERE f.ftrelid = o.oid))"},
    // A typed table (CREATE TABLE ... OF type) would be made again as a plain one.
    {"typed table", "pg_class", "o.relname", "o.relnamespace",
     "o.relkind IN ('r', 'p') AND o.reloftype <> 0", "o.oid",
     "o.reloftype::pg_catalog.regtype::text"},
    {"range type", "pg_type", "o.typname", "o.typnamespace", "o.typtype = 'r'", "0",
     "(SELECT pg_catalog.concat_ws(' ', pg_catalog.format_type(r.rngsubtype, NULL), "
     "r.rngcollation::pg_catalog.regcollation::text, (SELECT c.opcname FROM "
     "pg_catalog.pg_opclass c WHERE c.oid = r.rngsubopc), r.rngcanonical::text, "
     "r.rngsubdiff::text) FROM pg_catalog.pg_range r WHERE r.rngtypid = o.oid)"},
    {"base type", "pg_type", "o.typname", "o.typnamespace",
     "o.typtype IN ('b', 'p') AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_type e WHERE "
     "e.typarray = o.oid)",
     "0",
     "pg_catalog.concat_ws(' ', o.typinput::text, o.typoutput::text, o.typreceive::text, "
     "o.typsend::text, o.typmodin::text, o.typmodout::text, o.typanalyze::text, o.typlen, "
     "o.typbyval, o.typalign, o.typstorage, o.typcategory, o.typdelim, "
     "pg_catalog.format_type(o.typelem, NULL))"},
    {"operator", "pg_operator",
     "o.oprname || '(' || pg_catalog.format_type(o.oprleft, NULL) || "
     "',' || pg_catalog.format_type(o.oprright, NULL) || ')'",
     "o.oprnamespace", "true", "0",
     "pg_catalog.concat_ws(' ', o.oprcode::text, o.oprcom::pg_catalog.regoperator::text, "
     "o.oprnegate::pg_catalog.regoperator::text, o.oprrest::text, o.oprjoin::text, "
     "o.oprcanmerge, o.oprcanhash)"},
    {"operator class", "pg_opclass", "o.opcname", "o.opcnamespace", "true", "0",
     "pg_catalog.concat_ws(' ', (SELECT m.amname FROM pg_catalog.pg_am m WHERE m.oid = "
     "o.opcmethod), pg_catalog.format_type(o.opcintype, NULL), o.opcdefault, (SELECT "
     "pg_catalog.string_agg(p.amopstrategy || ' ' || p.amopopr::pg_catalog.regoperator::text, "
     "',' ORDER BY 1) FROM pg_catalog.pg_amop p WHERE p.amopfamily = o.opcfamily), (SELECT "
     "pg_catalog.string_agg(p.amprocnum || ' ' || p.amproc::pg_catalog.regprocedure::text, ',' "
     "ORDER BY 1) FROM pg_catalog.pg_amproc p WHERE p.amprocfamily = o.opcfamily))"},
    {"operator family", "pg_opfamily", "o.opfname", "o.opfnamespace", "true", "0",
     "pg_catalog.concat_ws(' ', (SELECT m.amname FROM pg_catalog.pg_am m WHERE m.oid = "
     "o.opfmethod), (SELECT pg_catalog.string_agg(p.amopstrategy || ' ' || "
     "p.amopopr::pg_catalog.regoperator::text, ',' ORDER BY 1) FROM pg_catalog.pg_amop p WHERE "
     "p.amopfamily = o.oid), (SELECT pg_catalog.string_agg(p.amprocnum || ' ' || "
     "p.amproc::pg_catalog.regprocedure::text, ',' ORDER BY 1) FROM pg_catalog.pg_amproc p "
     "WHERE p.amprocfamily = o.oid))"},
    {"conversion", "pg_conversion", "o.conname", "o.connamespace", "true", "0",
     "pg_catalog.concat_ws(' ', pg_catalog.pg_encoding_to_char(o.conforencoding), "
     "pg_catalog.pg_encoding_to_char(o.contoencoding), o.conproc::text, o.condefault)"},
    {"text search configuration", "pg_ts_config", "o.cfgname", "o.cfgnamespace", "true", "0",
     "pg_catalog.concat_ws(' ', (SELECT p.prsname FROM pg_catalog.pg_ts_parser p WHERE p.oid = "
     "o.cfgparser), (SELECT pg_catalog.string_agg(m.maptokentype || ':' || m.mapseqno || ':' || "
     "m.mapdict::pg_catalog.regdictionary::text, ',' ORDER BY m.maptokentype, m.mapseqno) FROM "
     "pg_catalog.pg_ts_config_map m WHERE m.mapcfg = o.oid))"},
    {"text search dictionary", "pg_ts_dict", "o.dictname", "o.dictnamespace", "true", "0",
     "pg_catalog.concat_ws(' ', (SELECT t.tmplname FROM pg_catalog.pg_ts_template t WHERE t.oid "
     "= o.dicttemplate), o.dictinitoption)"},
    {"text search parser", "pg_ts_parser", "o.prsname", "o.prsnamespace", "true", "0",
     "pg_catalog.concat_ws(' ', o.prsstart::text, o.prstoken::text, o.prsend::text, "
     "o.prsheadline::text, o.prslextype::text)"},
    {"text search template", "pg_ts_template", "o.tmplname", "o.tmplnamespace", "true", "0",
     "pg_catalog.concat_ws(' ', o.tmplinit::text, o.tmpllexize::text)"},
    {"statistics object", "pg_statistic_ext", "o.stxname", "o.stxnamespace", "true", "o.stxrelid",
     "pg_catalog.concat_ws(' ', pg_catalog.pg_get_statisticsobjdef(o.oid), "
     "o.stxstattarget)"},
    {"trigger on foreign table", "pg_trigger", "o.tgname",
     "(SELECT c.relnamespace FROM pg_catalog.pg_class c WHERE c.oid = o.tgrelid)",
     "NOT o.tgisinternal AND (SELECT c.relkind FROM pg_catalog.pg_class c WHERE c.oid = "
     "o.tgrelid) = 'f'",
     "0", "pg_catalog.pg_get_triggerdef(o.oid)"},
    {"event trigger", "pg_event_trigger", "pg_catalog.quote_ident(o.evtname)", nullptr, "true", "0",
     "pg_catalog.concat_ws(' ', o.evtevent, o.evtfoid::pg_catalog.regproc::text, o.evtenabled, "
     "pg_catalog.array_to_string(o.evttags, ','))"},
    // Casts the server makes itself (a range's to its multirange) are the type's.
    {"cast", "pg_cast",
     "'(' || pg_catalog.format_type(o.castsource, NULL) || ' AS ' || "
     "pg_catalog.format_type(o.casttarget, NULL) || ')'",
     nullptr,
     "o.oid >= 16384 AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d WHERE d.classid = "
     "'pg_catalog.pg_cast'::pg_catalog.regclass AND d.objid = o.oid AND d.deptype = 'i')",
     "0",
     "pg_catalog.concat_ws(' ', o.castfunc::pg_catalog.regprocedure::text, o.castcontext, "
     "o.castmethod)"},
    {"foreign-data wrapper", "pg_foreign_data_wrapper", "pg_catalog.quote_ident(o.fdwname)",
     nullptr, "true", "0",
     "pg_catalog.concat_ws(' ', o.fdwhandler::pg_catalog.regproc::text, "
     "o.fdwvalidator::pg_catalog.regproc::text, pg_catalog.array_to_string(o.fdwoptions, ','))"},
    {"server", "pg_foreign_server", "pg_catalog.quote_ident(o.srvname)", nullptr, "true", "0",
     "pg_catalog.concat_ws(' ', (SELECT w.fdwname FROM pg_catalog.pg_foreign_data_wrapper w "
     "WHERE w.oid = o.srvfdw), o.srvtype, o.srvversion, pg_catalog.array_to_string(o.srvoptions, "
     "','))"},
    {"publication", "pg_publication", "pg_catalog.quote_ident(o.pubname)", nullptr, "true", "0",
     "pg_catalog.concat_ws(' ', o.puballtables, o.pubinsert, o.pubupdate, o.pubdelete, "
     "o.pubtruncate, o.pubviaroot, (SELECT pg_catalog.string_agg("
     "r.prrelid::pg_catalog.regclass::text, ',' ORDER BY 1) FROM pg_catalog.pg_publication_rel r "
     "WHERE r.prpubid = o.oid))"},
    {"language", "pg_language", "pg_catalog.quote_ident(o.lanname)", nullptr, "o.oid >= 16384", "0",
     "pg_catalog.concat_ws(' ', o.lanpltrusted, o.lanplcallfoid::pg_catalog.regproc::text, "
     "o.laninline::pg_catalog.regproc::text, o.lanvalidator::pg_catalog.regproc::text)"},
    {"access method", "pg_am", "pg_catalog.quote_ident(o.amname)", nullptr, "o.oid >= 16384", "0",
     "pg_catalog.concat_ws(' ', o.amtype, o.amhandler::text)"},
    {"transform", "pg_transform",
     "'for ' || pg_catalog.format_type(o.trftype, NULL) || ' language ' || (SELECT l.lanname "
     "FROM pg_catalog.pg_language l WHERE l.oid = o.trflang)",
     nullptr, "true", "0",
     "pg_catalog.concat_ws(' ', o.trffromsql::pg_catalog.regproc::text, "
     "o.trftosql::pg_catalog.regproc::text)"},
};

QString kindSql(const UnmodelledKind &kind, const QString &schemaFilter)
{
    const QString catalog = QString::fromLatin1(kind.catalog);
    QString sql =
        QStringLiteral("SELECT '%1', %2, '%3', o.oid, %4, %5 FROM pg_catalog.%3 o")
            .arg(QString::fromLatin1(kind.kind), QStringLiteral("%NAME%"), catalog,
                 QString::fromLatin1(kind.relation), QString::fromLatin1(kind.definition));
    QString name = QString::fromLatin1(kind.name);
    if (kind.nspColumn) {
        name = QStringLiteral("pg_catalog.quote_ident(n.nspname) || '.' || ") +
               (name.startsWith(QLatin1String("o.")) && !name.contains(QLatin1Char(' '))
                    ? QStringLiteral("pg_catalog.quote_ident(%1)").arg(name)
                    : name);
        sql += QStringLiteral(" JOIN pg_catalog.pg_namespace n ON n.oid = %1 WHERE %2 AND ")
                   .arg(QString::fromLatin1(kind.nspColumn), QString::fromLatin1(kind.where)) +
               schemaFilter;
    } else {
        sql += QStringLiteral(" WHERE ") + QString::fromLatin1(kind.where);
    }
    sql.replace(QStringLiteral("%NAME%"), name);
    return sql;
}

} // namespace

Status readUnsupported(Reader &reader)
{
    // One row per object of a kind Strata does not model: kind, its name as users read it,
    // the catalog and oid (to leave out what an extension owns), for objects on a relation that
    // relation's oid (to leave out what is on an excluded table), and its definition.
    const QString filter = reader.schemaFilter(QStringLiteral("n.nspname"));
    QStringList parts;
    for (const UnmodelledKind &kind : kKinds)
        parts.append(kindSql(kind, filter));
    auto rows = reader.rows(QStringLiteral("the objects Strata does not model"),
                            parts.join(QStringLiteral(" UNION ALL ")));
    if (!rows)
        return rows.error();
    for (const QStringList &row : *rows) {
        if (reader.isExtensionMember(row[2], row[3]))
            continue;
        if (row[4] != QLatin1String("0") && reader.skipsRelation(row[4]))
            continue;
        // "foreign table public.remote (kind not supported) definition 1a2b3c4d": the
        // fingerprint tells a changed object from the same one.
        const QString fingerprint =
            QString::fromLatin1(
                QCryptographicHash::hash(row[5].toUtf8(), QCryptographicHash::Md5).toHex())
                .left(8);
        reader.unsupported(QStringLiteral("%1 %2 (kind not supported) definition %3")
                               .arg(row[0], row[1], fingerprint));
    }
    return {};
}

} // namespace strata::schema::inspectpg
