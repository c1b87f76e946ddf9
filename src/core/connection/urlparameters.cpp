#include "connection/urlparameters.h"

#include <QSet>
#include <QUrl>

#include <libpq-fe.h>

#include <cmath>

namespace strata {

namespace {

enum class Action {
    Rename,     // the same meaning under libpq's keyword `target`
    SslMode,    // asyncpg's ssl=MODE (or a boolean) -> sslmode
    Seconds,    // a number of seconds, possibly fractional -> whole seconds (rounded up)
    Boolean,    // true/false, 1/0, yes/no, on/off -> 1/0
    UnixSocket, // pg8000's unix_sock=/dir/.s.PGSQL.5432 -> host=/dir port=5432
    Ignore,     // nothing in libpq does it; a note says so
};

struct Entry
{
    const char *name;
    const char *drivers;
    Action action;
    const char *target; // libpq keyword, for Rename, SslMode, Seconds, Boolean
    const char *why;    // for the note
};

// The table. Parameters whose name is a libpq keyword are not listed: they pass as they are
// (sslmode, sslrootcert, application_name, connect_timeout, options, client_encoding,
// target_session_attrs, keepalives, service, ...: libpq, psycopg2, psycopg 3 and asyncpg's DSN
// share those names and values).
const QList<Entry> &table()
{
    static const QList<Entry> entries = {
        {"ssl", "asyncpg, through SQLAlchemy's postgresql+asyncpg", Action::SslMode, "sslmode",
         "asyncpg's ssl takes libpq's sslmode values; true is require, false is disable"},
        {"ssl_context", "pg8000", Action::SslMode, "sslmode",
         "pg8000's ssl_context=true is require, false is disable"},
        {"database", "asyncpg, pg8000", Action::Rename, "dbname", "the database name"},
        {"charset", "SQLAlchemy URLs of other engines", Action::Rename, "client_encoding",
         "the client encoding"},
        {"encoding", "SQLAlchemy create_engine habits", Action::Rename, "client_encoding",
         "the client encoding"},
        {"timeout", "asyncpg (connect timeout), pg8000 (socket timeout)", Action::Seconds,
         "connect_timeout", "libpq's connect_timeout, in whole seconds"},
        {"tcp_keepalive", "pg8000", Action::Boolean, "keepalives", "TCP keepalives"},
        {"unix_sock", "pg8000", Action::UnixSocket, "host",
         "the socket's folder as host, its number as port"},
        {"command_timeout", "asyncpg", Action::Ignore, nullptr,
         "a client-side time limit per statement; use --statement-timeout"},
        {"prepared_statement_cache_size", "SQLAlchemy's asyncpg dialect", Action::Ignore, nullptr,
         "Strata keeps no prepared-statement cache"},
        {"prepared_statement_name_func", "SQLAlchemy's asyncpg dialect", Action::Ignore, nullptr,
         "Strata keeps no prepared-statement cache"},
        {"statement_cache_size", "asyncpg", Action::Ignore, nullptr,
         "Strata keeps no prepared-statement cache"},
        {"max_cached_statement_lifetime", "asyncpg", Action::Ignore, nullptr,
         "Strata keeps no prepared-statement cache"},
        {"max_cacheable_statement_size", "asyncpg", Action::Ignore, nullptr,
         "Strata keeps no prepared-statement cache"},
        {"prepare_threshold", "psycopg 3", Action::Ignore, nullptr,
         "Strata keeps no prepared-statement cache"},
        {"server_settings", "asyncpg (a dict given in code)", Action::Ignore, nullptr,
         "write each setting as its own parameter (search_path=app) or as options=-c ..."},
        {"direct_tls", "asyncpg", Action::Ignore, nullptr,
         "direct TLS needs libpq 17 (sslnegotiation=direct); this libpq negotiates TLS first"},
        {"async_fallback", "SQLAlchemy's asyncpg dialect", Action::Ignore, nullptr,
         "a SQLAlchemy test setting"},
        {"source_address", "pg8000", Action::Ignore, nullptr, "libpq picks the local address"},
    };
    return entries;
}

// libpq's own keywords, from the library in use (so a newer libpq's keywords pass too).
const QSet<QString> &libpqKeywords()
{
    static const QSet<QString> keywords = [] {
        QSet<QString> out;
        if (PQconninfoOption *defaults = PQconndefaults()) {
            for (PQconninfoOption *o = defaults; o->keyword; ++o)
                out.insert(QString::fromUtf8(o->keyword));
            PQconninfoFree(defaults);
        }
        return out;
    }();
    return keywords;
}

std::optional<bool> boolean(const QString &value)
{
    const QString v = value.trimmed().toLower();
    for (const char *yes : {"true", "1", "yes", "on", "t", "y"})
        if (v == QLatin1String(yes))
            return true;
    for (const char *no : {"false", "0", "no", "off", "f", "n"})
        if (v == QLatin1String(no))
            return false;
    return std::nullopt;
}

// A value for libpq's `options`: -c name=value with spaces and backslashes escaped.
QString serverSetting(const QString &name, const QString &value)
{
    QString escaped = value;
    escaped.replace(QLatin1Char('\\'), QLatin1String("\\\\"))
        .replace(QLatin1Char(' '), QLatin1String("\\ "));
    return QStringLiteral("-c %1=%2").arg(name, escaped);
}

} // namespace

QList<UrlParameters::Rule> UrlParameters::rules()
{
    QList<Rule> out;
    for (const Entry &e : table())
        out.append({e.name, e.drivers, e.why});
    return out;
}

Result<UrlParameters::Mapped> UrlParameters::toLibpq(const QString &query)
{
    Mapped out;
    QList<std::pair<QString, QString>> kept; // keyword, decoded value
    QStringList settings;                    // -c name=value, appended to options
    auto decode = [](const QString &text) {
        QString t = text;
        t.replace(QLatin1Char('+'), QLatin1Char(' '));
        return QUrl::fromPercentEncoding(t.toUtf8());
    };
    for (const QString &pair : query.split(QLatin1Char('&'), Qt::SkipEmptyParts)) {
        const qsizetype eq = pair.indexOf(QLatin1Char('='));
        const QString name = decode(eq < 0 ? pair : pair.left(eq));
        const QString value = eq < 0 ? QString() : decode(pair.mid(eq + 1));
        if (name.isEmpty())
            return Error::failure(
                QStringLiteral("the URL parameter '%1' has no name").arg(pair.left(40)));
        if (libpqKeywords().contains(name)) {
            QString v = value;
            if (name == QLatin1String("sslmode")) // asyncpg also takes verify_full
                v = v.trimmed().toLower().replace(QLatin1Char('_'), QLatin1Char('-'));
            if (name == QLatin1String("application_name"))
                out.notes.append(QStringLiteral(
                    "URL parameter application_name is given to libpq, but Strata's session "
                    "names itself 'strata' once connected (as pg_stat_activity shows)"));
            kept.append({name, v});
            continue;
        }
        const Entry *entry = nullptr;
        for (const Entry &e : table())
            if (name == QLatin1String(e.name))
                entry = &e;
        if (!entry) {
            // asyncpg's rule for a DSN: an unrecognised parameter is a server setting.
            settings.append(serverSetting(name, value));
            out.notes.append(
                QStringLiteral("URL parameter %1 is not a libpq keyword: sent to the server as the "
                               "setting %1 (as asyncpg does), in libpq's options")
                    .arg(name));
            continue;
        }
        const QString target = QLatin1String(entry->target);
        const QString from =
            QStringLiteral("URL parameter %1 (%2)").arg(name, QLatin1String(entry->drivers));
        switch (entry->action) {
        case Action::Rename:
            kept.append({target, value});
            out.notes.append(QStringLiteral("%1 read as libpq's %2").arg(from, target));
            break;
        case Action::SslMode: {
            static const QStringList modes{
                QStringLiteral("disable"),   QStringLiteral("allow"),
                QStringLiteral("prefer"),    QStringLiteral("require"),
                QStringLiteral("verify-ca"), QStringLiteral("verify-full")};
            QString mode = value.trimmed().toLower().replace(QLatin1Char('_'), QLatin1Char('-'));
            if (!modes.contains(mode)) {
                const auto flag = boolean(mode);
                if (!flag)
                    return Error::failure(
                        QStringLiteral("URL parameter %1=%2: expected one of %3, or true/false")
                            .arg(name, value, modes.join(QLatin1String(", "))));
                mode = *flag ? QStringLiteral("require") : QStringLiteral("disable");
            }
            kept.append({target, mode});
            out.notes.append(QStringLiteral("%1 read as libpq's sslmode=%2").arg(from, mode));
            break;
        }
        case Action::Seconds: {
            bool ok = false;
            const double seconds = value.toDouble(&ok);
            if (!ok || seconds < 0)
                return Error::failure(
                    QStringLiteral("URL parameter %1=%2: expected a number of seconds")
                        .arg(name, value));
            const QString whole = QString::number(qint64(std::ceil(seconds)));
            kept.append({target, whole});
            out.notes.append(QStringLiteral("%1 read as libpq's %2=%3").arg(from, target, whole));
            break;
        }
        case Action::Boolean: {
            const auto flag = boolean(value);
            if (!flag)
                return Error::failure(
                    QStringLiteral("URL parameter %1=%2: expected true or false").arg(name, value));
            kept.append({target, *flag ? QStringLiteral("1") : QStringLiteral("0")});
            out.notes.append(QStringLiteral("%1 read as libpq's %2").arg(from, target));
            break;
        }
        case Action::UnixSocket: {
            const qsizetype slash = value.lastIndexOf(QLatin1Char('/'));
            const QString file = value.mid(slash + 1);
            static const QLatin1String prefix(".s.PGSQL.");
            kept.append({QStringLiteral("host"), slash > 0 ? value.left(slash) : value});
            if (file.startsWith(prefix))
                kept.append({QStringLiteral("port"), file.mid(prefix.size())});
            out.notes.append(
                QStringLiteral("%1 read as libpq's host (the socket's folder) and port").arg(from));
            break;
        }
        case Action::Ignore:
            out.notes.append(
                QStringLiteral("%1 is ignored: %2").arg(from, QLatin1String(entry->why)));
            break;
        }
    }
    if (!settings.isEmpty()) {
        QString options;
        for (auto &[keyword, value] : kept)
            if (keyword == QLatin1String("options"))
                options = value;
        kept.removeIf([](const auto &p) { return p.first == QLatin1String("options"); });
        settings.prepend(options);
        settings.removeAll(QString());
        kept.append({QStringLiteral("options"), settings.join(QLatin1Char(' '))});
    }
    QStringList parts;
    for (const auto &[keyword, value] : kept)
        parts.append(keyword + QLatin1Char('=') +
                     QString::fromUtf8(QUrl::toPercentEncoding(value)));
    out.query = parts.join(QLatin1Char('&'));
    return out;
}

} // namespace strata
