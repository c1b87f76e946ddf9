#include "drivers/driver.h"

namespace strata {

QString versionChangeSql(const QString &table, const VersionChange &change)
{
    switch (change.kind) {
    case VersionChange::Kind::Insert:
        return QStringLiteral("INSERT INTO %1 (version_num) VALUES ('%2')").arg(table, change.to);
    case VersionChange::Kind::Delete:
        return QStringLiteral("DELETE FROM %1 WHERE %1.version_num = '%2'").arg(table, change.from);
    case VersionChange::Kind::Update:
        return QStringLiteral("UPDATE %1 SET version_num='%2' WHERE %1.version_num = '%3'")
            .arg(table, change.to, change.from);
    }
    return {};
}

bool isValidTableName(const QString &name)
{
    if (name.isEmpty() || name.size() > 63)
        return false;
    for (qsizetype i = 0; i < name.size(); ++i) {
        const QChar c = name[i];
        const bool letter = (c >= QLatin1Char('a') && c <= QLatin1Char('z')) ||
                            (c >= QLatin1Char('A') && c <= QLatin1Char('Z')) ||
                            c == QLatin1Char('_');
        const bool digit = c >= QLatin1Char('0') && c <= QLatin1Char('9');
        if (!letter && !(digit && i > 0))
            return false;
    }
    return true;
}

} // namespace strata
