#include "lint/linter.h"

#include "lint/sqlitestatementcheck.h"

#include "drivers/postgres/postgressplitter.h"
#include "drivers/sqlite/sqlitedriver.h"
#include "lint/pgtree.h"
#include "lint/sqlscan.h"
#include "project/migration.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>

namespace strata {

namespace {

using Severity = LintFinding::Severity;

// The rules, with why each is dangerous and the safer way.
struct RuleText
{
    const char *name;
    Severity severity;
    const char *message;
    bool sqlite = true; // checked on SQLite projects too (false: PostgreSQL's locks only)
};

const RuleText kRules[] = {
    {"index-not-concurrent", Severity::Warning,
     "CREATE INDEX on an existing table blocks every write to it until the index is built; "
     "use CREATE INDEX CONCURRENTLY in a migration marked 'transactional: false'",
     false},
    {TransactionRules::controlRule, Severity::Error,
     "this statement ends, starts or replaces the transaction the migration runs in"},
    {TransactionRules::refusedRule, Severity::Error,
     "the engine refuses this statement inside a transaction block, and this migration runs in "
     "one"},
    {"add-column-not-null-no-default", Severity::Error,
     "adding a NOT NULL column without a DEFAULT fails on a table that has rows; add it with a "
     "DEFAULT, or nullable, backfill, then SET NOT NULL through a NOT VALID CHECK"},
    {"alter-column-type", Severity::Warning,
     "changing a column's type rewrites the whole table under an ACCESS EXCLUSIVE lock; add a "
     "new column, backfill it in batches and switch over",
     false},
    {"set-not-null", Severity::Warning,
     "SET NOT NULL scans the whole table under an ACCESS EXCLUSIVE lock; add a CHECK (col IS "
     "NOT NULL) NOT VALID, VALIDATE it, then SET NOT NULL (PostgreSQL 12+ skips the scan)",
     false},
    {"constraint-not-valid", Severity::Warning,
     "adding a FOREIGN KEY or CHECK validates every row while holding its lock; add it NOT "
     "VALID, then VALIDATE CONSTRAINT in a later statement, which does not block writes",
     false},
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
     "first (or run with --lock-timeout)",
     false},
    {"missing-where", Severity::Warning,
     "UPDATE or DELETE without WHERE touches every row of the table, in one transaction that "
     "locks them all; add the WHERE it needs, or batch it (and say so with -- strata:allow "
     "missing-where)"},
    {"psql-meta-command", Severity::Error,
     "a line starting with a backslash is a psql meta-command (\\connect, \\set, pg_dump's "
     "\\restrict), which psql runs itself: it is not SQL, and the server fails on it; remove "
     "it from the migration"},
    {"read-only-transaction", Severity::Warning,
     "this makes the transaction read-only, so every later write fails, Strata's own version "
     "and history rows included; remove it (a migration writes)"},
    {"unknown-rule", Severity::Error,
     "-- strata:allow names a rule that does not exist, so it silences nothing; use the names "
     "`strata lint` prints, and put a reason in parentheses"},
};

const RuleText &rule(const char *name)
{
    for (const RuleText &r : kRules)
        if (qstrcmp(r.name, name) == 0)
            return r;
    return kRules[0];
}

// A relation as written: its schema (empty when not given) and name.
struct RelName
{
    QString schema;
    QString name;
};

RelName rangeVar(const QJsonValue &relation)
{
    const QJsonObject o = relation.toObject();
    return {o.value(QStringLiteral("schemaname")).toString(),
            o.value(QStringLiteral("relname")).toString()};
}

// A DROP's object name: [{"String": {"sval": "s"}}, {"String": {"sval": "t"}}] -> s.t
RelName nameList(const QJsonValue &object)
{
    const QJsonArray items = object.toObject()
                                 .value(QStringLiteral("List"))
                                 .toObject()
                                 .value(QStringLiteral("items"))
                                 .toArray();
    QStringList parts;
    for (const QJsonValue &item : items)
        parts.append(item.toObject()
                         .value(QStringLiteral("String"))
                         .toObject()
                         .value(QStringLiteral("sval"))
                         .toString());
    if (parts.isEmpty())
        return {};
    return {parts.size() > 1 ? parts.at(parts.size() - 2) : QString(), parts.last()};
}

// What the migration itself created before the statement at hand: new, empty, unseen by any
// application, so dropping, emptying or altering it loses nothing and waits on nobody.
class CreatedHere
{
public:
    void addTable(const RelName &table) { m_tables.append(table); }
    void addColumn(const RelName &table, const QString &column)
    {
        m_columns.append({table, column});
    }
    bool hasTable(const RelName &table) const
    {
        return std::any_of(m_tables.cbegin(), m_tables.cend(),
                           [&](const RelName &t) { return same(t, table); });
    }
    bool hasColumn(const RelName &table, const QString &column) const
    {
        return hasTable(table) ||
               std::any_of(m_columns.cbegin(), m_columns.cend(), [&](const auto &c) {
                   return same(c.first, table) && c.second == column;
               });
    }

private:
    // An unqualified name may be the qualified one (the search path decides); two schemas differ.
    static bool same(const RelName &a, const RelName &b)
    {
        return a.name == b.name &&
               (a.schema.isEmpty() || b.schema.isEmpty() || a.schema == b.schema);
    }
    QList<RelName> m_tables;
    QList<std::pair<RelName, QString>> m_columns;
};

// The rule names after `-- strata:allow` on one line, with their 0-based offset: rule-shaped
// words separated by blanks or commas, up to anything else (a reason in parentheses, say).
QList<std::pair<QString, qsizetype>> allowNames(const QString &line)
{
    static const QRegularExpression allow(QStringLiteral("--\\s*strata:allow\\b"));
    static const QRegularExpression name(QStringLiteral("\\G[\\s,]*([A-Za-z0-9_-]+)(?=[\\s,]|$)"));
    QList<std::pair<QString, qsizetype>> out;
    const QRegularExpressionMatch m = allow.match(line);
    if (!m.hasMatch())
        return out;
    for (auto it = name.globalMatch(line, m.capturedEnd()); it.hasNext();) {
        const QRegularExpressionMatch word = it.next();
        out.append({word.captured(1), word.capturedStart(1)});
    }
    return out;
}

// The rules `-- strata:allow` names in `text`.
QSet<QString> allowed(const QString &text)
{
    QSet<QString> out;
    for (const QString &line : text.split(QLatin1Char('\n')))
        for (const auto &[n, at] : allowNames(line))
            out.insert(n);
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
// alike: "drops a table", "empties a table", "drops a column", or empty. Objects in `created`
// hold no data yet.
QString dataLoss(const QString &type, const QJsonObject &body, const CreatedHere &created = {})
{
    if (type == QLatin1String("DropStmt") &&
        body.value(QStringLiteral("removeType")).toString() == QLatin1String("OBJECT_TABLE")) {
        for (const QJsonValue &object : body.value(QStringLiteral("objects")).toArray())
            if (!created.hasTable(nameList(object)))
                return QStringLiteral("drops a table");
        return {};
    }
    if (type == QLatin1String("TruncateStmt")) {
        for (const QJsonValue &r : body.value(QStringLiteral("relations")).toArray())
            if (!created.hasTable(rangeVar(r.toObject().value(QStringLiteral("RangeVar")))))
                return QStringLiteral("empties a table");
        return {};
    }
    if (type == QLatin1String("AlterTableStmt")) {
        const RelName table = rangeVar(body.value(QStringLiteral("relation")));
        for (const QJsonValue &c : body.value(QStringLiteral("cmds")).toArray()) {
            const QJsonObject cmd = c.toObject().value(QStringLiteral("AlterTableCmd")).toObject();
            if (cmd.value(QStringLiteral("subtype")).toString() == QLatin1String("AT_DropColumn") &&
                !created.hasColumn(table, cmd.value(QStringLiteral("name")).toString()))
                return QStringLiteral("drops a column");
        }
    }
    return {};
}

QString contype(const QJsonValue &constraint)
{
    return constraint.toObject()
        .value(QStringLiteral("Constraint"))
        .toObject()
        .value(QStringLiteral("contype"))
        .toString();
}

// A new column that rows already there cannot leave empty: NOT NULL or PRIMARY KEY, with no
// value the server supplies for them: a DEFAULT, an identity, a generated expression or a
// serial type (whose default is its sequence).
bool needsValuesItCannotGet(const QJsonObject &columnDef)
{
    bool notNull = false;
    for (const QJsonValue &c : columnDef.value(QStringLiteral("constraints")).toArray()) {
        const QString type = contype(c);
        if (type == QLatin1String("CONSTR_DEFAULT") || type == QLatin1String("CONSTR_IDENTITY") ||
            type == QLatin1String("CONSTR_GENERATED"))
            return false;
        notNull = notNull || type == QLatin1String("CONSTR_NOTNULL") ||
                  type == QLatin1String("CONSTR_PRIMARY");
    }
    const QJsonArray names = columnDef.value(QStringLiteral("typeName"))
                                 .toObject()
                                 .value(QStringLiteral("names"))
                                 .toArray();
    static const QStringList serials{QStringLiteral("serial"),      QStringLiteral("serial2"),
                                     QStringLiteral("serial4"),     QStringLiteral("serial8"),
                                     QStringLiteral("smallserial"), QStringLiteral("bigserial")};
    auto part = [&](qsizetype i) {
        return names.at(i)
            .toObject()
            .value(QStringLiteral("String"))
            .toObject()
            .value(QStringLiteral("sval"))
            .toString();
    };
    // serial, or pg_catalog.serial as PostgreSQL accepts it too
    if ((names.size() == 1 || (names.size() == 2 && part(0) == QLatin1String("pg_catalog"))) &&
        serials.contains(part(names.size() - 1)))
        return false;
    return notNull;
}

// The statements of one section in the project's dialect; PostgreSQL's splitter reports a
// syntax error with its file line.
Result<QList<Statement>> splitSection(const Migration &m, const QString &sql, int line,
                                      SqlDialect dialect)
{
    if (dialect == SqlDialect::SQLite)
        return SqliteDriver::split(sql, line);
    return PostgresSplitter::split(sql, line, m.filePath);
}

class Run
{
public:
    Run(const Migration &m, SqlDialect dialect) : m_m(m), m_dialect(dialect) {}

    Status section(const QString &sql, int firstLine, bool upgrade);
    void unknownAllowNames(const QString &sql, int firstLine);
    void add(const char *name, int line, const QString &message = {},
             std::optional<Severity> severity = {})
    {
        const RuleText &r = rule(name);
        m_out.append(LintFinding{m_m.revision, m_m.filePath, line, 0, QLatin1String(r.name),
                                 severity.value_or(r.severity),
                                 message.isEmpty() ? QLatin1String(r.message) : message});
    }
    QList<LintFinding> findings() const { return m_out; }
    int unread() const { return m_unread; }

private:
    void upgradeRules(const PgStatementTree &tree, int line);
    // Transaction control inside DO blocks and function bodies; statements that make the
    // transaction read-only. PostgreSQL only.
    void bodyAndSessionRules(const Statement &statement, bool inTransaction);
    // A statement in SQLite's own syntax (AUTOINCREMENT, WITHOUT ROWID, ...): counted, and the
    // table it creates remembered, so dropping it later is no false alarm.
    void sqliteOnly(const QString &text)
    {
        ++m_unread;
        static const QRegularExpression create(
            QStringLiteral(
                "^CREATE\\s+(?:TEMP\\s+|TEMPORARY\\s+)?TABLE\\s+(IF\\s+NOT\\s+EXISTS\\s+)?"
                "(?:(\\w+|\"[^\"]+\")\\s*\\.\\s*)?(\\w+|\"[^\"]+\")"),
            QRegularExpression::CaseInsensitiveOption);
        const QRegularExpressionMatch m = create.match(text);
        if (m.hasMatch() && m.captured(1).isEmpty()) { // IF NOT EXISTS: maybe an old table
            auto unquote = [](QString name) { return name.remove(QLatin1Char('"')); };
            m_created.addTable({unquote(m.captured(2)), unquote(m.captured(3)).toLower()});
        }
    }

    const Migration &m_m;
    SqlDialect m_dialect;
    QList<LintFinding> m_out;
    CreatedHere m_created;
    bool m_lockTimeoutSet = false;
    bool m_lockTimeoutReported = false;
    int m_unread = 0; // SQLite statements PostgreSQL's parser cannot read
};

void Run::unknownAllowNames(const QString &sql, int firstLine)
{
    static const QRegularExpression marker(QStringLiteral("--\\s*strata:allow\\b"));
    const QStringList lines = sql.split(QLatin1Char('\n'));
    for (int i = 0; i < lines.size(); ++i) {
        const auto names = allowNames(lines.at(i));
        if (names.isEmpty())
            if (const QRegularExpressionMatch m = marker.match(lines.at(i)); m.hasMatch()) {
                add("unknown-rule", firstLine + i,
                    QStringLiteral("-- strata:allow names no rule, so it silences nothing; "
                                   "write the rule's name right after it (a reason may follow "
                                   "in parentheses)"));
                m_out.last().column = int(m.capturedStart()) + 1;
            }
        for (const auto &[n, at] : names)
            if (std::none_of(std::begin(kRules), std::end(kRules),
                             [&](const RuleText &r) { return n == QLatin1String(r.name); })) {
                QStringList names;
                for (const RuleText &r : kRules)
                    names.append(QLatin1String(r.name));
                add("unknown-rule", firstLine + i,
                    QStringLiteral("-- strata:allow names '%1', which is not a rule, so it "
                                   "silences nothing; the rules are %2 (put a reason in "
                                   "parentheses)")
                        .arg(n, names.join(QLatin1String(", "))));
                m_out.last().column = int(at) + 1;
            }
    }
}

Status Run::section(const QString &sectionSql, int firstLine, bool upgrade)
{
    // psql meta-commands are no SQL, and no parser splits around them: each is reported (never
    // silenced: the server cannot run it), and its line left blank for the other checks.
    QString sql = sectionSql;
    if (const QList<int> meta = SqlScan::psqlMetaCommandLines(Statement{sectionSql, firstLine});
        !meta.isEmpty()) {
        QStringList lines = sectionSql.split(QLatin1Char('\n'));
        for (int line : meta) {
            add("psql-meta-command", line);
            lines[line - firstLine].clear();
        }
        sql = lines.join(QLatin1Char('\n'));
    }
    auto statements = splitSection(m_m, sql, firstLine, m_dialect);
    if (!statements)
        return statements.error();
    // Section lines indexed by file line: sql starts at firstLine.
    QStringList fileLines(qMax(0, firstLine - 1));
    fileLines += sql.split(QLatin1Char('\n'));
    const bool inTransaction = TransactionRules::runsInTransaction(m_m, m_dialect);
    for (const Statement &statement : *statements) {
        // The comment lines above the statement and its own whole lines, so a comment after
        // the ";" on its last line counts too.
        const int lastLine = statement.line + int(statement.text.count(QLatin1Char('\n')));
        const QString ownLines = fileLines.mid(statement.line - 1, lastLine - statement.line + 1)
                                     .join(QLatin1Char('\n'));
        const QSet<QString> allow =
            allowed(commentsAbove(fileLines, statement.line) + QLatin1Char('\n') + ownLines);
        const qsizetype before = m_out.size();
        // What psql would run itself cannot be parsed as SQL: reported, the statement skipped.
        bodyAndSessionRules(statement, inTransaction);
        if (inTransaction)
            if (auto hazard = TransactionRules::classify(statement.text, m_dialect)) {
                hazard->line = statement.line;
                const bool control = hazard->kind == TransactionHazard::Kind::Control;
                add(control ? TransactionRules::controlRule : TransactionRules::refusedRule,
                    statement.line, TransactionRules::explain(*hazard, m_dialect),
                    hazard->kind == TransactionHazard::Kind::MaybeRefused ||
                            hazard->kind == TransactionHazard::Kind::Ignored
                        ? std::optional(Severity::Warning)
                        : std::nullopt);
            }
        if (upgrade) {
            auto parsed = PgStatementTree::parse(statement.text);
            if (parsed)
                upgradeRules(*parsed, statement.line);
            else if (m_dialect == SqlDialect::SQLite)
                sqliteOnly(statement.text); // the transaction checks above still ran
            else
                return Error::at(m_m.filePath, statement.line,
                                 QStringLiteral("syntax error: %1").arg(parsed.error().message));
        }
        // Suppressed findings of this statement go again.
        for (qsizetype i = m_out.size() - 1; i >= before; --i)
            if (allow.contains(m_out.at(i).rule))
                m_out.removeAt(i);
    }
    return {};
}

void Run::bodyAndSessionRules(const Statement &statement, bool inTransaction)
{
    if (m_dialect != SqlDialect::PostgreSQL)
        return;
    // A DO block runs in the migration's transaction when it has one; a function never may end
    // a transaction. Either fails with "invalid transaction termination" when it reaches it.
    if (auto body = SqlScan::proceduralBody(statement.text))
        if (auto found = SqlScan::transactionControlInBody(body->text);
            found && (inTransaction || body->kind != QLatin1String("DO block"))) {
            const qsizetype offset = statement.text.indexOf(body->text);
            const int line = offset < 0
                                 ? statement.line
                                 : statement.line +
                                       int(statement.text.left(offset).count(QLatin1Char('\n'))) +
                                       found->line;
            add(TransactionRules::controlRule, line,
                QStringLiteral("%1 in this %2: %3; PostgreSQL stops it with \"invalid transaction "
                               "termination\"%4 (found by reading the body's words, not by "
                               "parsing PL/pgSQL)")
                    .arg(found->word, body->kind,
                         body->kind == QLatin1String("DO block")
                             ? QStringLiteral("a DO block runs inside the transaction Strata runs "
                                              "this migration in, and cannot end it")
                             : QStringLiteral("a function can never end the transaction it is "
                                              "called in (a procedure, CALLed outside a "
                                              "transaction block, can)"),
                         body->kind == QLatin1String("DO block")
                             ? QStringLiteral("; remove it, or mark the migration "
                                              "'transactional: false'")
                             : QStringLiteral(" when it is called; remove it")),
                Severity::Warning);
        }
    if (const QString what = SqlScan::readOnlyTransaction(statement.text); !what.isEmpty())
        add("read-only-transaction", statement.line,
            QStringLiteral("%1 makes %2 read-only, so every later write fails, Strata's own "
                           "version and history rows included; remove it (a migration writes)")
                .arg(what, what.contains(QLatin1String("TRANSACTION READ ONLY")) &&
                                   !what.contains(QLatin1String("SESSION"))
                               ? QStringLiteral("the transaction")
                               : QStringLiteral("the session's transactions")));
}

void Run::upgradeRules(const PgStatementTree &tree, int line)
{
    const bool postgres = m_dialect == SqlDialect::PostgreSQL;
    auto addPg = [&](const char *name) {
        if (postgres)
            add(name, line);
    };
    const QString &type = tree.type;
    const QJsonObject &body = tree.body;
    bool accessExclusive = false;

    if (type == QLatin1String("VariableSetStmt") &&
        body.value(QStringLiteral("name")).toString() == QLatin1String("lock_timeout")) {
        m_lockTimeoutSet = true;
    } else if (type == QLatin1String("CreateStmt")) {
        // With IF NOT EXISTS the table may be an old one, rows and all.
        if (!body.value(QStringLiteral("if_not_exists")).toBool())
            m_created.addTable(rangeVar(body.value(QStringLiteral("relation"))));
    } else if (type == QLatin1String("CreateTableAsStmt")) {
        if (!body.value(QStringLiteral("if_not_exists")).toBool())
            m_created.addTable(rangeVar(
                body.value(QStringLiteral("into")).toObject().value(QStringLiteral("rel"))));
    } else if (type == QLatin1String("SelectStmt") && body.contains(QStringLiteral("intoClause"))) {
        m_created.addTable(rangeVar(
            body.value(QStringLiteral("intoClause")).toObject().value(QStringLiteral("rel"))));
    } else if (type == QLatin1String("IndexStmt")) {
        const bool concurrent = body.value(QStringLiteral("concurrent")).toBool();
        if (!concurrent && !m_created.hasTable(rangeVar(body.value(QStringLiteral("relation")))))
            addPg("index-not-concurrent");
    } else if (type == QLatin1String("AlterTableStmt")) {
        const RelName table = rangeVar(body.value(QStringLiteral("relation")));
        const bool isNew = m_created.hasTable(table);
        accessExclusive = !isNew;
        for (const QJsonValue &cmdValue : body.value(QStringLiteral("cmds")).toArray()) {
            const QJsonObject cmd =
                cmdValue.toObject().value(QStringLiteral("AlterTableCmd")).toObject();
            const QString subtype = cmd.value(QStringLiteral("subtype")).toString();
            const QJsonObject def = cmd.value(QStringLiteral("def")).toObject();
            if (subtype == QLatin1String("AT_AddColumn")) {
                const QJsonObject column = def.value(QStringLiteral("ColumnDef")).toObject();
                if (!isNew && needsValuesItCannotGet(column))
                    add("add-column-not-null-no-default", line);
                m_created.addColumn(table, column.value(QStringLiteral("colname")).toString());
            } else if (isNew) {
                continue;
            } else if (subtype == QLatin1String("AT_AlterColumnType")) {
                addPg("alter-column-type");
            } else if (subtype == QLatin1String("AT_SetNotNull")) {
                addPg("set-not-null");
            } else if (subtype == QLatin1String("AT_AddConstraint")) {
                const QJsonObject c = def.value(QStringLiteral("Constraint")).toObject();
                const QString kind = c.value(QStringLiteral("contype")).toString();
                if ((kind == QLatin1String("CONSTR_FOREIGN") ||
                     kind == QLatin1String("CONSTR_CHECK")) &&
                    !c.value(QStringLiteral("skip_validation")).toBool())
                    addPg("constraint-not-valid");
            }
        }
    } else if (type == QLatin1String("DropStmt") || type == QLatin1String("TruncateStmt")) {
        accessExclusive = !dataLoss(type, body, m_created).isEmpty();
    } else if (type == QLatin1String("RenameStmt")) {
        // What this migration created has no readers yet: renaming it breaks nobody, and the
        // new name is as new as the old one.
        const QString what = body.value(QStringLiteral("renameType")).toString();
        const RelName table = rangeVar(body.value(QStringLiteral("relation")));
        const QString newName = body.value(QStringLiteral("newname")).toString();
        if (what == QLatin1String("OBJECT_TABLE") && m_created.hasTable(table)) {
            m_created.addTable({table.schema, newName});
        } else if (what == QLatin1String("OBJECT_COLUMN") &&
                   m_created.hasColumn(table, body.value(QStringLiteral("subname")).toString())) {
            m_created.addColumn(table, newName);
        } else if (what == QLatin1String("OBJECT_TABLE") ||
                   what == QLatin1String("OBJECT_COLUMN")) {
            add("rename", line);
            accessExclusive = true;
        }
    } else if ((type == QLatin1String("UpdateStmt") || type == QLatin1String("DeleteStmt")) &&
               !body.contains(QStringLiteral("whereClause")) &&
               !m_created.hasTable(rangeVar(body.value(QStringLiteral("relation"))))) {
        add("missing-where", line);
    }
    if (!dataLoss(type, body, m_created).isEmpty())
        add("data-loss", line);
    if (postgres && accessExclusive && !m_lockTimeoutSet && !m_lockTimeoutReported) {
        add("lock-timeout", line);
        m_lockTimeoutReported = true; // once per migration: one SET fixes them all
    }
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
            list.append(Rule{r.name, r.severity, r.sqlite});
        return list;
    }();
    return out;
}

Result<QList<LintFinding>> Linter::lint(const Migration &m, SqlDialect dialect, int *unread)
{
    Run run(m, dialect);
    if (!m.hasDowngrade)
        run.add("missing-downgrade", m.headerLine);
    run.unknownAllowNames(m.upgradeSql, m.upgradeLine);
    if (m.hasDowngrade)
        run.unknownAllowNames(m.downgradeSql, m.downgradeLine);
    if (auto s = run.section(m.upgradeSql, m.upgradeLine, true); !s)
        return s.error();
    if (m.hasDowngrade)
        if (auto s = run.section(m.downgradeSql, m.downgradeLine, false); !s)
            return s.error();
    if (unread)
        *unread = run.unread();
    QList<LintFinding> out = run.findings();
    // SQLite's grammar is SQLite's to judge: it compiles each statement itself.
    if (dialect == SqlDialect::SQLite)
        out += SqliteStatementCheck::check(m);
    std::stable_sort(out.begin(), out.end(),
                     [](const LintFinding &a, const LintFinding &b) { return a.line < b.line; });
    return out;
}

QStringList Linter::rulesFor(SqlDialect dialect)
{
    QStringList out;
    for (const RuleText &r : kRules)
        if (dialect == SqlDialect::PostgreSQL || r.sqlite)
            out.append(QLatin1String(r.name));
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
        auto parsed = PgStatementTree::parse(statement.text);
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
