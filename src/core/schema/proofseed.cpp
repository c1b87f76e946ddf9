// Seeding FROM with rows before a proof's upgrade (see proofseed.h).
#include "schema/proofseed.h"

#include "drivers/driver.h"

#include <QHash>
#include <QPair>
#include <QRegularExpression>
#include <QSet>

namespace strata::schema::detail {

namespace {

// Single-column foreign keys of a table: column (as SQL) -> referenced table and column (SQL).
using ForeignKeys = QHash<QString, QPair<QString, QString>>;

ForeignKeys foreignKeys(const SchemaModel &model, const SchemaObject &table)
{
    static const QRegularExpression fk(
        QStringLiteral("^FOREIGN KEY \\(([^,()]+)\\) REFERENCES ([^(]+)\\(([^,()]+)\\)"));
    ForeignKeys keys;
    for (const SchemaObject &c : model.children(table, ObjectKind::Constraint)) {
        const QRegularExpressionMatch m = fk.match(c.property(QStringLiteral("definition")));
        if (m.hasMatch())
            keys.insert(m.captured(1).trimmed(),
                        {m.captured(2).trimmed(), m.captured(3).trimmed()});
    }
    return keys;
}

// The object of `kind` whose qualified name format_type would print as `type`.
const SchemaObject *typeNamed(const SchemaModel &model, ObjectKind kind, const QString &type)
{
    for (const SchemaObject &o : model.objects(kind))
        if (qualify(o.schema, o.name) == type || o.name == type)
            return model.find(o.key());
    return nullptr;
}

class Seeder : public SeederBase
{
public:
    using SeederBase::SeederBase;

protected:
    QList<SchemaObject> tables() const override;
    QString insertSql(const SchemaObject &table, int row, bool nullableToo,
                      bool big) const override;
    Result<bool> attemptInsert(const QString &sql, const SchemaObject &) override
    {
        return attempt(sql);
    }
    Status conform(const SchemaObject &table) override;
    QString countSql(const SchemaObject &table) const override
    {
        return ownRowsSql(table, qualify(table.schema, table.name));
    }

private:
    QString value(const QString &type, int row, bool big, const SchemaModel &types,
                  int depth = 0) const;
    QPair<QString, QString> partitionValue(const SchemaObject &table) const;
    QList<SchemaObject> allColumns(const SchemaObject &table, int depth = 0) const;
    Result<bool> attempt(const QString &sql);
};

// A value for a column of `type` (format_type text) in row `row` (1-based), as SQL text; empty
// when none can be made up. `big`: numbers from 2001 up (years, prices, amounts pass the usual
// checks), else from 1. Enum types and domains are looked up in `types`.
QString Seeder::value(const QString &type, int row, bool big, const SchemaModel &types,
                      int depth) const
{
    if (type.endsWith(QStringLiteral("[]")))
        return QStringLiteral("'{}'");
    static const QRegularExpression params(QStringLiteral("\\(.*\\)"));
    QString base = type;
    base.remove(params);
    base = base.trimmed();
    static const QSet<QString> numbers = {
        QStringLiteral("smallint"), QStringLiteral("integer"),
        QStringLiteral("bigint"),   QStringLiteral("numeric"),
        QStringLiteral("real"),     QStringLiteral("money"),
        QStringLiteral("oid"),      QStringLiteral("double precision")};
    if (numbers.contains(base))
        return QString::number(big ? 2000 + row : row);
    static const QSet<QString> texts = {
        QStringLiteral("text"),          QStringLiteral("character varying"),
        QStringLiteral("character"),     QStringLiteral("name"),
        QStringLiteral("\"char\""),      QStringLiteral("bpchar"),
        QStringLiteral("public.citext"), QStringLiteral("citext")};
    if (texts.contains(base))
        return QStringLiteral("'%1'").arg(row % 10);
    if (base == QLatin1String("boolean"))
        return row % 2 ? QStringLiteral("true") : QStringLiteral("false");
    if (base == QLatin1String("date"))
        return QStringLiteral("'2022-02-%1'").arg(row % 28 + 1, 2, 10, QLatin1Char('0'));
    if (base.startsWith(QLatin1String("timestamp")))
        return QStringLiteral("'2022-02-%1 12:00:00'").arg(row % 28 + 1, 2, 10, QLatin1Char('0'));
    if (base.startsWith(QLatin1String("time")))
        return QStringLiteral("'12:00:%1'").arg(row % 60, 2, 10, QLatin1Char('0'));
    if (base == QLatin1String("interval"))
        return QStringLiteral("'%1 days'").arg(row);
    if (base == QLatin1String("uuid"))
        return QStringLiteral("'00000000-0000-0000-0000-%1'").arg(row, 12, 10, QLatin1Char('0'));
    if (base == QLatin1String("json") || base == QLatin1String("jsonb"))
        return QStringLiteral("'{\"n\": %1}'").arg(row);
    if (base == QLatin1String("bytea"))
        return QStringLiteral("'\\x%1'").arg(row % 256, 2, 16, QLatin1Char('0'));
    if (base == QLatin1String("tsvector"))
        return QStringLiteral("'w%1'").arg(row);
    if (base == QLatin1String("inet") || base == QLatin1String("cidr"))
        return QStringLiteral("'10.0.0.%1'").arg(row % 250 + 1);
    if (base == QLatin1String("public.hstore") || base == QLatin1String("hstore"))
        return QStringLiteral("'a=>%1'").arg(row);
    if (depth > 4)
        return {};
    if (const SchemaObject *e = typeNamed(types, ObjectKind::EnumType, base)) {
        QStringList labels =
            e->property(QStringLiteral("values")).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        // Labels the desired schema keeps, so no rebuild of the type has to drop the row.
        if (const SchemaObject *kept = (&types == &m_to ? m_from : m_to).find(e->key())) {
            const QStringList toLabels = kept->property(QStringLiteral("values"))
                                             .split(QLatin1Char('\n'), Qt::SkipEmptyParts);
            QStringList both;
            for (const QString &label : std::as_const(labels))
                if (toLabels.contains(label))
                    both.append(label);
            if (!both.isEmpty())
                labels = both;
        }
        if (labels.isEmpty())
            return {};
        return quoteLiteral(labels.at((row - 1) % labels.size()));
    }
    if (const SchemaObject *d = typeNamed(types, ObjectKind::Domain, base))
        return value(d->property(QStringLiteral("type")), row, big, types, depth + 1);
    return {};
}

// For a table partitioned on one column: that column and a value one of its partitions takes
// (the lower bound of a range, the first value of a list), so seeded rows find a partition.
QPair<QString, QString> Seeder::partitionValue(const SchemaObject &table) const
{
    static const QRegularExpression keyRe(QStringLiteral("^(?:RANGE|LIST) \\((\"?[^,()]+\"?)\\)$"));
    static const QRegularExpression boundRe(
        QStringLiteral("FOR VALUES (?:FROM|IN) \\(('(?:[^']|'')*'|[-0-9.]+)"));
    const QRegularExpressionMatch key =
        keyRe.match(table.property(QStringLiteral("partition_key")));
    if (!key.hasMatch())
        return {};
    const QString parent = qualify(table.schema, table.name);
    for (const SchemaObject &candidate : m_from.objects(ObjectKind::Table)) {
        if (candidate.property(QStringLiteral("partition_of")) != parent)
            continue;
        const QRegularExpressionMatch bound =
            boundRe.match(candidate.property(QStringLiteral("partition_bound")));
        if (bound.hasMatch())
            return {key.captured(1), bound.captured(1)};
    }
    return {};
}

// A table's columns with those it inherits from its parents (not modelled on the child).
QList<SchemaObject> Seeder::allColumns(const SchemaObject &table, int depth) const
{
    QList<SchemaObject> columns = m_from.children(table, ObjectKind::Column);
    if (depth > 8)
        return columns;
    const QStringList parents =
        table.property(QStringLiteral("inherits")).split(QLatin1Char(','), Qt::SkipEmptyParts);
    for (const QString &parentName : parents)
        for (const SchemaObject &candidate : m_from.objects(ObjectKind::Table)) {
            if (qualify(candidate.schema, candidate.name) != parentName.trimmed())
                continue;
            for (const SchemaObject &inherited : allColumns(candidate, depth + 1)) {
                bool known = false;
                for (const SchemaObject &own : std::as_const(columns))
                    known = known || own.name == inherited.name;
                if (!known)
                    columns.append(inherited);
            }
        }
    return columns;
}

// One INSERT for row `row`; `nullableToo`: give a value to nullable columns as well. Columns
// with a default, identity or generated columns take their own value.
QString Seeder::insertSql(const SchemaObject &table, int row, bool nullableToo, bool big) const
{
    const ForeignKeys keys = foreignKeys(m_from, table);
    const QPair<QString, QString> partitioned = partitionValue(table);
    QStringList names, values;
    for (const SchemaObject &column : allColumns(table)) {
        const QString name = column.qualifiedName();
        const bool partitionKey = name == partitioned.first;
        if (!partitionKey && (!column.property(QStringLiteral("generated")).isEmpty() ||
                              !column.property(QStringLiteral("identity")).isEmpty() ||
                              !column.property(QStringLiteral("default")).isEmpty()))
            continue;
        const bool notNull = column.property(QStringLiteral("not_null")) == QLatin1String("true");
        if (!notNull && !nullableToo && !partitionKey)
            continue;
        QString v;
        if (partitionKey)
            v = partitioned.second;
        else if (const auto it = keys.constFind(name); it != keys.cend())
            v = QStringLiteral("(SELECT %1 FROM %2 ORDER BY 1 LIMIT 1 OFFSET %3)")
                    .arg(it->second, it->first)
                    .arg(row - 1);
        else
            v = value(column.property(QStringLiteral("type")), row, big, m_from);
        if (v.isEmpty()) {
            if (notNull)
                return {};
            continue;
        }
        names.append(name);
        values.append(v);
    }
    const QString target = qualify(table.schema, table.name);
    if (names.isEmpty())
        return QStringLiteral("INSERT INTO %1 DEFAULT VALUES").arg(target);
    return QStringLiteral("INSERT INTO %1 (%2) VALUES (%3)")
        .arg(target, names.join(QStringLiteral(", ")), values.join(QStringLiteral(", ")));
}

// Tries one statement under a savepoint; false (and the savepoint rolled back) when it fails.
// The savepoint, the statement and the release travel in one round trip.
Result<bool> Seeder::attempt(const QString &sql)
{
    if (m_scratch.execute({QStringLiteral("SAVEPOINT strata_seed; %1; RELEASE SAVEPOINT "
                                          "strata_seed")
                               .arg(sql),
                           0}))
        return true;
    if (auto s = m_scratch.execute({QStringLiteral("ROLLBACK TO SAVEPOINT strata_seed"), 0}); !s)
        return s.error();
    return false;
}

// Repairs or deletes the seeded rows of `table` that the desired schema would refuse: its CHECK
// constraints, NOT NULL columns and single-column foreign keys on columns FROM has too. A
// statement that cannot run (a column FROM lacks) is skipped.
Status Seeder::conform(const SchemaObject &table)
{
    const SchemaObject *desired = m_to.find(table.key());
    if (!desired)
        return {};
    const QString target = qualify(table.schema, table.name);
    QStringList statements;
    for (const SchemaObject &c : m_to.children(*desired, ObjectKind::Constraint)) {
        QString definition = c.property(QStringLiteral("definition"));
        if (c.property(QStringLiteral("type")) != QLatin1String("check") ||
            !definition.startsWith(QLatin1String("CHECK ")))
            continue;
        definition = definition.mid(6);
        if (definition.endsWith(QLatin1String(" NOT VALID")))
            definition.chop(10);
        statements.append(QStringLiteral("DELETE FROM %1 WHERE NOT %2").arg(target, definition));
    }
    for (const SchemaObject &column : m_to.children(*desired, ObjectKind::Column)) {
        const SchemaObject *before = m_from.find(column.key());
        if (before && column.property(QStringLiteral("not_null")) == QLatin1String("true") &&
            before->property(QStringLiteral("not_null")) != QLatin1String("true"))
            statements.append(QStringLiteral("DELETE FROM %1 WHERE %2 IS NULL")
                                  .arg(target, column.qualifiedName()));
    }
    // A column whose type changes and whose values do not convert to the new type holds a value
    // of the new type, written so the old one takes it too ('shipped' in a text column that
    // becomes an enum).
    for (const SchemaObject &column : m_to.children(*desired, ObjectKind::Column)) {
        const SchemaObject *before = m_from.find(column.key());
        if (!before ||
            before->property(QStringLiteral("type")) == column.property(QStringLiteral("type")))
            continue;
        const QString type = column.property(QStringLiteral("type"));
        auto converts = attempt(QStringLiteral("DO $$BEGIN PERFORM %1::text::%2 FROM %3; END$$")
                                    .arg(column.qualifiedName(), type, target));
        if (!converts)
            return converts.error();
        const QString v = *converts ? QString() : value(type, 1, true, m_to);
        if (!v.isEmpty())
            if (auto done = attempt(
                    QStringLiteral("UPDATE %1 SET %2 = %3").arg(target, column.qualifiedName(), v));
                !done)
                return done.error();
    }
    const ForeignKeys keys = foreignKeys(m_to, *desired);
    for (auto it = keys.cbegin(); it != keys.cend(); ++it) {
        const QString orphan = QStringLiteral("%1 IS NOT NULL AND %1 NOT IN (SELECT %2 FROM %3 "
                                              "WHERE %2 IS NOT NULL)")
                                   .arg(it.key(), it->second, it->first);
        // Point each orphan at a row of its own that exists (unique keys stay unique); what is
        // left is deleted.
        auto repaired = attempt(
            QStringLiteral("UPDATE %1 AS t SET %2 = r.k FROM (SELECT tableoid AS o, ctid AS c, "
                           "row_number() OVER () AS n FROM %1 WHERE %5) AS x JOIN (SELECT %3 AS "
                           "k, row_number() OVER (ORDER BY %3) AS n FROM %4 WHERE %3 IS NOT NULL) "
                           "AS r ON r.n = x.n WHERE t.tableoid = x.o AND t.ctid = x.c")
                .arg(target, it.key(), it->second, it->first, orphan));
        if (!repaired)
            return repaired.error();
        statements.append(QStringLiteral("DELETE FROM %1 WHERE %2").arg(target, orphan));
    }
    for (const QString &sql : std::as_const(statements))
        if (auto done = attempt(sql); !done)
            return done.error();
    return {};
}

QList<SchemaObject> Seeder::tables() const
{
    QList<SchemaObject> out;
    for (const SchemaObject &table : m_from.objects(ObjectKind::Table))
        if (table.property(QStringLiteral("partition_of")).isEmpty())
            out.append(table); // partitions get their rows through the parent
    return out;
}

} // namespace

Result<QMap<QString, int>> SeederBase::run(int rows)
{
    QList<SchemaObject> pending = tables();
    QMap<QString, int> seeded;
    if (pending.isEmpty())
        return seeded;
    if (auto s = m_scratch.begin(); !s)
        return s.error();
    auto failed = [this](const Error &e) -> Result<QMap<QString, int>> {
        (void)m_scratch.rollback();
        return e;
    };
    QList<SchemaObject> filled;
    bool progress = true;
    while (progress && !pending.isEmpty()) {
        progress = false;
        for (auto it = pending.begin(); it != pending.end();) {
            int inserted = 0;
            for (int row = 1; row <= rows; ++row) {
                bool done = false;
                for (const bool nullableToo : {true, false})
                    for (const bool big : {true, false}) {
                        const QString sql = insertSql(*it, row, nullableToo, big);
                        if (done || sql.isEmpty())
                            continue;
                        auto ok = attemptInsert(sql, *it);
                        if (!ok)
                            return failed(ok.error());
                        done = *ok;
                    }
                if (!done)
                    break;
                ++inserted;
            }
            if (inserted > 0) {
                filled.append(*it);
                it = pending.erase(it);
                progress = true;
            } else {
                ++it;
            }
        }
    }
    // Referencing tables first, so a deleted row is not still referenced.
    for (auto it = filled.crbegin(); it != filled.crend(); ++it)
        if (auto s = conform(*it); !s)
            return failed(s.error());
    // What each table holds now (repairs, deletes, triggers), counted as the proof counts.
    for (const SchemaObject &table : std::as_const(filled)) {
        auto count = m_scratch.catalogQuery(countSql(table));
        if (!count)
            return failed(count.error());
        if (const int now = count->isEmpty() ? 0 : count->first().value(0).toInt(); now > 0)
            seeded.insert(table.key(), now);
    }
    if (auto s = m_scratch.commit(); !s)
        return s.error();
    return seeded;
}

QString ownRowsSql(const SchemaObject &table, const QString &sqlName, Engine engine)
{
    if (engine == Engine::SQLite)
        return QStringLiteral("SELECT count(*) FROM %1").arg(sqlName);
    const bool partitioned = !table.property(QStringLiteral("partition_key")).isEmpty();
    return QStringLiteral("SELECT count(*) FROM %1%2")
        .arg(partitioned ? QString() : QStringLiteral("ONLY "), sqlName);
}

Result<QMap<QString, int>> seedRows(Driver &scratch, const SchemaModel &from, const SchemaModel &to,
                                    int rows)
{
    if (from.engine == Engine::SQLite)
        return seedSqliteRows(scratch, from, to, rows);
    return Seeder(scratch, from, to).run(rows);
}

} // namespace strata::schema::detail
