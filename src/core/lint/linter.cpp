#include "lint/linter.h"

#include "drivers/postgres/postgressplitter.h"
#include "project/migration.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>

#include <pg_query.h>

namespace strata {

namespace {

using Severity = LintFinding::Severity;

// The rules, with why each is dangerous and the safer way.
struct RuleText
{
    const char *name;
    Severity severity;
    const char *message;
};

const RuleText kRules[] = {
    {"index-not-concurrent", Severity::Warning,
     "CREATE INDEX on an existing table blocks every write to it until the index is built; "
     "use CREATE INDEX CONCURRENTLY in a migration marked 'transactional: false'"},
    {"concurrently-in-transaction", Severity::Error,
     "CONCURRENTLY cannot run inside a transaction block, and this migration runs in one; mark "
     "it 'transactional: false' (and keep the concurrent statement in a migration of its own)"},
    {"add-column-not-null-no-default", Severity::Error,
     "adding a NOT NULL column without a DEFAULT fails on a table that has rows; add it with a "
     "DEFAULT, or nullable, backfill, then SET NOT NULL through a NOT VALID CHECK"},
    {"alter-column-type", Severity::Warning,
     "changing a column's type rewrites the whole table under an ACCESS EXCLUSIVE lock; add a "
     "new column, backfill it in batches and switch over"},
    {"set-not-null", Severity::Warning,
     "SET NOT NULL scans the whole table under an ACCESS EXCLUSIVE lock; add a CHECK (col IS "
     "NOT NULL) NOT VALID, VALIDATE it, then SET NOT NULL (PostgreSQL 12+ skips the scan)"},
    {"constraint-not-valid", Severity::Warning,
     "adding a FOREIGN KEY or CHECK validates every row while holding its lock; add it NOT "
     "VALID, then VALIDATE CONSTRAINT in a later statement, which does not block writes"},
    {"data-loss", Severity::Error,
     "this drops data in an upgrade (DROP TABLE, DROP COLUMN, TRUNCATE) and no downgrade brings "
     "it back; stop using it first, keep a backup, and drop it in a later release"},
    {"rename", Severity::Warning,
     "renaming a table or column breaks the application versions still running against the old "
     "name; add the new name beside the old one (a view or a new column), move readers, then "
     "drop the old name"},
    {"missing-downgrade", Severity::Warning,
     "this migration has no '-- +downgrade' section, so it cannot be reverted; add one, or "
     "state why not in a comment"},
    {"lock-timeout", Severity::Warning,
     "this statement takes an ACCESS EXCLUSIVE lock with no lock_timeout set before it, so "
     "behind one long query it queues every other query on the table; SET lock_timeout = '5s' "
     "first (or run with --lock-timeout)"},
};

const RuleText &rule(const char *name)
{
    for (const RuleText &r : kRules)
        if (qstrcmp(r.name, name) == 0)
            return r;
    return kRules[0];
}

QString relname(const QJsonValue &relation)
{
    return relation.toObject().value(QStringLiteral("relname")).toString();
}

// The statement's node type and body: {"IndexStmt": {...}} -> ("IndexStmt", {...}).
std::pair<QString, QJsonObject> node(const QJsonObject &wrapper)
{
    if (wrapper.isEmpty())
        return {};
    const QString type = wrapper.constBegin().key();
    return {type, wrapper.constBegin().value().toObject()};
}

struct Parsed
{
    QString type;
    QJsonObject body;
};

// The one statement of `text`, parsed.
Result<Parsed> parse(const QString &text)
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
        return Parsed{};
    const auto [type, body] =
        node(stmts.first().toObject().value(QStringLiteral("stmt")).toObject());
    return Parsed{type, body};
}

// The rules `-- strata:allow` names in `text`.
QSet<QString> allowed(const QString &text)
{
    static const QRegularExpression allow(QStringLiteral("--\\s*strata:allow\\s+([a-z0-9, -]+)"));
    QSet<QString> out;
    for (auto it = allow.globalMatch(text); it.hasNext();) {
        const QString names = it.next().captured(1);
        for (const QString &n :
             names.split(QRegularExpression(QStringLiteral("[,\\s]+")), Qt::SkipEmptyParts))
            out.insert(n);
    }
    return out;
}

// The comment lines right above a statement (1-based line in the section's file).
QString commentsAbove(const QStringList &fileLines, int line)
{
    QStringList out;
    for (int i = line - 2; i >= 0 && i < fileLines.size(); --i) {
        const QString l = fileLines.at(i).trimmed();
        if (!l.startsWith(QLatin1String("--")))
            break;
        out.prepend(l);
    }
    return out.join(QLatin1Char('\n'));
}

// What a statement does to data already there, for the upgrade rule and a rollback's review
// alike: "drops a table", "empties a table", "drops a column", or empty.
QString dataLoss(const QString &type, const QJsonObject &body)
{
    if (type == QLatin1String("DropStmt") &&
        body.value(QStringLiteral("removeType")).toString() == QLatin1String("OBJECT_TABLE"))
        return QStringLiteral("drops a table");
    if (type == QLatin1String("TruncateStmt"))
        return QStringLiteral("empties a table");
    if (type == QLatin1String("AlterTableStmt"))
        for (const QJsonValue &cmd : body.value(QStringLiteral("cmds")).toArray())
            if (cmd.toObject()
                    .value(QStringLiteral("AlterTableCmd"))
                    .toObject()
                    .value(QStringLiteral("subtype"))
                    .toString() == QLatin1String("AT_DropColumn"))
                return QStringLiteral("drops a column");
    return {};
}

} // namespace

QString LintFinding::severityName(Severity severity)
{
    return severity == Severity::Error ? QStringLiteral("error") : QStringLiteral("warning");
}

const QList<Linter::Rule> &Linter::rules()
{
    static const QList<Rule> out = [] {
        QList<Rule> list;
        for (const RuleText &r : kRules)
            list.append(Rule{r.name, r.severity});
        return list;
    }();
    return out;
}

Result<QList<LintFinding>> Linter::lint(const Migration &m)
{
    QList<LintFinding> out;
    auto add = [&](const char *name, int line) {
        const RuleText &r = rule(name);
        out.append(LintFinding{m.revision, m.filePath, line, 0, QLatin1String(r.name), r.severity,
                               QLatin1String(r.message)});
    };
    if (!m.hasDowngrade)
        add("missing-downgrade", m.headerLine);

    auto statements = PostgresSplitter::split(m.upgradeSql, m.upgradeLine, m.filePath);
    if (!statements)
        return statements.error();
    // Section lines indexed by file line: upgradeSql starts at upgradeLine.
    QStringList fileLines(m.upgradeLine - 1);
    fileLines += m.upgradeSql.split(QLatin1Char('\n'));

    QSet<QString> createdHere; // tables this migration creates: new, empty, unseen by others
    bool lockTimeoutSet = false;
    bool lockTimeoutReported = false;
    for (const Statement &statement : *statements) {
        auto parsed = parse(statement.text);
        if (!parsed)
            return Error::at(m.filePath, statement.line,
                             QStringLiteral("syntax error: %1").arg(parsed.error().message));
        // The comment lines above the statement and its own whole lines, so a comment after
        // the ";" on its last line counts too.
        const int lastLine = statement.line + int(statement.text.count(QLatin1Char('\n')));
        const QString ownLines = fileLines.mid(statement.line - 1, lastLine - statement.line + 1)
                                     .join(QLatin1Char('\n'));
        const QSet<QString> allow =
            allowed(commentsAbove(fileLines, statement.line) + QLatin1Char('\n') + ownLines);
        const qsizetype before = out.size();
        const QString &type = parsed->type;
        const QJsonObject &body = parsed->body;
        bool accessExclusive = false;
        QString table;

        if (type == QLatin1String("VariableSetStmt") &&
            body.value(QStringLiteral("name")).toString() == QLatin1String("lock_timeout")) {
            lockTimeoutSet = true;
        } else if (type == QLatin1String("CreateStmt")) {
            createdHere.insert(relname(body.value(QStringLiteral("relation"))));
        } else if (type == QLatin1String("IndexStmt")) {
            table = relname(body.value(QStringLiteral("relation")));
            const bool concurrent = body.value(QStringLiteral("concurrent")).toBool();
            if (concurrent && m.transactional)
                add("concurrently-in-transaction", statement.line);
            if (!concurrent && !createdHere.contains(table))
                add("index-not-concurrent", statement.line);
        } else if (type == QLatin1String("AlterTableStmt")) {
            table = relname(body.value(QStringLiteral("relation")));
            const bool isNew = createdHere.contains(table);
            accessExclusive = !isNew;
            for (const QJsonValue &cmdValue : body.value(QStringLiteral("cmds")).toArray()) {
                const QJsonObject cmd =
                    cmdValue.toObject().value(QStringLiteral("AlterTableCmd")).toObject();
                const QString subtype = cmd.value(QStringLiteral("subtype")).toString();
                const QJsonObject def = cmd.value(QStringLiteral("def")).toObject();
                if (subtype == QLatin1String("AT_AddColumn") && !isNew) {
                    bool notNull = false, hasDefault = false;
                    const QJsonArray constraints = def.value(QStringLiteral("ColumnDef"))
                                                       .toObject()
                                                       .value(QStringLiteral("constraints"))
                                                       .toArray();
                    for (const QJsonValue &c : constraints) {
                        const QString contype = c.toObject()
                                                    .value(QStringLiteral("Constraint"))
                                                    .toObject()
                                                    .value(QStringLiteral("contype"))
                                                    .toString();
                        notNull = notNull || contype == QLatin1String("CONSTR_NOTNULL");
                        hasDefault = hasDefault || contype == QLatin1String("CONSTR_DEFAULT");
                    }
                    if (notNull && !hasDefault)
                        add("add-column-not-null-no-default", statement.line);
                } else if (subtype == QLatin1String("AT_AlterColumnType") && !isNew) {
                    add("alter-column-type", statement.line);
                } else if (subtype == QLatin1String("AT_SetNotNull") && !isNew) {
                    add("set-not-null", statement.line);
                } else if (subtype == QLatin1String("AT_AddConstraint") && !isNew) {
                    const QJsonObject c = def.value(QStringLiteral("Constraint")).toObject();
                    const QString contype = c.value(QStringLiteral("contype")).toString();
                    if ((contype == QLatin1String("CONSTR_FOREIGN") ||
                         contype == QLatin1String("CONSTR_CHECK")) &&
                        !c.value(QStringLiteral("skip_validation")).toBool())
                        add("constraint-not-valid", statement.line);
                }
            }
        } else if (type == QLatin1String("DropStmt") || type == QLatin1String("TruncateStmt")) {
            accessExclusive = !dataLoss(type, body).isEmpty();
        } else if (type == QLatin1String("RenameStmt")) {
            const QString what = body.value(QStringLiteral("renameType")).toString();
            if (what == QLatin1String("OBJECT_TABLE") || what == QLatin1String("OBJECT_COLUMN")) {
                add("rename", statement.line);
                accessExclusive = true;
            }
        }
        if (!dataLoss(type, body).isEmpty())
            add("data-loss", statement.line);
        if (accessExclusive && !lockTimeoutSet && !lockTimeoutReported) {
            add("lock-timeout", statement.line);
            lockTimeoutReported = true; // once per migration: one SET fixes them all
        }
        // Suppressed findings of this statement go again.
        for (qsizetype i = out.size() - 1; i >= before; --i)
            if (allow.contains(out.at(i).rule))
                out.removeAt(i);
    }
    return out;
}

Result<QList<LintFinding>> Linter::downgradeDataLoss(const Migration &m)
{
    QList<LintFinding> out;
    if (!m.hasDowngrade)
        return out;
    auto statements = PostgresSplitter::split(m.downgradeSql, m.downgradeLine, m.filePath);
    if (!statements)
        return statements.error();
    for (const Statement &statement : *statements) {
        auto parsed = parse(statement.text);
        if (!parsed)
            return Error::at(m.filePath, statement.line,
                             QStringLiteral("syntax error: %1").arg(parsed.error().message));
        const QString what = dataLoss(parsed->type, parsed->body);
        if (what.isEmpty())
            continue;
        out.append(LintFinding{
            m.revision, m.filePath, statement.line, 0, QStringLiteral("data-loss"),
            LintFinding::Severity::Warning,
            QStringLiteral("this downgrade %1: whatever was written there since the upgrade is "
                           "lost; take a backup first so it can be recovered")
                .arg(what)});
    }
    return out;
}

} // namespace strata
