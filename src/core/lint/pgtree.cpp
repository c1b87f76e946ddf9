#include "lint/pgtree.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <pg_query.h>

namespace strata {

Result<PgStatementTree> PgStatementTree::parse(const QString &text)
{
    const QByteArray bytes = text.toUtf8();
    PgQueryParseResult result = pg_query_parse(bytes.constData());
    if (result.error) {
        Error e = Error::failure(QString::fromUtf8(result.error->message));
        pg_query_free_parse_result(result);
        return e;
    }
    const QJsonObject tree = QJsonDocument::fromJson(result.parse_tree).object();
    pg_query_free_parse_result(result);
    const QJsonArray stmts = tree.value(QStringLiteral("stmts")).toArray();
    if (stmts.isEmpty())
        return PgStatementTree{};
    // {"IndexStmt": {...}} -> ("IndexStmt", {...})
    const QJsonObject wrapper = stmts.first().toObject().value(QStringLiteral("stmt")).toObject();
    if (wrapper.isEmpty())
        return PgStatementTree{};
    return PgStatementTree{wrapper.constBegin().key(), wrapper.constBegin().value().toObject()};
}

} // namespace strata
