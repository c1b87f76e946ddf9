#include "connection/connectioninfo.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>

namespace strata {

QString ConnectionResolver::maskPassword(const QString &url)
{
    QString out = url;
    // scheme://user:password@host
    static const QRegularExpression uriPassword(
        QStringLiteral("^([A-Za-z0-9+.-]+://[^:/@]*):([^@]*)@"));
    out.replace(uriPassword, QStringLiteral("\\1:***@"));
    // password=... in keyword strings and URI parameters
    static const QRegularExpression keyword(QStringLiteral("(password\\s*=\\s*)('[^']*'|[^\\s&]*)"),
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
        if (!rest.startsWith(QLatin1Char('/')) || rest == QLatin1String("/"))
            return Error::failure(
                QStringLiteral(
                    "'%1' names no SQLite file (an in-memory database keeps no migrations); "
                    "use sqlite:///relative.db or sqlite:////absolute.db")
                    .arg(info.display));
        QString path = rest.mid(1);
        if (const qsizetype q = path.indexOf(QLatin1Char('?')); q >= 0)
            path.truncate(q);
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
        QStringLiteral("unsupported database '%1' in '%2'; Strata speaks SQLite and PostgreSQL")
            .arg(scheme, info.display));
}

namespace {

// DATABASE_URL from a .env file: KEY=VALUE lines, optional `export `, quotes, # comments.
QString dotEnvDatabaseUrl(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QString found;
    while (!file.atEnd()) {
        QString line = QString::fromUtf8(file.readLine()).trimmed();
        if (line.isEmpty() || line.startsWith(QLatin1Char('#')))
            continue;
        if (line.startsWith(QLatin1String("export ")))
            line = line.mid(7).trimmed();
        const qsizetype eq = line.indexOf(QLatin1Char('='));
        if (eq <= 0 || line.left(eq).trimmed() != QLatin1String("DATABASE_URL"))
            continue;
        QString value = line.mid(eq + 1).trimmed();
        const qsizetype close =
            (value.startsWith(QLatin1Char('"')) || value.startsWith(QLatin1Char('\'')))
                ? value.indexOf(value[0], 1)
                : -1;
        if (close > 0) // a quoted value, perhaps followed by a comment
            value = value.mid(1, close - 1);
        else if (const qsizetype hash = value.indexOf(QLatin1String(" #")); hash >= 0)
            value = value.left(hash).trimmed();
        found = value;
    }
    return found;
}

QString keywordValue(const QString &value)
{
    QString escaped = value;
    escaped.replace(QLatin1Char('\\'), QLatin1String("\\\\"))
        .replace(QLatin1Char('\''), QLatin1String("\\'"));
    return QLatin1Char('\'') + escaped + QLatin1Char('\'');
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
            parts.append(QLatin1String(keyword) + QLatin1Char('=') + keywordValue(value));
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
    if (const QString url = dotEnvDatabaseUrl(QDir(projectRoot).filePath(QStringLiteral(".env")));
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
