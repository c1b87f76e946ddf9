#include "connection/connectioninfo.h"

#include <QDir>
#include <QFile>
#include <QHash>
#include <QRegularExpression>

namespace strata {

QString ConnectionResolver::quoteKeywordValue(const QString &value)
{
    QString escaped = value;
    escaped.replace(QLatin1Char('\\'), QLatin1String("\\\\"))
        .replace(QLatin1Char('\''), QLatin1String("\\'"));
    return QLatin1Char('\'') + escaped + QLatin1Char('\'');
}

QString ConnectionResolver::maskPassword(const QString &url)
{
    QString out = url;
    // scheme://user:password@host: up to the last '@', so a password holding a raw '@' (or '/',
    // '?') is masked whole. Masking too much only costs some of the display.
    if (const qsizetype schemeEnd = out.indexOf(QLatin1String("://")); schemeEnd > 0) {
        const qsizetype authority = schemeEnd + 3;
        const qsizetype at = out.lastIndexOf(QLatin1Char('@'));
        const qsizetype colon = out.indexOf(QLatin1Char(':'), authority);
        if (at > authority && colon >= 0 && colon < at)
            out.replace(colon + 1, at - colon - 1, QStringLiteral("***"));
    }
    // password=... in keyword strings (quoted values may hold escaped quotes) and URI parameters
    static const QRegularExpression keyword(
        QStringLiteral("(password\\s*=\\s*)('(?:[^'\\\\]|\\\\.)*'?|[^\\s&]*)"),
        QRegularExpression::CaseInsensitiveOption);
    out.replace(keyword, QStringLiteral("\\1***"));
    return out;
}

Result<ConnectionInfo> ConnectionResolver::parseUrl(const QString &url, const QString &baseDir)
{
    ConnectionInfo info;
    info.display = maskPassword(url);
    const QString trimmed = url.trimmed();
    const qsizetype schemeEnd = trimmed.indexOf(QLatin1String("://"));
    if (schemeEnd < 0) {
        if (trimmed.contains(QLatin1Char('='))) {
            info.engine = ConnectionInfo::Engine::Postgres;
            info.postgresConninfo = trimmed;
            return info;
        }
        return Error::failure(
            QStringLiteral(
                "cannot read the database URL '%1'; use sqlite:///relative.db, "
                "sqlite:////absolute/path.db, "
                "postgresql://user@host/db or a libpq string such as 'host=... dbname=...'")
                .arg(info.display));
    }
    const QString scheme = trimmed.left(schemeEnd).toLower();
    const QString driver = scheme.section(QLatin1Char('+'), 0, 0);
    const QString rest = trimmed.mid(schemeEnd + 3);
    if (driver == QLatin1String("sqlite")) {
        const Error inMemory = Error::failure(
            QStringLiteral("'%1' names no SQLite file (an in-memory database keeps no "
                           "migrations); use sqlite:///relative.db or sqlite:////absolute.db")
                .arg(info.display));
        if (rest.isEmpty())
            return inMemory;
        if (!rest.startsWith(QLatin1Char('/')))
            return Error::failure(QStringLiteral("'%1': a SQLite URL has no host; use "
                                                 "sqlite:///relative.db or sqlite:////absolute.db")
                                      .arg(info.display));
        QString path = rest.mid(1);
        if (const qsizetype q = path.indexOf(QLatin1Char('?')); q >= 0)
            path.truncate(q);
        if (path.isEmpty() || path == QLatin1String(":memory:") ||
            path.startsWith(QLatin1String("file::memory:")))
            return inMemory;
        info.engine = ConnectionInfo::Engine::Sqlite;
        info.sqlitePath = QDir::cleanPath(
            QDir::isAbsolutePath(path) ? path : QDir(baseDir).absoluteFilePath(path));
        return info;
    }
    if (driver == QLatin1String("postgresql") || driver == QLatin1String("postgres")) {
        info.engine = ConnectionInfo::Engine::Postgres;
        info.postgresConninfo = QStringLiteral("postgresql://") + rest;
        return info;
    }
    return Error::failure(
        QStringLiteral("unsupported database '%1' in '%2'; Strata reads sqlite:///relative.db, "
                       "sqlite:////absolute.db, sqlite+<driver>:///... (aiosqlite, pysqlite), "
                       "postgresql://user@host/db, postgres://..., postgresql+<driver>://... "
                       "(asyncpg, psycopg2) and libpq strings such as 'host=... dbname=...'")
            .arg(scheme, info.display));
}

namespace {

// ${NAME} and ${NAME:-default} in a .env value, as python-dotenv expands them: from the
// environment first, then from keys set earlier in the file.
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

// DATABASE_URL from a .env file: KEY=VALUE lines, optional `export `, quotes, # comments,
// ${VAR} expansion outside single quotes.
QString dotEnvDatabaseUrl(const QString &path, const QProcessEnvironment &env)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QHash<QString, QString> values;
    while (!file.atEnd()) {
        QString line = QString::fromUtf8(file.readLine()).trimmed();
        if (line.isEmpty() || line.startsWith(QLatin1Char('#')))
            continue;
        if (line.startsWith(QLatin1String("export ")))
            line = line.mid(7).trimmed();
        const qsizetype eq = line.indexOf(QLatin1Char('='));
        if (eq <= 0)
            continue;
        const QString key = line.left(eq).trimmed();
        QString value = line.mid(eq + 1).trimmed();
        const qsizetype close =
            (value.startsWith(QLatin1Char('"')) || value.startsWith(QLatin1Char('\'')))
                ? value.indexOf(value[0], 1)
                : -1;
        const bool literal = close > 0 && value.startsWith(QLatin1Char('\''));
        if (close > 0) // a quoted value, perhaps followed by a comment
            value = value.mid(1, close - 1);
        else if (const qsizetype hash = value.indexOf(QLatin1String(" #")); hash >= 0)
            value = value.left(hash).trimmed();
        values.insert(key, literal ? value : expandVariables(value, env, values));
    }
    return values.value(QStringLiteral("DATABASE_URL"));
}

} // namespace

Result<ConnectionInfo> ConnectionResolver::resolve(const QString &cliUrl,
                                                   const QString &projectRoot,
                                                   const QString &iniUrl,
                                                   const QProcessEnvironment &env)
{
    auto from = [&](const QString &url, const QString &source) -> Result<ConnectionInfo> {
        auto info = parseUrl(url, projectRoot);
        if (!info) {
            Error e = info.error();
            e.message += QStringLiteral(" (from %1)").arg(source);
            return e;
        }
        info->source = source;
        return info;
    };
    if (!cliUrl.isEmpty())
        return from(cliUrl, QStringLiteral("--url"));
    if (const QString url = env.value(QStringLiteral("DATABASE_URL")); !url.isEmpty())
        return from(url, QStringLiteral("DATABASE_URL"));
    if (env.contains(QStringLiteral("DB_HOST")) || env.contains(QStringLiteral("DB_NAME"))) {
        QStringList parts;
        const QList<std::pair<const char *, const char *>> keys = {{"DB_HOST", "host"},
                                                                   {"DB_PORT", "port"},
                                                                   {"DB_NAME", "dbname"},
                                                                   {"DB_USER", "user"},
                                                                   {"DB_PASSWORD", "password"}};
        QStringList shown;
        for (const auto &[variable, keyword] : keys) {
            const QString value = env.value(QLatin1String(variable));
            if (value.isEmpty())
                continue;
            parts.append(QLatin1String(keyword) + QLatin1Char('=') +
                         ConnectionResolver::quoteKeywordValue(value));
            if (qstrcmp(keyword, "password") != 0)
                shown.append(QLatin1String(keyword) + QLatin1Char('=') + value);
        }
        ConnectionInfo info;
        info.engine = ConnectionInfo::Engine::Postgres;
        info.postgresConninfo = parts.join(QLatin1Char(' '));
        info.display = shown.join(QLatin1Char(' '));
        info.source = QStringLiteral("DB_* variables");
        return info;
    }
    if (const QString url =
            dotEnvDatabaseUrl(QDir(projectRoot).filePath(QStringLiteral(".env")), env);
        !url.isEmpty())
        return from(url, QStringLiteral(".env"));
    if (!iniUrl.isEmpty())
        return from(iniUrl, QStringLiteral("strata.ini"));
    ConnectionInfo info;
    info.sqlitePath = QDir(projectRoot).absoluteFilePath(QStringLiteral("strata.db"));
    info.display = QStringLiteral("sqlite:///") + info.sqlitePath;
    info.source = QStringLiteral("default");
    return info;
}

} // namespace strata
