#include "schema/schemaside.h"

#include "connection/connectioninfo.h"

namespace strata::schema {

Result<SchemaSide> SchemaSide::parse(const QString &given)
{
    const QString text = given.trimmed();
    if (text.isEmpty())
        return Error::usage(QStringLiteral(
            "an empty schema side; give heads, a revision, db, current, file:PATH, url:URL or "
            "profile:NAME"));
    if (text == QLatin1String("db"))
        return SchemaSide{Kind::Database, {}};
    if (text == QLatin1String("current"))
        return SchemaSide{Kind::Current, {}};
    static const std::pair<QLatin1String, Kind> prefixes[] = {
        {QLatin1String("file:"), Kind::File},
        {QLatin1String("url:"), Kind::Url},
        {QLatin1String("profile:"), Kind::Profile},
    };
    for (const auto &[prefix, kind] : prefixes) {
        if (!text.startsWith(prefix))
            continue;
        const QString value = text.mid(prefix.size()).trimmed();
        if (value.isEmpty())
            return Error::usage(QStringLiteral("'%1' names nothing after '%2'").arg(text, prefix));
        return SchemaSide{kind, value};
    }
    return SchemaSide{Kind::Revision, text};
}

QString SchemaSide::text() const
{
    switch (kind) {
    case Kind::Revision:
        return value;
    case Kind::Database:
        return QStringLiteral("db");
    case Kind::File:
        return QStringLiteral("file:") + value;
    case Kind::Url:
        return QStringLiteral("url:") + ConnectionResolver::maskPassword(value);
    case Kind::Profile:
        return QStringLiteral("profile:") + value;
    case Kind::Current:
        return QStringLiteral("current");
    }
    return value;
}

} // namespace strata::schema
