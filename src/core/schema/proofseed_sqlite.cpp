// Seeding a SQLite FROM with rows before a proof's upgrade (see proofseed.h seedSqliteRows()).
#include "schema/proofseed.h"

#include "drivers/driver.h"

#include <QRegularExpression>

#include <algorithm>

namespace strata::schema::detail {

namespace {

// One foreign key of a table, read from its canonical definition ("foreign key (a, b)
// references t (x, y) on update ... on delete ..."); `parentColumns` empty when the key names
// the parent's primary key implicitly.
struct ForeignKey
{
    QStringList columns;
    QString parent;
    QStringList parentColumns;
};

// A name as the model's canonical text writes it (plain lower case, or quoted) back to the
// model's own name: quotes taken off, doubled quotes made single.
QString unquoted(QString name)
{
    if (name.size() >= 2 &&
        (name.startsWith(QLatin1Char('"')) || name.startsWith(QLatin1Char('`')) ||
         name.startsWith(QLatin1Char('[')))) {
        const QChar close = name.startsWith(QLatin1Char('[')) ? QLatin1Char(']') : name.at(0);
        name = name.mid(1, name.size() - 2);
        name.replace(QString(close) + close, QString(close));
    }
    return name;
}

// "a, b" -> {"a", "b"}, each trimmed and unquoted.
QStringList nameList(const QString &text)
{
    QStringList out;
    for (const QString &part : text.split(QLatin1Char(','), Qt::SkipEmptyParts))
        out.append(unquoted(part.trimmed()));
    return out;
}

// The names as SQL text, joined by ", ".
QString sqlNames(const QStringList &names)
{
    QStringList out;
    for (const QString &name : names)
        out.append(quoteName(name));
    return out.join(QStringLiteral(", "));
}

// Where `name` is in `names`, ignoring ASCII case as SQLite does; -1 when absent.
qsizetype indexOfName(const QStringList &names, const QString &name)
{
    for (qsizetype i = 0; i < names.size(); ++i)
        if (names.at(i).compare(name, Qt::CaseInsensitive) == 0)
            return i;
    return -1;
}

QList<ForeignKey> foreignKeys(const SchemaModel &model, const SchemaObject &table)
{
    static const QRegularExpression re(
        QStringLiteral("^foreign key \\(([^()]*)\\) references (\"(?:[^\"]|\"\")*\"|\\S+)"
                       "(?: \\(([^()]*)\\))?"),
        QRegularExpression::CaseInsensitiveOption);
    QList<ForeignKey> keys;
    for (const SchemaObject &c : model.children(table, ObjectKind::Constraint)) {
        const QRegularExpressionMatch m = re.match(c.property(QStringLiteral("definition")));
        if (!m.hasMatch())
            continue;
        ForeignKey key;
        key.columns = nameList(m.captured(1));
        key.parent = unquoted(m.captured(2));
        key.parentColumns = nameList(m.captured(3));
        keys.append(key);
    }
    return keys;
}

// A table's columns in their declared order.
QList<SchemaObject> columnsOf(const SchemaModel &model, const SchemaObject &table)
{
    QList<SchemaObject> columns = model.children(table, ObjectKind::Column);
    std::sort(columns.begin(), columns.end(), [](const SchemaObject &a, const SchemaObject &b) {
        return a.property(QStringLiteral("position")).toInt() <
               b.property(QStringLiteral("position")).toInt();
    });
    return columns;
}

// The table of `model` whose name SQLite matches with `name` (names ignore ASCII case).
const SchemaObject *tableNamed(const SchemaModel &model, const QString &name)
{
    for (const SchemaObject &t : model.objects(ObjectKind::Table))
        if (t.name.compare(name, Qt::CaseInsensitive) == 0)
            return model.find(t.key());
    return nullptr;
}

// The primary key's columns, in key order.
QStringList primaryKey(const SchemaModel &model, const SchemaObject &table)
{
    QList<QPair<int, QString>> parts;
    for (const SchemaObject &c : model.children(table, ObjectKind::Column))
        if (const int at = c.property(QStringLiteral("primary_key")).toInt(); at > 0)
            parts.append({at, c.name});
    std::sort(parts.begin(), parts.end());
    QStringList out;
    for (const auto &part : std::as_const(parts))
        out.append(part.second);
    return out;
}

class SqliteSeeder : public SeederBase
{
public:
    using SeederBase::SeederBase;

protected:
    QList<SchemaObject> tables() const override { return m_from.objects(ObjectKind::Table); }
    QString insertSql(const SchemaObject &table, int row, bool nullableToo,
                      bool big) const override;
    Result<bool> attemptInsert(const QString &sql, const SchemaObject &table) override
    {
        return attempt(sql, table.name);
    }
    Status conform(const SchemaObject &table) override;
    QString countSql(const SchemaObject &table) const override
    {
        return ownRowsSql(table, quoteName(table.name), Engine::SQLite);
    }

private:
    QString value(const SchemaObject &table, const SchemaObject &column, int row, bool big) const;
    Result<bool> attempt(const QString &sql, const QString &table = {});
};

// A value for `column` in row `row` (1-based) as SQL text, by the column's type affinity;
// `big`: numbers from 2001 up (they pass the usual year and price checks), else from 1, and
// other texts. Empty when the column should take no value.
QString SqliteSeeder::value(const SchemaObject &table, const SchemaObject &column, int row,
                            bool big) const
{
    const QString type = column.property(QStringLiteral("type")).toUpper();
    const bool strict = table.property(QStringLiteral("strict")) == QLatin1String("true");
    const int n = big ? 2000 + row : row;
    if (type.contains(QLatin1String("INT")))
        return QString::number(n);
    if (type.contains(QLatin1String("CHAR")) || type.contains(QLatin1String("CLOB")) ||
        type.contains(QLatin1String("TEXT")))
        return big ? QStringLiteral("'%1'").arg(row) : QStringLiteral("'r%1'").arg(row);
    if (type.contains(QLatin1String("BLOB")) || (strict && type == QLatin1String("ANY")))
        return QStringLiteral("x'%1'").arg(row % 256, 2, 16, QLatin1Char('0'));
    if (type.contains(QLatin1String("REAL")) || type.contains(QLatin1String("FLOA")) ||
        type.contains(QLatin1String("DOUB")))
        return QStringLiteral("%1.5").arg(n);
    // NUMERIC affinity (and none): the names people give it tell which values they expect.
    if (type.contains(QLatin1String("BOOL")))
        return QString::number(row % 2);
    if (type.contains(QLatin1String("TIME")))
        return QStringLiteral("'2022-02-%1 12:00:00'").arg(row % 28 + 1, 2, 10, QLatin1Char('0'));
    if (type.contains(QLatin1String("DATE")))
        return QStringLiteral("'2022-02-%1'").arg(row % 28 + 1, 2, 10, QLatin1Char('0'));
    if (type.contains(QLatin1String("UUID")))
        return QStringLiteral("'00000000-0000-0000-0000-%1'").arg(row, 12, 10, QLatin1Char('0'));
    if (type.contains(QLatin1String("JSON")))
        return QStringLiteral("'{\"n\": %1}'").arg(row);
    return QString::number(n);
}

// One INSERT for row `row`; `nullableToo`: nullable columns get a value too. Columns with a
// default, generated columns and a rowid alias (INTEGER PRIMARY KEY of a rowid table) take
// SQLite's own value; foreign key columns the parent's row `row` (NULL when it has none).
QString SqliteSeeder::insertSql(const SchemaObject &table, int row, bool nullableToo,
                                bool big) const
{
    const QList<ForeignKey> keys = foreignKeys(m_from, table);
    const QStringList key = primaryKey(m_from, table);
    const bool withoutRowid =
        table.property(QStringLiteral("without_rowid")) == QLatin1String("true");
    QStringList names, values;
    for (const SchemaObject &column : columnsOf(m_from, table)) {
        if (!column.property(QStringLiteral("generated")).isEmpty() ||
            !column.property(QStringLiteral("default")).isEmpty())
            continue;
        const bool rowidAlias =
            !withoutRowid && key.size() == 1 && indexOfName(key, column.name) == 0 &&
            column.property(QStringLiteral("type"))
                    .compare(QLatin1String("INTEGER"), Qt::CaseInsensitive) == 0;
        if (rowidAlias)
            continue;
        const bool notNull = column.property(QStringLiteral("not_null")) == QLatin1String("true") ||
                             (withoutRowid && indexOfName(key, column.name) >= 0);
        QString v;
        bool referencing = false;
        for (const ForeignKey &fk : keys) {
            const qsizetype at = indexOfName(fk.columns, column.name);
            if (at < 0)
                continue;
            referencing = true;
            QStringList parentColumns = fk.parentColumns;
            const SchemaObject *parent = tableNamed(m_from, fk.parent);
            if (parentColumns.isEmpty() && parent)
                parentColumns = primaryKey(m_from, *parent);
            if (at < parentColumns.size())
                v = QStringLiteral("(SELECT %1 FROM %2 ORDER BY %3 LIMIT 1 OFFSET %4)")
                        .arg(quoteName(parentColumns.at(at)), quoteName(fk.parent),
                             sqlNames(parentColumns))
                        .arg(row - 1);
            break;
        }
        if (!notNull && !nullableToo)
            continue;
        if (!referencing)
            v = value(table, column, row, big);
        if (v.isEmpty()) {
            if (notNull)
                return {};
            continue;
        }
        names.append(quoteName(column.name));
        values.append(v);
    }
    const QString target = quoteName(table.name);
    if (names.isEmpty())
        return QStringLiteral("INSERT INTO %1 DEFAULT VALUES").arg(target);
    return QStringLiteral("INSERT INTO %1 (%2) VALUES (%3)")
        .arg(target, names.join(QStringLiteral(", ")), values.join(QStringLiteral(", ")));
}

// Runs one statement under a savepoint; false (the savepoint rolled back) when it fails, or
// when it leaves a row of `table` whose foreign keys point nowhere (a deferred key would only
// say so at COMMIT).
Result<bool> SqliteSeeder::attempt(const QString &sql, const QString &table)
{
    if (auto s = m_scratch.execute({QStringLiteral("SAVEPOINT strata_seed"), 0}); !s)
        return s.error();
    bool ok = bool(m_scratch.execute({sql, 0}));
    if (ok && !table.isEmpty()) {
        auto violations = m_scratch.catalogQuery(
            QStringLiteral("PRAGMA foreign_key_check(%1)").arg(quoteName(table)));
        ok = violations && violations->isEmpty();
    }
    if (!ok)
        if (auto s = m_scratch.execute({QStringLiteral("ROLLBACK TO strata_seed"), 0}); !s)
            return s.error();
    if (auto s = m_scratch.execute({QStringLiteral("RELEASE strata_seed"), 0}); !s)
        return s.error();
    return ok;
}

// Deletes the seeded rows of `table` that the desired schema would refuse: its CHECKs, NOT NULL
// columns new to it, its unique constraints and foreign keys; a statement that cannot run (it
// names a column FROM lacks) is skipped.
Status SqliteSeeder::conform(const SchemaObject &table)
{
    const SchemaObject *desired = tableNamed(m_to, table.name);
    if (!desired)
        return {};
    const QString target = quoteName(table.name);
    const bool rowid = table.property(QStringLiteral("without_rowid")) != QLatin1String("true");
    QStringList statements;
    for (const SchemaObject &c : m_to.children(*desired, ObjectKind::Constraint)) {
        const QString type = c.property(QStringLiteral("type"));
        const QString definition = c.property(QStringLiteral("definition"));
        if (type == QLatin1String("check") &&
            definition.startsWith(QLatin1String("check "), Qt::CaseInsensitive))
            statements.append(QStringLiteral("DELETE FROM %1 WHERE NOT coalesce(%2, 1)")
                                  .arg(target, definition.mid(6)));
        static const QRegularExpression unique(QStringLiteral("^unique \\(([^()]*)\\)"),
                                               QRegularExpression::CaseInsensitiveOption);
        if (const QRegularExpressionMatch m = unique.match(definition);
            type == QLatin1String("unique") && m.hasMatch() && rowid)
            statements.append(QStringLiteral("DELETE FROM %1 WHERE rowid NOT IN (SELECT "
                                             "min(rowid) FROM %1 GROUP BY %2)")
                                  .arg(target, sqlNames(nameList(m.captured(1)))));
    }
    for (const SchemaObject &column : m_to.children(*desired, ObjectKind::Column)) {
        const bool wasNotNull = [&] {
            for (const SchemaObject &c : m_from.children(table, ObjectKind::Column))
                if (c.name.compare(column.name, Qt::CaseInsensitive) == 0)
                    return c.property(QStringLiteral("not_null")) == QLatin1String("true");
            return true; // a new column: nothing to repair
        }();
        if (column.property(QStringLiteral("not_null")) == QLatin1String("true") && !wasNotNull)
            statements.append(QStringLiteral("DELETE FROM %1 WHERE %2 IS NULL")
                                  .arg(target, quoteName(column.name)));
    }
    for (const ForeignKey &fk : foreignKeys(m_to, *desired)) {
        QStringList parentColumns = fk.parentColumns;
        if (const SchemaObject *parent = tableNamed(m_to, fk.parent);
            parentColumns.isEmpty() && parent)
            parentColumns = primaryKey(m_to, *parent);
        if (parentColumns.size() != fk.columns.size())
            continue;
        QStringList set, match;
        for (int i = 0; i < fk.columns.size(); ++i) {
            set.append(QStringLiteral("%1 IS NOT NULL").arg(quoteName(fk.columns.at(i))));
            match.append(
                QStringLiteral("p.%1 = %2.%3")
                    .arg(quoteName(parentColumns.at(i)), target, quoteName(fk.columns.at(i))));
        }
        const QString orphans =
            QStringLiteral("DELETE FROM %1 WHERE %2 AND NOT EXISTS (SELECT 1 FROM %3 AS p WHERE "
                           "%4)")
                .arg(target, set.join(QStringLiteral(" AND ")), quoteName(fk.parent),
                     match.join(QStringLiteral(" AND ")));
        auto done = attempt(orphans);
        if (!done)
            return done.error();
        if (!*done) // the parent is new: nothing in FROM can be referenced yet
            statements.append(QStringLiteral("DELETE FROM %1 WHERE %2")
                                  .arg(target, set.join(QStringLiteral(" OR "))));
    }
    for (const QString &sql : std::as_const(statements))
        if (auto done = attempt(sql); !done)
            return done.error();
    return {};
}

} // namespace

Result<QMap<QString, int>> seedSqliteRows(Driver &scratch, const SchemaModel &from,
                                          const SchemaModel &to, int rows)
{
    return SqliteSeeder(scratch, from, to).run(rows);
}

} // namespace strata::schema::detail
