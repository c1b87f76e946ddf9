// `-- strata:renamed-from` in a SQLite desired-state file (parseSqliteRenames): the statements
// read with SQLite's tokenizer (sqltokens.h), not PostgreSQL's parser, so STRICT, WITHOUT
// ROWID, AUTOINCREMENT and SQLite's quoting read as SQLite reads them.
#include "schema/renamedfrom.h"

#include "schema/sqltokens.h"

#include <QHash>
#include <QRegularExpression>

namespace strata::schema {

namespace {

struct SqliteMarker
{
    qsizetype offset = 0; // of the "--"
    int line = 0;
    QString rest;
    bool trailing = false;
};

QList<SqliteMarker> sqliteMarkers(const QString &sql)
{
    static const QRegularExpression marker(QStringLiteral("--\\s*strata:renamed-from\\b"),
                                           QRegularExpression::CaseInsensitiveOption);
    QList<SqliteMarker> out;
    qsizetype lineStart = 0;
    int line = 1;
    while (lineStart <= sql.size()) {
        qsizetype end = sql.indexOf(QLatin1Char('\n'), lineStart);
        if (end < 0)
            end = sql.size();
        const QString text = sql.mid(lineStart, end - lineStart);
        if (const auto m = marker.match(text); m.hasMatch())
            out.append({lineStart + m.capturedStart(), line, text.mid(m.capturedEnd()).trimmed(),
                        !text.left(m.capturedStart()).trimmed().isEmpty()});
        lineStart = end + 1;
        ++line;
    }
    return out;
}

// One statement as tokens [first, last] of the file's token list.
struct Span
{
    qsizetype first = 0;
    qsizetype last = 0;
};

// Statements end at ";", except inside a trigger's BEGIN ... END.
QList<Span> statementSpans(const QList<SqlToken> &tokens)
{
    QList<Span> out;
    qsizetype first = 0;
    bool trigger = false, body = false;
    for (qsizetype i = 0; i < tokens.size(); ++i) {
        const SqlToken &t = tokens[i];
        if (i == first + 1 || i == first + 2)
            trigger = trigger || t.isWord(QLatin1String("trigger"));
        if (trigger && t.isWord(QLatin1String("begin")))
            body = true;
        const bool ends = t.isOperator(QLatin1String(";")) &&
                          (!body || (i > 0 && tokens[i - 1].isWord(QLatin1String("end"))));
        if (ends || i + 1 == tokens.size()) {
            if (!(ends && i == first))
                out.append({first, ends ? i - 1 : i});
            first = i + 1;
            trigger = body = false;
        }
    }
    return out;
}

// The token index of a CREATE TABLE statement's table name, or -1 when it is another statement.
qsizetype tableNameAt(const QList<SqlToken> &tokens, const Span &s)
{
    qsizetype i = s.first;
    if (i > s.last || !tokens[i].isWord(QLatin1String("create")))
        return -1;
    ++i;
    if (i <= s.last &&
        (tokens[i].isWord(QLatin1String("temp")) || tokens[i].isWord(QLatin1String("temporary"))))
        ++i;
    if (i > s.last || !tokens[i].isWord(QLatin1String("table")))
        return -1;
    ++i;
    if (i + 2 <= s.last && tokens[i].isWord(QLatin1String("if")))
        i += 3; // IF NOT EXISTS
    if (i + 2 <= s.last && tokens[i + 1].isOperator(QLatin1String(".")))
        i += 2; // main.t
    return i <= s.last && tokens[i].isName() ? i : -1;
}

} // namespace

Result<QList<RenameDeclaration>> parseSqliteRenames(const QString &sql, const QString &file)
{
    const QList<SqliteMarker> markers = sqliteMarkers(sql);
    if (markers.isEmpty())
        return QList<RenameDeclaration>{};
    const QList<SqlToken> tokens = sqlTokenList(sql);
    const QList<Span> spans = statementSpans(tokens);
    auto misplaced = [&file](const SqliteMarker &m, const QString &why) {
        return Error::at(file, m.line,
                         QStringLiteral("-- strata:renamed-from stands %1; it belongs on its own "
                                        "line above a CREATE TABLE (a table rename) or above a "
                                        "column's line inside one (a column rename)")
                             .arg(why));
    };
    QList<RenameDeclaration> out;
    QHash<QString, int> seen;
    for (const SqliteMarker &m : markers) {
        if (m.trailing)
            return misplaced(m, QStringLiteral("at the end of a line of SQL"));
        static const QRegularExpression plain(QStringLiteral("^[A-Za-z_][A-Za-z0-9_$]*$"));
        static const QRegularExpression quoted(QStringLiteral("^\"((?:[^\"]|\"\")+)\"$"));
        QString old;
        if (plain.match(m.rest).hasMatch())
            old = m.rest;
        else if (const auto q = quoted.match(m.rest); q.hasMatch())
            old = q.captured(1).replace(QLatin1String("\"\""), QLatin1String("\""));
        else
            return Error::at(file, m.line,
                             QStringLiteral("-- strata:renamed-from needs one old name "
                                            "(unqualified, double-quoted when it needs quotes), "
                                            "not '%1'")
                                 .arg(m.rest));
        // The statement the marker stands above (before its first token) or inside.
        const Span *span = nullptr;
        for (const Span &s : spans)
            if (tokens[s.last].start > m.offset) {
                span = &s;
                break;
            }
        if (!span)
            return misplaced(m, QStringLiteral("after the last statement"));
        const qsizetype nameAt = tableNameAt(tokens, *span);
        const bool inside = tokens[span->first].start < m.offset;
        if (nameAt < 0)
            return misplaced(m, inside ? QStringLiteral("inside a statement that is not a "
                                                        "CREATE TABLE")
                                       : QStringLiteral("above a statement that is not a CREATE "
                                                        "TABLE"));
        // SQLite matches names ignoring ASCII case, and its model keeps them in lower case:
        // keys (and the old name) are folded so, the message shows the name as written.
        SchemaObject object;
        object.kind = ObjectKind::Table;
        object.name = sqlTokenName(tokens[nameAt]);
        if (inside) {
            // The column whose definition starts at the first token after the marker: one that
            // follows the list's "(" or a "," at its top level.
            qsizetype next = span->first;
            while (next <= span->last && tokens[next].start < m.offset)
                ++next;
            int depth = 0;
            bool starts = false;
            for (qsizetype i = nameAt + 1; i < next; ++i) {
                if (tokens[i].isOperator(QLatin1String("(")))
                    ++depth;
                else if (tokens[i].isOperator(QLatin1String(")")))
                    --depth;
                starts = depth == 1 && (tokens[i].isOperator(QLatin1String("(")) ||
                                        tokens[i].isOperator(QLatin1String(",")));
            }
            bool column = starts && next <= span->last && tokens[next].isName();
            for (const char *keyword : {"constraint", "primary", "unique", "check", "foreign"})
                column = column && !tokens[next].isWord(QLatin1String(keyword));
            if (!column)
                return misplaced(m, QStringLiteral("inside CREATE TABLE %1 but not above a "
                                                   "column's definition")
                                        .arg(object.name));
            object.kind = ObjectKind::Column;
            object.table = object.name;
            object.name = sqlTokenName(tokens[next]);
        }
        SchemaObject folded = object;
        folded.table = asciiLower(object.table);
        folded.name = asciiLower(object.name);
        if (const auto it = seen.constFind(folded.key()); it != seen.constEnd())
            return Error::at(file, m.line,
                             QStringLiteral("%1 is declared renamed twice (first on line %2)")
                                 .arg(object.display())
                                 .arg(*it));
        seen.insert(folded.key(), m.line);
        out.append({object.kind, folded.key(), object.display(), asciiLower(old), m.line});
    }
    return out;
}

} // namespace strata::schema
