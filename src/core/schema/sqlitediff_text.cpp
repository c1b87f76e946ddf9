// SQLite's statement text as the SQLite diff reads it: tokens with their places, the column
// definitions of a CREATE TABLE, names quoted the SQLite way ("SQL As Understood By SQLite").
#include "schema/sqlitediff_p.h"

namespace strata::schema::sqlite_detail {

QString Token::name() const
{
    if (type != Type::QuotedName)
        return text;
    const QChar open = text.front();
    QString inner = text.mid(1, text.size() >= 2 ? text.size() - 2 : 0);
    if (open == QLatin1Char('"'))
        inner.replace(QStringLiteral("\"\""), QStringLiteral("\""));
    else if (open == QLatin1Char('`'))
        inner.replace(QStringLiteral("``"), QStringLiteral("`"));
    return inner;
}

QString Token::folded() const
{
    return isName() ? name().toLower() : text;
}

bool Token::is(const char *word) const
{
    return type == Type::Word && text.compare(QLatin1String(word), Qt::CaseInsensitive) == 0;
}

namespace {

bool isWordChar(QChar c)
{
    return c.isLetterOrNumber() || c == QLatin1Char('_') || c == QLatin1Char('$') ||
           c.unicode() > 127;
}

// The end of a quoted token starting at `from` (its closing quote doubled inside counts as
// text), or the text's end when it is not closed.
qsizetype quotedEnd(const QString &sql, qsizetype from, QChar close, bool doubled)
{
    qsizetype i = from + 1;
    while (i < sql.size()) {
        if (sql[i] == close) {
            if (doubled && i + 1 < sql.size() && sql[i + 1] == close) {
                i += 2;
                continue;
            }
            return i + 1;
        }
        ++i;
    }
    return sql.size();
}

} // namespace

QList<Token> scan(const QString &sql)
{
    QList<Token> tokens;
    qsizetype i = 0;
    const qsizetype n = sql.size();
    while (i < n) {
        const QChar c = sql[i];
        if (c.isSpace()) {
            ++i;
            continue;
        }
        if (c == QLatin1Char('-') && i + 1 < n && sql[i + 1] == QLatin1Char('-')) {
            const qsizetype nl = sql.indexOf(QLatin1Char('\n'), i);
            i = nl < 0 ? n : nl + 1;
            continue;
        }
        if (c == QLatin1Char('/') && i + 1 < n && sql[i + 1] == QLatin1Char('*')) {
            const qsizetype close = sql.indexOf(QStringLiteral("*/"), i + 2);
            i = close < 0 ? n : close + 2;
            continue;
        }
        Token token;
        token.start = i;
        if (c == QLatin1Char('\'')) {
            token.type = Token::Type::String;
            i = quotedEnd(sql, i, c, true);
        } else if (c == QLatin1Char('"') || c == QLatin1Char('`')) {
            token.type = Token::Type::QuotedName;
            i = quotedEnd(sql, i, c, true);
        } else if (c == QLatin1Char('[')) {
            token.type = Token::Type::QuotedName;
            i = quotedEnd(sql, i, QLatin1Char(']'), false);
        } else if (c.isDigit() || (c == QLatin1Char('.') && i + 1 < n && sql[i + 1].isDigit())) {
            token.type = Token::Type::Number;
            while (i < n && (isWordChar(sql[i]) || sql[i] == QLatin1Char('.') ||
                             ((sql[i] == QLatin1Char('+') || sql[i] == QLatin1Char('-')) &&
                              (sql[i - 1] == QLatin1Char('e') || sql[i - 1] == QLatin1Char('E')))))
                ++i;
        } else if (isWordChar(c)) {
            token.type = Token::Type::Word;
            while (i < n && isWordChar(sql[i]))
                ++i;
        } else {
            token.type = Token::Type::Symbol;
            ++i;
        }
        token.end = i;
        token.text = sql.mid(token.start, token.end - token.start);
        tokens.append(token);
    }
    return tokens;
}

QSet<QString> mentionedNames(const QString &sql)
{
    QSet<QString> names;
    for (const Token &token : scan(sql)) {
        if (token.isName())
            names.insert(token.folded());
    }
    return names;
}

SchemaObject probe(ObjectKind kind, const QString &table, const QString &name)
{
    SchemaObject object;
    object.kind = kind;
    object.table = table;
    object.name = name;
    return object;
}

QString TableText::definitionOf(const QString &column) const
{
    for (qsizetype i = 0; i < columnNames.size(); ++i) {
        if (columnNames[i].compare(column, Qt::CaseInsensitive) == 0)
            return columnDefinitions.value(i);
    }
    return {};
}

QString TableText::spelling(const QString &column) const
{
    for (const QString &name : columnNames) {
        if (name.compare(column, Qt::CaseInsensitive) == 0)
            return name;
    }
    return column;
}

QString spelledTableName(const QString &sql, const QString &name)
{
    const QList<Token> tokens = scan(sql.left(sql.indexOf(QLatin1Char('('))));
    for (qsizetype i = tokens.size() - 1; i >= 0; --i) {
        if (tokens[i].isName() && tokens[i].folded() == name.toLower())
            return tokens[i].name();
    }
    return name;
}

TableText readCreateTable(const QString &sql)
{
    TableText out;
    const QList<Token> tokens = scan(sql);
    qsizetype i = 0;
    while (i < tokens.size() && tokens[i].text != QLatin1String("("))
        ++i;
    if (i >= tokens.size())
        return out;
    int depth = 0;
    qsizetype partStart = -1; // token index of the part's first token
    auto finish = [&](qsizetype endToken) {
        if (partStart < 0 || partStart >= endToken)
            return;
        const Token &first = tokens[partStart];
        const QString text = sql.mid(first.start, tokens[endToken - 1].end - first.start).trimmed();
        const bool constraint = first.is("constraint") || first.is("primary") ||
                                first.is("unique") || first.is("check") || first.is("foreign");
        if (constraint) {
            out.tableConstraints.append(text);
        } else {
            out.columnNames.append(first.name());
            out.columnDefinitions.append(text);
        }
    };
    for (; i < tokens.size(); ++i) {
        const QString &t = tokens[i].text;
        if (tokens[i].type == Token::Type::Symbol && t == QLatin1String("(")) {
            ++depth;
            if (depth == 1) {
                partStart = i + 1;
                continue;
            }
        } else if (tokens[i].type == Token::Type::Symbol && t == QLatin1String(")")) {
            --depth;
            if (depth == 0) {
                finish(i);
                break;
            }
        } else if (depth == 1 && tokens[i].type == Token::Type::Symbol && t == QLatin1String(",")) {
            finish(i);
            partStart = i + 1;
        }
    }
    return out;
}

QString renameTokens(const QString &text, const QHash<QString, QString> &names)
{
    QStringList parts;
    for (const Token &token : scan(text)) {
        if (token.isName()) {
            const auto it = names.constFind(token.folded());
            parts.append(it != names.cend() ? it->toLower() : token.folded());
        } else {
            parts.append(token.text);
        }
    }
    return parts.join(QLatin1Char(' '));
}

QString tokenText(const QString &text)
{
    return renameTokens(text, {});
}

} // namespace strata::schema::sqlite_detail
