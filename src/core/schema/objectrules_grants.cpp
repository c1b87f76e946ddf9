// Comments of every kind, and owners and grants (PostgreSQL's "COMMENT", "ALTER ... OWNER TO",
// "GRANT" and "REVOKE" pages).
#include "schema/objectrules_p.h"

#include <QSet>

namespace strata::schema::detail {

namespace {

using namespace objects;

// The object as COMMENT ON, ALTER ... OWNER TO and GRANT name it: "TABLE public.film",
// "COLUMN public.film.title", "TRIGGER t ON public.film", "FUNCTION public.f(integer)".
QString designation(const SchemaObject &object)
{
    const QString name = object.qualifiedName();
    QString word;
    switch (object.kind) {
    case ObjectKind::Schema:
        word = QStringLiteral("SCHEMA");
        break;
    case ObjectKind::Extension:
        word = QStringLiteral("EXTENSION");
        break;
    case ObjectKind::Collation:
        word = QStringLiteral("COLLATION");
        break;
    case ObjectKind::EnumType:
    case ObjectKind::CompositeType:
        word = QStringLiteral("TYPE");
        break;
    case ObjectKind::Domain:
        word = QStringLiteral("DOMAIN");
        break;
    case ObjectKind::Sequence:
        word = QStringLiteral("SEQUENCE");
        break;
    case ObjectKind::Table:
        word = QStringLiteral("TABLE");
        break;
    case ObjectKind::Index:
        word = QStringLiteral("INDEX");
        break;
    case ObjectKind::View:
        word = QStringLiteral("VIEW");
        break;
    case ObjectKind::MaterializedView:
        word = QStringLiteral("MATERIALIZED VIEW");
        break;
    case ObjectKind::Column:
        return QStringLiteral("COLUMN %1.%2").arg(relationName(object), name);
    case ObjectKind::Function:
        return routineKeyword(object) + QLatin1Char(' ') + routineSignature(object);
    case ObjectKind::Aggregate:
        return QStringLiteral("AGGREGATE ") + routineSignature(object);
    case ObjectKind::Constraint:
        word = QStringLiteral("CONSTRAINT");
        break;
    case ObjectKind::Trigger:
        word = QStringLiteral("TRIGGER");
        break;
    case ObjectKind::Rule:
        word = QStringLiteral("RULE");
        break;
    case ObjectKind::Policy:
        word = QStringLiteral("POLICY");
        break;
    }
    if (object.kind == ObjectKind::Constraint || object.kind == ObjectKind::Trigger ||
        object.kind == ObjectKind::Rule || object.kind == ObjectKind::Policy)
        return QStringLiteral("%1 %2 ON %3").arg(word, name, relationName(object));
    return word + QLatin1Char(' ') + name;
}

// What follows COMMENT ON; empty for an index attached to a partitioned one (its own name is
// not modelled: the parent's comment is the one compared).
QString commentTarget(const SchemaObject &object)
{
    if (object.kind == ObjectKind::Index && !object.property(QStringLiteral("parent")).isEmpty())
        return {};
    return designation(object);
}

// What follows ALTER for OWNER TO; empty for kinds owned through their table or extension,
// and for a sequence owned by a column (PostgreSQL refuses it: the table's owner is its owner).
QString ownerTarget(const SchemaObject &object)
{
    if (object.kind == ObjectKind::Sequence &&
        !object.property(QStringLiteral("owned_by")).isEmpty())
        return {};
    switch (object.kind) {
    case ObjectKind::Extension:
    case ObjectKind::Column:
    case ObjectKind::Constraint:
    case ObjectKind::Index:
    case ObjectKind::Trigger:
    case ObjectKind::Rule:
    case ObjectKind::Policy:
        return {};
    default:
        return designation(object);
    }
}

// What follows ON in GRANT and REVOKE; empty for kinds without privileges of their own.
// A column's privileges name the column after the privilege instead (grantPrivilege()).
QString grantTarget(const SchemaObject &object)
{
    switch (object.kind) {
    case ObjectKind::Table:
    case ObjectKind::View:
    case ObjectKind::MaterializedView:
        return QStringLiteral("TABLE ") + object.qualifiedName();
    case ObjectKind::Column:
        return QStringLiteral("TABLE ") + relationName(object);
    case ObjectKind::Aggregate:
        // GRANT takes an aggregate as a FUNCTION, with "()" rather than "(*)".
        return QStringLiteral("FUNCTION %1(%2)").arg(object.qualifiedName(), object.arguments);
    case ObjectKind::Schema:
    case ObjectKind::EnumType:
    case ObjectKind::CompositeType:
    case ObjectKind::Domain:
    case ObjectKind::Sequence:
    case ObjectKind::Function:
        return designation(object);
    default:
        return {};
    }
}

struct Grant
{
    QString grantee; // as SQL: PUBLIC or a quoted role
    QString privilege;
    bool grantOption = false;
};

// "grantee:PRIVILEGE" or "grantee:PRIVILEGE*"; an empty grantee or "public" is PUBLIC.
Grant parseGrant(const QString &text)
{
    Grant grant;
    const qsizetype colon = text.lastIndexOf(QLatin1Char(':'));
    const QString grantee = colon < 0 ? QString() : text.left(colon);
    grant.privilege = text.mid(colon + 1).trimmed();
    if (grant.privilege.endsWith(QLatin1Char('*'))) {
        grant.grantOption = true;
        grant.privilege.chop(1);
    }
    grant.privilege = grant.privilege.toUpper();
    if (grantee.isEmpty() || grantee.compare(QLatin1String("public"), Qt::CaseInsensitive) == 0)
        grant.grantee = QStringLiteral("PUBLIC");
    else
        grant.grantee = identifier(grantee);
    return grant;
}

QString grantPrivilege(const SchemaObject &object, const Grant &grant)
{
    if (object.kind == ObjectKind::Column)
        return QStringLiteral("%1 (%2)").arg(grant.privilege, object.qualifiedName());
    return grant.privilege;
}

QString grantSql(const SchemaObject &object, const QString &text)
{
    const Grant grant = parseGrant(text);
    return QStringLiteral("GRANT %1 ON %2 TO %3%4")
        .arg(grantPrivilege(object, grant), grantTarget(object), grant.grantee,
             grant.grantOption ? QStringLiteral(" WITH GRANT OPTION") : QString());
}

QString revokeSql(const SchemaObject &object, const QString &text)
{
    const Grant grant = parseGrant(text);
    return QStringLiteral("REVOKE %1 ON %2 FROM %3")
        .arg(grantPrivilege(object, grant), grantTarget(object), grant.grantee);
}

// Statements turning the set `from` into `to`: revokes first (a privilege losing its grant
// option is revoked, then granted plainly), then grants.
QStringList grantChanges(const SchemaObject &object, const QStringList &from, const QStringList &to)
{
    QStringList sql;
    for (const QString &grant : from) {
        if (!to.contains(grant))
            sql.append(revokeSql(object, grant));
    }
    for (const QString &grant : to) {
        if (!from.contains(grant))
            sql.append(grantSql(object, grant));
    }
    return sql;
}

// The privileges a new object has before any GRANT (acldefault()): all of its kind's for the
// owner, and EXECUTE on routines and USAGE on types for PUBLIC. Inspection lists them when the
// catalog holds no ACL, so a created object's grants are compared with these.
QStringList defaultGrants(const SchemaObject &object)
{
    QStringList ownerPrivileges;
    QString publicPrivilege;
    switch (object.kind) {
    case ObjectKind::Table:
    case ObjectKind::View:
    case ObjectKind::MaterializedView:
        ownerPrivileges = {QStringLiteral("DELETE"),     QStringLiteral("INSERT"),
                           QStringLiteral("REFERENCES"), QStringLiteral("SELECT"),
                           QStringLiteral("TRIGGER"),    QStringLiteral("TRUNCATE"),
                           QStringLiteral("UPDATE")};
        break;
    case ObjectKind::Sequence:
        ownerPrivileges = {QStringLiteral("SELECT"), QStringLiteral("UPDATE"),
                           QStringLiteral("USAGE")};
        break;
    case ObjectKind::Function:
    case ObjectKind::Aggregate:
        ownerPrivileges = {QStringLiteral("EXECUTE")};
        publicPrivilege = QStringLiteral("EXECUTE");
        break;
    case ObjectKind::Schema:
        ownerPrivileges = {QStringLiteral("CREATE"), QStringLiteral("USAGE")};
        break;
    case ObjectKind::EnumType:
    case ObjectKind::CompositeType:
    case ObjectKind::Domain:
        ownerPrivileges = {QStringLiteral("USAGE")};
        publicPrivilege = QStringLiteral("USAGE");
        break;
    default:
        break;
    }
    QStringList grants;
    if (!object.owner.isEmpty()) {
        for (const QString &privilege : std::as_const(ownerPrivileges))
            grants.append(object.owner + QLatin1Char(':') + privilege);
    }
    if (!publicPrivilege.isEmpty())
        grants.append(QStringLiteral("PUBLIC:") + publicPrivilege);
    return grants;
}

QString commentSql(const QString &target, const QString &comment)
{
    return QStringLiteral("COMMENT ON %1 IS %2")
        .arg(target, comment.isEmpty() ? QStringLiteral("NULL") : literal(comment));
}

} // namespace

// For an object created (from null), the statements set what it has and their inverse is empty
// (the object's drop takes them away). For an object dropped (to null), the upgrade has no
// statement and the inverse puts back what it had once the drop's inverse created it again:
// diff() places these operations before the drop (after a create), so the downgrade runs
// them after the object is back.
QList<Operation> commentAndGrantOperations(const SchemaObject *from, const SchemaObject *to,
                                           const DiffContext &context)
{
    QList<Operation> result;
    const SchemaObject &object = to ? *to : *from;
    if (!from && !to)
        return result;
    auto forward = [&](const QStringList &sql, const QStringList &inverse) {
        // Created: nothing to undo; dropped: nothing to do.
        return std::pair{to ? sql : QStringList(), from ? inverse : QStringList()};
    };

    const QString oldComment = from ? from->comment : QString();
    const QString newComment = to ? to->comment : QString();
    const QString target = commentTarget(object);
    if (oldComment != newComment && !target.isEmpty()) {
        const auto [sql, inverse] =
            forward({commentSql(target, newComment)}, {commentSql(target, oldComment)});
        result.append(
            operation(QStringLiteral("comment on ") + kindName(object.kind), object, sql, inverse));
    }
    if (!context.options.ownersAndGrants)
        return result;

    const QString oldOwner = from ? from->owner : QString();
    const QString newOwner = to ? to->owner : QString();
    const QString owned = ownerTarget(object);
    // An empty owner was not read: nothing to compare.
    if (oldOwner != newOwner && !owned.isEmpty() && (!to || !newOwner.isEmpty()) &&
        (!from || !oldOwner.isEmpty())) {
        const QString alter = QStringLiteral("ALTER %1 OWNER TO %2");
        const auto [sql, inverse] = forward({alter.arg(owned, identifier(newOwner))},
                                            {alter.arg(owned, identifier(oldOwner))});
        result.append(operation(QStringLiteral("alter owner"), object, sql, inverse));
    }

    // A created object starts with the default privileges, and so does a dropped one when the
    // downgrade creates it again.
    const QStringList oldGrants = from ? from->grants : defaultGrants(*to);
    const QStringList newGrants = to ? to->grants : defaultGrants(*from);
    if (!grantTarget(object).isEmpty()) {
        const auto [sql, inverse] = forward(grantChanges(object, oldGrants, newGrants),
                                            grantChanges(object, newGrants, oldGrants));
        if (!sql.isEmpty() || !inverse.isEmpty())
            result.append(operation(QStringLiteral("grant"), object, sql, inverse));
    }
    return result;
}

QList<Operation> regrantOperations(const SchemaObject *from, const SchemaObject *to,
                                   const DiffContext &context)
{
    if (context.options.ownersAndGrants || (!from && !to))
        return {};
    const SchemaObject *old = from ? from : context.from.find(to->key());
    if (!old || old->grants.isEmpty() || grantTarget(*old).isEmpty())
        return {};
    // The new object starts with the default privileges; the old one's are put back on it.
    const QStringList sql = grantChanges(*old, defaultGrants(*old), old->grants);
    if (sql.isEmpty())
        return {};
    return {operation(QStringLiteral("grant"), *old, to ? sql : QStringList(),
                      to ? QStringList() : sql)};
}

} // namespace strata::schema::detail
