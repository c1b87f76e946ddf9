// Declared renames: the old names matched to the new, and the ALTER TABLE .. RENAME statements.
#include "schema/schemadiffrenames.h"

#include "schema/schemadiffplan.h"

#include <QRegularExpression>
#include <QSet>

#include <algorithm>

namespace strata::schema::detail {

RenameMap::RenameMap(const SchemaModel &from, const SchemaModel &to,
                     const QHash<QString, QString> &renames)
    : m_from(from), m_to(to), m_renames(renames)
{
    read();
}

void RenameMap::read()
{
    QList<QString> keys = m_renames.keys();
    std::sort(keys.begin(), keys.end());
    // Tables first: a column's old key names its table's old name.
    for (const QString &key : keys) {
        const SchemaObject *target = m_to.find(key);
        const QString old = m_renames.value(key);
        if (!target || target->kind != ObjectKind::Table || old.isEmpty() || old == target->name)
            continue;
        if (!m_from.find(objectKey(ObjectKind::Table, target->schema, {}, old)) || m_from.find(key))
            continue;
        m_tableRenames.insert(target->schema + QLatin1Char('|') + old, target->name);
        m_qualifiedRenames.insert(target->schema + QLatin1Char('|') + old, target->name);
        m_oldNames.insert(key, old);
        m_renamedKeys.append(key);
    }
    for (const QString &key : keys) {
        const SchemaObject *target = m_to.find(key);
        const QString old = m_renames.value(key);
        if (!target || target->kind != ObjectKind::Column || old.isEmpty() || old == target->name)
            continue;
        QString oldTable = target->table;
        for (auto it = m_tableRenames.cbegin(); it != m_tableRenames.cend(); ++it) {
            if (it.value() == target->table &&
                it.key().startsWith(target->schema + QLatin1Char('|')))
                oldTable = it.key().mid(target->schema.size() + 1);
        }
        const QString oldKey = objectKey(ObjectKind::Column, target->schema, oldTable, old);
        const SchemaObject *source = m_from.find(oldKey);
        if (!source ||
            m_from.find(objectKey(ObjectKind::Column, target->schema, oldTable, target->name)))
            continue;
        const SchemaObject *table =
            m_to.find(objectKey(ObjectKind::Table, target->schema, {}, target->table));
        if (!table)
            continue;
        m_columnRenames.insert(target->schema + QLatin1Char('|') + target->table +
                                   QLatin1Char('|') + old,
                               target->name);
        m_oldNames.insert(key, old);
        m_renamedKeys.append(key);
    }
    readImplied();
}

namespace {

bool sameProperties(const SchemaObject &a, const SchemaObject &b)
{
    auto significant = [](const SchemaObject &object) {
        QMap<QString, QString> properties;
        for (auto it = object.properties.cbegin(); it != object.properties.cend(); ++it) {
            if (!it.value().isEmpty() && isComparedProperty(object.kind, it.key()))
                properties.insert(it.key(), it.value());
        }
        return properties;
    };
    return significant(a) == significant(b);
}

} // namespace

// A renamed table's constraints, indexes and owned sequences that `to` has under other names
// (those PostgreSQL derived from the old table name: film_pkey, film_id_seq): renamed too when
// exactly one object of the same kind on the renamed table has the same definition.
void RenameMap::readImplied()
{
    QSet<QString> claimed;
    const QList<SchemaObject> objects = m_from.objects();
    for (const SchemaObject &object : objects) {
        const bool onRenamed =
            (object.kind == ObjectKind::Constraint || object.kind == ObjectKind::Index) &&
            m_tableRenames.contains(object.schema + QLatin1Char('|') + object.table) &&
            object.property(QStringLiteral("parent")).isEmpty();
        const QStringList owner = splitQualified(object.property(QStringLiteral("owned_by")));
        const bool ownedByRenamed = object.kind == ObjectKind::Sequence && owner.size() == 3 &&
                                    m_tableRenames.contains(owner[0] + QLatin1Char('|') + owner[1]);
        if (!onRenamed && !ownedByRenamed)
            continue;
        const SchemaObject mapped = map(object);
        if (m_to.find(mapped.key()))
            continue;
        QList<SchemaObject> candidates;
        if (onRenamed) {
            SchemaObject table;
            table.schema = mapped.schema;
            table.name = mapped.table;
            candidates = childrenOf(m_to, table, object.kind);
        } else {
            candidates = m_to.objects(ObjectKind::Sequence);
        }
        const SchemaObject *match = nullptr;
        int matches = 0;
        for (const SchemaObject &candidate : std::as_const(candidates)) {
            SchemaObject old = candidate;
            old.table = object.table;
            if (candidate.schema != object.schema || claimed.contains(candidate.key()) ||
                m_from.find(old.key()) || !sameProperties(mapped, candidate))
                continue;
            match = &candidate;
            ++matches;
        }
        if (matches != 1)
            continue;
        claimed.insert(match->key());
        m_objectRenames.insert(object.key(), match->name);
        m_oldNames.insert(match->key(), object.name);
        m_renamedKeys.append(match->key());
        if (object.kind == ObjectKind::Sequence)
            m_qualifiedRenames.insert(object.schema + QLatin1Char('|') + object.name, match->name);
    }
}

bool RenameMap::touches(const QString &schema, const QString &table) const
{
    for (const QString &key : m_renamedKeys) {
        const SchemaObject *target = m_to.find(key);
        if (target && target->schema == schema &&
            ((target->kind == ObjectKind::Table && target->name == table) ||
             (target->kind == ObjectKind::Column && target->table == table)))
            return true;
    }
    return false;
}

QString RenameMap::mapTable(const QString &schema, const QString &table) const
{
    return m_tableRenames.value(schema + QLatin1Char('|') + table, table);
}

QString RenameMap::mapKey(const QString &key) const
{
    const QStringList parts = key.split(QLatin1Char('|'));
    ObjectKind kind;
    if (parts.size() != 5 || !kindFromName(parts[0], &kind))
        return key;
    const QString renamed = m_objectRenames.value(key);
    SchemaObject object;
    object.kind = kind;
    object.schema = parts[1];
    object.table = parts[2];
    object.name = parts[3];
    object.arguments = parts[4];
    if (!object.table.isEmpty())
        object.table = mapTable(object.schema, object.table);
    if (kind == ObjectKind::Table)
        object.name = mapTable(object.schema, object.name);
    if (kind == ObjectKind::Column)
        object.name = m_columnRenames.value(object.schema + QLatin1Char('|') + object.table +
                                                QLatin1Char('|') + object.name,
                                            object.name);
    if (!renamed.isEmpty())
        object.name = renamed;
    return object.key();
}

// Text of `from` as it reads once the renames ran: qualified table names, and on the renamed
// column's table the column's name in definitions and expressions.
QString RenameMap::mapText(const SchemaObject &object, const QString &property, QString text) const
{
    static const QString boundaryBefore = QStringLiteral("(?<![A-Za-z0-9_$\"])");
    static const QString boundaryAfter = QStringLiteral("(?![A-Za-z0-9_$\"])");
    for (auto it = m_qualifiedRenames.cbegin(); it != m_qualifiedRenames.cend(); ++it) {
        const qsizetype bar = it.key().indexOf(QLatin1Char('|'));
        const QString schema = it.key().left(bar);
        const QString old = it.key().mid(bar + 1);
        for (const QString &form : {qualify(schema, old), schema + QLatin1Char('.') + old}) {
            const QRegularExpression pattern(boundaryBefore + QRegularExpression::escape(form) +
                                             boundaryAfter);
            text.replace(pattern, form == qualify(schema, old)
                                      ? qualify(schema, it.value())
                                      : schema + QLatin1Char('.') + it.value());
        }
    }
    static const QStringList expressions = {QStringLiteral("definition"),
                                            QStringLiteral("generated"), QStringLiteral("using"),
                                            QStringLiteral("with_check")};
    for (auto it = m_columnRenames.cbegin(); it != m_columnRenames.cend(); ++it) {
        const QStringList parts = it.key().split(QLatin1Char('|'));
        const QString &schema = parts[0];
        const QString &table = parts[1];
        const QString &old = parts[2];
        if (property == QLatin1String("owned_by")) {
            if (splitQualified(text) == QStringList{schema, table, old})
                text = schema + QLatin1Char('.') + table + QLatin1Char('.') + it.value();
            continue;
        }
        if (!expressions.contains(property))
            continue;
        const QRegularExpression word(boundaryBefore + QRegularExpression::escape(quoteName(old)) +
                                      boundaryAfter);
        const SchemaObject *relation = relationOf(m_to, object);
        const bool onTable =
            object.schema == schema &&
            (object.table == table || (object.kind == ObjectKind::Table && object.name == table));
        if (onTable && relation) {
            text.replace(word, quoteName(it.value()));
            continue;
        }
        // A foreign key elsewhere names the column in its REFERENCES list.
        const QRegularExpression references(QStringLiteral("(REFERENCES ") +
                                            QRegularExpression::escape(qualify(schema, table)) +
                                            QStringLiteral("\\()([^)]*)\\)"));
        auto match = references.match(text);
        if (match.hasMatch()) {
            QString list = match.captured(2);
            list.replace(word, quoteName(it.value()));
            text.replace(match.capturedStart(2), match.capturedLength(2), list);
        }
    }
    return text;
}

SchemaObject RenameMap::map(const SchemaObject &object) const
{
    SchemaObject mapped = object;
    if (!object.table.isEmpty())
        mapped.table = mapTable(object.schema, object.table);
    if (object.kind == ObjectKind::Table)
        mapped.name = mapTable(object.schema, object.name);
    if (object.kind == ObjectKind::Column)
        mapped.name = m_columnRenames.value(object.schema + QLatin1Char('|') + mapped.table +
                                                QLatin1Char('|') + object.name,
                                            object.name);
    mapped.name = m_objectRenames.value(object.key(), mapped.name);
    for (auto it = mapped.properties.begin(); it != mapped.properties.end(); ++it)
        it.value() = mapText(mapped, it.key(), it.value());
    for (QString &key : mapped.dependsOn)
        key = mapKey(key);
    return mapped;
}

Operation RenameMap::operation(const SchemaObject &target) const
{
    const QString old = m_oldNames.value(target.key());
    Operation operation;
    operation.object = target.display();
    operation.kind = QStringLiteral("rename ") + kindName(target.kind);
    auto both = [&](const QString &format, const QString &on) {
        operation.sql = {format.arg(on, quoteName(old), quoteName(target.name))};
        operation.inverseSql = {format.arg(on, quoteName(target.name), quoteName(old))};
    };
    switch (target.kind) {
    case ObjectKind::Table:
        operation.sql = {QStringLiteral("ALTER TABLE %1 RENAME TO %2")
                             .arg(qualify(target.schema, old), quoteName(target.name))};
        operation.inverseSql = {QStringLiteral("ALTER TABLE %1 RENAME TO %2")
                                    .arg(qualify(target.schema, target.name), quoteName(old))};
        break;
    case ObjectKind::Column:
        both(QStringLiteral("ALTER TABLE %1 RENAME COLUMN %2 TO %3"),
             qualify(target.schema, target.table));
        break;
    case ObjectKind::Constraint:
        both(QStringLiteral("ALTER TABLE %1 RENAME CONSTRAINT %2 TO %3"),
             qualify(target.schema, target.table));
        break;
    default: {
        // An index or a sequence: ALTER INDEX / ALTER SEQUENCE schema.old RENAME TO new.
        const QString what =
            target.kind == ObjectKind::Index ? QStringLiteral("INDEX") : QStringLiteral("SEQUENCE");
        operation.sql = {QStringLiteral("ALTER %1 %2 RENAME TO %3")
                             .arg(what, qualify(target.schema, old), quoteName(target.name))};
        operation.inverseSql = {
            QStringLiteral("ALTER %1 %2 RENAME TO %3")
                .arg(what, qualify(target.schema, target.name), quoteName(old))};
        break;
    }
    }
    return operation;
}

} // namespace strata::schema::detail
