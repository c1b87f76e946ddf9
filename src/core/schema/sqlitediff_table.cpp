// One direction of the SQLite diff, for one table: the ALTER TABLE statements SQLite allows
// (its "ALTER TABLE" page: RENAME TO, RENAME COLUMN, ADD COLUMN, DROP COLUMN and what each
// refuses), or the table-rebuild procedure of that page done inside the migration's
// transaction, the rows copied aside and back.
#include "schema/sqlitediff_p.h"

#include <algorithm>

namespace strata::schema::sqlite_detail {

namespace {

const QString kTrue = QStringLiteral("true");

// The folded names of the columns a foreign key definition ("foreign key (a, b) references
// p (x, y) ...") lists before REFERENCES (own) or after it (the parent's), and the parent.
struct ForeignKeyText
{
    QStringList own;
    QString parent;
    QStringList parentColumns;
    // ON DELETE CASCADE, SET NULL, SET DEFAULT or RESTRICT: deleting the parent's rows (as
    // SQLite's DROP TABLE does) changes or refuses the child's rows.
    bool onDeleteActs = false;
};

ForeignKeyText readForeignKey(const QString &definition)
{
    ForeignKeyText out;
    const QList<Token> tokens = scan(definition);
    bool afterReferences = false;
    int depth = 0;
    bool listDone = false;
    for (qsizetype i = 0; i + 2 < tokens.size(); ++i) {
        if (tokens[i].is("on") && tokens[i + 1].is("delete"))
            out.onDeleteActs = !tokens[i + 2].is("no");
    }
    for (const Token &token : tokens) {
        if (token.is("references")) {
            afterReferences = true;
            depth = 0;
            listDone = false;
            continue;
        }
        if (token.text == QLatin1String("(")) {
            ++depth;
            continue;
        }
        if (token.text == QLatin1String(")")) {
            --depth;
            if (depth == 0)
                listDone = true;
            continue;
        }
        if (!token.isName())
            continue;
        if (!afterReferences) {
            if (depth == 1 && !listDone)
                out.own.append(token.folded());
        } else if (out.parent.isEmpty()) {
            out.parent = token.folded();
        } else if (depth == 1 && !listDone) {
            out.parentColumns.append(token.folded());
        }
    }
    return out;
}

// Whether `constraint` (a CHECK or a foreign key) is written on `column` itself, whose
// definition is `definition`: a column constraint, which ADD COLUMN adds and DROP COLUMN drops
// with the column.
bool writtenOn(const SchemaObject &constraint, const QString &column, const QString &definition)
{
    if (definition.isEmpty())
        return false;
    const QString type = constraint.property(QStringLiteral("type"));
    const QString text = constraint.property(QStringLiteral("definition"));
    if (type == QLatin1String("check"))
        return tokenText(definition).contains(tokenText(text));
    if (type == QLatin1String("foreign key")) {
        const QList<Token> tokens = scan(definition);
        return readForeignKey(text).own == QStringList{column.toLower()} &&
               std::any_of(tokens.cbegin(), tokens.cend(),
                           [](const Token &t) { return t.is("references"); });
    }
    return false;
}

// The column of `columns` a constraint is written on (see writtenOn()), if any.
bool ownerOf(const SchemaObject &constraint, const TableText &text,
             const QList<SchemaObject> &columns)
{
    return std::any_of(columns.cbegin(), columns.cend(), [&](const SchemaObject &column) {
        return writtenOn(constraint, column.name, text.definitionOf(column.name));
    });
}

// The tokens of a default's text without the parentheses around the whole of it.
QList<Token> defaultTokens(const QString &value)
{
    QList<Token> tokens = scan(value);
    while (tokens.size() >= 2 && tokens.first().text == QLatin1String("(") &&
           tokens.last().text == QLatin1String(")")) {
        tokens.removeFirst();
        tokens.removeLast();
    }
    return tokens;
}

bool isNullDefault(const QString &value)
{
    const QList<Token> tokens = defaultTokens(value);
    return tokens.isEmpty() || (tokens.size() == 1 && tokens.first().is("null"));
}

// Whether ADD COLUMN takes `value` as a default: what SQLite evaluates without a row (a
// number with its sign, a string, a blob, NULL, TRUE, FALSE, a CAST of one), not CURRENT_TIME,
// CURRENT_DATE, CURRENT_TIMESTAMP, a function or an operator ("Cannot add a column with
// non-constant default").
bool isConstantDefault(const QString &value)
{
    QList<Token> tokens = defaultTokens(value);
    if (tokens.size() >= 4 && tokens.first().is("cast") &&
        tokens.last().text == QLatin1String(")")) {
        const qsizetype as = std::find_if(tokens.cbegin(), tokens.cend(),
                                          [](const Token &t) { return t.is("as"); }) -
                             tokens.cbegin();
        tokens = tokens.mid(2, as - 2);
    }
    if (!tokens.isEmpty() &&
        (tokens.first().text == QLatin1String("-") || tokens.first().text == QLatin1String("+")))
        tokens.removeFirst();
    if (tokens.size() == 2)
        return tokens[0].is("x") && tokens[1].type == Token::Type::String;
    if (tokens.size() != 1)
        return tokens.isEmpty();
    const Token &token = tokens.first();
    return token.type == Token::Type::Number || token.type == Token::Type::String ||
           token.is("null") || token.is("true") || token.is("false");
}

// A constraint's compared properties but its definition, as "name=value" lines.
QString otherProperties(const SchemaObject &constraint)
{
    QStringList lines;
    for (auto it = constraint.properties.cbegin(); it != constraint.properties.cend(); ++it) {
        if (it.key() != QLatin1String("definition") &&
            isComparedProperty(ObjectKind::Constraint, it.key()))
            lines.append(it.key() + QLatin1Char('=') + it.value());
    }
    return lines.join(QLatin1Char('\n'));
}

// A column definition from the model's properties, for a hand-built model without "sql".
QString definitionFromProperties(const SchemaObject &column)
{
    QString text = quote(column.name);
    if (const QString type = column.property(QStringLiteral("type")); !type.isEmpty())
        text += QLatin1Char(' ') + type;
    if (const QString collation = column.property(QStringLiteral("collation"));
        !collation.isEmpty())
        text += QStringLiteral(" COLLATE ") + collation;
    if (column.property(QStringLiteral("not_null")) == kTrue)
        text += QStringLiteral(" NOT NULL");
    if (const QString value = column.property(QStringLiteral("default")); !value.isEmpty())
        text += QStringLiteral(" DEFAULT ") + value;
    if (const QString generated = column.property(QStringLiteral("generated"));
        !generated.isEmpty()) {
        const QString how = generated.section(QLatin1Char(' '), 0, 0).toUpper();
        text += QStringLiteral(" GENERATED ALWAYS AS (%1) %2")
                    .arg(generated.section(QLatin1Char(' '), 1), how);
    }
    return text;
}

// The type affinity of a declared type (SQLite's "Datatypes In SQLite", 3.1): integer,
// text, blob, real or numeric.
QString affinity(const QString &type)
{
    const QString upper = type.toUpper();
    if (upper.contains(QLatin1String("INT")))
        return QStringLiteral("integer");
    if (upper.contains(QLatin1String("CHAR")) || upper.contains(QLatin1String("CLOB")) ||
        upper.contains(QLatin1String("TEXT")))
        return QStringLiteral("text");
    if (upper.isEmpty() || upper.contains(QLatin1String("BLOB")))
        return QStringLiteral("blob");
    if (upper.contains(QLatin1String("REAL")) || upper.contains(QLatin1String("FLOA")) ||
        upper.contains(QLatin1String("DOUB")))
        return QStringLiteral("real");
    return QStringLiteral("numeric");
}

// A rowid table's INTEGER PRIMARY KEY column, which takes the rowid when no value is given.
bool isRowidAlias(const SchemaObject &table, const QList<SchemaObject> &columns,
                  const SchemaObject &column)
{
    if (table.property(QStringLiteral("without_rowid")) == kTrue ||
        column.property(QStringLiteral("type"))
                .compare(QLatin1String("INTEGER"), Qt::CaseInsensitive) != 0 ||
        column.property(QStringLiteral("primary_key")) != QLatin1String("1"))
        return false;
    return std::count_if(columns.cbegin(), columns.cend(), [](const SchemaObject &c) {
               return !c.property(QStringLiteral("primary_key")).isEmpty();
           }) == 1;
}

} // namespace

ModelIndex::ModelIndex(const SchemaModel &indexed) : model(indexed)
{
    for (ObjectKind kind : {ObjectKind::Column, ObjectKind::Constraint, ObjectKind::Index}) {
        QHash<QString, QList<SchemaObject>> &byTable = children[kind];
        for (const SchemaObject &object : model.objects(kind))
            byTable[object.table].append(object);
    }
    for (QList<SchemaObject> &columns : children[ObjectKind::Column]) {
        std::stable_sort(columns.begin(), columns.end(),
                         [](const SchemaObject &a, const SchemaObject &b) {
                             return a.property(QStringLiteral("position")).toInt() <
                                    b.property(QStringLiteral("position")).toInt();
                         });
    }
    for (const QList<SchemaObject> &constraints : std::as_const(children[ObjectKind::Constraint])) {
        for (const SchemaObject &constraint : constraints) {
            if (constraint.property(QStringLiteral("type")) != QLatin1String("foreign key"))
                continue;
            const ForeignKeyText fk =
                readForeignKey(constraint.property(QStringLiteral("definition")));
            parents[constraint.table].append(fk.parent);
            if (fk.onDeleteActs)
                actingParents[constraint.table].append(fk.parent);
        }
    }
    for (const SchemaObject &table : model.objects(ObjectKind::Table))
        tables.insert(table.name.toLower(), table.name);
}

Direction::Direction(const ModelIndex &source, const ModelIndex &target, Renames renames)
    : m_source(source.model), m_target(target.model), m_sourceIndex(source), m_targetIndex(target),
      m_renames(std::move(renames))
{
    for (const QString &name : std::as_const(target.tables)) {
        const QString from = sourceTable(name);
        if (!from.isEmpty())
            m_targetBySource.insert(from, name);
        if (!from.isEmpty() && from != name)
            m_tableNames.insert(from.toLower(), name);
    }
}

const SchemaObject *Direction::table(const SchemaModel &model, const QString &name)
{
    return model.find(probe(ObjectKind::Table, {}, name).key());
}

QList<SchemaObject> Direction::children(const SchemaModel &model, ObjectKind kind,
                                        const QString &table) const
{
    return (&model == &m_source ? m_sourceIndex : m_targetIndex).children.value(kind).value(table);
}

QString Direction::sourceTable(const QString &targetTable) const
{
    if (const auto it = m_renames.tables.constFind(targetTable); it != m_renames.tables.cend())
        return table(m_source, *it) ? *it : QString();
    if (!table(m_source, targetTable))
        return {};
    // A source table another target table is renamed from is that table, not this one.
    for (auto it = m_renames.tables.cbegin(); it != m_renames.tables.cend(); ++it) {
        if (it.value() == targetTable && it.key() != targetTable)
            return {};
    }
    return targetTable;
}

QString Direction::targetTable(const QString &sourceTable) const
{
    return m_targetBySource.value(sourceTable);
}

QString Direction::sourceColumn(const QString &targetTable, const QString &targetColumn) const
{
    const QString from = sourceTable(targetTable);
    if (from.isEmpty())
        return {};
    const QString prefix = targetTable + QLatin1Char('\n');
    if (const auto it = m_renames.columns.constFind(prefix + targetColumn);
        it != m_renames.columns.cend())
        return m_source.find(probe(ObjectKind::Column, from, *it).key()) ? *it : QString();
    if (!m_source.find(probe(ObjectKind::Column, from, targetColumn).key()))
        return {};
    for (auto it = m_renames.columns.cbegin(); it != m_renames.columns.cend(); ++it) {
        if (it.key().startsWith(prefix) && it.value() == targetColumn &&
            it.key() != prefix + targetColumn)
            return {};
    }
    return targetColumn;
}

QHash<QString, QString> Direction::tableNameMap() const
{
    return m_tableNames;
}

QHash<QString, QString> Direction::columnNameMap(const QString &sourceTable) const
{
    if (const auto it = m_columnNames.constFind(sourceTable); it != m_columnNames.cend())
        return *it;
    QHash<QString, QString> names;
    const QString target = targetTable(sourceTable);
    if (!target.isEmpty()) {
        for (const SchemaObject &column : children(m_target, ObjectKind::Column, target)) {
            const QString from = sourceColumn(target, column.name);
            if (!from.isEmpty() && from != column.name)
                names.insert(from.toLower(), column.name);
        }
    }
    m_columnNames.insert(sourceTable, names);
    return names;
}

QString Direction::mapped(const SchemaObject &sourceObject, const QString &property) const
{
    const QString text = sourceObject.property(property);
    const QHash<QString, QString> tables = tableNameMap();
    if (sourceObject.kind == ObjectKind::Constraint &&
        sourceObject.property(QStringLiteral("type")) == QLatin1String("foreign key")) {
        const QList<Token> tokens = scan(text);
        const auto references = std::find_if(tokens.cbegin(), tokens.cend(),
                                             [](const Token &t) { return t.is("references"); });
        if (references != tokens.cend()) {
            QHash<QString, QString> own = tables;
            own.insert(columnNameMap(sourceObject.table));
            QHash<QString, QString> parent = tables;
            const ForeignKeyText fk = readForeignKey(text);
            if (const auto it = m_sourceIndex.tables.constFind(fk.parent);
                it != m_sourceIndex.tables.cend())
                parent.insert(columnNameMap(*it));
            return renameTokens(text.left(references->start), own) + QLatin1Char(' ') +
                   renameTokens(text.mid(references->start), parent);
        }
    }
    QHash<QString, QString> names = tables;
    if (!sourceObject.table.isEmpty()) {
        names.insert(columnNameMap(sourceObject.table));
    } else {
        // A view: the renamed columns of every table it names.
        for (const QString &name : mentionedNames(text)) {
            if (const auto it = m_sourceIndex.tables.constFind(name);
                it != m_sourceIndex.tables.cend())
                names.insert(columnNameMap(*it));
        }
    }
    return renameTokens(text, names);
}

QStringList Direction::parents(const SchemaModel &model, const QString &table, bool acting) const
{
    const ModelIndex &index = &model == &m_source ? m_sourceIndex : m_targetIndex;
    return (acting ? index.actingParents : index.parents).value(table);
}

QList<qsizetype> Direction::ordered(const SchemaModel &model, const QStringList &names,
                                    bool childrenFirst) const
{
    QHash<QString, qsizetype> index;
    for (qsizetype i = 0; i < names.size(); ++i)
        index.insert(names[i].toLower(), i);
    QList<QList<qsizetype>> waitsFor(names.size());
    for (qsizetype i = 0; i < names.size(); ++i) {
        for (const QString &parent : parents(model, names[i])) {
            const qsizetype j = index.value(parent, -1);
            if (j < 0 || j == i)
                continue;
            if (childrenFirst)
                waitsFor[j].append(i);
            else
                waitsFor[i].append(j);
        }
    }
    return dependencyOrder(waitsFor);
}

QList<qsizetype> dependencyOrder(const QList<QList<qsizetype>> &waitsFor)
{
    QList<qsizetype> out;
    QList<bool> done(waitsFor.size(), false);
    while (out.size() < waitsFor.size()) {
        bool progressed = false;
        for (qsizetype i = 0; i < waitsFor.size(); ++i) {
            if (done[i] || !std::all_of(waitsFor[i].cbegin(), waitsFor[i].cend(),
                                        [&](qsizetype j) { return done[j]; }))
                continue;
            done[i] = true;
            out.append(i);
            progressed = true;
        }
        if (!progressed) { // a cycle: the first one left goes next
            const qsizetype first = done.indexOf(false);
            done[first] = true;
            out.append(first);
        }
    }
    return out;
}

QString Direction::whyNotAdd(const SchemaObject &column, const QString &definition,
                             const QList<SchemaObject> &newConstraints) const
{
    const QString name = column.name;
    if (!column.property(QStringLiteral("primary_key")).isEmpty())
        return QStringLiteral("new column %1 is part of the PRIMARY KEY").arg(name);
    const QString generated = column.property(QStringLiteral("generated"));
    if (generated.startsWith(QLatin1String("stored"), Qt::CaseInsensitive))
        return QStringLiteral("new column %1 is a STORED generated column").arg(name);
    for (const Token &token : scan(definition)) {
        if (token.is("unique") || token.is("primary"))
            return QStringLiteral("new column %1 is UNIQUE").arg(name);
    }
    const QString value = column.property(QStringLiteral("default"));
    if (column.property(QStringLiteral("not_null")) == kTrue && generated.isEmpty() &&
        isNullDefault(value))
        return QStringLiteral("new column %1 is NOT NULL without a default").arg(name);
    if (!isConstantDefault(value))
        return QStringLiteral("new column %1 has a default that is not a constant").arg(name);
    for (const SchemaObject &constraint : newConstraints) {
        if (constraint.property(QStringLiteral("type")) == QLatin1String("foreign key") &&
            readForeignKey(constraint.property(QStringLiteral("definition"))).own ==
                QStringList{name.toLower()} &&
            !isNullDefault(value))
            return QStringLiteral("new column %1 REFERENCES another table and has a default")
                .arg(name);
    }
    return {};
}

QString Direction::whyNotDrop(const QString &sourceTable, const SchemaObject &column) const
{
    const QString name = column.name;
    const QString folded = name.toLower();
    if (!column.property(QStringLiteral("primary_key")).isEmpty())
        return QStringLiteral("column %1 is part of the PRIMARY KEY").arg(name);
    const SchemaObject *table = Direction::table(m_source, sourceTable);
    const QString definition =
        readCreateTable(table->property(QStringLiteral("sql"))).definitionOf(name);
    for (const SchemaObject &constraint : children(m_source, ObjectKind::Constraint, sourceTable)) {
        if (mentionedNames(constraint.property(QStringLiteral("definition"))).contains(folded) &&
            !writtenOn(constraint, name, definition))
            return QStringLiteral("column %1 is in %2").arg(name, constraint.name);
    }
    for (const SchemaObject &other : children(m_source, ObjectKind::Column, sourceTable)) {
        if (other.name != name &&
            mentionedNames(other.property(QStringLiteral("generated"))).contains(folded))
            return QStringLiteral("column %1 is used by generated column %2").arg(name, other.name);
    }
    for (const SchemaObject &index : children(m_source, ObjectKind::Index, sourceTable)) {
        if (mentionedNames(index.property(QStringLiteral("definition"))).contains(folded) &&
            m_target.find(probe(ObjectKind::Index, targetTable(sourceTable), index.name).key()))
            return QStringLiteral("column %1 is in index %2").arg(name, index.name);
    }
    for (const SchemaObject &other : m_source.objects(ObjectKind::Constraint)) {
        if (other.property(QStringLiteral("type")) != QLatin1String("foreign key"))
            continue;
        const ForeignKeyText fk = readForeignKey(other.property(QStringLiteral("definition")));
        if (fk.parent == sourceTable.toLower() &&
            (fk.parentColumns.contains(folded) || fk.parentColumns.isEmpty()))
            return QStringLiteral("column %1 is referenced by a foreign key of %2")
                .arg(name, other.table);
    }
    const QString target = targetTable(sourceTable).toLower();
    for (ObjectKind kind : {ObjectKind::View, ObjectKind::Trigger}) {
        for (const SchemaObject &object : m_target.objects(kind)) {
            const QSet<QString> names =
                mentionedNames(object.property(QStringLiteral("sql")) + QLatin1Char(' ') +
                               object.property(QStringLiteral("definition")));
            if (names.contains(folded) &&
                (names.contains(target) || object.table.toLower() == target))
                return QStringLiteral("column %1 may be used by %2").arg(name, object.display());
        }
    }
    return {};
}

Direction::AlterPlan Direction::planAlter(const QString &targetTable) const
{
    AlterPlan plan;
    const QString sourceName = sourceTable(targetTable);
    const SchemaObject *before = table(m_source, sourceName);
    const SchemaObject *after = table(m_target, targetTable);
    // WITHOUT ROWID, STRICT and whatever else the table itself carries.
    for (const QString &property : before->properties.keys() + after->properties.keys()) {
        if (isComparedProperty(ObjectKind::Table, property) &&
            before->property(property) != after->property(property)) {
            plan.rebuildBecause = QStringLiteral("%1 changes").arg(property);
            return plan;
        }
    }
    const QList<SchemaObject> sourceColumns = children(m_source, ObjectKind::Column, sourceName);
    QStringList matched;
    QList<SchemaObject> added;
    QList<std::pair<QString, QString>> renamed; // old, new
    for (const SchemaObject &column : children(m_target, ObjectKind::Column, targetTable)) {
        const QString from = sourceColumn(targetTable, column.name);
        if (from.isEmpty()) {
            added.append(column);
            continue;
        }
        matched.append(from);
        const SchemaObject *old = m_source.find(probe(ObjectKind::Column, sourceName, from).key());
        QStringList names = column.properties.keys() + old->properties.keys();
        for (const QString &property : std::as_const(names)) {
            if (isComparedProperty(ObjectKind::Column, property) &&
                column.property(property) != old->property(property)) {
                plan.rebuildBecause =
                    QStringLiteral("column %1 changes (%2)").arg(column.name, property);
                return plan;
            }
        }
        if (from != column.name)
            renamed.append({from, column.name});
    }
    QList<SchemaObject> dropped;
    for (const SchemaObject &column : sourceColumns) {
        if (!matched.contains(column.name))
            dropped.append(column);
    }
    for (const auto &[from, to] : std::as_const(renamed)) {
        for (const SchemaObject &column : sourceColumns) {
            const bool goes =
                std::any_of(dropped.cbegin(), dropped.cend(),
                            [&](const SchemaObject &d) { return d.name == column.name; });
            if (column.name.compare(to, Qt::CaseInsensitive) == 0 && !goes) {
                plan.rebuildBecause = QStringLiteral("column renames exchange names");
                return plan;
            }
        }
    }

    // Constraints: those of the source read with the target's names must all remain, but for a
    // CHECK or REFERENCES written on a dropped column (it goes with the column); new ones may
    // only be written on new columns (ADD COLUMN adds them).
    // The statements' text is read only when a column comes or goes; a constraint is first
    // matched as the model spells it, then read with the target's names.
    const TableText beforeText =
        dropped.isEmpty() ? TableText() : readCreateTable(before->property(QStringLiteral("sql")));
    const TableText afterText =
        added.isEmpty() ? TableText() : readCreateTable(after->property(QStringLiteral("sql")));
    const bool renames = !m_tableNames.isEmpty() || !m_renames.columns.isEmpty();
    auto spelled = [](const SchemaObject &constraint) {
        return constraint.property(QStringLiteral("definition")) + QLatin1Char('\n') +
               otherProperties(constraint);
    };
    QList<SchemaObject> sourceConstraints;
    QStringList asSpelled;
    for (const SchemaObject &constraint : children(m_source, ObjectKind::Constraint, sourceName)) {
        if (ownerOf(constraint, beforeText, dropped))
            continue;
        sourceConstraints.append(constraint);
        asSpelled.append(renames ? QString() : spelled(constraint));
    }
    QList<SchemaObject> targetConstraints;
    for (const SchemaObject &constraint : children(m_target, ObjectKind::Constraint, targetTable)) {
        const qsizetype at = renames ? -1 : asSpelled.indexOf(spelled(constraint));
        if (at >= 0) {
            asSpelled.removeAt(at);
            sourceConstraints.removeAt(at);
        } else {
            targetConstraints.append(constraint);
        }
    }
    QStringList kept;
    for (const SchemaObject &constraint : std::as_const(sourceConstraints))
        kept.append(mapped(constraint, QStringLiteral("definition")) + QLatin1Char('\n') +
                    otherProperties(constraint));
    QList<SchemaObject> newConstraints;
    for (const SchemaObject &constraint : std::as_const(targetConstraints)) {
        const QString text = tokenText(constraint.property(QStringLiteral("definition"))) +
                             QLatin1Char('\n') + otherProperties(constraint);
        if (kept.removeOne(text))
            continue;
        if (!ownerOf(constraint, afterText, added)) {
            plan.rebuildBecause = QStringLiteral("constraint %1 is added").arg(constraint.name);
            return plan;
        }
        newConstraints.append(constraint);
    }
    if (!kept.isEmpty()) {
        plan.rebuildBecause = QStringLiteral("a constraint is removed or changed (%1)")
                                  .arg(kept.first().section(QLatin1Char('\n'), 0, 0));
        return plan;
    }
    QStringList definitions;
    for (const SchemaObject &column : std::as_const(added)) {
        QString definition = afterText.definitionOf(column.name);
        if (definition.isEmpty())
            definition = definitionFromProperties(column);
        plan.rebuildBecause = whyNotAdd(column, definition, newConstraints);
        if (!plan.rebuildBecause.isEmpty())
            return plan;
        definitions.append(definition);
    }
    for (const SchemaObject &column : std::as_const(dropped)) {
        plan.rebuildBecause = whyNotDrop(sourceName, column);
        if (!plan.rebuildBecause.isEmpty())
            return plan;
    }

    // Names as the statements spell them (SQLite keeps a new name as written).
    const QString beforeSql = before->property(QStringLiteral("sql"));
    const QString afterSql = after->property(QStringLiteral("sql"));
    const TableText beforeNames =
        renamed.isEmpty() && dropped.isEmpty() ? TableText() : readCreateTable(beforeSql);
    const TableText afterNames = renamed.isEmpty() ? TableText() : readCreateTable(afterSql);
    const QString name = quote(spelledTableName(afterSql, targetTable));
    if (sourceName != targetTable)
        plan.statements.append(QStringLiteral("ALTER TABLE %1 RENAME TO %2")
                                   .arg(quote(spelledTableName(beforeSql, sourceName)), name));
    for (const SchemaObject &column : std::as_const(dropped)) {
        plan.statements.append(QStringLiteral("ALTER TABLE %1 DROP COLUMN %2")
                                   .arg(name, quote(beforeNames.spelling(column.name))));
        plan.hazards.append(Hazard::DeletesData);
    }
    for (const auto &[from, to] : std::as_const(renamed))
        plan.statements.append(
            QStringLiteral("ALTER TABLE %1 RENAME COLUMN %2 TO %3")
                .arg(name, quote(beforeNames.spelling(from)), quote(afterNames.spelling(to))));
    for (const QString &definition : std::as_const(definitions)) {
        plan.statements.append(
            QStringLiteral("ALTER TABLE %1 ADD COLUMN %2").arg(name, definition));
        const QList<Token> tokens = scan(definition);
        if (std::any_of(tokens.cbegin(), tokens.cend(),
                        [](const Token &t) { return t.is("check") || t.is("references"); }))
            plan.hazards.append(Hazard::ValidatesConstraint);
    }
    return plan;
}

bool Direction::addsKeyOrConstraint(const QString &sourceTable, const QString &targetTable) const
{
    // STRICT checks every value against its column's type.
    if (table(m_target, targetTable)->property(QStringLiteral("strict")) == kTrue &&
        table(m_source, sourceTable)->property(QStringLiteral("strict")) != kTrue)
        return true;
    QStringList before;
    for (const SchemaObject &constraint : children(m_source, ObjectKind::Constraint, sourceTable))
        before.append(mapped(constraint, QStringLiteral("definition")));
    for (const SchemaObject &constraint : children(m_target, ObjectKind::Constraint, targetTable)) {
        if (!before.contains(tokenText(constraint.property(QStringLiteral("definition")))))
            return true;
    }
    // A key column under another collation (NOCASE, say) may find duplicates it did not.
    for (const SchemaObject &column : children(m_target, ObjectKind::Column, targetTable)) {
        const QString old = sourceColumn(targetTable, column.name);
        const SchemaObject *was =
            old.isEmpty() ? nullptr
                          : m_source.find(probe(ObjectKind::Column, sourceTable, old).key());
        if (!was || was->property(QStringLiteral("collation")) ==
                        column.property(QStringLiteral("collation")))
            continue;
        if (!column.property(QStringLiteral("primary_key")).isEmpty())
            return true;
        for (const SchemaObject &constraint :
             children(m_target, ObjectKind::Constraint, targetTable)) {
            if (constraint.property(QStringLiteral("type")) == QLatin1String("unique") &&
                mentionedNames(constraint.property(QStringLiteral("definition")))
                    .contains(column.name.toLower()))
                return true;
        }
    }
    // The primary key: its columns in order, read with the target's names.
    const QHash<QString, QString> renamed = columnNameMap(sourceTable);
    QMap<int, QString> keyBefore;
    for (const SchemaObject &column : children(m_source, ObjectKind::Column, sourceTable)) {
        if (const int at = column.property(QStringLiteral("primary_key")).toInt(); at > 0)
            keyBefore.insert(at, renamed.value(column.name.toLower(), column.name).toLower());
    }
    QMap<int, QString> keyAfter;
    for (const SchemaObject &column : children(m_target, ObjectKind::Column, targetTable)) {
        if (const int at = column.property(QStringLiteral("primary_key")).toInt(); at > 0)
            keyAfter.insert(at, column.name.toLower());
    }
    return !keyAfter.isEmpty() && keyAfter != keyBefore;
}

Direction::AlterPlan Direction::planRebuild(const QStringList &members, int serial,
                                            const QStringList &dropAlso,
                                            const QStringList &createAlso) const
{
    AlterPlan plan;
    plan.hazards.append(Hazard::RewritesTable);
    QStringList copies;
    QStringList sources;
    for (qsizetype i = 0; i < members.size(); ++i) {
        sources.append(sourceTable(members[i]));
        copies.append(QStringLiteral("strata_rebuild_%1_%2").arg(serial).arg(i + 1));
    }
    // A rowid table keeps its rowids (an FTS5 external-content table or anything else keyed by
    // rowid relies on them) unless the new table has an INTEGER PRIMARY KEY, which carries them.
    QList<bool> keepsRowid;
    for (qsizetype i = 0; i < members.size(); ++i) {
        const SchemaObject *before = table(m_source, sources[i]);
        const SchemaObject *after = table(m_target, members[i]);
        const QList<SchemaObject> targetColumns =
            children(m_target, ObjectKind::Column, members[i]);
        keepsRowid.append(before->property(QStringLiteral("without_rowid")) != kTrue &&
                          after->property(QStringLiteral("without_rowid")) != kTrue &&
                          std::none_of(targetColumns.cbegin(), targetColumns.cend(),
                                       [&](const SchemaObject &column) {
                                           return isRowidAlias(*after, targetColumns, column);
                                       }));
    }
    // Which tables the rebuild copies, said above its first statement.
    QStringList named;
    for (const QString &member : members)
        named.append(quote(
            spelledTableName(table(m_target, member)->property(QStringLiteral("sql")), member)));
    plan.statements.append(QStringLiteral("-- rebuilds %1 (rows copied aside and back)\n"
                                          "PRAGMA defer_foreign_keys = ON")
                               .arg(named.join(QStringLiteral(", "))));
    QList<bool> sequenced;
    for (qsizetype i = 0; i < members.size(); ++i) {
        plan.statements.append(
            QStringLiteral("CREATE TEMP TABLE %1 AS SELECT %3* FROM main.%2")
                .arg(copies[i], quote(sources[i]),
                     keepsRowid[i] ? QStringLiteral("rowid AS strata_rowid, ") : QString()));
        bool autoincrement = false;
        for (const SchemaObject &column : children(m_source, ObjectKind::Column, sources[i]))
            autoincrement =
                autoincrement || column.property(QStringLiteral("autoincrement")) == kTrue;
        sequenced.append(autoincrement);
        if (autoincrement)
            plan.statements.append(
                QStringLiteral("CREATE TEMP TABLE %1_seq AS SELECT seq FROM main.sqlite_sequence "
                               "WHERE name = %2")
                    .arg(copies[i], literal(sources[i])));
    }
    const QStringList dropped = sources + dropAlso;
    for (qsizetype i : ordered(m_source, dropped, true))
        plan.statements.append(QStringLiteral("DROP TABLE main.%1").arg(quote(dropped[i])));
    if (!dropAlso.isEmpty())
        plan.hazards.append(Hazard::DeletesData);
    const QStringList created = members + createAlso;
    for (qsizetype i : ordered(m_target, created, false))
        plan.statements.append(table(m_target, created[i])->property(QStringLiteral("sql")));
    const QList<qsizetype> parentsFirst = ordered(m_target, members, false);
    for (qsizetype i : parentsFirst) {
        const SchemaObject *after = table(m_target, members[i]);
        const QList<SchemaObject> targetColumns =
            children(m_target, ObjectKind::Column, members[i]);
        QStringList into;
        QStringList from;
        if (keepsRowid[i]) {
            into.append(QStringLiteral("rowid"));
            from.append(QStringLiteral("strata_rowid"));
        }
        for (const SchemaObject &column : targetColumns) {
            if (!column.property(QStringLiteral("generated")).isEmpty())
                continue;
            const QString old = sourceColumn(members[i], column.name);
            const bool notNull = column.property(QStringLiteral("not_null")) == kTrue;
            if (old.isEmpty()) {
                if (notNull && isNullDefault(column.property(QStringLiteral("default"))) &&
                    !isRowidAlias(*after, targetColumns, column))
                    plan.hazards.append(Hazard::FailsWithRows);
                continue;
            }
            const SchemaObject *was =
                m_source.find(probe(ObjectKind::Column, sources[i], old).key());
            QString value = quote(old);
            const QString fallback = column.property(QStringLiteral("default"));
            if (notNull && was && was->property(QStringLiteral("not_null")) != kTrue &&
                was->property(QStringLiteral("primary_key")).isEmpty()) {
                // A column made NOT NULL: its NULLs take the default when it has one (what the
                // default would have given them), else the copy fails on them.
                if (isNullDefault(fallback))
                    plan.hazards.append(Hazard::FailsWithRows);
                else
                    value = QStringLiteral("coalesce(%1, (%2))").arg(value, fallback);
            }
            // Another type affinity converts the values ('007' in an INTEGER column is 7), and
            // the way back does not give their text back.
            if (was &&
                affinity(was->property(QStringLiteral("type"))) !=
                    affinity(column.property(QStringLiteral("type"))) &&
                affinity(column.property(QStringLiteral("type"))) != QLatin1String("blob") &&
                !plan.hazards.contains(Hazard::DeletesData))
                plan.hazards.append(Hazard::DeletesData);
            into.append(quote(column.name));
            from.append(value);
        }
        if (!into.isEmpty())
            plan.statements.append(QStringLiteral("INSERT INTO main.%1 (%2) SELECT %3 FROM temp.%4")
                                       .arg(quote(members[i]), into.join(QStringLiteral(", ")),
                                            from.join(QStringLiteral(", ")), copies[i]));
        bool autoincrement = false;
        for (const SchemaObject &column : targetColumns)
            autoincrement =
                autoincrement || column.property(QStringLiteral("autoincrement")) == kTrue;
        if (sequenced[i] && autoincrement) {
            const QString name = literal(members[i]);
            plan.statements.append(
                QStringLiteral(
                    "UPDATE main.sqlite_sequence SET seq = (SELECT seq FROM temp.%1_seq) "
                    "WHERE name = %2 AND seq < (SELECT seq FROM temp.%1_seq)")
                    .arg(copies[i], name));
            plan.statements.append(
                QStringLiteral("INSERT INTO main.sqlite_sequence (name, seq) SELECT %2, seq FROM "
                               "temp.%1_seq WHERE NOT EXISTS (SELECT 1 FROM main.sqlite_sequence "
                               "WHERE name = %2)")
                    .arg(copies[i], name));
        }
        if (sequenced[i])
            plan.statements.append(QStringLiteral("DROP TABLE temp.%1_seq").arg(copies[i]));
        plan.statements.append(QStringLiteral("DROP TABLE temp.%1").arg(copies[i]));
    }
    for (qsizetype i = 0; i < sources.size(); ++i) {
        for (const SchemaObject &column : children(m_source, ObjectKind::Column, sources[i])) {
            bool found = false;
            for (const SchemaObject &after : children(m_target, ObjectKind::Column, members[i]))
                found = found || sourceColumn(members[i], after.name) == column.name;
            if (!found && !plan.hazards.contains(Hazard::DeletesData))
                plan.hazards.append(Hazard::DeletesData);
        }
        if (addsKeyOrConstraint(sources[i], members[i]) &&
            !plan.hazards.contains(Hazard::ValidatesConstraint))
            plan.hazards.append(Hazard::ValidatesConstraint);
    }
    for (qsizetype i : parentsFirst)
        plan.statements.append(
            QStringLiteral("PRAGMA foreign_key_check(%1)").arg(quote(members[i])));
    // The tables both sides have that reference a member without being rebuilt (no ON DELETE
    // action): their rows stayed, their parents' rows are back.
    QSet<QString> folded;
    for (const QString &member : members)
        folded.insert(member.toLower());
    QStringList others;
    for (auto it = m_targetIndex.parents.cbegin(); it != m_targetIndex.parents.cend(); ++it) {
        if (!folded.contains(it.key().toLower()) && !sourceTable(it.key()).isEmpty() &&
            std::any_of(it->cbegin(), it->cend(),
                        [&](const QString &parent) { return folded.contains(parent); }))
            others.append(it.key());
    }
    others.sort();
    for (const QString &other : std::as_const(others))
        plan.statements.append(QStringLiteral("PRAGMA foreign_key_check(%1)").arg(quote(other)));
    return plan;
}

} // namespace strata::schema::sqlite_detail
