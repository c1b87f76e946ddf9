#include "connection/connectiontarget.h"

#include "connection/connectiondisplay.h"
#include "connection/connectioninfo.h"

#include <QDir>
#include <QFile>
#include <QHash>
#include <QStandardPaths>

#include <libpq-fe.h>

namespace strata {

namespace {

// The keywords of service `name` from the first service file defining it: PGSERVICEFILE or
// ~/.pg_service.conf, then PGSYSCONFDIR's pg_service.conf (Debian's libpq: /etc/postgresql-common).
QHash<QString, QString> serviceOptions(const QString &name)
{
    QStringList files;
    const QString userFile = qEnvironmentVariable("PGSERVICEFILE");
    files.append(userFile.isEmpty() ? QDir::home().filePath(QStringLiteral(".pg_service.conf"))
                                    : userFile);
    const QString sysconf = qEnvironmentVariable("PGSYSCONFDIR");
    files.append(QDir(sysconf.isEmpty() ? QStringLiteral("/etc/postgresql-common") : sysconf)
                     .filePath(QStringLiteral("pg_service.conf")));
    for (const QString &path : files) {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            continue;
        QHash<QString, QString> out;
        bool inside = false, found = false;
        while (!file.atEnd()) {
            const QString line = QString::fromUtf8(file.readLine()).trimmed();
            if (line.isEmpty() || line.startsWith(QLatin1Char('#')))
                continue;
            if (line.startsWith(QLatin1Char('['))) {
                inside = line.mid(1, line.indexOf(QLatin1Char(']')) - 1).trimmed() == name;
                found = found || inside;
                continue;
            }
            const qsizetype eq = line.indexOf(QLatin1Char('='));
            if (inside && eq > 0)
                out.insert(line.left(eq).trimmed(), line.mid(eq + 1).trimmed());
        }
        if (found)
            return out;
    }
    return {};
}

} // namespace

ConnectionTarget ConnectionTarget::of(const ConnectionInfo &info)
{
    ConnectionTarget t;
    t.source = info.source;
    t.fallback = info.isFallback();
    if (info.engine == ConnectionInfo::Engine::Sqlite) {
        t.engine = QStringLiteral("SQLite");
        t.database = info.sqlitePath;
        return t;
    }
    t.engine = QStringLiteral("PostgreSQL");
    // libpq's order: the connection string, then the service file, then PG* variables and
    // compiled-in defaults (PQconndefaults holds the last two).
    QHash<QString, QString> o;
    if (PQconninfoOption *defaults = PQconndefaults()) {
        for (PQconninfoOption *d = defaults; d->keyword; ++d)
            if (d->val && *d->val)
                o.insert(QString::fromUtf8(d->keyword), QString::fromUtf8(d->val));
        PQconninfoFree(defaults);
    }
    const QHash<QString, QString> given = ConnectionDisplay::keywords(info.postgresConninfo);
    t.service = given.value(QStringLiteral("service"), o.value(QStringLiteral("service")));
    if (!t.service.isEmpty())
        for (auto [key, value] : serviceOptions(t.service).asKeyValueRange())
            o.insert(key, value);
    for (auto [key, value] : given.asKeyValueRange())
        o.insert(key, value);
    t.host = o.value(QStringLiteral("host"), o.value(QStringLiteral("hostaddr")));
    if (t.host.isEmpty())
        t.host = QStringLiteral("local socket");
    else if (t.host.startsWith(QLatin1Char('/')))
        t.host = QStringLiteral("socket folder %1").arg(t.host);
    t.port = o.value(QStringLiteral("port"), QStringLiteral("5432"));
    t.user = o.value(QStringLiteral("user"));
    t.database = o.value(QStringLiteral("dbname"), t.user);
    return t;
}

QJsonObject ConnectionTarget::toJson() const
{
    QJsonObject o{{QStringLiteral("engine"), engine.toLower()},
                  {QStringLiteral("source"), source},
                  {QStringLiteral("fallback"), fallback}};
    const bool sqlite = engine == QLatin1String("SQLite");
    const QList<std::pair<const char *, QString>> fields{{sqlite ? "file" : "database", database},
                                                         {"host", host},
                                                         {"port", port},
                                                         {"user", user},
                                                         {"service", service}};
    for (const auto &[key, value] : fields)
        if (!value.isEmpty())
            o.insert(QLatin1String(key), value);
    return o;
}

QString ConnectionTarget::text() const
{
    QString where;
    if (engine == QLatin1String("SQLite"))
        where = QStringLiteral("SQLite file %1").arg(database);
    else
        where =
            QStringLiteral("PostgreSQL database %1 on %2 port %3 as user %4%5")
                .arg(database, host, port, user,
                     service.isEmpty() ? QString() : QStringLiteral(", service %1").arg(service));
    if (fallback)
        return where + QStringLiteral(" (no database configured, so the project's own SQLite file; "
                                      "name one with --url, DATABASE_URL or DB_* in the "
                                      "environment or .env, or url in strata.ini)");
    return where + QStringLiteral(" (from %1)").arg(source);
}

} // namespace strata
