#include "lint/sqlitestatementcheck.h"

#include "drivers/sqlite/sqlitedriver.h"
#include "project/migration.h"

#include <sqlite3.h>

#include <algorithm>
#include <memory>

namespace strata {

namespace {

// SQLite reports an unknown name while it compiles, after the statement parsed: those depend on
// the schema the scratch database does not have. (SQLite gives one code, SQLITE_ERROR, for
// grammar and names alike; its message is the only thing that tells them apart.)
bool needsSchema(const QString &message)
{
    static const char *const prefixes[] = {
        "no such table",    "no such column",   "no such index",  "no such view",
        "no such trigger",  "no such function", "no such module", "no such collation sequence",
        "unknown database",
    };
    return std::any_of(std::cbegin(prefixes), std::cend(prefixes), [&](const char *prefix) {
        return message.startsWith(QLatin1String(prefix));
    });
}

struct CloseDatabase
{
    void operator()(sqlite3 *db) const { sqlite3_close_v2(db); }
};

void checkSection(sqlite3 *db, const Migration &m, const QString &sql, int firstLine,
                  QList<LintFinding> &out)
{
    for (const Statement &statement : SqliteDriver::split(sql, firstLine)) {
        const QByteArray text = statement.text.toUtf8();
        sqlite3_stmt *compiled = nullptr;
        const int rc =
            sqlite3_prepare_v2(db, text.constData(), int(text.size()), &compiled, nullptr);
        sqlite3_finalize(compiled);
        if (rc == SQLITE_OK)
            continue;
        const QString message = QString::fromUtf8(sqlite3_errmsg(db));
        if (needsSchema(message))
            continue;
        LintFinding f;
        f.revision = m.revision;
        f.file = m.filePath;
        f.line = statement.line;
        f.rule = QStringLiteral("syntax");
        f.severity = LintFinding::Severity::Error;
        f.message = QStringLiteral("SQLite: %1").arg(message);
        // Where SQLite stopped: a byte offset into the statement (-1: not known).
        const int offset = sqlite3_error_offset(db);
        if (offset >= 0 && offset <= text.size()) {
            const QString before = QString::fromUtf8(text.left(offset));
            f.line += int(before.count(QLatin1Char('\n')));
            f.column = int(before.size() - before.lastIndexOf(QLatin1Char('\n')));
        }
        out.append(f);
    }
}

} // namespace

QList<LintFinding> SqliteStatementCheck::check(const Migration &migration)
{
    QList<LintFinding> out;
    sqlite3 *raw = nullptr;
    if (sqlite3_open_v2(":memory:", &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_MEMORY, nullptr) !=
        SQLITE_OK) {
        sqlite3_close_v2(raw);
        return out; // no scratch database, no check: the run still meets SQLite
    }
    const std::unique_ptr<sqlite3, CloseDatabase> db(raw);
    checkSection(db.get(), migration, migration.upgradeSql, migration.upgradeLine, out);
    if (migration.hasDowngrade)
        checkSection(db.get(), migration, migration.downgradeSql, migration.downgradeLine, out);
    return out;
}

} // namespace strata
