#include "drivers/driver.h"

#include <QSet>
#include <QStringList>

namespace strata {

QString versionChangeSql(const QString &table, const VersionChange &change)
{
    switch (change.kind) {
    case VersionChange::Kind::Insert:
        return QStringLiteral("INSERT INTO %1 (version_num) VALUES (%2)")
            .arg(table, quoteLiteral(change.to));
    case VersionChange::Kind::Delete:
        return QStringLiteral("DELETE FROM %1 WHERE %1.version_num = %2")
            .arg(table, quoteLiteral(change.from));
    case VersionChange::Kind::Update:
        return QStringLiteral("UPDATE %1 SET version_num=%2 WHERE %1.version_num = %3")
            .arg(table, quoteLiteral(change.to), quoteLiteral(change.from));
    }
    return {};
}

QString Driver::tableSql(const QString &table) const
{
    return quoteIdentifier(table);
}

Status Driver::ensureTables(const QString &table)
{
    if (!isValidTableName(table))
        return Error::usage(QStringLiteral("'%1' is not a valid version table name").arg(table));
    auto hasVersion = hasTable(table);
    if (!hasVersion)
        return hasVersion.error();
    if (!*hasVersion)
        if (auto s = execute(Statement{versionTableDdl(table), 0}); !s)
            return reworded(s.error(), QStringLiteral("cannot create the version table %1: %2")
                                           .arg(table, s.error().message));
    const QString history = historyTableName(table);
    auto hasHistory = hasTable(history);
    if (!hasHistory)
        return hasHistory.error();
    if (!*hasHistory) {
        if (auto s = execute(Statement{historyTableDdl(table), 0}); !s)
            return reworded(s.error(), QStringLiteral("cannot create the history table %1: %2")
                                           .arg(history, s.error().message));
        if (auto s = execute(
                Statement{historyIndexDdl(tableSql(history),
                                          quoteIdentifier(history + QStringLiteral("_revision"))),
                          0});
            !s)
            return reworded(s.error(), QStringLiteral("cannot index the history table %1: %2")
                                           .arg(history, s.error().message));
    }
    return {};
}

QString lastFailuresCondition(const QString &h)
{
    return QStringLiteral("id IN (SELECT max(id) FROM %1 GROUP BY revision) AND NOT success")
        .arg(h);
}

QString acceptedChecksumsSql(const QString &h)
{
    // One sequential pass over two columns, oldest first so the latest row of each revision
    // wins: measured faster on SQLite than grouping through the index, which looks every
    // revision's row up again.
    return QStringLiteral("SELECT revision, checksum FROM %1 WHERE success AND direction IN "
                          "('up', 'repair') AND checksum IS NOT NULL AND checksum <> '' ORDER BY "
                          "id")
        .arg(h);
}

QString historyIndexDdl(const QString &h, const QString &indexName)
{
    return QStringLiteral("CREATE INDEX %1 ON %2 (revision, id)").arg(indexName, h);
}

Error reworded(Error error, QString message)
{
    error.message = std::move(message);
    return error;
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

namespace {

// SQLite's keywords and PostgreSQL's reserved words: a table so named needs quotes in one or
// the other. Quoting one too many is harmless.
const QSet<QString> &reservedWords()
{
    static const QSet<QString> words = [] {
        const QString list = QStringLiteral(
            "abort action add after all alter always analyse analyze and any array as asc "
            "asymmetric attach authorization autoincrement before begin between binary both by "
            "cascade case cast check collate collation column commit concurrently conflict "
            "constraint create cross current current_catalog current_date current_role "
            "current_schema current_time current_timestamp current_user database default "
            "deferrable deferred delete desc detach distinct do drop each else end escape except "
            "exclude exclusive exists explain fail false fetch filter first following for "
            "foreign freeze from full generated glob grant group groups having if ignore ilike "
            "immediate in index indexed initially inner insert instead intersect into is isnull "
            "join key last lateral leading left like limit localtime localtimestamp match "
            "materialized natural no not nothing notnull null nulls of offset on only or order "
            "others outer over overlaps partition placing plan pragma preceding primary query "
            "raise range recursive references regexp reindex release rename replace restrict "
            "returning right rollback row rows savepoint select session_user set similar some "
            "symmetric table tablesample temp temporary then ties to trailing transaction "
            "trigger true unbounded union unique update user using vacuum values variadic "
            "verbose view virtual when where window with without ");
        const QStringList split = list.split(QLatin1Char(' '), Qt::SkipEmptyParts);
        return QSet<QString>(split.cbegin(), split.cend());
    }();
    return words;
}

} // namespace

QString quoteIdentifier(const QString &name)
{
    bool plain = !name.isEmpty() && !reservedWords().contains(name);
    for (qsizetype i = 0; plain && i < name.size(); ++i) {
        const QChar c = name[i];
        plain = (c >= QLatin1Char('a') && c <= QLatin1Char('z')) || c == QLatin1Char('_') ||
                (i > 0 && c >= QLatin1Char('0') && c <= QLatin1Char('9'));
    }
    if (plain)
        return name;
    QString escaped = name;
    escaped.replace(QLatin1Char('"'), QLatin1String("\"\""));
    return QLatin1Char('"') + escaped + QLatin1Char('"');
}

QString quoteLiteral(const QString &value)
{
    QString escaped = value;
    escaped.replace(QLatin1Char('\''), QLatin1String("''"));
    return QLatin1Char('\'') + escaped + QLatin1Char('\'');
}

} // namespace strata
