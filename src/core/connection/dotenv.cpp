#include "connection/dotenv.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>

namespace strata {

namespace {

// ${NAME} and ${NAME:-default}, as python-dotenv expands them: from the environment first, then
// from keys set earlier in the file.
QString expandVariables(const QString &value, const QProcessEnvironment &env,
                        const QHash<QString, QString> &earlier)
{
    static const QRegularExpression variable(
        QStringLiteral("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\\}"));
    QString out;
    qsizetype last = 0;
    for (auto it = variable.globalMatch(value); it.hasNext();) {
        const QRegularExpressionMatch m = it.next();
        out += value.mid(last, m.capturedStart() - last);
        const QString name = m.captured(1);
        QString replacement = env.contains(name) ? env.value(name) : earlier.value(name);
        if (replacement.isEmpty())
            replacement = m.captured(2);
        out += replacement;
        last = m.capturedEnd();
    }
    return out + value.mid(last);
}

// The text between an opening quote at value[0] and its closing quote (a quote preceded by a
// backslash does not close), escapes decoded; `end` receives the closing quote's index, -1
// when there is none.
QString unquote(const QString &value, qsizetype *end)
{
    const QChar quote = value[0];
    const bool doubleQuoted = quote == QLatin1Char('"');
    QString out;
    for (qsizetype i = 1; i < value.size(); ++i) {
        const QChar c = value[i];
        if (c == quote) {
            *end = i;
            return out;
        }
        if (c == QLatin1Char('\\') && i + 1 < value.size()) {
            const QChar next = value[i + 1];
            if (next == quote || next == QLatin1Char('\\')) {
                out += next;
                ++i;
                continue;
            }
            if (doubleQuoted) {
                static const QHash<QChar, QChar> escapes{
                    {QLatin1Char('n'), QLatin1Char('\n')}, {QLatin1Char('t'), QLatin1Char('\t')},
                    {QLatin1Char('r'), QLatin1Char('\r')}, {QLatin1Char('a'), QLatin1Char('\a')},
                    {QLatin1Char('b'), QLatin1Char('\b')}, {QLatin1Char('f'), QLatin1Char('\f')},
                    {QLatin1Char('v'), QLatin1Char('\v')}, {QLatin1Char('\''), QLatin1Char('\'')}};
                if (auto e = escapes.constFind(next); e != escapes.constEnd()) {
                    out += *e;
                    ++i;
                    continue;
                }
            }
        }
        out += c;
    }
    *end = -1;
    return out;
}

} // namespace

QString DotEnv::find(const QString &projectRoot, const QString &home)
{
    if (projectRoot.isEmpty())
        return {};
    const QString start = QDir::cleanPath(QDir(projectRoot).absolutePath());
    const QString homeDir = home.isEmpty() ? QString() : QDir::cleanPath(QDir(home).absolutePath());
    QDir dir(start);
    while (true) {
        const QString here = QDir::cleanPath(dir.absolutePath());
        if (here != start && (here == homeDir || dir.isRoot()))
            return {};
        const QString candidate = dir.filePath(QStringLiteral(".env"));
        if (QFileInfo(candidate).isFile())
            return candidate;
        if (QFileInfo::exists(
                dir.filePath(QStringLiteral(".git")))) // a folder, or a worktree's file
            return {};
        if (!dir.cdUp())
            return {};
    }
}

DotEnv DotEnv::read(const QString &path, const QProcessEnvironment &env)
{
    DotEnv out;
    QFile file(path);
    if (path.isEmpty() || !file.open(QIODevice::ReadOnly))
        return out;
    out.m_path = path;
    int lineNo = 0;
    while (!file.atEnd()) {
        ++lineNo;
        QString line = QString::fromUtf8(file.readLine()).trimmed();
        if (lineNo == 1 && line.startsWith(QChar(0xFEFF)))
            line.remove(0, 1);
        if (line.isEmpty() || line.startsWith(QLatin1Char('#')))
            continue;
        static const QRegularExpression exportPrefix(QStringLiteral("^export\\s+"));
        line.remove(exportPrefix);
        const qsizetype eq = line.indexOf(QLatin1Char('='));
        if (eq <= 0)
            continue;
        const QString key = line.left(eq).trimmed();
        QString value = line.mid(eq + 1).trimmed();
        bool literal = false;
        if (value.startsWith(QLatin1Char('"')) || value.startsWith(QLatin1Char('\''))) {
            qsizetype end = -1;
            const QString inner = unquote(value, &end);
            if (end > 0) { // a quoted value, perhaps followed by a comment
                literal = value.startsWith(QLatin1Char('\''));
                value = inner;
            }
        } else {
            static const QRegularExpression comment(QStringLiteral("\\s#"));
            if (const qsizetype hash = value.indexOf(comment); hash >= 0)
                value = value.left(hash).trimmed();
        }
        out.m_values.insert(key, literal ? value : expandVariables(value, env, out.m_values));
        out.m_lines.insert(key, lineNo);
    }
    return out;
}

} // namespace strata
