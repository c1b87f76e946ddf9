#include "drivers/sqlite/sqlitedriver.h"

#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QUuid>

#include <sqlite3.h>

namespace strata {

namespace {

// Connection-level PRAGMAs that change what later statements do, read at open() and restored
// by resetSession(). See the class comment for what is kept.
const char *const kSessionPragmas[] = {"foreign_keys",
                                       "recursive_triggers",
                                       "query_only",
                                       "legacy_alter_table",
                                       "reverse_unordered_selects",
                                       "ignore_check_constraints",
                                       "writable_schema",
                                       "defer_foreign_keys",
                                       "automatic_index",
                                       "trusted_schema",
                                       "cell_size_check",
                                       "secure_delete",
                                       "synchronous",
                                       "temp_store",
                                       "cache_size",
                                       "busy_timeout",
                                       "locking_mode"};

// An Error from a failed Qt Sql call: `context` (what was being done, may be empty) and
// SQLite's own message, with a code from SQLite's result code so callers need not read the
// text: a file that is not a database or is damaged is Unreadable, an interrupt Cancelled,
// a database locked past the busy timeout LockTimeout.
// https://www.sqlite.org/rescode.html
Error sqliteError(const QSqlError &e, const QString &context)
{
    const QString text = e.databaseText().isEmpty() ? e.text() : e.databaseText();
    Error out = Error::failure(context.isEmpty() ? text : context + QStringLiteral(": ") + text);
    bool ok = false;
    const int code = e.nativeErrorCode().toInt(&ok) & 0xff; // the primary code
    if (!ok)
        return out;
    switch (code) {
    case SQLITE_NOTADB:
    case SQLITE_CORRUPT:
        out.code = Error::Code::Unreadable;
        break;
    case SQLITE_INTERRUPT:
        out.code = Error::Code::Cancelled;
        break;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        out.code = Error::Code::LockTimeout;
        break;
    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
        out.code = Error::Code::ConnectionFailed;
        break;
    default:
        break;
    }
    return out;
}

} // namespace

SqliteDriver::SqliteDriver(QString path) : m_path(std::move(path)) {}

SqliteDriver::~SqliteDriver()
{
    close();
}

void SqliteDriver::close()
{
    if (m_connectionName.isEmpty())
        return;
    {
        const std::lock_guard lock(m_handleMutex);
        m_handle = nullptr;
    }
    {
        QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
        db.close();
    }
    QSqlDatabase::removeDatabase(m_connectionName);
    m_connectionName.clear();
}

bool SqliteDriver::exists() const
{
    return QFileInfo::exists(m_path);
}

Status SqliteDriver::creatable() const
{
    const QFileInfo info(m_path);
    if (!info.absoluteDir().exists())
        return Error::failure(
                   QStringLiteral("cannot open SQLite database %1: folder %2 does not exist, so "
                                  "no database is there and none can be created")
                       .arg(m_path, info.absolutePath()))
            .with(Error::Code::NotFound);
    if (!QFileInfo(info.absolutePath()).isWritable())
        return Error::failure(QStringLiteral("cannot create SQLite database %1: folder %2 is not "
                                             "writable")
                                  .arg(m_path, info.absolutePath()));
    return {};
}

Status SqliteDriver::open()
{
    if (!m_connectionName.isEmpty())
        return {};
    if (m_readOnly && !exists())
        return Error::failure(
                   QStringLiteral("cannot open SQLite database %1 to read it: the file does not "
                                  "exist (nothing was created)")
                       .arg(m_path))
            .with(Error::Code::NotFound);
    // Only a file still to be created needs a writable folder: an existing one in a read-only
    // folder (a read-only mount) opens, and what only reads it works.
    if (auto s = creatable(); !m_readOnly && !exists() && !s)
        return s;
    if (!QSqlDatabase::isDriverAvailable(QStringLiteral("QSQLITE")))
        return Error::failure(QStringLiteral(
            "the Qt SQLite driver (QSQLITE) is not installed; install libqt6sql6-sqlite"));
    m_connectionName =
        QStringLiteral("strata-sqlite-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
    std::optional<Error> failure;
    sqlite3 *handle = nullptr;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connectionName);
        db.setDatabaseName(m_path);
        db.setConnectOptions(m_readOnly
                                 ? QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000;QSQLITE_OPEN_READONLY")
                                 : QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
        if (db.open()) {
            const QVariant h = db.driver()->handle();
            if (h.isValid() && qstrcmp(h.typeName(), "sqlite3*") == 0)
                handle = *static_cast<sqlite3 *const *>(h.data());
        } else {
            failure = sqliteError(db.lastError(), {}).with(Error::Code::ConnectionFailed);
        }
    }
    if (!failure)
        if (auto s = exec(QStringLiteral("PRAGMA foreign_keys = ON")); !s)
            failure = s.error();
    // SQLite opens any file lazily: read the header and the schema now, so a file that is not
    // a database (or a damaged one) is an error here, never an empty database.
    if (!failure)
        if (auto s = exec(QStringLiteral("SELECT count(*) FROM sqlite_master")); !s)
            failure = s.error();
    m_openedPragmas.clear();
    for (const char *name : kSessionPragmas) {
        if (failure)
            break;
        QSqlQuery query(QSqlDatabase::database(m_connectionName, false));
        if (query.exec(QStringLiteral("PRAGMA %1").arg(QLatin1String(name))) && query.next())
            m_openedPragmas.append({QLatin1String(name), query.value(0).toString()});
    }
    if (failure) {
        close(); // no half-open connection for the next open() to mistake for a good one
        if (failure->code == Error::Code::Unreadable)
            failure->details.append(QStringLiteral(
                "The file is not an SQLite database, or it is damaged or truncated; nothing "
                "was read from it or written to it"));
        return reworded(
            *failure,
            QStringLiteral("cannot open SQLite database %1: %2").arg(m_path, failure->message));
    }
    // Published only now, so cancel() cannot interrupt the set-up above.
    const std::lock_guard lock(m_handleMutex);
    m_handle = handle;
    return {};
}

Result<QList<QStringList>> SqliteDriver::catalogQuery(const QString &sql)
{
    QSqlQuery query(QSqlDatabase::database(m_connectionName, false));
    query.setForwardOnly(true);
    if (!query.exec(sql))
        return sqliteError(query.lastError(), {});
    QList<QStringList> rows;
    while (query.next()) {
        const int columns = query.record().count();
        QStringList row;
        row.reserve(columns);
        for (int i = 0; i < columns; ++i) {
            const QVariant value = query.value(i);
            if (value.isNull())
                row.append(QString());
            else if (value.typeId() == QMetaType::QByteArray)
                row.append(QString::fromUtf8(value.toByteArray()));
            else
                row.append(value.toString());
        }
        rows.append(row);
    }
    if (query.lastError().isValid())
        return sqliteError(query.lastError(), {});
    return rows;
}

Status SqliteDriver::exec(const QString &sql, int *rowsAffected)
{
    QSqlQuery query(QSqlDatabase::database(m_connectionName, false));
    if (!query.exec(sql))
        return sqliteError(query.lastError(), {});
    if (rowsAffected)
        *rowsAffected = query.numRowsAffected();
    return {};
}

namespace {

// Index of the first character after leading whitespace and comments, or sql.size().
qsizetype skipBlankAndComments(const QString &sql, qsizetype from, qsizetype to)
{
    qsizetype i = from;
    while (i < to) {
        if (sql[i].isSpace()) {
            ++i;
        } else if (sql.mid(i, 2) == QLatin1String("--")) {
            const qsizetype nl = sql.indexOf(QLatin1Char('\n'), i);
            i = (nl < 0 || nl > to) ? to : nl + 1;
        } else if (sql.mid(i, 2) == QLatin1String("/*")) {
            const qsizetype end = sql.indexOf(QLatin1String("*/"), i + 2);
            i = (end < 0 || end > to) ? to : end + 2;
        } else {
            break;
        }
    }
    return i;
}

} // namespace

QList<Statement> SqliteDriver::split(const QString &sql, int firstLine)
{
    QList<Statement> out;
    qsizetype start = 0;
    int line = firstLine;        // line of sql[start]
    qsizetype lineCountedTo = 0; // sql[0..lineCountedTo) counted into `line`
    auto lineAt = [&](qsizetype pos) {
        line += int(sql.mid(lineCountedTo, pos - lineCountedTo).count(QLatin1Char('\n')));
        lineCountedTo = pos;
        return line;
    };
    auto emit = [&](qsizetype end) {
        const qsizetype first = skipBlankAndComments(sql, start, end);
        if (first < end) {
            const QString text = sql.mid(first, end - first).trimmed();
            // A lone ";" (or comments and ";") is not a statement.
            if (text != QLatin1String(";"))
                out.append(Statement{text, lineAt(first)});
        }
        start = end;
    };
    qsizetype semicolon = sql.indexOf(QLatin1Char(';'));
    while (semicolon >= 0) {
        const QByteArray candidate = sql.mid(start, semicolon + 1 - start).toUtf8();
        if (sqlite3_complete(candidate.constData()))
            emit(semicolon + 1);
        semicolon = sql.indexOf(QLatin1Char(';'), semicolon + 1);
    }
    emit(sql.size());
    return out;
}

QList<Statement> SqliteDriver::splitStatements(const QString &sql, int firstLine) const
{
    return split(sql, firstLine);
}

Status SqliteDriver::begin()
{
    return exec(QStringLiteral("BEGIN IMMEDIATE"));
}

Status SqliteDriver::commit()
{
    return exec(QStringLiteral("COMMIT"));
}

Status SqliteDriver::rollback()
{
    // Only this thread writes m_handle, so reading it here needs no lock.
    if (m_handle && sqlite3_get_autocommit(m_handle))
        return {}; // SQLite already rolled back (after an interrupt, say)
    return exec(QStringLiteral("ROLLBACK"));
}

namespace {

// `sql` without its comments (string literals and quoted names kept whole).
QString withoutComments(const QString &sql)
{
    QString out;
    out.reserve(sql.size());
    qsizetype i = 0;
    while (i < sql.size()) {
        const QChar c = sql[i];
        if (c == QLatin1Char('\'') || c == QLatin1Char('"') || c == QLatin1Char('`') ||
            c == QLatin1Char('[')) {
            const QChar close = c == QLatin1Char('[') ? QLatin1Char(']') : c;
            qsizetype end = sql.indexOf(close, i + 1);
            end = end < 0 ? sql.size() : end + 1;
            out += sql.mid(i, end - i);
            i = end;
        } else if (sql.mid(i, 2) == QLatin1String("--") || sql.mid(i, 2) == QLatin1String("/*")) {
            const qsizetype after = skipBlankAndComments(sql, i, sql.size());
            out += QLatin1Char(' ');
            i = after;
        } else {
            out += c;
            ++i;
        }
    }
    return out;
}

// Whether `sql` is a PRAGMA foreign_key_check in any of its forms: with or without a schema
// ("main".foreign_key_check), with a table argument as a call or an assignment, in any case.
bool isForeignKeyCheck(const QString &sql)
{
    static const QRegularExpression pattern(
        QStringLiteral(R"(^\s*pragma\s+(?:(?:\w+|"[^"]*"|`[^`]*`|\[[^\]]*\])\s*\.\s*)?)"
                       R"((?:foreign_key_check|"foreign_key_check"|`foreign_key_check`|)"
                       R"(\[foreign_key_check\])(?:\s*[(=;]|\s*$))"),
        QRegularExpression::CaseInsensitiveOption);
    return pattern.match(withoutComments(sql)).hasMatch();
}

} // namespace

Status SqliteDriver::foreignKeyCheck(const QString &sql)
{
    QSqlQuery query(QSqlDatabase::database(m_connectionName, false));
    if (!query.exec(sql))
        return sqliteError(query.lastError(), {});
    QStringList violations;
    int count = 0;
    const int shown = 10;
    while (query.next()) {
        ++count;
        if (count > shown)
            continue;
        const QVariant rowid = query.value(1);
        violations.append(
            QStringLiteral("%1 rowid %2 references %3")
                .arg(query.value(0).toString(),
                     rowid.isNull() ? QStringLiteral("(none: WITHOUT ROWID)") : rowid.toString(),
                     query.value(2).toString()));
    }
    if (query.lastError().isValid())
        return sqliteError(query.lastError(), {});
    if (count == 0)
        return {};
    const QString rows =
        count == 1 ? QStringLiteral("1 row has") : QStringLiteral("%1 rows have").arg(count);
    QString message = QStringLiteral("foreign key check failed: %1 no parent row: %2")
                          .arg(rows, violations.join(QStringLiteral("; ")));
    if (count > shown)
        message += QStringLiteral("; and %1 more").arg(count - shown);
    Error error = Error::failure(message);
    error.details.append(sql);
    return error;
}

Status SqliteDriver::execute(const Statement &statement)
{
    if (isForeignKeyCheck(statement.text))
        return foreignKeyCheck(statement.text);
    return exec(statement.text);
}

Status SqliteDriver::resetSession()
{
    if (m_connectionName.isEmpty())
        return {};
    const bool inTransaction = m_handle && !sqlite3_get_autocommit(m_handle);
    // One read tells what changed, so an untouched session costs one query.
    QStringList columns;
    for (const auto &[name, value] : std::as_const(m_openedPragmas))
        columns.append(QStringLiteral("(SELECT * FROM pragma_%1())").arg(name));
    columns.append(QStringLiteral("(SELECT count(*) FROM temp.sqlite_master)"));
    columns.append(QStringLiteral("(SELECT count(*) FROM pragma_database_list() WHERE name NOT "
                                  "IN ('main', 'temp'))"));
    QSqlQuery query(QSqlDatabase::database(m_connectionName, false));
    if (!query.exec(QStringLiteral("SELECT ") + columns.join(QLatin1String(", "))) || !query.next())
        return Error::failure(QStringLiteral("cannot read the session state of %1: %2")
                                  .arg(m_path, query.lastError().text()));
    QStringList sql;
    const qsizetype pragmas = m_openedPragmas.size();
    for (qsizetype i = 0; i < pragmas; ++i)
        if (query.value(int(i)).toString() != m_openedPragmas[i].second)
            sql.append(QStringLiteral("PRAGMA %1 = %2")
                           .arg(m_openedPragmas[i].first, m_openedPragmas[i].second));
    const bool temporary = query.value(int(pragmas)).toInt() > 0;
    const bool attached = query.value(int(pragmas) + 1).toInt() > 0;
    // Triggers and views first: a temporary one may stand on a temporary table.
    if (temporary) {
        if (!query.exec(QStringLiteral("SELECT type, name FROM temp.sqlite_master WHERE type IN "
                                       "('trigger', 'view', 'table') ORDER BY type = 'table'")))
            return Error::failure(QStringLiteral("cannot read the temporary objects of %1: %2")
                                      .arg(m_path, query.lastError().text()));
        while (query.next())
            sql.append(QStringLiteral("DROP %1 IF EXISTS temp.%2")
                           .arg(query.value(0).toString().toUpper(),
                                quoteIdentifier(query.value(1).toString())));
    }
    if (attached && !inTransaction) {
        if (!query.exec(QStringLiteral("PRAGMA database_list")))
            return Error::failure(QStringLiteral("cannot list the databases attached to %1: %2")
                                      .arg(m_path, query.lastError().text()));
        while (query.next())
            if (const QString name = query.value(1).toString();
                name != QLatin1String("main") && name != QLatin1String("temp"))
                sql.append(QStringLiteral("DETACH DATABASE %1").arg(quoteIdentifier(name)));
    }
    query.finish();
    // Write-only, so it cannot be read to tell; LIKE is case-insensitive again.
    sql.append(QStringLiteral("PRAGMA case_sensitive_like = 0"));
    for (const QString &statement : std::as_const(sql))
        if (auto s = exec(statement); !s)
            return Error::failure(QStringLiteral("cannot reset the session on %1 after a "
                                                 "migration (%2): %3")
                                      .arg(m_path, statement, s.error().message));
    return {};
}

Driver::TransactionState SqliteDriver::transactionState() const
{
    // Only the owning thread writes m_handle, and this runs there.
    if (!m_handle)
        return TransactionState::Unknown;
    return sqlite3_get_autocommit(m_handle) ? TransactionState::Idle
                                            : TransactionState::InTransaction;
}

void SqliteDriver::cancel()
{
    const std::lock_guard lock(m_handleMutex);
    if (m_handle)
        sqlite3_interrupt(m_handle);
}

QString SqliteDriver::versionTableDdl(const QString &table) const
{
    return QStringLiteral("CREATE TABLE %1 (\n    version_num VARCHAR(32) NOT NULL,\n"
                          "    CONSTRAINT %2 PRIMARY KEY (version_num)\n)")
        .arg(quoteIdentifier(table), quoteIdentifier(table + QStringLiteral("_pkc")));
}

Result<bool> SqliteDriver::hasTable(const QString &table)
{
    if (m_connectionName.isEmpty())
        return Error::failure(QStringLiteral("not connected to %1").arg(m_path));
    QSqlQuery query(QSqlDatabase::database(m_connectionName, false));
    query.prepare(QStringLiteral("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?"));
    query.addBindValue(table);
    if (!query.exec())
        return sqliteError(query.lastError(),
                           QStringLiteral("cannot read the tables of %1").arg(m_path));
    return query.next();
}

QString SqliteDriver::historyTableDdl(const QString &table) const
{
    return QStringLiteral("CREATE TABLE %1 (\n"
                          "    id INTEGER PRIMARY KEY AUTOINCREMENT,\n"
                          "    revision VARCHAR(32) NOT NULL,\n"
                          "    direction VARCHAR(8) NOT NULL,\n"
                          "    checksum VARCHAR(64),\n"
                          "    from_revisions TEXT,\n"
                          "    to_revisions TEXT,\n"
                          "    started_at TEXT NOT NULL,\n"
                          "    finished_at TEXT,\n"
                          "    duration_ms INTEGER,\n"
                          "    os_user TEXT,\n"
                          "    tool_version TEXT,\n"
                          "    success INTEGER NOT NULL,\n"
                          "    error TEXT,\n"
                          "    cancelled INTEGER\n)")
        .arg(quoteIdentifier(historyTableName(table)));
}

Result<Driver::ServerInfo> SqliteDriver::serverInfo()
{
    QSqlQuery query(QSqlDatabase::database(m_connectionName, false));
    if (!query.exec(QStringLiteral("SELECT sqlite_version()")) || !query.next())
        return sqliteError(query.lastError(),
                           QStringLiteral("cannot ask %1 its version").arg(m_path));
    return ServerInfo{QStringLiteral("SQLite ") + query.value(0).toString(), m_path, {}};
}

namespace {

QString scratchPath(const QString &name)
{
    return QDir(QDir::tempPath()).filePath(name + QStringLiteral(".db"));
}

} // namespace

Result<QString> SqliteDriver::createScratchDatabase(const QString &name)
{
    const QString path = scratchPath(name);
    if (QFileInfo::exists(path))
        return Error::failure(QStringLiteral("the scratch database %1 exists already").arg(path));
    return QStringLiteral("sqlite:///") + path; // an absolute path: sqlite:////tmp/...
}

Status SqliteDriver::dropScratchDatabase(const QString &name)
{
    const QString path = scratchPath(name);
    for (const QString &suffix :
         {QString(), QStringLiteral("-wal"), QStringLiteral("-shm"), QStringLiteral("-journal")})
        QFile::remove(path + suffix);
    if (QFileInfo::exists(path))
        return Error::failure(QStringLiteral("cannot remove the scratch database %1").arg(path));
    return {};
}

Result<QMap<QString, QString>> SqliteDriver::schemaObjects(const QString &versionTable)
{
    QMap<QString, QString> out;
    if (!exists())
        return out;
    if (auto s = open(); !s)
        return s.error();
    QSqlQuery query(QSqlDatabase::database(m_connectionName, false));
    if (!query.exec(
            QStringLiteral("SELECT type, name, coalesce(sql, '') FROM sqlite_master "
                           "WHERE name NOT LIKE 'sqlite_%' AND tbl_name NOT IN (%1, %2)")
                .arg(quoteLiteral(versionTable), quoteLiteral(historyTableName(versionTable)))))
        return sqliteError(query.lastError(),
                           QStringLiteral("cannot read the schema of %1").arg(m_path));
    while (query.next())
        out.insert(query.value(0).toString() + QLatin1Char(' ') + query.value(1).toString(),
                   query.value(2).toString());
    return out;
}

Result<SchemaCatalog> SqliteDriver::catalog(const QString &versionTable)
{
    SchemaCatalog out;
    if (!exists())
        return out;
    if (auto s = open(); !s)
        return s.error();
    QSqlQuery query(QSqlDatabase::database(m_connectionName, false));
    // One query: every table and view with its columns, through the table_info function.
    if (!query.exec(
            QStringLiteral("SELECT m.type, m.name, p.name FROM sqlite_master m, "
                           "pragma_table_info(m.name) p WHERE m.type IN ('table', 'view') AND "
                           "m.name NOT LIKE 'sqlite_%' AND m.name NOT IN (%1, %2) "
                           "ORDER BY m.name, p.cid")
                .arg(quoteLiteral(versionTable), quoteLiteral(historyTableName(versionTable)))))
        return sqliteError(query.lastError(),
                           QStringLiteral("cannot read the tables of %1").arg(m_path));
    while (query.next()) {
        const QString name = query.value(1).toString();
        if (out.relations.isEmpty() || out.relations.last().name != name)
            out.relations.append(SchemaCatalog::Relation{
                {}, name, query.value(0).toString() == QLatin1String("view"), {}});
        out.relations.last().columns.append(query.value(2).toString());
    }
    return out;
}

Result<QStringList> SqliteDriver::versionRows(const QString &table)
{
    if (!isValidTableName(table))
        return Error::usage(QStringLiteral("'%1' is not a valid version table name").arg(table));
    QStringList rows;
    auto exists = hasTable(table);
    if (!exists)
        return exists.error();
    if (!*exists)
        return rows;
    QSqlQuery query(QSqlDatabase::database(m_connectionName, false));
    if (!query.exec(QStringLiteral("SELECT version_num FROM %1").arg(quoteIdentifier(table))))
        return sqliteError(query.lastError(),
                           QStringLiteral("cannot read the version table %1").arg(table));
    while (query.next())
        rows.append(query.value(0).toString());
    if (query.lastError().isValid()) // a damaged page part way
        return sqliteError(query.lastError(),
                           QStringLiteral("cannot read the version table %1").arg(table));
    return rows;
}

Status SqliteDriver::applyVersionChange(const QString &table, const VersionChange &change)
{
    int rows = 0;
    if (auto s = exec(versionChangeSql(tableSql(table), change), &rows); !s)
        return reworded(
            s.error(),
            QStringLiteral("cannot change the version table %1: %2").arg(table, s.error().message));
    // Alembic's check: a row that is not there means the table moved under this run.
    if (change.kind == VersionChange::Kind::Update && rows != 1)
        return Error::failure(QStringLiteral("version table %1: expected to match one row when "
                                             "updating '%2' to '%3'; %4 found")
                                  .arg(table, change.from, change.to)
                                  .arg(rows));
    if (change.kind == VersionChange::Kind::Delete && rows != 1)
        return Error::failure(
            QStringLiteral(
                "version table %1: expected to match one row when deleting '%2'; %3 found")
                .arg(table, change.from)
                .arg(rows));
    return {};
}

Status SqliteDriver::deleteAllVersionRows(const QString &table)
{
    if (!isValidTableName(table))
        return Error::usage(QStringLiteral("'%1' is not a valid version table name").arg(table));
    return exec(QStringLiteral("DELETE FROM %1").arg(quoteIdentifier(table)));
}

Status SqliteDriver::recordHistory(const QString &table, const HistoryRecord &r)
{
    const QString history = quoteIdentifier(historyTableName(table));
    if (r.cancelled) {
        // Tables made before the column existed get it now; their other rows read as not
        // cancelled, and older Strata versions go on reading and writing the rest.
        QSqlQuery has(QSqlDatabase::database(m_connectionName, false));
        if (!has.exec(QStringLiteral("SELECT 1 FROM pragma_table_info(%1) WHERE name = "
                                     "'cancelled'")
                          .arg(quoteLiteral(historyTableName(table)))))
            return Error::failure(QStringLiteral("cannot read the columns of %1: %2")
                                      .arg(historyTableName(table), has.lastError().text()));
        if (!has.next())
            if (auto s = exec(
                    QStringLiteral("ALTER TABLE %1 ADD COLUMN cancelled INTEGER").arg(history));
                !s)
                return s;
    }
    QSqlQuery query(QSqlDatabase::database(m_connectionName, false));
    query.prepare(
        QStringLiteral(
            "INSERT INTO %1 (revision, direction, checksum, from_revisions, to_revisions, "
            "started_at, finished_at, duration_ms, os_user, tool_version, success, error%2) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?%3)")
            .arg(history, r.cancelled ? QStringLiteral(", cancelled") : QString(),
                 r.cancelled ? QStringLiteral(", 1") : QString()));
    query.addBindValue(r.revision);
    query.addBindValue(r.direction);
    query.addBindValue(r.checksum);
    query.addBindValue(r.fromRevisions);
    query.addBindValue(r.toRevisions);
    query.addBindValue(r.startedAt.toUTC().toString(Qt::ISODateWithMs));
    query.addBindValue(r.finishedAt.isValid() ? r.finishedAt.toUTC().toString(Qt::ISODateWithMs)
                                              : QString());
    query.addBindValue(r.durationMs);
    query.addBindValue(r.osUser);
    query.addBindValue(r.toolVersion);
    query.addBindValue(r.success ? 1 : 0);
    query.addBindValue(r.error);
    if (!query.exec())
        return sqliteError(
            query.lastError(),
            QStringLiteral("cannot record history in %1").arg(historyTableName(table)));
    return {};
}

Result<QList<HistoryRecord>> SqliteDriver::history(const QString &table)
{
    return historyWhere(table, {});
}

Result<QList<HistoryRecord>> SqliteDriver::lastFailures(const QString &table)
{
    return historyWhere(table, lastFailuresCondition(quoteIdentifier(historyTableName(table))));
}

Result<QHash<QString, QString>> SqliteDriver::acceptedChecksums(const QString &table)
{
    QHash<QString, QString> out;
    const QString name = historyTableName(table);
    auto exists = hasTable(name);
    if (!exists)
        return exists.error();
    if (!*exists)
        return out;
    QSqlQuery query(QSqlDatabase::database(m_connectionName, false));
    query.setForwardOnly(true);
    if (!query.exec(acceptedChecksumsSql(quoteIdentifier(name))))
        return sqliteError(query.lastError(), QStringLiteral("cannot read %1").arg(name));
    while (query.next())
        out.insert(query.value(0).toString(), query.value(1).toString());
    if (query.lastError().isValid()) // a damaged page part way
        return sqliteError(query.lastError(), QStringLiteral("cannot read %1").arg(name));
    return out;
}

Result<QList<HistoryRecord>> SqliteDriver::historyWhere(const QString &table,
                                                        const QString &condition)
{
    QList<HistoryRecord> out;
    const QString name = historyTableName(table);
    auto exists = hasTable(name);
    if (!exists)
        return exists.error();
    if (!*exists)
        return out;
    QSqlQuery query(QSqlDatabase::database(m_connectionName, false));
    query.setForwardOnly(true);
    // Every column, so a table made before `cancelled` existed reads too.
    if (!query.exec(QStringLiteral("SELECT * FROM %1%2 ORDER BY id")
                        .arg(quoteIdentifier(name), condition.isEmpty()
                                                        ? QString()
                                                        : QStringLiteral(" WHERE ") + condition)))
        return sqliteError(query.lastError(), QStringLiteral("cannot read %1").arg(name));
    const QSqlRecord columns = query.record();
    const int cancelled = columns.indexOf(QStringLiteral("cancelled"));
    int at[12];
    const char *names[12] = {"revision",     "direction",    "checksum",    "from_revisions",
                             "to_revisions", "started_at",   "finished_at", "duration_ms",
                             "os_user",      "tool_version", "success",     "error"};
    for (int i = 0; i < 12; ++i)
        at[i] = columns.indexOf(QLatin1String(names[i]));
    while (query.next()) {
        HistoryRecord r;
        r.revision = query.value(at[0]).toString();
        r.direction = query.value(at[1]).toString();
        r.checksum = query.value(at[2]).toString();
        r.fromRevisions = query.value(at[3]).toString();
        r.toRevisions = query.value(at[4]).toString();
        r.startedAt = QDateTime::fromString(query.value(at[5]).toString(), Qt::ISODateWithMs);
        r.finishedAt = QDateTime::fromString(query.value(at[6]).toString(), Qt::ISODateWithMs);
        r.durationMs = query.value(at[7]).toLongLong();
        r.osUser = query.value(at[8]).toString();
        r.toolVersion = query.value(at[9]).toString();
        r.success = query.value(at[10]).toInt() != 0;
        r.error = query.value(at[11]).toString();
        r.cancelled = cancelled >= 0 && query.value(cancelled).toInt() != 0;
        out.append(r);
    }
    if (query.lastError().isValid()) // a damaged page part way
        return sqliteError(query.lastError(), QStringLiteral("cannot read %1").arg(name));
    return out;
}

} // namespace strata
