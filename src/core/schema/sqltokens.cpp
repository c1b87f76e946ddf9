// SQL text as tokens, by the rules of SQLite's tokenizer (tokenize.c, sqlite3GetToken): what
// counts as whitespace, a comment, an identifier, a literal and an operator.
#include "schema/sqltokens.h"

namespace strata::schema {

namespace {

bool isSpace(char16_t c)
{
    return c == u' ' || c == u'\t' || c == u'\n' || c == u'\f' || c == u'\r';
}

bool isDigit(char16_t c)
{
    return c >= u'0' && c <= u'9';
}

bool isHexDigit(char16_t c)
{
    return isDigit(c) || (c >= u'a' && c <= u'f') || (c >= u'A' && c <= u'F');
}

// SQLite's IdChar(): letters, digits, '_', '$' and every non-ASCII character.
bool isIdChar(char16_t c)
{
    return c >= 0x80 || (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || isDigit(c) ||
           c == u'_' || c == u'$';
}

bool isPlainName(const QString &name)
{
    if (name.isEmpty())
        return false;
    const char16_t first = name.at(0).unicode();
    if (!((first >= u'a' && first <= u'z') || (first >= u'A' && first <= u'Z') || first == u'_'))
        return false;
    for (const QChar c : name) {
        const char16_t u = c.unicode();
        if (!((u >= u'a' && u <= u'z') || (u >= u'A' && u <= u'Z') || isDigit(u) || u == u'_' ||
              u == u'$'))
            return false;
    }
    return true;
}

// The end of a quoted token starting at `i` (the quote), after its closing quote; a doubled
// closing quote is part of the text. Unterminated: the end of the text.
qsizetype quotedEnd(const char16_t *s, qsizetype n, qsizetype i, char16_t close, bool doubles)
{
    for (qsizetype j = i + 1; j < n; ++j) {
        if (s[j] != close)
            continue;
        if (doubles && j + 1 < n && s[j + 1] == close) {
            ++j;
            continue;
        }
        return j + 1;
    }
    return n;
}

// Length of the token at `i` (not whitespace nor a comment) and its kind.
qsizetype tokenLength(const char16_t *s, qsizetype n, qsizetype i, SqlToken::Kind *kind)
{
    const char16_t c = s[i];
    auto at = [&](qsizetype j) -> char16_t { return j < n ? s[j] : u'\0'; };
    switch (c) {
    case u'\'':
        *kind = SqlToken::Kind::String;
        return quotedEnd(s, n, i, u'\'', true) - i;
    case u'"':
    case u'`':
        *kind = SqlToken::Kind::QuotedName;
        return quotedEnd(s, n, i, c, true) - i;
    case u'[':
        *kind = SqlToken::Kind::QuotedName;
        return quotedEnd(s, n, i, u']', false) - i;
    default:
        break;
    }
    if ((c == u'x' || c == u'X') && at(i + 1) == u'\'') {
        *kind = SqlToken::Kind::Blob;
        return quotedEnd(s, n, i + 1, u'\'', false) - i;
    }
    if (isDigit(c) || (c == u'.' && isDigit(at(i + 1)))) {
        *kind = SqlToken::Kind::Number;
        qsizetype j = i;
        if (c == u'0' && (at(i + 1) == u'x' || at(i + 1) == u'X') && isHexDigit(at(i + 2))) {
            j = i + 2;
            while (j < n && isHexDigit(s[j]))
                ++j;
        } else {
            while (j < n && isDigit(s[j]))
                ++j;
            if (at(j) == u'.') {
                ++j;
                while (j < n && isDigit(s[j]))
                    ++j;
            }
            if ((at(j) == u'e' || at(j) == u'E') &&
                (isDigit(at(j + 1)) ||
                 ((at(j + 1) == u'+' || at(j + 1) == u'-') && isDigit(at(j + 2))))) {
                j += 2;
                while (j < n && isDigit(s[j]))
                    ++j;
            }
        }
        // SQLite reads letters glued to a number as part of one (illegal) token.
        while (j < n && isIdChar(s[j]))
            ++j;
        return j - i;
    }
    if (isIdChar(c) && !isDigit(c) && c != u'$') {
        *kind = SqlToken::Kind::Word;
        qsizetype j = i + 1;
        while (j < n && isIdChar(s[j]))
            ++j;
        return j - i;
    }
    if (c == u'?') {
        *kind = SqlToken::Kind::Variable;
        qsizetype j = i + 1;
        while (j < n && isDigit(s[j]))
            ++j;
        return j - i;
    }
    if (c == u':' || c == u'@' || c == u'$' || c == u'#') {
        qsizetype j = i + 1;
        while (j < n && isIdChar(s[j]))
            ++j;
        if (j > i + 1) {
            *kind = SqlToken::Kind::Variable;
            return j - i;
        }
    }
    *kind = SqlToken::Kind::Operator;
    const char16_t next = at(i + 1);
    switch (c) {
    case u'-':
        if (next == u'>')
            return at(i + 2) == u'>' ? 3 : 2;
        return 1;
    case u'=':
        return next == u'=' ? 2 : 1;
    case u'<':
        return (next == u'=' || next == u'>' || next == u'<') ? 2 : 1;
    case u'>':
        return (next == u'=' || next == u'>') ? 2 : 1;
    case u'!':
        return next == u'=' ? 2 : 1;
    case u'|':
        return next == u'|' ? 2 : 1;
    default:
        return 1;
    }
}

// Calls `visit(kind, start, length)` for each token of `sql`.
template <typename Visit> void forEachToken(const QString &sql, Visit &&visit)
{
    const auto *s = reinterpret_cast<const char16_t *>(sql.constData());
    const qsizetype n = sql.size();
    qsizetype i = 0;
    while (i < n) {
        const char16_t c = s[i];
        if (isSpace(c)) {
            ++i;
            continue;
        }
        if (c == u'-' && i + 1 < n && s[i + 1] == u'-') {
            while (i < n && s[i] != u'\n')
                ++i;
            continue;
        }
        if (c == u'/' && i + 1 < n && s[i + 1] == u'*') {
            qsizetype j = i + 2;
            while (j + 1 < n && !(s[j] == u'*' && s[j + 1] == u'/'))
                ++j;
            i = j + 1 < n ? j + 2 : n;
            continue;
        }
        SqlToken::Kind kind = SqlToken::Kind::Operator;
        const qsizetype length = tokenLength(s, n, i, &kind);
        visit(kind, i, length);
        i += length;
    }
}

} // namespace

QString asciiLower(const QString &text)
{
    QString out = text;
    char16_t *data = nullptr;
    for (qsizetype i = 0; i < out.size(); ++i) {
        const char16_t c = out.at(i).unicode();
        if (c >= u'A' && c <= u'Z') {
            if (!data)
                data = reinterpret_cast<char16_t *>(out.data());
            data[i] = char16_t(c + (u'a' - u'A'));
        }
    }
    return out;
}

bool SqlToken::isWord(QLatin1String word) const
{
    return kind == Kind::Word && text.compare(word, Qt::CaseInsensitive) == 0;
}

QList<SqlToken> sqlTokenList(const QString &sql)
{
    QList<SqlToken> tokens;
    forEachToken(sql, [&](SqlToken::Kind kind, qsizetype start, qsizetype length) {
        tokens.append(SqlToken{kind, sql.mid(start, length), start, length});
    });
    return tokens;
}

QStringList sqlTokens(const QString &sql)
{
    QStringList tokens;
    forEachToken(sql, [&](SqlToken::Kind, qsizetype start, qsizetype length) {
        tokens.append(sql.mid(start, length));
    });
    return tokens;
}

QString sqlTokenName(const SqlToken &token)
{
    if (token.kind != SqlToken::Kind::QuotedName || token.text.isEmpty())
        return token.text;
    const QChar open = token.text.at(0);
    const QChar close = open == QLatin1Char('[') ? QLatin1Char(']') : open;
    QString inner = token.text.mid(1);
    if (inner.endsWith(close) && token.text.size() > 1)
        inner.chop(1);
    if (open != QLatin1Char('['))
        inner.replace(QString(2, close), QString(close));
    return inner;
}

QString normalizedName(const QString &name)
{
    const QString lower = asciiLower(name);
    if (isPlainName(lower))
        return lower;
    QString quoted = lower;
    quoted.replace(QLatin1Char('"'), QLatin1String("\"\""));
    return QLatin1Char('"') + quoted + QLatin1Char('"');
}

QString normalizedToken(const SqlToken &token)
{
    switch (token.kind) {
    case SqlToken::Kind::Word:
        return asciiLower(token.text);
    case SqlToken::Kind::QuotedName:
        return normalizedName(sqlTokenName(token));
    case SqlToken::Kind::Blob:
    case SqlToken::Kind::Number:
        // x'AB' and X'ab', 0x1F and 0X1f, 1E5 and 1e5 are the same values.
        return asciiLower(token.text);
    case SqlToken::Kind::String:
    case SqlToken::Kind::Variable:
    case SqlToken::Kind::Operator:
        break;
    }
    return token.text;
}

QString normalizeSql(const QString &sql)
{
    QString out;
    out.reserve(sql.size());
    forEachToken(sql, [&](SqlToken::Kind kind, qsizetype start, qsizetype length) {
        if (!out.isEmpty())
            out += QLatin1Char(' ');
        SqlToken token{kind, sql.mid(start, length), start, length};
        out += normalizedToken(token);
    });
    return out;
}

} // namespace strata::schema
