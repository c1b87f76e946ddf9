#pragma once

#include "error.h"

#include <QJsonObject>
#include <QString>

namespace strata {

// One PostgreSQL statement as libpg_query's JSON parse tree reads it: the node type of its
// statement ("IndexStmt") and the node's body. Empty type for text holding no statement.
struct PgStatementTree
{
    QString type;
    QJsonObject body;

    // Parses the first statement of `text`; an Error carrying the parser's message when it does
    // not parse.
    static Result<PgStatementTree> parse(const QString &text);
};

} // namespace strata
