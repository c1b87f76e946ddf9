#pragma once

#include "drivers/driver.h"

#include <QList>
#include <QString>

#include <optional>

namespace strata {

// Reads of a statement's text that need no parser: what psql would run itself, and what the
// procedural body of a DO block or function says.
class SqlScan
{
public:
    // The file lines of psql meta-commands in a statement: a line whose first character after
    // blanks is a backslash, outside quotes ('...', E'...', "..."), dollar quotes and comments.
    // psql runs them itself (\connect, \set, and the \restrict KEY / \unrestrict KEY lines that
    // pg_dump writes since 17.6, 16.10, 15.14); a server reads them as a syntax error at "\".
    static QList<int> psqlMetaCommandLines(const Statement &statement);
    // The first COMMIT or ROLLBACK standing as a statement of its own in a procedural body
    // (PL/pgSQL of a DO block or a function): after the body's start, a ";", BEGIN, THEN, ELSE,
    // LOOP or a label's ">>", and followed by ";", AND or the end. A token scan, not a PL/pgSQL
    // parse: comments, strings, quoted names and nested dollar quotes are skipped, so the words
    // of EXECUTE 'COMMIT' are not seen (the server rejects those at run time all the same).
    // Returns the word in upper case and its line within the body (0-based), or nullopt.
    struct Found
    {
        QString word;
        int line = 0;
    };
    static std::optional<Found> transactionControlInBody(const QString &body);
    // The procedural bodies of a PostgreSQL statement whose COMMIT or ROLLBACK cannot work in a
    // migration's transaction: a DO block's code; a CREATE FUNCTION's body ('...' or $$...$$),
    // since a function can never end a transaction (PostgreSQL: "invalid transaction
    // termination"). Procedures are left out: a CALL outside a transaction block may commit.
    // Returns "DO block" or "function body" and the body, or nullopt for other statements.
    struct Body
    {
        QString kind;
        QString text;
    };
    static std::optional<Body> proceduralBody(const QString &statement);
    // Whether a PostgreSQL statement makes the transaction (or the session's later ones)
    // read-only: SET TRANSACTION READ ONLY, SET SESSION CHARACTERISTICS AS TRANSACTION READ
    // ONLY, SET [LOCAL] transaction_read_only / default_transaction_read_only to a true value
    // (PostgreSQL docs, "SET TRANSACTION" and "Client Connection Defaults"). The statement's
    // words as the message should name them, or an empty string.
    static QString readOnlyTransaction(const QString &statement);
};

} // namespace strata
