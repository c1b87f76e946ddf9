#include "text/englishcount.h"

namespace strata {

QString nounFor(qint64 n, const QString &singular, const QString &plural)
{
    return n == 1 ? singular : (plural.isEmpty() ? singular + QLatin1Char('s') : plural);
}

QString countOf(qint64 n, const QString &singular, const QString &plural)
{
    return QString::number(n) + QLatin1Char(' ') + nounFor(n, singular, plural);
}

QString isOrAre(qint64 n)
{
    return n == 1 ? QStringLiteral("is") : QStringLiteral("are");
}

QString hasOrHave(qint64 n)
{
    return n == 1 ? QStringLiteral("has") : QStringLiteral("have");
}

} // namespace strata
