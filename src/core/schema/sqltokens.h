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

} // namespace strata::schema
