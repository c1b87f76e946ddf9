#include "schema/renamedfrom.h"

#include "schema/schemadiffplan.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

#include <pg_query.h>

namespace strata::schema {

namespace {

const QLatin1String kMarker("strata:renamed-from");

// One `-- strata:renamed-from` comment: where it starts (byte offset) and what it says.
struct Marker
{
    qsizetype offset = 0;
    int line = 0;
    QString rest;          // the text after the marker
    bool trailing = false; // after SQL on its line, where it is refused rather than ignored
};

// `--` comments holding the marker (in any letter case). One inside a function body stands
// inside a statement that is not a CREATE TABLE, and is refused as misplaced.
QList<Marker> findMarkers(const QByteArray &bytes)
{
    static const QRegularExpression marker(QStringLiteral("--\\s*strata:renamed-from\\b"),
                                           QRegularExpression::CaseInsensitiveOption);
    QList<Marker> out;
    int line = 1;
    qsizetype lineStart = 0;
    for (qsizetype i = 0; i <= bytes.size(); ++i) {
        if (i < bytes.size() && bytes[i] != '\n')
            continue;
        const QByteArray raw = bytes.mid(lineStart, i - lineStart);
        const QString text = QString::fromUtf8(raw);
        if (const auto m = marker.match(text); m.hasMatch()) {
            const bool trailing = !text.left(m.capturedStart()).trimmed().isEmpty();
            out.append(
                Marker{lineStart + raw.indexOf("--", text.left(m.capturedStart()).toUtf8().size()),
                       line, text.mid(m.capturedEnd()).trimmed(), trailing});
        }
        ++line;
        lineStart = i + 1;
    }
    return out;
}

// The old name: one identifier, unquoted (folded to lower case) or double-quoted.
Result<QString> oldName(const Marker &marker, const QString &file)
{
    static const QRegularExpression plain(QStringLiteral("^[A-Za-z_][A-Za-z0-9_$]*$"));
    static const QRegularExpression quoted(QStringLiteral("^\"((?:[^\"]|\"\")+)\"$"));
    const QString &text = marker.rest;
    if (plain.match(text).hasMatch())
        return text.toLower();
    if (const auto m = quoted.match(text); m.hasMatch())
        return m.captured(1).replace(QLatin1String("\"\""), QLatin1String("\""));
    return Error::at(file, marker.line,
                     QStringLiteral("-- strata:renamed-from needs one old name (unqualified, "
                                    "double-quoted when it needs quotes), not '%1'")
                         .arg(text));
}

// The first byte in [from, to) that is not blank or inside a comment.
qsizetype firstToken(const QByteArray &bytes, qsizetype from, qsizetype to)
{
    qsizetype i = from;
    while (i < to) {
        const char c = bytes[i];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') {
            ++i;
        } else if (c == '-' && i + 1 < to && bytes[i + 1] == '-') {
            const qsizetype nl = bytes.indexOf('\n', i);
            i = (nl < 0 || nl >= to) ? to : nl + 1;
        } else if (c == '/' && i + 1 < to && bytes[i + 1] == '*') {
            const qsizetype end = bytes.indexOf("*/", i + 2);
            i = (end < 0 || end >= to) ? to : end + 2;
        } else {
            break;
        }
    }
    return i;
}

struct ParsedStatement
{
    qsizetype begin = 0; // byte offset of the statement's text (its leading comments included)
    qsizetype first = 0; // byte offset of its first token
    qsizetype end = 0;
    QString type; // "CreateStmt", "VariableSetStmt", ...
    QJsonObject body;
};

int lineAt(const QByteArray &bytes, qsizetype offset)
{
    return 1 + int(bytes.left(offset).count('\n'));
}

Result<QList<ParsedStatement>> statements(const QByteArray &bytes, const QString &file)
{
    PgQuerySplitResult split = pg_query_split_with_parser(bytes.constData());
    if (split.error) {
        const int cursor = split.error->cursorpos;
        Error e = Error::at(
            file, cursor > 0 ? lineAt(bytes, cursor - 1) : 0,
            QStringLiteral("syntax error: %1").arg(QString::fromUtf8(split.error->message)));
        pg_query_free_split_result(split);
        return e;
    }
    QList<ParsedStatement> out;
    for (int i = 0; i < split.n_stmts; ++i) {
        ParsedStatement s;
        s.begin = split.stmts[i]->stmt_location;
        s.end = split.stmts[i]->stmt_len == 0 ? bytes.size() : s.begin + split.stmts[i]->stmt_len;
        s.first = firstToken(bytes, s.begin, s.end);
        if (s.first >= s.end)
            continue;
        const QByteArray text = bytes.mid(s.begin, s.end - s.begin);
        PgQueryParseResult parsed = pg_query_parse(text.constData());
        if (parsed.error) {
            Error e = Error::at(
                file, lineAt(bytes, s.first),
                QStringLiteral("syntax error: %1").arg(QString::fromUtf8(parsed.error->message)));
            pg_query_free_parse_result(parsed);
            pg_query_free_split_result(split);
            return e;
        }
        const QJsonArray stmts = QJsonDocument::fromJson(parsed.parse_tree)
                                     .object()
                                     .value(QStringLiteral("stmts"))
                                     .toArray();
        pg_query_free_parse_result(parsed);
        const QJsonObject wrapper =
            stmts.isEmpty() ? QJsonObject()
                            : stmts.first().toObject().value(QStringLiteral("stmt")).toObject();
        if (!wrapper.isEmpty()) {
            s.type = wrapper.constBegin().key();
            s.body = wrapper.constBegin().value().toObject();
        }
        out.append(s);
    }
    pg_query_free_split_result(split);
    return out;
}

QString str(const QJsonObject &o, const char *key)
{
    return o.value(QLatin1String(key)).toString();
}

// The first schema `SET search_path = a, b` names, or empty when the statement is another.
QString searchPathSchema(const ParsedStatement &s)
{
    if (s.type != QLatin1String("VariableSetStmt") ||
        str(s.body, "name") != QLatin1String("search_path"))
        return {};
    const QJsonArray args = s.body.value(QStringLiteral("args")).toArray();
    if (args.isEmpty())
        return {};
    const QJsonObject constant =
        args.first().toObject().value(QStringLiteral("A_Const")).toObject();
    // libpg_query 15: {"sval": {"sval": "app"}}; older: {"val": {"String": {"str": "app"}}}
    QString name =
        constant.value(QStringLiteral("sval")).toObject().value(QStringLiteral("sval")).toString();
    if (name.isEmpty())
        name = constant.value(QStringLiteral("val"))
                   .toObject()
                   .value(QStringLiteral("String"))
                   .toObject()
                   .value(QStringLiteral("str"))
                   .toString();
    return name;
}

} // namespace

Result<QList<RenameDeclaration>> parseRenames(const QString &sql, const QString &file)
{
    const QByteArray bytes = sql.toUtf8();
    const QList<Marker> markers = findMarkers(bytes);
    if (markers.isEmpty())
        return QList<RenameDeclaration>{};
    auto parsed = statements(bytes, file);
    if (!parsed)
        return parsed.error();

    QList<RenameDeclaration> out;
    QHash<QString, int> seen; // key -> line of its declaration
    QString defaultSchema = QStringLiteral("public");
    qsizetype markerIndex = 0;
    auto misplaced = [&file](const Marker &m, const QString &why) {
        return Error::at(file, m.line,
                         QStringLiteral("-- strata:renamed-from stands %1; it belongs on its own "
                                        "line above a CREATE TABLE (a table rename) or above a "
                                        "column's line inside one (a column rename)")
                             .arg(why));
    };
    auto add = [&](const Marker &m, RenameDeclaration declaration) -> Status {
        if (m.trailing)
            return misplaced(m, QStringLiteral("at the end of a line of SQL"));
        auto name = oldName(m, file);
        if (!name)
            return name.error();
        declaration.oldName = *name;
        declaration.line = m.line;
        if (const auto it = seen.constFind(declaration.key); it != seen.constEnd())
            return Error::at(file, m.line,
                             QStringLiteral("%1 is declared renamed twice (first on line %2)")
                                 .arg(declaration.object)
                                 .arg(*it));
        seen.insert(declaration.key, m.line);
        out.append(declaration);
        return {};
    };

    for (const ParsedStatement &s : *parsed) {
        const bool createTable = s.type == QLatin1String("CreateStmt");
        const QJsonObject relation = s.body.value(QStringLiteral("relation")).toObject();
        SchemaObject table;
        table.kind = ObjectKind::Table;
        table.schema =
            str(relation, "schemaname").isEmpty() ? defaultSchema : str(relation, "schemaname");
        table.name = str(relation, "relname");
        // Markers before the statement's first token stand above it.
        for (; markerIndex < markers.size() && markers[markerIndex].offset < s.first;
             ++markerIndex) {
            const Marker &m = markers[markerIndex];
            if (!createTable)
                return misplaced(m, QStringLiteral("above a statement that is not a CREATE TABLE "
                                                   "(line %1)")
                                        .arg(lineAt(bytes, s.first)));
            if (auto st = add(m, {ObjectKind::Table, table.key(), table.display(), {}, 0}); !st)
                return st.error();
        }
        // Markers inside it stand above one of its elements.
        for (; markerIndex < markers.size() && markers[markerIndex].offset < s.end; ++markerIndex) {
            const Marker &m = markers[markerIndex];
            if (!createTable)
                return misplaced(m,
                                 QStringLiteral("inside a statement that is not a CREATE TABLE"));
            const qsizetype inStatement = m.offset - s.begin;
            QJsonObject next;
            qsizetype nextAt = -1;
            QString nextType;
            for (const QJsonValue &element : s.body.value(QStringLiteral("tableElts")).toArray()) {
                const QJsonObject wrapper = element.toObject();
                if (wrapper.isEmpty())
                    continue;
                const QJsonObject node = wrapper.constBegin().value().toObject();
                const qsizetype at = node.value(QStringLiteral("location")).toInteger(-1);
                if (at > inStatement && (nextAt < 0 || at < nextAt)) {
                    nextAt = at;
                    next = node;
                    nextType = wrapper.constBegin().key();
                }
            }
            if (nextType != QLatin1String("ColumnDef"))
                return misplaced(
                    m, nextAt < 0
                           ? QStringLiteral("after the last column of %1").arg(table.display())
                           : QStringLiteral("above a line of %1 that is not "
                                            "a column")
                                 .arg(table.display()));
            SchemaObject column;
            column.kind = ObjectKind::Column;
            column.schema = table.schema;
            column.table = table.name;
            column.name = str(next, "colname");
            if (auto st = add(m, {ObjectKind::Column, column.key(), column.display(), {}, 0}); !st)
                return st.error();
        }
        if (const QString schema = searchPathSchema(s); !schema.isEmpty())
            defaultSchema = schema;
    }
    if (markerIndex < markers.size())
        return misplaced(markers[markerIndex], QStringLiteral("after the last statement"));
    return out;
}

QHash<QString, QString> renameMap(const QList<RenameDeclaration> &declarations)
{
    QHash<QString, QString> map;
    for (const RenameDeclaration &d : declarations)
        map.insert(d.key, d.oldName);
    return map;
}

Status checkRenames(const QList<RenameDeclaration> &declarations, const QString &file,
                    const SchemaModel &from, const SchemaModel &to, const QString &fromName)
{
    using detail::objectKey;
    // "public.t" on PostgreSQL, "t" on SQLite (no schema).
    const auto qualified = [](const QString &schema, const QString &name) {
        return schema.isEmpty() ? name : schema + QLatin1Char('.') + name;
    };
    QList<Error> problems;
    const auto problem = [&](const RenameDeclaration &d, const QString &what) {
        problems.append(Error::at(
            file, d.line,
            QStringLiteral("`-- strata:renamed-from %1` above %2: %3; without the rename the "
                           "diff would drop and create it, losing its data: correct the old "
                           "name, or remove the line")
                .arg(d.oldName, d.object, what)));
    };
    // Tables first: a column's old table is its table's old name when that table is renamed.
    QHash<QString, QString> oldTables; // "schema|new" -> old, for renames that apply
    for (const RenameDeclaration &d : declarations) {
        const SchemaObject *target = to.find(d.key);
        if (d.kind != ObjectKind::Table || !target)
            continue;
        const bool oldThere =
            from.find(objectKey(ObjectKind::Table, target->schema, {}, d.oldName));
        const bool newThere = from.find(d.key);
        if (!oldThere && !newThere)
            problem(d, QStringLiteral("%1 has no table %2")
                           .arg(fromName, qualified(target->schema, d.oldName)));
        else if (oldThere && newThere && d.oldName != target->name)
            problem(d, QStringLiteral("%1 has both %2 and %3, so nothing is renamed")
                           .arg(fromName, qualified(target->schema, d.oldName),
                                qualified(target->schema, target->name)));
        else if (oldThere)
            oldTables.insert(target->schema + QLatin1Char('|') + target->name, d.oldName);
    }
    for (const RenameDeclaration &d : declarations) {
        const SchemaObject *target = to.find(d.key);
        if (d.kind != ObjectKind::Column || !target)
            continue;
        const QString table =
            oldTables.value(target->schema + QLatin1Char('|') + target->table, target->table);
        if (!from.find(objectKey(ObjectKind::Table, target->schema, {}, table))) {
            problem(d, QStringLiteral("%1 has no table %2, so no column %3 to rename")
                           .arg(fromName, qualified(target->schema, table), d.oldName));
            continue;
        }
        const bool oldThere =
            from.find(objectKey(ObjectKind::Column, target->schema, table, d.oldName));
        const bool newThere =
            from.find(objectKey(ObjectKind::Column, target->schema, table, target->name));
        if (!oldThere && !newThere)
            problem(d, QStringLiteral("table %2 in %1 has no column %3")
                           .arg(fromName, qualified(target->schema, table), d.oldName));
        else if (oldThere && newThere && d.oldName != target->name)
            problem(d,
                    QStringLiteral("table %2 in %1 has both columns %3 and %4, so nothing "
                                   "is renamed")
                        .arg(fromName, qualified(target->schema, table), d.oldName, target->name));
    }
    if (problems.isEmpty())
        return {};
    Error e = problems.first();
    for (qsizetype i = 1; i < problems.size(); ++i)
        e.details.append(problems[i].toString());
    return e;
}

} // namespace strata::schema
