#pragma once

#include <QString>
#include <QStringList>

// SQL text as tokens, for comparing what SQLite keeps only as text (CHECK clauses, generated
// columns, defaults, views, triggers, indexes) token by token rather than byte by byte, and for
// reading the parts of a CREATE TABLE statement the pragmas do not give. Tokens follow SQLite's
// tokenizer ("SQL As Understood By SQLite": identifiers, keywords, literals, operators).
namespace strata::schema {

// The tokens of `sql` without whitespace and comments. Quoted identifiers ("a b", [a b], `a b`)
// and string literals ('it''s') are one token each, quotes included; an unterminated one runs
// to the end of the text.
QStringList sqlTokens(const QString &sql);

// One canonical text for `sql`: tokens joined by single spaces, keywords and unquoted
// identifiers lower-cased, a quoted identifier that is a plain name written without its quotes
// (and lower-cased: SQLite's identifiers ignore ASCII case), string, blob and number literals
// as written. Two texts that differ only in whitespace, comments, case or such quoting give the
// same result.
QString normalizeSql(const QString &sql);

// One token of SQL text with its kind and place, for readers of statements (the CREATE TABLE
// reader, a diff that edits a statement's name).
struct SqlToken
{
    enum class Kind {
        Word,       // keyword or unquoted identifier: CREATE, t, _x1, $ and non-ASCII allowed
        QuotedName, // "a b", [a b], `a b` (quotes included in text)
        String,     // 'it''s'
        Blob,       // X'0A1b'
        Number,     // 12, 1.5, .5, 1e5, 1.5E-3, 0x1F
        Variable,   // ?, ?1, :name, @name, $name
        Operator,   // ( ) , ; . + - * / % = == < <= <> << > >= >> != || & | ~ -> ->> and any
                    // other single character
    };
    Kind kind = Kind::Operator;
    QString text;        // as written, quotes included
    qsizetype start = 0; // offset of the first character in the statement
    qsizetype length = 0;

    bool isName() const { return kind == Kind::Word || kind == Kind::QuotedName; }
    // Whether this is the unquoted word `word` (ASCII case ignored): isWord("select").
    bool isWord(QLatin1String word) const;
    bool isOperator(QLatin1String op) const { return kind == Kind::Operator && text == op; }
};

// The tokens of `sql` with their kinds and offsets, whitespace and comments left out (the same
// tokens as sqlTokens()).
QList<SqlToken> sqlTokenList(const QString &sql);

// The identifier a Word or QuotedName token stands for, quotes removed and doubled quotes
// undone, case as written ("[Order Lines]" -> "Order Lines"); other tokens' text as is.
QString sqlTokenName(const SqlToken &token);

// The token as normalizeSql() writes it.
QString normalizedToken(const SqlToken &token);

// An identifier as normalizeSql() writes it: ASCII lower-cased, without quotes when it is a
// plain name ([A-Za-z_][A-Za-z0-9_$]*), else double-quoted ("order lines").
QString normalizedName(const QString &name);

// ASCII letters lower-cased, others kept (SQLite folds only ASCII case in identifiers).
QString asciiLower(const QString &text);

} // namespace strata::schema
