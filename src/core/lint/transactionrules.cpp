#include "lint/transactionrules.h"

#include "lint/pgtree.h"
#include "project/migration.h"

#include <QJsonArray>

namespace strata {

SqlDialect dialectOfEngine(const QString &engine)
{
    return engine == QLatin1String("sqlite") ? SqlDialect::SQLite : SqlDialect::PostgreSQL;
}

namespace {

using Kind = TransactionHazard::Kind;

TransactionHazard control(const char *what, bool ends, bool keeps)
{
    return TransactionHazard{Kind::Control, 0, QLatin1String(what), ends, keeps};
}

TransactionHazard refused(const QString &what, Kind kind = Kind::Refused)
{
    return TransactionHazard{kind, 0, what, false, false};
}

// A boolean option of a WITH (...) list, as PostgreSQL reads it (defGetBoolean): no value,
// true/on/1 are true; false/off/0 are false; absent: `fallback`.
bool option(const QJsonValue &options, const char *name, bool fallback)
{
    for (const QJsonValue &o : options.toArray()) {
        const QJsonObject def = o.toObject().value(QStringLiteral("DefElem")).toObject();
        if (def.value(QStringLiteral("defname")).toString() != QLatin1String(name))
            continue;
        const QJsonObject arg = def.value(QStringLiteral("arg")).toObject();
        if (arg.isEmpty())
            return true;
        const QString value = arg.value(QStringLiteral("String"))
                                  .toObject()
                                  .value(QStringLiteral("sval"))
                                  .toString()
                                  .toLower();
        if (value == QLatin1String("false") || value == QLatin1String("off") ||
            value == QLatin1String("0"))
            return false;
        if (arg.contains(QStringLiteral("Integer")))
            return arg.value(QStringLiteral("Integer"))
                       .toObject()
                       .value(QStringLiteral("ival"))
                       .toInt() != 0;
        return true;
    }
    return fallback;
}

bool hasOption(const QJsonValue &options, const char *name)
{
    for (const QJsonValue &o : options.toArray())
        if (o.toObject()
                .value(QStringLiteral("DefElem"))
                .toObject()
                .value(QStringLiteral("defname")) == QLatin1String(name))
            return true;
    return false;
}

// Whether the statement may be one of the table's: each of them holds one of these keywords,
// and a keyword always stands in the text as written (it cannot be quoted or escaped), so a
// statement holding none of them is none of them and need not be parsed.
bool mayBeHazard(const QString &text)
{
    static const QLatin1String keywords[] = {
        QLatin1String("begin"),        QLatin1String("start"),      QLatin1String("commit"),
        QLatin1String("end"),          QLatin1String("rollback"),   QLatin1String("abort"),
        QLatin1String("prepare"),      QLatin1String("vacuum"),     QLatin1String("cluster"),
        QLatin1String("database"),     QLatin1String("tablespace"), QLatin1String("system"),
        QLatin1String("concurrently"), QLatin1String("reindex"),    QLatin1String("discard"),
        QLatin1String("subscription"),
    };
    return std::any_of(std::begin(keywords), std::end(keywords),
                       [&](QLatin1String k) { return text.contains(k, Qt::CaseInsensitive); });
}

// SQLite: the statement kind is its first keyword (after comments), or for ROLLBACK whether a
// TO follows, so reading words is exact here.
class Words
{
public:
    explicit Words(const QString &text) : m_text(text) {}

    // The next word in upper case; empty at the end or before a non-word character.
    QString next()
    {
        skipBlank();
        const qsizetype start = m_at;
        while (m_at < m_text.size() &&
               (m_text[m_at].isLetterOrNumber() || m_text[m_at] == QLatin1Char('_')))
            ++m_at;
        return m_text.mid(start, m_at - start).toUpper();
    }

    // The next character after blanks and comments, or a null QChar at the end.
    QChar peek()
    {
        skipBlank();
        return m_at < m_text.size() ? m_text[m_at] : QChar();
    }
    void skip() { ++m_at; }

private:
    void skipBlank()
    {
        while (m_at < m_text.size()) {
            if (m_text[m_at].isSpace()) {
                ++m_at;
            } else if (QStringView(m_text).sliced(m_at).startsWith(QLatin1String("--"))) {
                const qsizetype nl = m_text.indexOf(QLatin1Char('\n'), m_at);
                m_at = nl < 0 ? m_text.size() : nl + 1;
            } else if (QStringView(m_text).sliced(m_at).startsWith(QLatin1String("/*"))) {
                const qsizetype end = m_text.indexOf(QLatin1String("*/"), m_at + 2);
                m_at = end < 0 ? m_text.size() : end + 2;
            } else {
                return;
            }
        }
    }

    const QString &m_text;
    qsizetype m_at = 0;
};

// A transaction control statement as its text spells it: its first keyword and the keywords
// that belong to it (TRANSACTION, WORK, AND [NO] CHAIN, SQLite's DEFERRED/IMMEDIATE/EXCLUSIVE),
// so `end;` reads END and `abort` ABORT on either engine, never a synonym.
QString writtenAs(const QString &text)
{
    static const QLatin1String parts[] = {
        QLatin1String("TRANSACTION"), QLatin1String("WORK"),      QLatin1String("AND"),
        QLatin1String("NO"),          QLatin1String("CHAIN"),     QLatin1String("DEFERRED"),
        QLatin1String("IMMEDIATE"),   QLatin1String("EXCLUSIVE"),
    };
    Words words(text);
    QStringList out{words.next()};
    for (QString w = words.next(); !w.isEmpty(); w = words.next()) {
        if (std::none_of(std::begin(parts), std::end(parts),
                         [&](QLatin1String p) { return w == p; }))
            break;
        out.append(w);
    }
    return out.join(QLatin1Char(' '));
}

std::optional<TransactionHazard> classifyPostgres(const QString &text)
{
    if (!mayBeHazard(text))
        return std::nullopt;
    auto tree = PgStatementTree::parse(text);
    if (!tree)
        return std::nullopt;
    const QString &type = tree->type;
    const QJsonObject &body = tree->body;
    auto is = [&](const char *name) { return type == QLatin1String(name); };
    auto flag = [&](const char *name) { return body.value(QLatin1String(name)).toBool(); };
    auto text_ = [&](const char *name) { return body.value(QLatin1String(name)).toString(); };

    if (is("TransactionStmt")) {
        const QString kind = text_("kind");
        const bool chain = flag("chain");
        if (kind == QLatin1String("TRANS_STMT_BEGIN"))
            return control("BEGIN", false, false);
        if (kind == QLatin1String("TRANS_STMT_START"))
            return control("START TRANSACTION", false, false);
        if (kind == QLatin1String("TRANS_STMT_COMMIT"))
            return control(chain ? "COMMIT AND CHAIN" : "COMMIT", true, true);
        if (kind == QLatin1String("TRANS_STMT_ROLLBACK"))
            return control(chain ? "ROLLBACK AND CHAIN" : "ROLLBACK", true, false);
        if (kind == QLatin1String("TRANS_STMT_PREPARE"))
            return control("PREPARE TRANSACTION", true, false);
        if (kind == QLatin1String("TRANS_STMT_COMMIT_PREPARED"))
            return refused(QStringLiteral("COMMIT PREPARED"));
        if (kind == QLatin1String("TRANS_STMT_ROLLBACK_PREPARED"))
            return refused(QStringLiteral("ROLLBACK PREPARED"));
        return std::nullopt; // SAVEPOINT, RELEASE, ROLLBACK TO: inside the transaction
    }
    if (is("VacuumStmt") && flag("is_vacuumcmd"))
        return refused(QStringLiteral("VACUUM")); // ANALYZE alone may run in a transaction
    if (is("ClusterStmt") && !body.contains(QStringLiteral("relation")))
        return refused(QStringLiteral("CLUSTER without a table"));
    if (is("CreatedbStmt"))
        return refused(QStringLiteral("CREATE DATABASE"));
    if (is("DropdbStmt"))
        return refused(QStringLiteral("DROP DATABASE"));
    if (is("AlterDatabaseStmt") && hasOption(body.value(QStringLiteral("options")), "tablespace"))
        return refused(QStringLiteral("ALTER DATABASE ... SET TABLESPACE"));
    if (is("CreateTableSpaceStmt"))
        return refused(QStringLiteral("CREATE TABLESPACE"));
    if (is("DropTableSpaceStmt"))
        return refused(QStringLiteral("DROP TABLESPACE"));
    if (is("AlterSystemStmt"))
        return refused(QStringLiteral("ALTER SYSTEM"));
    if (is("IndexStmt") && flag("concurrent"))
        return refused(QStringLiteral("CREATE INDEX CONCURRENTLY"));
    if (is("DropStmt") && flag("concurrent"))
        return refused(QStringLiteral("DROP INDEX CONCURRENTLY"));
    if (is("ReindexStmt")) {
        const QString kind = text_("kind");
        if (option(body.value(QStringLiteral("params")), "concurrently", false))
            return refused(QStringLiteral("REINDEX ... CONCURRENTLY"));
        if (kind == QLatin1String("REINDEX_OBJECT_SCHEMA"))
            return refused(QStringLiteral("REINDEX SCHEMA"));
        if (kind == QLatin1String("REINDEX_OBJECT_DATABASE"))
            return refused(QStringLiteral("REINDEX DATABASE"));
        if (kind == QLatin1String("REINDEX_OBJECT_SYSTEM"))
            return refused(QStringLiteral("REINDEX SYSTEM"));
        return std::nullopt;
    }
    if (is("AlterTableStmt")) {
        for (const QJsonValue &c : body.value(QStringLiteral("cmds")).toArray()) {
            const QJsonObject cmd = c.toObject().value(QStringLiteral("AlterTableCmd")).toObject();
            if (cmd.value(QStringLiteral("subtype")) == QLatin1String("AT_DetachPartition") &&
                cmd.value(QStringLiteral("def"))
                    .toObject()
                    .value(QStringLiteral("PartitionCmd"))
                    .toObject()
                    .value(QStringLiteral("concurrent"))
                    .toBool())
                return refused(QStringLiteral("ALTER TABLE ... DETACH PARTITION CONCURRENTLY"));
        }
        return std::nullopt;
    }
    if (is("DiscardStmt") && text_("target") == QLatin1String("DISCARD_ALL"))
        return refused(QStringLiteral("DISCARD ALL"));
    if (is("CreateSubscriptionStmt")) {
        // create_slot defaults to connect, which defaults to true.
        const QJsonValue options = body.value(QStringLiteral("options"));
        if (option(options, "create_slot", option(options, "connect", true)))
            return refused(QStringLiteral("CREATE SUBSCRIPTION creating a replication slot"));
        return std::nullopt;
    }
    if (is("AlterSubscriptionStmt")) {
        const QString kind = text_("kind");
        if (kind == QLatin1String("ALTER_SUBSCRIPTION_REFRESH"))
            return refused(QStringLiteral("ALTER SUBSCRIPTION ... REFRESH PUBLICATION"));
        if ((kind == QLatin1String("ALTER_SUBSCRIPTION_SET_PUBLICATION") ||
             kind == QLatin1String("ALTER_SUBSCRIPTION_ADD_PUBLICATION") ||
             kind == QLatin1String("ALTER_SUBSCRIPTION_DROP_PUBLICATION")) &&
            option(body.value(QStringLiteral("options")), "refresh", true))
            return refused(QStringLiteral("ALTER SUBSCRIPTION ... PUBLICATION with refresh"));
        return std::nullopt;
    }
    if (is("DropSubscriptionStmt"))
        return refused(QStringLiteral("DROP SUBSCRIPTION"), Kind::MaybeRefused);
    return std::nullopt;
}

std::optional<TransactionHazard> classifySqlite(const QString &text)
{
    Words words(text);
    const QString first = words.next();
    if (first == QLatin1String("BEGIN"))
        return control("BEGIN", false, false);
    if (first == QLatin1String("COMMIT"))
        return control("COMMIT", true, true);
    if (first == QLatin1String("END"))
        return control("END", true, true);
    if (first == QLatin1String("ROLLBACK")) {
        QString word = words.next();
        if (word == QLatin1String("TRANSACTION"))
            word = words.next();
        if (word == QLatin1String("TO"))
            return std::nullopt; // ROLLBACK TO a savepoint: the transaction goes on
        return control("ROLLBACK", true, false);
    }
    if (first == QLatin1String("PRAGMA")) {
        QString name = words.next();
        if (words.peek() == QLatin1Char('.')) { // PRAGMA schema.name
            words.skip();
            name = words.next();
        }
        if (name == QLatin1String("FOREIGN_KEYS"))
            return refused(QStringLiteral("PRAGMA foreign_keys"), Kind::Ignored);
        if (name == QLatin1String("JOURNAL_MODE") &&
            text.contains(QLatin1String("wal"), Qt::CaseInsensitive))
            return refused(QStringLiteral("PRAGMA journal_mode = WAL"), Kind::Ignored);
        return std::nullopt;
    }
    if (first == QLatin1String("VACUUM"))
        return refused(QStringLiteral("VACUUM"));
    if (first == QLatin1String("ATTACH"))
        return refused(QStringLiteral("ATTACH"));
    return std::nullopt;
}

} // namespace

std::optional<TransactionHazard> TransactionRules::classify(const QString &statement,
                                                            SqlDialect dialect)
{
    auto hazard =
        dialect == SqlDialect::SQLite ? classifySqlite(statement) : classifyPostgres(statement);
    if (hazard && hazard->kind == Kind::Control)
        if (const QString written = writtenAs(statement); !written.isEmpty())
            hazard->what = written;
    return hazard;
}

QList<TransactionHazard> TransactionRules::hazards(const QList<Statement> &statements,
                                                   SqlDialect dialect)
{
    QList<TransactionHazard> out;
    for (const Statement &s : statements)
        if (auto hazard = classify(s.text, dialect)) {
            hazard->line = s.line;
            out.append(*hazard);
        }
    return out;
}

bool TransactionRules::runsInTransaction(const Migration &migration, SqlDialect dialect)
{
    return migration.transactional || dialect == SqlDialect::SQLite;
}

QString TransactionRules::explain(const TransactionHazard &hazard, SqlDialect dialect)
{
    const bool sqlite = dialect == SqlDialect::SQLite;
    switch (hazard.kind) {
    case Kind::Control:
        return QStringLiteral(
                   "%1 %2 the transaction Strata runs this migration in, so the version row "
                   "would no longer commit with the migration's statements; remove it (Strata "
                   "commits each migration with its version row)%3")
            .arg(hazard.what,
                 hazard.ends ? QStringLiteral("ends")
                             : QStringLiteral("starts a transaction inside"),
                 sqlite ? QStringLiteral(", or split the migration in two where it must commit")
                        : QStringLiteral(", split the migration in two where it must commit, or "
                                         "mark it 'transactional: false'"));
    case Kind::Refused:
        if (sqlite)
            return QStringLiteral("SQLite cannot run %1 inside a transaction, and Strata runs "
                                  "every SQLite migration in one ('transactional: false' "
                                  "included); run it outside Strata")
                .arg(hazard.what);
        return QStringLiteral("PostgreSQL refuses %1 inside a transaction block, and this "
                              "migration runs in one; mark it 'transactional: false' (and keep "
                              "the statement in a migration of its own)")
            .arg(hazard.what);
    case Kind::Ignored:
        return QStringLiteral("SQLite ignores %1 inside a transaction, and Strata runs every "
                              "SQLite migration in one; %2")
            .arg(hazard.what,
                 hazard.what.contains(QLatin1String("foreign_keys"))
                     ? QStringLiteral("foreign keys stay as they were (ON DELETE actions fire "
                                      "during a table rebuild): use PRAGMA defer_foreign_keys = "
                                      "ON, which holds until the step commits")
                     : QStringLiteral("the journal mode is the file's: set it once outside "
                                      "Strata"));
    case Kind::MaybeRefused:
        return QStringLiteral("PostgreSQL refuses %1 inside a transaction block when the "
                              "subscription has a replication slot; mark the migration "
                              "'transactional: false', or first ALTER SUBSCRIPTION ... SET "
                              "(slot_name = NONE)")
            .arg(hazard.what);
    }
    return {};
}

} // namespace strata
