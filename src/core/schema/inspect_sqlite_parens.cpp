// Parentheses SQLite's grammar makes redundant, left out of the texts the SQLite model compares,
// by the operator precedence of SQLite's parser (parse.y, lowest first): OR; AND; NOT; IS,
// MATCH, LIKE, GLOB, REGEXP, BETWEEN, IN, ISNULL, NOTNULL, =, ==, !=, <>; <, <=, >, >=;
// ESCAPE; &, |, <<, >>; +, -; *, /, %; ||, ->, ->>; COLLATE; unary ~, + and -.
#include "schema/inspect_sqlite_p.h"

namespace strata::schema::sqlitetext {

namespace {

using Kind = SqlToken::Kind;

constexpr int kUnary = 12;    // prefix ~, + and -
constexpr int kOperand = 100; // a name, literal, call or parenthesized group
constexpr int kNotExpression = -1;

bool isOneOf(const SqlToken &token, std::initializer_list<const char *> words)
{
    for (const char *word : words)
        if (token.isWord(QLatin1String(word)))
            return true;
    return false;
}

// Words after which a whole expression starts.
bool isContextWord(const SqlToken &token)
{
    return isOneOf(token, {"where", "on", "having", "when", "then", "else", "case", "select",
                           "distinct", "all", "by", "limit", "offset"});
}

// Words that make a parenthesized text something other than one expression.
bool isClauseWord(const SqlToken &token)
{
    return isContextWord(token) ||
           isOneOf(token, {"values",    "with",   "from",   "group",  "order",  "union",
                           "intersect", "except", "join",   "as",     "using",  "natural",
                           "cross",     "inner",  "left",   "right",  "full",   "outer",
                           "window",    "over",   "filter", "set",    "into",   "returning",
                           "do",        "begin",  "end",    "update", "delete", "insert"});
}

// The binding strength of a binary operator (words included), or -1.
int binaryStrength(const SqlToken &token)
{
    if (token.kind == Kind::Operator) {
        static const QList<std::pair<int, QStringList>> levels = {
            {10, {QStringLiteral("||"), QStringLiteral("->"), QStringLiteral("->>")}},
            {9, {QStringLiteral("*"), QStringLiteral("/"), QStringLiteral("%")}},
            {8, {QStringLiteral("+"), QStringLiteral("-")}},
            {7,
             {QStringLiteral("&"), QStringLiteral("|"), QStringLiteral("<<"),
              QStringLiteral(">>")}},
            {5,
             {QStringLiteral("<"), QStringLiteral("<="), QStringLiteral(">"),
              QStringLiteral(">=")}},
            {4,
             {QStringLiteral("="), QStringLiteral("=="), QStringLiteral("!="),
              QStringLiteral("<>")}},
        };
        for (const auto &level : levels)
            if (level.second.contains(token.text))
                return level.first;
        return -1;
    }
    if (token.isWord(QLatin1String("or")))
        return 1;
    if (token.isWord(QLatin1String("and")))
        return 2;
    if (token.isWord(QLatin1String("not")))
        return 3;
    if (isOneOf(token,
                {"is", "in", "like", "glob", "match", "regexp", "between", "isnull", "notnull"}))
        return 4;
    if (token.isWord(QLatin1String("escape")))
        return 6;
    if (token.isWord(QLatin1String("collate")))
        return 11;
    return -1;
}

// Whether `token` can end an operand (so a '-' after it is binary).
bool endsOperand(const SqlToken &token)
{
    if (token.kind == Kind::Operator)
        return token.text == QLatin1String(")");
    if (token.kind != Kind::Word)
        return true;
    if (token.isWord(QLatin1String("end")))
        return true;
    return binaryStrength(token) < 0 && !isClauseWord(token);
}

// The position of the ')' matching the '(' at `open`, or -1.
qsizetype closing(const QList<SqlToken> &tokens, qsizetype open)
{
    int depth = 0;
    for (qsizetype i = open; i < tokens.size(); ++i) {
        if (tokens.at(i).isOperator(QLatin1String("(")))
            ++depth;
        else if (tokens.at(i).isOperator(QLatin1String(")")) && --depth == 0)
            return i;
    }
    return -1;
}

// The weakest operator at the top level of tokens (from, to): kOperand when there is none,
// kNotExpression when the text is a list, a query or a clause.
int contentStrength(const QList<SqlToken> &tokens, qsizetype from, qsizetype to)
{
    if (from >= to)
        return kNotExpression;
    int weakest = kOperand;
    int caseDepth = 0;
    for (qsizetype i = from; i < to; ++i) {
        const SqlToken &token = tokens.at(i);
        if (token.isOperator(QLatin1String("("))) {
            i = closing(tokens, i);
            if (i < 0 || i >= to)
                return kNotExpression;
            continue;
        }
        // CASE ... END is one operand.
        if (token.isWord(QLatin1String("case"))) {
            ++caseDepth;
            continue;
        }
        if (caseDepth > 0) {
            if (token.isWord(QLatin1String("end")))
                --caseDepth;
            continue;
        }
        if (token.isOperator(QLatin1String(",")) || token.isOperator(QLatin1String(";")) ||
            isClauseWord(token))
            return kNotExpression;
        const bool unary =
            (token.isOperator(QLatin1String("-")) || token.isOperator(QLatin1String("+")) ||
             token.isOperator(QLatin1String("~"))) &&
            (i == from || !endsOperand(tokens.at(i - 1)));
        int strength = unary ? kUnary : binaryStrength(token);
        if (strength < 0 && token.kind == Kind::Operator && !token.isOperator(QLatin1String(".")))
            return kNotExpression;
        if (strength >= 0)
            weakest = std::min(weakest, strength);
    }
    return caseDepth > 0 ? kNotExpression : weakest;
}

// Whether the AND at `at` is a BETWEEN's (x BETWEEN a AND b).
bool isBetweenAnd(const QList<SqlToken> &tokens, qsizetype at)
{
    int depth = 0;
    for (qsizetype i = at - 1; i >= 0; --i) {
        const SqlToken &token = tokens.at(i);
        if (token.isOperator(QLatin1String(")"))) {
            ++depth;
        } else if (token.isOperator(QLatin1String("("))) {
            if (--depth < 0)
                return false;
        } else if (depth == 0) {
            if (token.isWord(QLatin1String("between")))
                return true;
            if (token.isWord(QLatin1String("and")) || token.isWord(QLatin1String("or")) ||
                token.isOperator(QLatin1String(",")) || isClauseWord(token))
                return false;
        }
    }
    return false;
}

// What binds from the left of the '(' at `open`: whether the group may lose its parentheses
// when its content's weakest operator is `strength`.
bool leftAllows(const QList<SqlToken> &tokens, qsizetype open, int strength)
{
    if (open == 0)
        return true;
    const SqlToken &before = tokens.at(open - 1);
    if (before.isOperator(QLatin1String("(")) || before.isOperator(QLatin1String(",")) ||
        isContextWord(before))
        return true;
    const bool prefix =
        before.isOperator(QLatin1String("~")) ||
        ((before.isOperator(QLatin1String("-")) || before.isOperator(QLatin1String("+"))) &&
         (open < 2 || !endsOperand(tokens.at(open - 2))));
    if (prefix)
        return strength >= kUnary;
    if (before.isWord(QLatin1String("not"))) {
        if (open >= 2 && tokens.at(open - 2).isWord(QLatin1String("is")))
            return strength > 4; // IS NOT
        return strength >= 3;    // prefix NOT
    }
    if (before.isWord(QLatin1String("in")))
        return false; // x IN (a) is a list; x IN a a table
    if (before.isWord(QLatin1String("and")) && isBetweenAnd(tokens, open - 1))
        return strength > 4;
    const int binary = binaryStrength(before);
    return binary >= 0 && strength > binary;
}

// The same for what follows the ')' at `close`.
bool rightAllows(const QList<SqlToken> &tokens, qsizetype open, qsizetype close, int strength)
{
    if (close + 1 >= tokens.size())
        return true;
    const SqlToken &after = tokens.at(close + 1);
    if (after.isOperator(QLatin1String(")")) || after.isOperator(QLatin1String(",")) ||
        after.isOperator(QLatin1String(";")))
        return true;
    if (after.isWord(QLatin1String("and")) && open > 0 && isBetweenAnd(tokens, open))
        return strength > 4;
    if (after.isWord(QLatin1String("escape")))
        return strength > 6; // right-associative
    const int binary = binaryStrength(after);
    if (binary >= 0)
        return strength >= binary; // left-associative
    if (after.kind == Kind::Operator)
        return false; // ( ... ) ( or ( ... ) . : not an operand
    if (after.isWord(QLatin1String("over")) || after.isWord(QLatin1String("filter")))
        return false;
    return true; // a clause word or an alias
}

} // namespace

QList<SqlToken> withoutRedundantParentheses(QList<SqlToken> tokens)
{
    bool changed = true;
    while (changed) {
        changed = false;
        for (qsizetype i = 0; i < tokens.size(); ++i) {
            if (!tokens.at(i).isOperator(QLatin1String("(")))
                continue;
            // Re-read after each removal: the tokens around the group are what they are now.
            while (i < tokens.size() && tokens.at(i).isOperator(QLatin1String("("))) {
                const qsizetype close = closing(tokens, i);
                if (close < 0)
                    return tokens;
                const int strength = contentStrength(tokens, i + 1, close);
                if (strength == kNotExpression || !leftAllows(tokens, i, strength) ||
                    !rightAllows(tokens, i, close, strength))
                    break;
                tokens.removeAt(close);
                tokens.removeAt(i);
                changed = true;
            }
        }
    }
    return tokens;
}

} // namespace strata::schema::sqlitetext
