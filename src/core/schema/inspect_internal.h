#pragma once

#include "schema/inspector.h"

#include <QHash>
#include <QSet>
#include <QString>

// What the PostgreSQL inspector's readers share while one database is read: the query, the
// model being filled, what is left out (objects of extensions, excluded tables and schemas) and
// the map from catalog identities to model keys that pg_depend is translated through.
namespace strata::schema::inspectpg {

using Rows = QList<QStringList>;

class Reader
{
public:
    Reader(const Query &query, const InspectOptions &options) : m_query(query), m_options(options)
    {
    }

    const InspectOptions &options() const { return m_options; }
    // server_version_num (150005), for the few catalog columns that moved between versions.
    int serverVersionNum() const { return m_serverVersionNum; }
    void setServerVersionNum(int number) { m_serverVersionNum = number; }
    SchemaModel &model() { return m_model; }

    // Runs one catalog query; an error says what was being read ("cannot read tables: ...").
    Result<Rows> rows(const QString &what, const QString &sql);

    // SQL condition keeping the user's schemas: `column` is a pg_namespace.nspname expression.
    QString schemaFilter(const QString &column) const;
    // SQL expression of the object's grants as "grantee:PRIVILEGE[*]" lines sorted, from an
    // aclitem[] expression, the object type letter of acldefault() and the owner oid.
    static QString grantsSql(const QString &acl, char type, const QString &owner);

    // Reads pg_depend's extension members (left out, references to them point at the
    // extension) and the excluded tables. First of all.
    Status readExclusions();
    // Whether an object (catalog "pg_class", oid) belongs to an extension.
    bool isExtensionMember(const QString &catalog, const QString &oid) const
    {
        return m_extensionMembers.contains(catalog + QLatin1Char(':') + oid);
    }
    bool isExcludedRelation(const QString &oid) const { return m_excluded.contains(oid); }
    // Either of the two: the relation and everything on it is left out.
    bool skipsRelation(const QString &oid) const
    {
        return isExcludedRelation(oid) || isExtensionMember(QStringLiteral("pg_class"), oid);
    }
    void excludeRelation(const QString &oid) { m_excluded.insert(oid); }

    // Adds the object to the model; owner and grants are dropped unless asked for. Records
    // (catalog, oid, subid) as the object's identity for dependsOn.
    void add(SchemaObject object, const QString &catalog, const QString &oid,
             const QString &subid = QStringLiteral("0"));
    // Another catalog identity for an object already added (an array type for its element,
    // a backing index for its constraint, a default for its column).
    void alias(const QString &catalog, const QString &oid, const QString &subid,
               const QString &key);
    // The extension key an extension is known by, for its members' references.
    void setExtensionKey(const QString &extensionOid, const QString &key);
    void unsupported(const QString &text) { m_model.unsupported.append(text); }

    // Fills SchemaObject::dependsOn from pg_depend (views through their rewrite rules).
    Status readDependencies();

    SchemaModel take() { return std::move(m_model); }

private:
    QString keyFor(const QString &catalog, const QString &oid, const QString &subid) const;

    const Query &m_query;
    const InspectOptions &m_options;
    SchemaModel m_model;
    int m_serverVersionNum = 0;
    QSet<QString> m_extensionMembers;          // "pg_class:1234"
    QHash<QString, QString> m_memberExtension; // "pg_class:1234" -> extension oid
    QHash<QString, QString> m_extensionKeys;   // extension oid -> key
    QSet<QString> m_excluded;                  // pg_class oids
    QHash<QString, QString> m_keys;            // "pg_class:1234:0" -> key
};

bool isTrue(const QString &value);      // "t" from the server
QString boolText(const QString &value); // "t"/"f" -> "true"/"false"
QStringList lines(const QString &text);
// Storage options ("a=1,b=off") sorted, boolean values as "true"/"false", so options set in
// another order or spelling compare equal; and the same inside an index definition's WITH.
QString normalizedOptions(const QString &options, const QString &separator);
QString
normalizedIndexDefinition(const QString &definition); // '\n'-joined lines; none for an empty text

// The readers, each one query per kind (inspect_relations.cpp, inspect_objects.cpp).
Status readSchemas(Reader &reader);
Status readExtensions(Reader &reader);
Status readCollations(Reader &reader);
Status readTypes(Reader &reader); // enum types, domains, composite types
Status readSequences(Reader &reader);
Status readTables(Reader &reader);
Status readColumns(Reader &reader);
Status readConstraints(Reader &reader);
Status readIndexes(Reader &reader);
Status readViews(Reader &reader); // views and materialized views
Status readFunctions(Reader &reader);
Status readAggregates(Reader &reader);
Status readTriggers(Reader &reader);
Status readRules(Reader &reader);
Status readPolicies(Reader &reader);
Status readUnsupported(Reader &reader);

} // namespace strata::schema::inspectpg
