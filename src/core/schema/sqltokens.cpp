// Placeholder: the SQLite inspection replaces this file.
#include "schema/sqltokens.h"

namespace strata::schema {

QStringList sqlTokens(const QString &sql)
{
    return sql.simplified().split(QLatin1Char(' '), Qt::SkipEmptyParts);
}

QString normalizeSql(const QString &sql)
{
    return sqlTokens(sql).join(QLatin1Char(' ')).toLower();
}

} // namespace strata::schema
