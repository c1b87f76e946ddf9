#include "lint/sqlscan.h"

#include "lint/pgtree.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

namespace strata {

namespace {

bool isWordChar(QChar c)
{
    return c.isLetterOrNumber() || c == QLatin1Char('_') || c == QLatin1Char('$');
}

struct Token
{
    QString text; // a word in upper case, or one punctuation character (">>" for a label's end)
    int line = 0;
};

// PostgreSQL's lexical rules, as far as the reads above need them: comments (nested /* */),
// quotes with '' doubled (and backslash escapes in E'...'), quoted names, dollar quotes. Lines
// count from `line`; a backslash first on a line (after blanks) outside all of them is a psql
// meta-command, noted in metaLines and skipped to the end of its line, as psql reads it.
QList<Token> tokens(const QString &t, int line, QList<int> *metaLines)
{
    QList<Token> out;
    bool lineStart = true;
    qsizetype i = 0;
    auto skipTo = [&](qsizetype end) {
        for (; i < end && i < t.size(); ++i)
            if (t[i] == QLatin1Char('\n'))
                ++line;
    };
    auto at = [&](qsizetype k) { return k < t.size() ? t[k] : QChar(); };
    static const QRegularExpression dollarTag(QStringLiteral("\\$([A-Za-z_][A-Za-z0-9_]*)?\\$"));
    while (i < t.size()) {
        const QChar c = t[i];
        if (c == QLatin1Char('\n')) {
            ++line;
            ++i;
            lineStart = true;
            continue;
        }
        if (c.isSpace()) {
            ++i;
            continue;
        }
        const bool first = lineStart;
        lineStart = false;
        if (first && c == QLatin1Char('\\')) {
            if (metaLines)
                metaLines->append(line);
            const qsizetype nl = t.indexOf(QLatin1Char('\n'), i);
            i = nl < 0 ? t.size() : nl;
            continue;
        }
        if (c == QLatin1Char('-') && at(i + 1) == QLatin1Char('-')) {
            const qsizetype nl = t.indexOf(QLatin1Char('\n'), i);
            i = nl < 0 ? t.size() : nl;
            continue;
        }
        if (c == QLatin1Char('/') && at(i + 1) == QLatin1Char('*')) {
            int depth = 0;
            qsizetype k = i;
            do {
                if (at(k) == QLatin1Char('/') && at(k + 1) == QLatin1Char('*')) {
                    ++depth;
                    k += 2;
                } else if (at(k) == QLatin1Char('*') && at(k + 1) == QLatin1Char('/')) {
                    --depth;
                    k += 2;
                } else {
                    ++k;
                }
            } while (depth > 0 && k < t.size());
            skipTo(k);
            continue;
        }
        if (c == QLatin1Char('\'') || c == QLatin1Char('"')) {
            const bool escapes = c == QLatin1Char('\'') && i > 0 &&
                                 (t[i - 1] == QLatin1Char('E') || t[i - 1] == QLatin1Char('e')) &&
                                 (i < 2 || !isWordChar(t[i - 2]));
            qsizetype k = i + 1;
            while (k < t.size()) {
                if (escapes && t[k] == QLatin1Char('\\')) {
                    k += 2;
                } else if (t[k] == c) {
                    if (at(k + 1) != c)
                        break;
                    k += 2; // doubled
                } else {
                    ++k;
                }
            }
            skipTo(k + 1);
            out.append(
                {c == QLatin1Char('"') ? QStringLiteral("\"name\"") : QStringLiteral("'"), line});
            continue;
        }
        if (c == QLatin1Char('$') && (i == 0 || !isWordChar(t[i - 1]))) {
            const auto m = dollarTag.match(t, i, QRegularExpression::NormalMatch,
                                           QRegularExpression::AnchorAtOffsetMatchOption);
            if (m.hasMatch()) {
                const qsizetype close = t.indexOf(m.captured(0), i + m.capturedLength(0));
                skipTo(close < 0 ? t.size() : close + m.capturedLength(0));
                out.append({QStringLiteral("'"), line});
                continue;
            }
        }
        if (isWordChar(c)) {
            const qsizetype start = i;
            while (i < t.size() && isWordChar(t[i]))
                ++i;
            out.append({t.mid(start, i - start).toUpper(), line});
            continue;
        }
        if (c == QLatin1Char('>') && at(i + 1) == QLatin1Char('>')) {
            out.append({QStringLiteral(">>"), line});
            i += 2;
            continue;
        }
        out.append({QString(c), line});
        ++i;
    }
    return out;
}

// A DefElem's string value (a String node, or the first String of a List node).
QString defString(const QJsonObject &arg)
{
    if (arg.contains(QStringLiteral("String")))
        return arg.value(QStringLiteral("String"))
            .toObject()
            .value(QStringLiteral("sval"))
            .toString();
    const QJsonArray items =
        arg.value(QStringLiteral("List")).toObject().value(QStringLiteral("items")).toArray();
    return items.isEmpty() ? QString() : defString(items.first().toObject());
}

} // namespace

QList<int> SqlScan::psqlMetaCommandLines(const Statement &statement)
{
    QList<int> out;
    (void)tokens(statement.text, statement.line, &out);
    return out;
}

std::optional<SqlScan::Found> SqlScan::transactionControlInBody(const QString &body)
{
    const QList<Token> list = tokens(body, 0, nullptr);
    static const QStringList starts = {QStringLiteral(";"),    QStringLiteral("BEGIN"),
                                       QStringLiteral("THEN"), QStringLiteral("ELSE"),
                                       QStringLiteral("LOOP"), QStringLiteral(">>")};
    for (qsizetype k = 0; k < list.size(); ++k) {
        const QString &word = list[k].text;
        if (word != QLatin1String("COMMIT") && word != QLatin1String("ROLLBACK"))
            continue;
        const bool startsStatement = k == 0 || starts.contains(list[k - 1].text);
        const bool endsStatement = k + 1 == list.size() || list[k + 1].text == QLatin1String(";") ||
                                   list[k + 1].text == QLatin1String("AND");
        if (startsStatement && endsStatement)
            return Found{word, list[k].line};
    }
    return std::nullopt;
}

std::optional<SqlScan::Body> SqlScan::proceduralBody(const QString &statement)
{
    if (!statement.contains(QLatin1String("commit"), Qt::CaseInsensitive) &&
        !statement.contains(QLatin1String("rollback"), Qt::CaseInsensitive))
        return std::nullopt;
    auto tree = PgStatementTree::parse(statement);
    if (!tree)
        return std::nullopt;
    const bool isDo = tree->type == QLatin1String("DoStmt");
    if (!isDo && (tree->type != QLatin1String("CreateFunctionStmt") ||
                  tree->body.value(QStringLiteral("is_procedure")).toBool()))
        return std::nullopt;
    QString code;
    QString language = QStringLiteral("plpgsql");
    for (const QJsonValue &v :
         tree->body.value(isDo ? QStringLiteral("args") : QStringLiteral("options")).toArray()) {
        const QJsonObject def = v.toObject().value(QStringLiteral("DefElem")).toObject();
        const QString name = def.value(QStringLiteral("defname")).toString();
        const QJsonObject arg = def.value(QStringLiteral("arg")).toObject();
        if (name == QLatin1String("as"))
            code = defString(arg);
        else if (name == QLatin1String("language"))
            language = defString(arg).toLower();
    }
    // C and internal functions name an object file or a symbol, not code.
    if (code.isEmpty() || language == QLatin1String("c") || language == QLatin1String("internal"))
        return std::nullopt;
    return Body{isDo ? QStringLiteral("DO block") : QStringLiteral("function body"), code};
}

QString SqlScan::readOnlyTransaction(const QString &statement)
{
    if (!statement.contains(QLatin1String("read"), Qt::CaseInsensitive))
        return {};
    auto tree = PgStatementTree::parse(statement);
    if (!tree || tree->type != QLatin1String("VariableSetStmt"))
        return {};
    const QString name = tree->body.value(QStringLiteral("name")).toString();
    const QJsonArray args = tree->body.value(QStringLiteral("args")).toArray();
    auto compact = [](const QJsonValue &v) {
        return QString::fromUtf8(QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact));
    };
    // A boolean setting as PostgreSQL's parse_bool reads it: on, 1, or a prefix of true or yes.
    auto truthy = [&](const QJsonValue &v) {
        const QJsonObject constant = v.toObject().value(QStringLiteral("A_Const")).toObject();
        if (constant.contains(QStringLiteral("ival")))
            return compact(constant).contains(QLatin1String("\"ival\":1"));
        const QString value = constant.value(QStringLiteral("sval"))
                                  .toObject()
                                  .value(QStringLiteral("sval"))
                                  .toString()
                                  .toLower();
        return value == QLatin1String("on") || value == QLatin1String("1") ||
               (!value.isEmpty() && (QStringLiteral("true").startsWith(value) ||
                                     QStringLiteral("yes").startsWith(value)));
    };
    if (name == QLatin1String("TRANSACTION") || name == QLatin1String("SESSION CHARACTERISTICS")) {
        for (const QJsonValue &v : args) {
            const QJsonObject def = v.toObject().value(QStringLiteral("DefElem")).toObject();
            if (def.value(QStringLiteral("defname")) == QLatin1String("transaction_read_only") &&
                compact(def.value(QStringLiteral("arg"))).contains(QLatin1String("\"ival\":1")))
                return name == QLatin1String("TRANSACTION")
                           ? QStringLiteral("SET TRANSACTION READ ONLY")
                           : QStringLiteral("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY");
        }
        return {};
    }
    if ((name == QLatin1String("transaction_read_only") ||
         name == QLatin1String("default_transaction_read_only")) &&
        !args.isEmpty() && truthy(args.first()))
        return QStringLiteral("SET %1").arg(name);
    return {};
}

} // namespace strata
