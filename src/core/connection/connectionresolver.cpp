#include "connection/connectioninfo.h"

#include "connection/connectiondisplay.h"
#include "connection/dotenv.h"
#include "connection/urlparameters.h"

#include <QDir>

#include <QRegularExpression>
#include <QUrl>
#include <algorithm>

#include <libpq-fe.h>

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

namespace {

// Why libpq cannot read a connection string or URI; empty when it can.
QString libpqRefusal(const QString &conninfo)
{
    char *why = nullptr;
    PQconninfoOption *parsed = PQconninfoParse(conninfo.toUtf8().constData(), &why);
    QString reason;
    if (!parsed)
        reason = why ? QString::fromUtf8(why).trimmed() : QStringLiteral("unreadable");
    PQfreemem(why);
    PQconninfoFree(parsed);
    return reason;
}

} // namespace

Result<ConnectionInfo> ConnectionResolver::parseUrl(const QString &url, const QString &baseDir)
{
    ConnectionInfo info;
    // For messages about the URL itself; a URL that reads is named in people's words.
    const QString masked = maskPassword(url);
    const QString trimmed = url.trimmed();
    const qsizetype schemeEnd = trimmed.indexOf(QLatin1String("://"));
    if (schemeEnd < 0) {
        if (trimmed.contains(QLatin1Char('='))) {
            // libpq's own parser, so a string it would refuse at connect time fails here, named.
            if (const QString reason = libpqRefusal(trimmed); !reason.isEmpty())
                return Error::failure(QStringLiteral("cannot read the connection string '%1': %2")
                                          .arg(masked, reason));
            info.engine = ConnectionInfo::Engine::Postgres;
            info.postgresConninfo = trimmed;
            info.display = ConnectionDisplay::postgres(trimmed);
            return info;
        }
        return Error::failure(
            QStringLiteral(
                "cannot read the database URL '%1'; use sqlite:///relative.db, "
                "sqlite:////absolute/path.db, "
                "postgresql://user@host/db or a libpq string such as 'host=... dbname=...'")
                .arg(masked));
    }
    const QString scheme = trimmed.left(schemeEnd).toLower();
    const QString driver = scheme.section(QLatin1Char('+'), 0, 0);
    const QString rest = trimmed.mid(schemeEnd + 3);
    if (driver == QLatin1String("sqlite")) {
        const Error inMemory = Error::failure(
            QStringLiteral("'%1' names no SQLite file (an in-memory database keeps no "
                           "migrations); use sqlite:///relative.db or sqlite:////absolute.db")
                .arg(masked));
        if (rest.isEmpty())
            return inMemory;
        if (!rest.startsWith(QLatin1Char('/')))
            return Error::failure(QStringLiteral("'%1': a SQLite URL has no host; use "
                                                 "sqlite:///relative.db or sqlite:////absolute.db")
                                      .arg(masked));
        QString path = rest.mid(1);
        if (const qsizetype q = path.indexOf(QLatin1Char('?')); q >= 0) {
            // timeout, check_same_thread, uri, mode...: the Python drivers' ways of opening a file
            // Strata opens itself.
            for (const QString &pair : path.mid(q + 1).split(QLatin1Char('&'), Qt::SkipEmptyParts))
                info.notes.append(QStringLiteral("URL parameter %1 (pysqlite, aiosqlite) is "
                                                 "ignored: Strata opens the SQLite file itself")
                                      .arg(pair.section(QLatin1Char('='), 0, 0)));
            path.truncate(q);
        }
        if (path.isEmpty() || path == QLatin1String(":memory:") ||
            path.startsWith(QLatin1String("file::memory:")))
            return inMemory;
        info.engine = ConnectionInfo::Engine::Sqlite;
        info.sqlitePath = QDir::cleanPath(
            QDir::isAbsolutePath(path) ? path : QDir(baseDir).absoluteFilePath(path));
        info.display = info.sqlitePath;
        return info;
    }
    if (driver == QLatin1String("postgresql") || driver == QLatin1String("postgres")) {
        info.engine = ConnectionInfo::Engine::Postgres;
        // The query starts at the first '?' after the user info (a raw '?' may be in a password).
        const qsizetype at = rest.lastIndexOf(QLatin1Char('@'));
        const qsizetype question = rest.indexOf(QLatin1Char('?'), at < 0 ? 0 : at);
        // SQLAlchemy takes a password up to the last '@' with '/', '?', '@' or '#' raw in it;
        // libpq wants them percent-encoded.
        QString authority = question < 0 ? rest : rest.left(question);
        if (at > 0) {
            auto encode = [](const QString &part) {
                return QString::fromUtf8(
                    QUrl::toPercentEncoding(QUrl::fromPercentEncoding(part.toUtf8())));
            };
            const QString userInfo = rest.left(at);
            const qsizetype colon = userInfo.indexOf(QLatin1Char(':'));
            authority = (colon < 0 ? encode(userInfo)
                                   : encode(userInfo.left(colon)) + QLatin1Char(':') +
                                         encode(userInfo.mid(colon + 1))) +
                        authority.mid(at);
        }
        QString uri = QStringLiteral("postgresql://") + authority;
        if (question >= 0) {
            auto mapped = UrlParameters::toLibpq(rest.mid(question + 1));
            if (!mapped)
                return Error::failure(
                    QStringLiteral("%1, in '%2'").arg(mapped.error().message, masked));
            if (!mapped->query.isEmpty())
                uri += QLatin1Char('?') + mapped->query;
            info.notes = mapped->notes;
        }
        if (const QString reason = libpqRefusal(uri); !reason.isEmpty())
            return Error::failure(
                QStringLiteral("cannot read the database URL '%1': %2").arg(masked, reason));
        info.postgresConninfo = uri;
        info.display = ConnectionDisplay::postgres(uri);
        return info;
    }
    return Error::failure(
        QStringLiteral("unsupported database '%1' in '%2'; Strata reads sqlite:///relative.db, "
                       "sqlite:////absolute.db, sqlite+<driver>:///... (aiosqlite, pysqlite), "
                       "postgresql://user@host/db, postgres://..., postgresql+<driver>://... "
                       "(asyncpg, psycopg2) and libpq strings such as 'host=... dbname=...'")
            .arg(scheme, masked));
}

namespace {

// DATABASE_URL and DB_* as an application using python-dotenv sees them: the environment, and
// the project's .env under it (a variable of the environment wins, even an empty one).
struct Settings
{
    const QProcessEnvironment &env;
    DotEnv dotenv;

    bool has(const QString &name) const { return env.contains(name) || dotenv.contains(name); }
    QString value(const QString &name) const
    {
        return env.contains(name) ? env.value(name) : dotenv.value(name);
    }
    bool fromFile(const QString &name) const
    {
        return !env.contains(name) && dotenv.contains(name);
    }
    QString origin(const QString &name) const
    {
        return fromFile(name) ? dotenv.path() : QStringLiteral("the environment");
    }
    // "DB_HOST, DB_NAME in /srv/app/.env; DB_USER in the environment"
    QString origins(const QStringList &names) const
    {
        QStringList inFile, inEnv;
        for (const QString &n : names)
            (fromFile(n) ? inFile : inEnv).append(n);
        QStringList parts;
        if (!inFile.isEmpty())
            parts.append(
                QStringLiteral("%1 in %2").arg(inFile.join(QLatin1String(", ")), dotenv.path()));
        if (!inEnv.isEmpty())
            parts.append(
                QStringLiteral("%1 in the environment").arg(inEnv.join(QLatin1String(", "))));
        return parts.join(QLatin1String("; "));
    }
};

const QList<std::pair<QString, QString>> &dbVariables()
{
    static const QList<std::pair<QString, QString>> keys = {
        {QStringLiteral("DB_HOST"), QStringLiteral("host")},
        {QStringLiteral("DB_PORT"), QStringLiteral("port")},
        {QStringLiteral("DB_NAME"), QStringLiteral("dbname")},
        {QStringLiteral("DB_USER"), QStringLiteral("user")},
        {QStringLiteral("DB_PASSWORD"), QStringLiteral("password")}};
    return keys;
}

} // namespace

Result<ConnectionInfo> ConnectionResolver::resolve(const QString &cliUrl,
                                                   const QString &projectRoot,
                                                   const QString &iniUrl,
                                                   const QProcessEnvironment &env,
                                                   const QString &cliSource)
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
        return from(cliUrl, cliSource);

    const QString home = env.value(QStringLiteral("HOME"), QDir::homePath());
    const Settings s{env, DotEnv::read(DotEnv::find(projectRoot, home), env)};
    const QString databaseUrl = QStringLiteral("DATABASE_URL");
    QStringList notes;
    QStringList names{databaseUrl};
    for (const auto &[variable, keyword] : dbVariables())
        names.append(variable);
    for (const QString &name : std::as_const(names))
        if (env.contains(name) && env.value(name).isEmpty() && !s.dotenv.value(name).isEmpty())
            notes.append(QStringLiteral("%1 is set but empty in the environment, which hides %1 in "
                                        "%2 (as python-dotenv does)")
                             .arg(name, s.dotenv.path()));
    QStringList dbGiven; // DB_* variables with a value
    for (const auto &[variable, keyword] : dbVariables())
        if (!s.value(variable).isEmpty())
            dbGiven.append(variable);
    QStringList empty; // set, but to nothing: never a reason to fall back to SQLite
    if (s.has(databaseUrl) && s.value(databaseUrl).isEmpty())
        empty.append(QStringLiteral("DATABASE_URL (in %1)").arg(s.origin(databaseUrl)));
    for (const auto &[variable, keyword] : dbVariables())
        if (s.has(variable) && s.value(variable).isEmpty())
            empty.append(QStringLiteral("%1 (in %2)").arg(variable, s.origin(variable)));

    if (const QString url = s.value(databaseUrl); !url.isEmpty()) {
        auto info = from(url, QStringLiteral("DATABASE_URL in %1").arg(s.origin(databaseUrl)));
        if (!info) {
            Error e = info.error();
            if (s.fromFile(databaseUrl)) {
                e.file = s.dotenv.path();
                e.line = s.dotenv.line(databaseUrl);
            }
            return e;
        }
        if (!dbGiven.isEmpty())
            notes.append(
                QStringLiteral("%1 not used: DATABASE_URL comes first").arg(s.origins(dbGiven)));
        info->notes = notes + info->notes;
        return info;
    }

    const bool named = std::any_of(dbGiven.begin(), dbGiven.end(), [](const QString &v) {
        return v != QLatin1String("DB_PASSWORD");
    });
    if (named) {
        ConnectionInfo info;
        info.engine = ConnectionInfo::Engine::Postgres;
        QStringList parts, missing;
        for (const auto &[variable, keyword] : dbVariables()) {
            const QString value = s.value(variable);
            if (value.isEmpty()) {
                if (variable != QLatin1String("DB_PASSWORD"))
                    missing.append(variable);
                continue;
            }
            parts.append(keyword + QLatin1Char('=') + quoteKeywordValue(value));
        }
        info.postgresConninfo = parts.join(QLatin1Char(' '));
        info.display = ConnectionDisplay::postgres(info.postgresConninfo);
        info.source = QStringLiteral("DB_* variables: %1").arg(s.origins(dbGiven));
        if (!missing.isEmpty())
            notes.append(QStringLiteral("%1 not set: libpq's defaults apply, as for psql (PGHOST "
                                        "or the local socket, PGPORT or 5432, PGUSER or the "
                                        "operating-system user, a database named after the user)")
                             .arg(missing.join(QLatin1String(", "))));
        if (!empty.isEmpty())
            notes.append(QStringLiteral("set but empty: %1").arg(empty.join(QLatin1String(", "))));
        info.notes = notes;
        return info;
    }
    if (!dbGiven.isEmpty()) // DB_PASSWORD alone
        return Error::failure(QStringLiteral("DB_PASSWORD is set (in %1) but none of DB_HOST, "
                                             "DB_PORT, DB_NAME and DB_USER: it names no database; "
                                             "set them, or DATABASE_URL")
                                  .arg(s.origin(QStringLiteral("DB_PASSWORD"))));
    if (!iniUrl.isEmpty()) {
        auto info = from(iniUrl, QStringLiteral("strata.ini"));
        if (info && !empty.isEmpty())
            info->notes.prepend(
                QStringLiteral("set but empty: %1").arg(empty.join(QLatin1String(", "))));
        return info;
    }
    if (!empty.isEmpty())
        return Error::failure(
            QStringLiteral("%1 set but empty, and nothing else names a database; Strata does not "
                           "fall back to the project's SQLite file then: give a value, or unset it")
                .arg(empty.join(QLatin1String(", "))));
    ConnectionInfo info;
    info.sqlitePath = QDir(projectRoot).absoluteFilePath(QStringLiteral("strata.db"));
    info.display = info.sqlitePath;
    info.source = QStringLiteral("default");
    if (!s.dotenv.path().isEmpty())
        info.notes.append(QStringLiteral("%1 names no database (no DATABASE_URL or DB_* in it)")
                              .arg(s.dotenv.path()));
    // Variables that name a database for psql or Docker's postgres image, not for Strata: said,
    // so the fall back to the SQLite file is not a surprise.
    static const QRegularExpression others(QStringLiteral(
        "^(PGHOST|PGHOSTADDR|PGPORT|PGDATABASE|PGUSER|PGSERVICE|POSTGRES_DB|POSTGRES_USER)$"));
    QStringList seen;
    for (const QString &key : env.keys() + s.dotenv.keys())
        if (others.match(key).hasMatch() && !seen.contains(key))
            seen.append(key);
    if (!seen.isEmpty()) {
        seen.sort();
        info.notes.append(QStringLiteral("%1 set, but Strata takes the database from --url, "
                                         "DATABASE_URL, DB_* or strata.ini's url only")
                              .arg(s.origins(seen)));
    }
    return info;
}

Result<ConnectionInfo> ConnectionResolver::offline(const QString &dialect,
                                                   const QString &projectRoot)
{
    ConnectionInfo info;
    info.source = QStringLiteral("--dialect");
    if (dialect == QLatin1String("postgresql")) {
        info.engine = ConnectionInfo::Engine::Postgres;
        info.display = QStringLiteral("(no database: offline SQL for PostgreSQL)");
        return info;
    }
    if (dialect == QLatin1String("sqlite")) {
        info.engine = ConnectionInfo::Engine::Sqlite;
        // Never opened: offline SQL reads no database.
        info.sqlitePath = QDir(projectRoot).absoluteFilePath(QStringLiteral("strata.db"));
        info.display = QStringLiteral("(no database: offline SQL for SQLite)");
        return info;
    }
    return Error::usage(
        QStringLiteral("--dialect takes postgresql or sqlite, not '%1'").arg(dialect));
}

} // namespace strata
