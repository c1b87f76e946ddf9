#include "drivers/postgres/postgressplitter.h"

#include <pg_query.h>

namespace strata {

namespace {

// First byte of `bytes` in [from, to) that is not whitespace or inside a comment.
qsizetype skipBlankAndComments(const QByteArray &bytes, qsizetype from, qsizetype to)
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
            int depth = 1; // PostgreSQL comments nest
            i += 2;
            while (i < to && depth > 0) {
                if (bytes[i] == '/' && i + 1 < to && bytes[i + 1] == '*') {
                    ++depth;
                    i += 2;
                } else if (bytes[i] == '*' && i + 1 < to && bytes[i + 1] == '/') {
                    --depth;
                    i += 2;
                } else {
                    ++i;
                }
            }
        } else {
            break;
        }
    }
    return i;
}

} // namespace

Result<QList<Statement>> PostgresSplitter::split(const QString &sql, int firstLine,
                                                 const QString &file)
{
    const QByteArray bytes = sql.toUtf8();
    PgQuerySplitResult result = pg_query_split_with_parser(bytes.constData());
    if (result.error) {
        // cursorpos counts characters from 1; 0 means the parser gave no position.
        const int cursor = result.error->cursorpos;
        const QString before = cursor > 0 ? sql.left(cursor - 1) : QString();
        const int line = firstLine + int(before.count(QLatin1Char('\n')));
        Error error = Error::at(
            file, line,
            QStringLiteral("syntax error: %1").arg(QString::fromUtf8(result.error->message)));
        if (cursor > 0)
            error.column = int(before.size() - before.lastIndexOf(QLatin1Char('\n')));
        pg_query_free_split_result(result);
        return error;
    }
    QList<Statement> out;
    out.reserve(result.n_stmts);
    qsizetype counted = 0;
    int line = firstLine;
    for (int i = 0; i < result.n_stmts; ++i) {
        const qsizetype begin = result.stmts[i]->stmt_location;
        qsizetype end = begin + result.stmts[i]->stmt_len;
        if (result.stmts[i]->stmt_len == 0) // the last statement without a terminating ";"
            end = bytes.size();
        const qsizetype first = skipBlankAndComments(bytes, begin, end);
        if (first >= end)
            continue;
        line += int(bytes.mid(counted, first - counted).count('\n'));
        counted = first;
        out.append(Statement{QString::fromUtf8(bytes.mid(first, end - first)).trimmed(), line});
    }
    pg_query_free_split_result(result);
    return out;
}

} // namespace strata
