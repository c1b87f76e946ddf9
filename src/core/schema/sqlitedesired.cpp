#include "schema/sqlitedesired.h"

#include "schema/sqltokens.h"

#include <QHash>
#include <QRegularExpression>

namespace strata::schema {

namespace {

// "kind|name" (name in lower case) -> line of the CREATE statement defining it, for tables,
// views and triggers; the line of the statement's first token.
QHash<QString, int> definitionLines(const QList<Statement> &statements)
{
    QHash<QString, int> lines;
    for (const Statement &statement : statements) {
        const QList<SqlToken> tokens = sqlTokenList(statement.text);
        qsizetype i = 0;
        if (tokens.isEmpty() || !tokens[i].isWord(QLatin1String("create")))
            continue;
        ++i;
        if (i < tokens.size() && (tokens[i].isWord(QLatin1String("temp")) ||
                                  tokens[i].isWord(QLatin1String("temporary"))))
            ++i;
        if (i >= tokens.size())
            continue;
        QString kind;
        for (const char *word : {"table", "view", "trigger"})
            if (tokens[i].isWord(QLatin1String(word)))
                kind = QString::fromLatin1(word);
        if (kind.isEmpty())
            continue;
        ++i;
        if (i + 2 < tokens.size() && tokens[i].isWord(QLatin1String("if")))
            i += 3; // IF NOT EXISTS
        if (i + 2 < tokens.size() && tokens[i + 1].isOperator(QLatin1String(".")))
            i += 2; // main.t
        if (i >= tokens.size() || !tokens[i].isName())
            continue;
        const int line = statement.line +
                         int(statement.text.left(tokens.first().start).count(QLatin1Char('\n')));
        lines.insert(kind + QLatin1Char('|') + asciiLower(sqlTokenName(tokens[i])), line);
    }
    return lines;
}

} // namespace

Status checkSqliteDesired(Driver &driver, const QList<Statement> &statements, const QString &file)
{
    const QHash<QString, int> lines = definitionLines(statements);
    QList<Error> problems;
    const auto problem = [&](const QString &kind, const QString &name, const QString &what) {
        problems.append(
            Error::at(file, lines.value(kind + QLatin1Char('|') + asciiLower(name)), what));
    };

    // Foreign keys whose parent table is not in the file, one line per key.
    auto keys = driver.catalogQuery(QStringLiteral(
        "SELECT m.name, f.id, f.\"from\", f.\"table\" FROM sqlite_schema m, "
        "pragma_foreign_key_list(m.name) f WHERE m.type = 'table' AND NOT EXISTS (SELECT 1 FROM "
        "sqlite_schema p WHERE p.type = 'table' AND lower(p.name) = lower(f.\"table\")) "
        "ORDER BY m.rowid, f.id, f.seq"));
    if (!keys)
        return keys.error();
    for (qsizetype i = 0; i < keys->size();) {
        const QStringList &first = keys->at(i);
        QStringList columns;
        for (; i < keys->size() && keys->at(i)[0] == first[0] && keys->at(i)[1] == first[1]; ++i)
            columns.append(keys->at(i)[2]);
        problem(QStringLiteral("table"), first[0],
                QStringLiteral("%1 references table %2, which the desired state does not define "
                               "(SQLite accepts it, and refuses every row written to %3 then)")
                    .arg(columns.size() == 1 ? first[0] + QLatin1Char('.') + columns.first()
                                             : QStringLiteral("%1(%2)").arg(
                                                   first[0], columns.join(QLatin1String(", "))),
                         first[3], first[0]));
    }

    // Views that cannot be read.
    auto views = driver.catalogQuery(
        QStringLiteral("SELECT name FROM sqlite_schema WHERE type = 'view' ORDER BY rowid"));
    if (!views)
        return views.error();
    for (const QStringList &row : std::as_const(*views)) {
        const Statement select{
            QStringLiteral("SELECT * FROM %1 LIMIT 0").arg(quoteIdentifier(row[0])), 1};
        if (auto s = driver.execute(select); !s)
            problem(QStringLiteral("view"), row[0],
                    QStringLiteral("view %1 cannot be read: %2").arg(row[0], s.error().message));
    }

    // Triggers (and views) naming what does not exist: renaming a table makes SQLite check
    // every view and trigger of the schema ("error in trigger tr: no such table: main.x").
    if (problems.isEmpty()) {
        const QString probe = QStringLiteral("strata_probe_%1").arg(qHash(file), 0, 16);
        for (const QString &sql :
             {QStringLiteral("BEGIN"), QStringLiteral("CREATE TABLE %1_a(x)").arg(probe)}) {
            if (auto s = driver.execute(Statement{sql, 1}); !s)
                return s.error();
        }
        const Status renamed = driver.execute(
            Statement{QStringLiteral("ALTER TABLE %1_a RENAME TO %1_b").arg(probe), 1});
        if (auto s = driver.execute(Statement{QStringLiteral("ROLLBACK"), 1}); !s)
            return s.error();
        if (!renamed) {
            static const QRegularExpression inObject(
                QStringLiteral("error in (trigger|view) (.+?): (.*)$"),
                QRegularExpression::DotMatchesEverythingOption);
            const QString message = renamed.error().message;
            if (const auto m = inObject.match(message); m.hasMatch())
                problem(m.captured(1), m.captured(2),
                        QStringLiteral("%1 %2 names what does not exist: %3")
                            .arg(m.captured(1), m.captured(2), m.captured(3)));
            else
                problems.append(
                    Error::failure(QStringLiteral("the schema of %1 does not hold together: %2")
                                       .arg(file, message)));
        }
    }

    if (problems.isEmpty())
        return {};
    Error e = problems.first();
    for (qsizetype i = 1; i < problems.size(); ++i)
        e.details.append(problems[i].toString());
    return e;
}

} // namespace strata::schema
