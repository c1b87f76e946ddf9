// Reading the parts of SQLite's statement text that its pragmas do not give, on the tokens of
// sqltokens.h. Follows the syntax diagrams of SQLite's "CREATE TABLE" page.
#include "schema/inspect_sqlite_p.h"

namespace strata::schema::sqlitetext {

namespace {

using Kind = SqlToken::Kind;

// A cursor over tokens [pos, end).
struct Cursor
{
    const QList<SqlToken> &tokens;
    qsizetype pos;
    qsizetype end;

    bool atEnd() const { return pos >= end; }
    const SqlToken *peek(qsizetype ahead = 0) const
    {
        return pos + ahead < end ? &tokens.at(pos + ahead) : nullptr;
    }
    bool isWord(const char *word, qsizetype ahead = 0) const
    {
        const SqlToken *token = peek(ahead);
        return token && token->isWord(QLatin1String(word));
    }
    bool isOperator(const char *op, qsizetype ahead = 0) const
    {
        const SqlToken *token = peek(ahead);
        return token && token->isOperator(QLatin1String(op));
    }
    // Consumes `word` when it is next.
    bool take(const char *word)
    {
        if (!isWord(word))
            return false;
        ++pos;
        return true;
    }
    bool takeOperator(const char *op)
    {
        if (!isOperator(op))
            return false;
        ++pos;
        return true;
    }
    // The position after the parenthesis matching the '(' at pos (or end).
    qsizetype matching() const
    {
        int depth = 0;
        for (qsizetype i = pos; i < end; ++i) {
            const SqlToken &token = tokens.at(i);
            if (token.kind != Kind::Operator)
                continue;
            if (token.text == QLatin1String("("))
                ++depth;
            else if (token.text == QLatin1String(")") && --depth == 0)
                return i + 1;
        }
        return end;
    }
    // The tokens inside the parentheses at pos, normalized; pos moves past them.
    QString takeParenthesized()
    {
        if (!isOperator("("))
            return {};
        const qsizetype close = matching();
        const QString text =
            normalizedExpression(tokens, pos + 1, close > pos + 1 ? close - 1 : pos);
        pos = close;
        return text;
    }
    // The name at pos (any token that can hold one); pos moves past it.
    QString takeName()
    {
        const SqlToken *token = peek();
        if (!token || !(token->isName() || token->kind == Kind::String))
            return {};
        ++pos;
        return identifier(*token);
    }
    // "CREATE [TEMP | TEMPORARY | UNIQUE] kind [IF NOT EXISTS]": taken; returns where IF NOT
    // EXISTS or the name starts (what comes before is the statement's kind).
    qsizetype takeCreate(const char *kind)
    {
        take("create");
        if (!take("temp") && !take("temporary"))
            take("unique");
        take(kind);
        const qsizetype after = pos;
        if (isWord("if") && isWord("not", 1) && isWord("exists", 2))
            pos += 3;
        return after;
    }
    // "[schema.]name": the name (quotes removed); pos moves past both.
    QString takeQualifiedName()
    {
        QString name = takeName();
        if (takeOperator("."))
            name = takeName();
        return name;
    }
    // "CONSTRAINT name" before a constraint: the name (the last when repeated), else empty.
    QString takeConstraintName()
    {
        QString name;
        while (take("constraint"))
            name = takeName();
        return name;
    }
    // "ON CONFLICT resolution", lower-cased; empty when not next, and for ABORT: it is what
    // every constraint does without the clause.
    QString takeConflictClause()
    {
        if (!(isWord("on") && isWord("conflict", 1)))
            return {};
        pos += 2;
        const SqlToken *token = peek();
        if (!token)
            return {};
        ++pos;
        const QString resolution = asciiLower(token->text);
        return resolution == QLatin1String("abort") ? QString() : resolution;
    }
};

// The positions of the commas at depth 0 in [from, to), plus `to`.
QList<qsizetype> topLevelCommas(const QList<SqlToken> &tokens, qsizetype from, qsizetype to)
{
    QList<qsizetype> commas;
    int depth = 0;
    for (qsizetype i = from; i < to; ++i) {
        const SqlToken &token = tokens.at(i);
        if (token.kind != Kind::Operator)
            continue;
        if (token.text == QLatin1String("("))
            ++depth;
        else if (token.text == QLatin1String(")"))
            --depth;
        else if (depth == 0 && token.text == QLatin1String(","))
            commas.append(i);
    }
    commas.append(to);
    return commas;
}

// "(a COLLATE x DESC, b)" of a PRIMARY KEY or UNIQUE table constraint: the column names.
QStringList takeIndexedColumns(Cursor &cursor, bool *autoincrement)
{
    QStringList columns;
    if (!cursor.isOperator("("))
        return columns;
    const qsizetype close = cursor.matching();
    Cursor inner{cursor.tokens, cursor.pos + 1, close - 1};
    const QList<qsizetype> commas = topLevelCommas(cursor.tokens, inner.pos, inner.end);
    qsizetype start = inner.pos;
    for (const qsizetype comma : commas) {
        Cursor item{cursor.tokens, start, comma};
        columns.append(normalizedName(item.takeName()));
        for (qsizetype i = item.pos; i < comma; ++i)
            if (cursor.tokens.at(i).isWord(QLatin1String("autoincrement")))
                *autoincrement = true;
        start = comma + 1;
    }
    cursor.pos = close;
    return columns;
}

// "(a, b)": the names, normalized.
QStringList takeNameList(Cursor &cursor)
{
    bool ignored = false;
    return takeIndexedColumns(cursor, &ignored);
}

// The foreign-key-clause after REFERENCES (already taken).
void takeForeignKeyClause(Cursor &cursor, ConstraintClause *clause)
{
    clause->type = ConstraintClause::Type::ForeignKey;
    clause->parent = normalizedName(cursor.takeName());
    clause->parentColumns = takeNameList(cursor);
    while (!cursor.atEnd()) {
        if (cursor.isWord("on") && (cursor.isWord("delete", 1) || cursor.isWord("update", 1))) {
            cursor.pos += 2;
            // SET NULL, SET DEFAULT, CASCADE, RESTRICT, NO ACTION (read from the pragma).
            if (cursor.take("set") || cursor.take("no"))
                ++cursor.pos;
            else
                ++cursor.pos;
        } else if (cursor.take("match")) {
            ++cursor.pos;
        } else if (cursor.isWord("deferrable") ||
                   (cursor.isWord("not") && cursor.isWord("deferrable", 1))) {
            const bool negated = cursor.take("not");
            cursor.take("deferrable");
            bool deferred = false;
            if (cursor.take("initially")) {
                deferred = cursor.isWord("deferred");
                ++cursor.pos;
            }
            clause->deferred = !negated && deferred;
        } else {
            break;
        }
    }
}

bool startsColumnConstraint(const Cursor &cursor)
{
    for (const char *word : {"constraint", "primary", "not", "null", "unique", "check", "default",
                             "collate", "references", "generated", "as"})
        if (cursor.isWord(word))
            return true;
    return false;
}

// DEFAULT's value: a parenthesized expression, a signed number, a literal or a word.
void skipDefault(Cursor &cursor)
{
    if (cursor.isOperator("(")) {
        cursor.pos = cursor.matching();
        return;
    }
    if (cursor.isOperator("+") || cursor.isOperator("-"))
        ++cursor.pos;
    if (!cursor.atEnd())
        ++cursor.pos;
}

void readColumn(Cursor cursor, CreateTable *table)
{
    ColumnClause column;
    column.name = normalizedName(cursor.takeName());
    // The type: words and a parenthesized size, up to the first constraint.
    while (!cursor.atEnd() && !startsColumnConstraint(cursor)) {
        if (cursor.isOperator("("))
            cursor.pos = cursor.matching();
        else
            ++cursor.pos;
    }
    while (!cursor.atEnd()) {
        ConstraintClause clause;
        clause.columns = {column.name};
        clause.name = cursor.takeConstraintName();
        if (cursor.take("primary")) {
            cursor.take("key");
            if (!cursor.take("asc"))
                cursor.take("desc");
            clause.type = ConstraintClause::Type::PrimaryKey;
            clause.onConflict = cursor.takeConflictClause();
            clause.autoincrement = cursor.take("autoincrement");
            column.autoincrement = column.autoincrement || clause.autoincrement;
            table->constraints.append(clause);
        } else if (cursor.take("not")) {
            cursor.take("null");
            column.notNullOnConflict = cursor.takeConflictClause();
        } else if (cursor.take("null")) {
            cursor.takeConflictClause();
        } else if (cursor.take("unique")) {
            clause.type = ConstraintClause::Type::Unique;
            clause.onConflict = cursor.takeConflictClause();
            table->constraints.append(clause);
        } else if (cursor.take("check")) {
            clause.type = ConstraintClause::Type::Check;
            clause.columns.clear();
            clause.expression = cursor.takeParenthesized();
            table->constraints.append(clause);
        } else if (cursor.take("default")) {
            skipDefault(cursor);
        } else if (cursor.take("collate")) {
            column.collation = cursor.takeName().toUpper();
        } else if (cursor.take("references")) {
            takeForeignKeyClause(cursor, &clause);
            table->constraints.append(clause);
        } else if (cursor.isWord("generated") || cursor.isWord("as")) {
            if (cursor.take("generated"))
                cursor.take("always");
            cursor.take("as");
            column.generatedExpression = cursor.takeParenthesized();
            column.generated = QStringLiteral("virtual");
            if (cursor.take("stored"))
                column.generated = QStringLiteral("stored");
            else
                cursor.take("virtual");
        } else {
            ++cursor.pos; // not SQLite's syntax: skipped
        }
    }
    table->columns.append(column);
}

// Table constraints from pos to end; SQLite lets them follow each other without commas.
void readTableConstraints(Cursor cursor, CreateTable *table)
{
    while (!cursor.atEnd()) {
        ConstraintClause clause;
        clause.name = cursor.takeConstraintName();
        if (cursor.take("primary")) {
            cursor.take("key");
            clause.type = ConstraintClause::Type::PrimaryKey;
            clause.columns = takeIndexedColumns(cursor, &clause.autoincrement);
            clause.onConflict = cursor.takeConflictClause();
            table->constraints.append(clause);
        } else if (cursor.take("unique")) {
            clause.type = ConstraintClause::Type::Unique;
            clause.columns = takeIndexedColumns(cursor, &clause.autoincrement);
            clause.onConflict = cursor.takeConflictClause();
            table->constraints.append(clause);
        } else if (cursor.take("check")) {
            clause.type = ConstraintClause::Type::Check;
            clause.expression = cursor.takeParenthesized();
            table->constraints.append(clause);
        } else if (cursor.take("foreign")) {
            cursor.take("key");
            clause.columns = takeNameList(cursor);
            if (cursor.take("references")) {
                takeForeignKeyClause(cursor, &clause);
                table->constraints.append(clause);
            }
        } else {
            ++cursor.pos;
        }
    }
}

bool startsTableConstraint(const SqlToken &token)
{
    for (const char *word : {"constraint", "primary", "unique", "check", "foreign"})
        if (token.isWord(QLatin1String(word)))
            return true;
    return false;
}

} // namespace

const ColumnClause *CreateTable::column(const QString &normalized) const
{
    for (const ColumnClause &clause : columns)
        if (clause.name == normalized)
            return &clause;
    return nullptr;
}

const ConstraintClause *CreateTable::primaryKey() const
{
    for (const ConstraintClause &clause : constraints)
        if (clause.type == ConstraintClause::Type::PrimaryKey)
            return &clause;
    return nullptr;
}

QString identifier(const SqlToken &token)
{
    if (token.kind != Kind::String)
        return sqlTokenName(token);
    QString inner = token.text.mid(1);
    if (inner.endsWith(QLatin1Char('\'')))
        inner.chop(1);
    return inner.replace(QLatin1String("''"), QLatin1String("'"));
}

QString normalizedRange(const QList<SqlToken> &tokens, qsizetype from, qsizetype to)
{
    QString out;
    for (qsizetype i = from; i < to; ++i) {
        if (i > from)
            out += QLatin1Char(' ');
        out += normalizedToken(tokens.at(i));
    }
    return out;
}

QString normalizedExpression(const QList<SqlToken> &tokens, qsizetype from, qsizetype to)
{
    const QList<SqlToken> expression = withoutRedundantParentheses(tokens.mid(from, to - from));
    return normalizedRange(expression, 0, expression.size());
}

CreateTable readCreateTable(const QString &sql)
{
    CreateTable table;
    const QList<SqlToken> tokens = sqlTokenList(sql);
    Cursor cursor{tokens, 0, tokens.size()};
    cursor.takeCreate("table");
    table.name = normalizedName(cursor.takeQualifiedName());
    if (!cursor.isOperator("("))
        return table; // CREATE TABLE ... AS SELECT: SQLite stores a column list instead
    const qsizetype close = cursor.matching();
    const qsizetype bodyEnd = close > cursor.pos + 1 ? close - 1 : close;
    const QList<qsizetype> commas = topLevelCommas(tokens, cursor.pos + 1, bodyEnd);
    qsizetype start = cursor.pos + 1;
    bool constraints = false;
    for (const qsizetype comma : commas) {
        if (start < comma) {
            constraints = constraints || startsTableConstraint(tokens.at(start));
            if (constraints)
                readTableConstraints(Cursor{tokens, start, comma}, &table);
            else
                readColumn(Cursor{tokens, start, comma}, &table);
        }
        start = comma + 1;
    }
    // Table options: WITHOUT ROWID, STRICT, separated by commas.
    for (qsizetype i = close; i < tokens.size(); ++i) {
        if (tokens.at(i).isWord(QLatin1String("without")) && i + 1 < tokens.size() &&
            tokens.at(i + 1).isWord(QLatin1String("rowid")))
            table.withoutRowid = true;
        else if (tokens.at(i).isWord(QLatin1String("strict")))
            table.strict = true;
    }
    return table;
}

QSet<QString> referencedNames(const QList<SqlToken> &tokens)
{
    QSet<QString> names;
    for (qsizetype i = 0; i < tokens.size(); ++i) {
        const SqlToken &token = tokens.at(i);
        if (!token.isName())
            continue;
        // After a '.': a column of a table (t.c), unless the name before it is a schema's.
        if (i > 1 && tokens.at(i - 1).isOperator(QLatin1String(".")) &&
            !tokens.at(i - 2).isWord(QLatin1String("main")) &&
            !tokens.at(i - 2).isWord(QLatin1String("temp")))
            continue;
        if (i + 1 < tokens.size() && tokens.at(i + 1).isOperator(QLatin1String("(")))
            continue; // a function called (or the column list of a view's name)
        names.insert(asciiLower(sqlTokenName(token)));
    }
    return names;
}

QString canonicalType(const QString &type)
{
    const QList<SqlToken> tokens = sqlTokenList(type);
    QString out;
    bool previousWord = false;
    for (const SqlToken &token : tokens) {
        const bool word = token.kind != Kind::Operator && token.kind != Kind::Variable;
        if (word && previousWord)
            out += QLatin1Char(' ');
        if (token.kind == Kind::String)
            out += token.text;
        else if (token.kind == Kind::QuotedName) // "INTEGER" is INTEGER
            out += normalizedName(sqlTokenName(token)).toUpper();
        else
            out += token.text.toUpper();
        previousWord = word;
    }
    return out;
}

QString canonicalDefault(const QString &text)
{
    // SQLite keeps DEFAULT ((+1)) as "(+1)": the rules below read what is inside.
    const QList<SqlToken> tokens = withoutRedundantParentheses(sqlTokenList(text));
    if (tokens.size() == 1 && tokens.first().kind == Kind::QuotedName) {
        QString value = sqlTokenName(tokens.first());
        value.replace(QLatin1Char('\''), QLatin1String("''"));
        return QLatin1Char('\'') + value + QLatin1Char('\'');
    }
    // DEFAULT NULL is no default; DEFAULT +1 is DEFAULT 1.
    if (tokens.size() == 1 && tokens.first().isWord(QLatin1String("null")))
        return {};
    if (tokens.size() == 2 && tokens.first().isOperator(QLatin1String("+")) &&
        tokens.last().kind == Kind::Number)
        return normalizedToken(tokens.last());
    return normalizedExpression(tokens, 0, tokens.size());
}

QString normalizedStatement(const QString &sql)
{
    const QList<SqlToken> tokens = withoutRedundantParentheses(sqlTokenList(sql));
    return normalizedRange(tokens, 0, tokens.size());
}

QString indexDefinition(const QString &sql, const QHash<QString, QString> &collations)
{
    const QList<SqlToken> tokens = withoutRedundantParentheses(sqlTokenList(sql));
    Cursor cursor{tokens, 0, tokens.size()};
    const qsizetype nameStart = cursor.takeCreate("index");
    cursor.takeQualifiedName();
    QStringList out;
    for (qsizetype i = 0; i < nameStart; ++i)
        out.append(normalizedToken(tokens.at(i)));
    out.append(QStringLiteral("%INDEX%"));
    bool where = false;
    for (qsizetype i = cursor.pos; i < tokens.size(); ++i) {
        const SqlToken &token = tokens.at(i);
        where = where || token.isWord(QLatin1String("where"));
        // "a ASC" is "a": ascending is every indexed column's default order.
        if (!where && token.isWord(QLatin1String("asc")) && i + 1 < tokens.size() &&
            (tokens.at(i + 1).isOperator(QLatin1String(",")) ||
             tokens.at(i + 1).isOperator(QLatin1String(")"))))
            continue;
        // "a COLLATE nocase" on a column declared COLLATE NOCASE is "a" (BINARY when none).
        if (!where && token.isName() && i + 2 < tokens.size() &&
            tokens.at(i + 1).isWord(QLatin1String("collate")) &&
            (tokens.at(i - 1).isOperator(QLatin1String("(")) ||
             tokens.at(i - 1).isOperator(QLatin1String(","))) &&
            identifier(tokens.at(i + 2)).toUpper() ==
                collations.value(normalizedName(sqlTokenName(token)), QStringLiteral("BINARY"))) {
            out.append(normalizedToken(token));
            i += 2;
            continue;
        }
        out.append(normalizedToken(token));
    }
    return out.join(QLatin1Char(' '));
}

QString triggerDefinition(const QString &sql)
{
    const QList<SqlToken> tokens = withoutRedundantParentheses(sqlTokenList(sql));
    Cursor cursor{tokens, 0, tokens.size()};
    const qsizetype nameStart = cursor.takeCreate("trigger");
    const QString name = cursor.takeQualifiedName();
    QStringList out;
    for (qsizetype i = 0; i < nameStart; ++i)
        out.append(normalizedToken(tokens.at(i)));
    out.append(normalizedName(name)); // without its schema
    // No BEFORE, AFTER or INSTEAD OF means BEFORE.
    if (!cursor.isWord("before") && !cursor.isWord("after") && !cursor.isWord("instead"))
        out.append(QStringLiteral("before"));
    // FOR EACH ROW is the only kind SQLite has: the same trigger with or without it.
    qsizetype on = cursor.pos;
    while (on < tokens.size() && !tokens.at(on).isWord(QLatin1String("on")))
        ++on;
    qsizetype afterTable = on + 2;
    if (afterTable < tokens.size() && tokens.at(afterTable).isOperator(QLatin1String(".")))
        afterTable += 2;
    for (qsizetype i = cursor.pos; i < tokens.size(); ++i) {
        if (i == afterTable && i + 2 < tokens.size() && tokens.at(i).isWord(QLatin1String("for")) &&
            tokens.at(i + 1).isWord(QLatin1String("each")) &&
            tokens.at(i + 2).isWord(QLatin1String("row"))) {
            i += 2;
            continue;
        }
        out.append(normalizedToken(tokens.at(i)));
    }
    return out.join(QLatin1Char(' '));
}

} // namespace strata::schema::sqlitetext
