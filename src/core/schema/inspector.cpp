#include "schema/inspector.h"

#include "drivers/driver.h"
#include "schema/inspect_internal.h"

#include <QRegularExpression>

#include <algorithm>

namespace strata::schema {

namespace inspectpg {

bool isTrue(const QString &value)
{
    return value == QLatin1String("t") || value == QLatin1String("true");
}

QString boolText(const QString &value)
{
    return isTrue(value) ? QStringLiteral("true") : QStringLiteral("false");
}

QStringList lines(const QString &text)
{
    return text.isEmpty() ? QStringList{} : text.split(QLatin1Char('\n'));
}

// One storage option "name=value": boolean values as PostgreSQL reads them (on, yes, true) are
// stored as written, so both spellings become "true" or "false".
static QString normalizedOption(const QString &option)
{
    const qsizetype equals = option.indexOf(QLatin1Char('='));
    if (equals < 0)
        return option;
    QString value = option.mid(equals + 1);
    if (value.size() > 1 && value.startsWith(QLatin1Char('\'')) &&
        value.endsWith(QLatin1Char('\'')))
        value = value.mid(1, value.size() - 2);
    const QString lower = value.toLower();
    static const QStringList yes = {QStringLiteral("on"), QStringLiteral("true"),
                                    QStringLiteral("yes")};
    static const QStringList no = {QStringLiteral("off"), QStringLiteral("false"),
                                   QStringLiteral("no")};
    if (yes.contains(lower))
        return option.left(equals + 1) + QStringLiteral("true");
    if (no.contains(lower))
        return option.left(equals + 1) + QStringLiteral("false");
    return option;
}

QString normalizedOptions(const QString &options, const QString &separator)
{
    if (options.isEmpty())
        return options;
    QStringList parts = options.split(separator);
    for (QString &part : parts)
        part = normalizedOption(part.trimmed());
    parts.sort();
    return parts.join(separator);
}

QString normalizedIndexDefinition(const QString &definition)
{
    // "... USING btree (a) WITH (fillfactor='70', deduplicate_items=off) WHERE ...".
    static const QRegularExpression with(QStringLiteral(" WITH \\((.*?)\\)( WHERE |$)"));
    const QRegularExpressionMatch match = with.match(definition);
    if (!match.hasMatch())
        return definition;
    QString normalized = definition;
    normalized.replace(match.capturedStart(1), match.capturedLength(1),
                       normalizedOptions(match.captured(1), QStringLiteral(", ")));
    return normalized;
}

Result<Rows> Reader::rows(const QString &what, const QString &sql)
{
    auto result = m_query(sql);
    if (!result)
        return reworded(result.error(),
                        QStringLiteral("cannot read %1: %2").arg(what, result.error().message));
    return result;
}

static QString literal(const QString &text)
{
    return quoteLiteral(text);
}

QString Reader::schemaFilter(const QString &column) const
{
    QString sql =
        QStringLiteral("%1 NOT IN ('pg_catalog', 'information_schema', 'pg_toast') AND "
                       "%1 NOT LIKE 'pg\\_temp\\_%' AND %1 NOT LIKE 'pg\\_toast\\_temp\\_%'")
            .arg(column);
    for (const QString &schema : m_options.excludeSchemas)
        sql += QStringLiteral(" AND %1 <> %2").arg(column, literal(schema));
    return sql;
}

QString Reader::grantsSql(const QString &acl, char type, const QString &owner)
{
    return QStringLiteral(
               "(SELECT pg_catalog.string_agg(g, E'\\n' ORDER BY g) FROM (SELECT CASE WHEN "
               "a.grantee = 0 THEN 'PUBLIC' ELSE pg_catalog.pg_get_userbyid(a.grantee) END || ':' "
               "|| a.privilege_type || CASE WHEN a.is_grantable THEN '*' ELSE '' END AS g FROM "
               "pg_catalog.aclexplode(COALESCE(%1, pg_catalog.acldefault('%2', %3))) a) x)")
        .arg(acl, QString(QLatin1Char(type)), owner);
}

Status Reader::readExclusions()
{
    // An extension's types' array types are its too (a column of citext[] depends on citext).
    auto members =
        rows(QStringLiteral("the objects of extensions"),
             QStringLiteral("SELECT d.classid::pg_catalog.regclass::text, d.objid, d.refobjid "
                            "FROM pg_catalog.pg_depend d WHERE d.deptype = 'e' AND d.refclassid = "
                            "'pg_catalog.pg_extension'::pg_catalog.regclass UNION ALL SELECT "
                            "'pg_type', t.typarray, d.refobjid FROM pg_catalog.pg_depend d JOIN "
                            "pg_catalog.pg_type t ON t.oid = d.objid WHERE d.deptype = 'e' AND "
                            "d.classid = 'pg_catalog.pg_type'::pg_catalog.regclass AND "
                            "t.typarray <> 0"));
    if (!members)
        return members.error();
    for (const QStringList &row : *members) {
        const QString id = row[0] + QLatin1Char(':') + row[1];
        m_extensionMembers.insert(id);
        m_memberExtension.insert(id, row[2]);
    }
    if (m_options.excludeTables.isEmpty())
        return {};
    auto tables = rows(QStringLiteral("tables"),
                       QStringLiteral("SELECT c.oid, n.nspname, c.relname FROM pg_catalog.pg_class "
                                      "c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
                                      "WHERE c.relkind IN ('r', 'p') AND ") +
                           schemaFilter(QStringLiteral("n.nspname")));
    if (!tables)
        return tables.error();
    for (const QStringList &row : *tables) {
        for (const QString &excluded : m_options.excludeTables) {
            const bool qualified = excluded.contains(QLatin1Char('.'));
            if ((qualified && excluded == row[1] + QLatin1Char('.') + row[2]) ||
                (!qualified && excluded == row[2]))
                m_excluded.insert(row[0]);
        }
    }
    return {};
}

void Reader::add(SchemaObject object, const QString &catalog, const QString &oid,
                 const QString &subid)
{
    // Owners and grants are always kept: compare() and diff() look at them only when asked,
    // but an object the diff rebuilds gets back the grants it had.
    const QString key = object.key();
    m_keys.insert(catalog + QLatin1Char(':') + oid + QLatin1Char(':') + subid, key);
    m_model.add(object);
}

void Reader::alias(const QString &catalog, const QString &oid, const QString &subid,
                   const QString &key)
{
    m_keys.insert(catalog + QLatin1Char(':') + oid + QLatin1Char(':') + subid, key);
}

void Reader::setExtensionKey(const QString &extensionOid, const QString &key)
{
    m_extensionKeys.insert(extensionOid, key);
}

QString Reader::keyFor(const QString &catalog, const QString &oid, const QString &subid) const
{
    const QString base = catalog + QLatin1Char(':') + oid;
    auto it = m_keys.constFind(base + QLatin1Char(':') + subid);
    if (it != m_keys.constEnd())
        return it.value();
    if (subid != QLatin1String("0")) {
        it = m_keys.constFind(base + QStringLiteral(":0"));
        if (it != m_keys.constEnd())
            return it.value();
    }
    auto member = m_memberExtension.constFind(base);
    if (member != m_memberExtension.constEnd())
        return m_extensionKeys.value(member.value());
    return {};
}

Status Reader::readDependencies()
{
    // A view's dependencies are its _RETURN rule's: read through pg_rewrite to the view.
    auto depends = rows(
        QStringLiteral("dependencies"),
        QStringLiteral(
            "SELECT d.classid::pg_catalog.regclass::text, d.objid, d.objsubid, "
            "d.refclassid::pg_catalog.regclass::text, d.refobjid, d.refobjsubid, d.deptype, "
            "CASE WHEN d.classid = 'pg_catalog.pg_rewrite'::pg_catalog.regclass THEN (SELECT "
            "r.ev_class FROM pg_catalog.pg_rewrite r WHERE r.oid = d.objid AND r.rulename = "
            "'_RETURN') END FROM pg_catalog.pg_depend d WHERE d.deptype IN ('n', 'a', 'i') AND "
            "d.objid >= 16384"));
    if (!depends)
        return depends.error();
    QHash<QString, QSet<QString>> edges;
    for (const QStringList &row : *depends) {
        QString from = row[7].isNull() ? keyFor(row[0], row[1], row[2])
                                       : keyFor(QStringLiteral("pg_class"), row[7], row[2]);
        if (from.isEmpty())
            continue;
        const QString to = keyFor(row[3], row[4], row[5]);
        if (to.isEmpty() || to == from)
            continue;
        const SchemaObject *object = m_model.find(from);
        // A sequence OWNED BY a column: owned_by says so; the column depends on the sequence.
        if (object && object->kind == ObjectKind::Sequence && row[6] == QLatin1String("a"))
            continue;
        edges[from].insert(to);
    }
    // An index depends on its table (pg_depend names only the columns it covers).
    const QList<SchemaObject> indexes = m_model.objects(ObjectKind::Index);
    for (const SchemaObject &index : indexes) {
        for (const ObjectKind kind : {ObjectKind::Table, ObjectKind::MaterializedView}) {
            SchemaObject relation;
            relation.kind = kind;
            relation.schema = index.schema;
            relation.name = index.table;
            if (m_model.find(relation.key()))
                edges[index.key()].insert(relation.key());
        }
    }
    for (auto it = edges.constBegin(); it != edges.constEnd(); ++it) {
        const SchemaObject *found = m_model.find(it.key());
        if (!found)
            continue;
        SchemaObject object = *found;
        QStringList keys(it.value().constBegin(), it.value().constEnd());
        std::sort(keys.begin(), keys.end());
        object.dependsOn = keys;
        m_model.add(object);
    }
    return {};
}

} // namespace inspectpg

using namespace inspectpg;

Result<SchemaModel> inspectPostgres(const Query &query, const InspectOptions &options)
{
    // Every name qualified: read with an empty search_path, restored afterwards.
    auto path = query(QStringLiteral("SELECT pg_catalog.current_setting('search_path'), "
                                     "pg_catalog.current_setting('server_version'), "
                                     "pg_catalog.current_setting('server_version_num')"));
    if (!path)
        return reworded(
            path.error(),
            QStringLiteral("cannot read the database's schema: %1").arg(path.error().message));
    if (path->isEmpty() || path->first().size() < 3)
        return Error::failure(QStringLiteral("cannot read the database's schema: no settings"));
    const QString savedPath = path->first()[0];
    if (path->first()[2].toInt() < 130000)
        return Error::failure(QStringLiteral("inspecting a schema needs PostgreSQL 13 or later; "
                                             "the server is %1")
                                  .arg(path->first()[1]));
    auto set = query(QStringLiteral("SELECT pg_catalog.set_config('search_path', '', false)"));
    if (!set)
        return set.error();

    Reader reader(query, options);
    reader.model().serverVersion = QStringLiteral("PostgreSQL ") + path->first()[1];
    reader.setServerVersionNum(path->first()[2].toInt());
    using Step = Status (*)(Reader &);
    const Step steps[] = {readSchemas,  readExtensions, readCollations, readTypes,
                          readTables,   readSequences,  readColumns,    readConstraints,
                          readIndexes,  readViews,      readFunctions,  readAggregates,
                          readTriggers, readRules,      readPolicies,   readUnsupported};
    Status status = reader.readExclusions();
    for (const Step step : steps) {
        if (!status)
            break;
        status = step(reader);
    }
    if (status)
        status = reader.readDependencies();
    auto restored = query(QStringLiteral("SELECT pg_catalog.set_config('search_path', %1, false)")
                              .arg(quoteLiteral(savedPath)));
    if (!status)
        return status.error();
    if (!restored)
        return restored.error();
    SchemaModel model = reader.take();
    model.unsupported.sort();
    return model;
}

Result<SchemaModel> inspect(Driver &driver, const InspectOptions &options)
{
    if (driver.engine() == QLatin1String("sqlite"))
        return inspectSqlite([&driver](const QString &sql) { return driver.catalogQuery(sql); },
                             options);
    if (driver.engine() != QLatin1String("postgresql"))
        return Error::usage(
            QStringLiteral("inspecting a schema needs PostgreSQL; this database is %1")
                .arg(driver.engine()));
    // One snapshot for every query, read only, when no transaction is open; inside one the
    // caller's transaction is read as it stands.
    const bool ownTransaction = driver.transactionState() == Driver::TransactionState::Idle;
    if (ownTransaction) {
        if (Status begun = driver.begin(); !begun)
            return begun.error();
        auto readOnly = driver.catalogQuery(
            QStringLiteral("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY"));
        if (!readOnly) {
            (void)driver.rollback();
            return readOnly.error();
        }
    }
    auto model = inspectPostgres([&driver](const QString &sql) { return driver.catalogQuery(sql); },
                                 options);
    if (ownTransaction) {
        Status ended = driver.rollback();
        if (model && !ended)
            return ended.error();
    }
    return model;
}

} // namespace strata::schema
