#include "drivers/postgres/postgressession.h"

#include "connection/connectioninfo.h"
#include "drivers/driver.h"

#include <libpq-fe.h>

namespace strata::pgsession {

// The connection options libpq will use: those given (URI or keyword string) over its
// defaults (PGHOST, PGUSER, ... or compiled in). Empty when the string does not parse.
QHash<QString, QString> effectiveOptions(const QString &conninfo)
{
    QHash<QString, QString> out;
    if (PQconninfoOption *defaults = PQconndefaults()) {
        for (PQconninfoOption *o = defaults; o->keyword; ++o)
            if (o->val)
                out.insert(QString::fromUtf8(o->keyword), QString::fromUtf8(o->val));
        PQconninfoFree(defaults);
    }
    char *error = nullptr;
    PQconninfoOption *given = PQconninfoParse(conninfo.toUtf8().constData(), &error);
    PQfreemem(error);
    if (!given)
        return {};
    for (PQconninfoOption *o = given; o->keyword; ++o)
        if (o->val)
            out.insert(QString::fromUtf8(o->keyword), QString::fromUtf8(o->val));
    PQconninfoFree(given);
    return out;
}

// "database shop on host db.example port 5432 as user deployer", never the password.
QString describeTarget(const QString &conninfo)
{
    const QHash<QString, QString> o = effectiveOptions(conninfo);
    if (o.isEmpty())
        return {};
    const QString user = o.value(QStringLiteral("user"));
    QString text = QStringLiteral("database %1 on host %2 port %3 as user %4")
                       .arg(o.value(QStringLiteral("dbname"), user),
                            o.value(QStringLiteral("host"), QStringLiteral("(local socket)")),
                            o.value(QStringLiteral("port"), QStringLiteral("5432")), user);
    if (o.contains(QStringLiteral("service")))
        text += QStringLiteral(" (service %1 may override these)")
                    .arg(o.value(QStringLiteral("service")));
    return text;
}

// The connection string with libpq's connect_timeout added, unless it names one already (then
// the string wins). A URI becomes a keyword string: libpq reads both alike. seconds <= 0: as is.
QString withConnectTimeout(const QString &conninfo, int seconds)
{
    if (seconds <= 0)
        return conninfo;
    char *error = nullptr;
    PQconninfoOption *given = PQconninfoParse(conninfo.toUtf8().constData(), &error);
    PQfreemem(error);
    if (!given)
        return conninfo; // libpq reports the bad string when connecting
    QStringList kept;
    bool hasTimeout = false;
    for (PQconninfoOption *o = given; o->keyword; ++o) {
        if (!o->val)
            continue;
        const QString keyword = QString::fromUtf8(o->keyword);
        hasTimeout = hasTimeout || keyword == QLatin1String("connect_timeout");
        kept.append(keyword + QLatin1Char('=') +
                    ConnectionResolver::quoteKeywordValue(QString::fromUtf8(o->val)));
    }
    PQconninfoFree(given);
    if (hasTimeout)
        return conninfo;
    kept.append(QStringLiteral("connect_timeout=%1").arg(seconds));
    return kept.join(QLatin1Char(' '));
}

QString runLockKey(const QString &lockName)
{
    return QStringLiteral("%1, hashtext(%2)")
        .arg(kRunLockClass)
        .arg(quoteLiteral(QStringLiteral("strata:") + lockName));
}

QString runLockObjid(const QString &lockName)
{
    return QStringLiteral("(hashtext(%1)::bigint & 4294967295)::oid")
        .arg(quoteLiteral(QStringLiteral("strata:") + lockName));
}

QString resetSql()
{
    // The role first: what follows needs no rights the migration's role may lack.
    return QStringLiteral(
        "SET SESSION AUTHORIZATION DEFAULT; RESET ALL; CLOSE ALL; DEALLOCATE ALL; UNLISTEN *; "
        "DISCARD PLANS; DISCARD TEMP; DISCARD SEQUENCES; ");
}

QString foreignAdvisoryLocksSql(const QStringList &ownLockNames)
{
    QStringList own;
    for (const QString &name : ownLockNames)
        own.append(runLockObjid(name));
    // pg_locks shows a bigint key as classid (high half) and objid (low half), objsubid 1; two
    // int keys as classid and objid, objsubid 2, both as unsigned oids.
    const QString asInt = QStringLiteral(
        "(CASE WHEN %1::bigint > 2147483647 THEN %1::bigint - 4294967296 ELSE %1::bigint END)");
    return QStringLiteral(
               "SELECT CASE WHEN mode = 'ShareLock' THEN 'pg_advisory_unlock_shared' ELSE "
               "'pg_advisory_unlock' END || '(' || CASE WHEN objsubid = 1 THEN ((classid::bigint "
               "<< 32) | objid::bigint)::text ELSE %1 || ', ' || %2 END || ')' FROM pg_locks "
               "WHERE locktype = 'advisory' AND granted AND pid = pg_backend_pid() AND NOT "
               "(objsubid = 2 AND classid = %3 AND objid IN (%4))")
        .arg(asInt.arg(QLatin1String("classid")), asInt.arg(QLatin1String("objid")))
        .arg(kRunLockClass)
        .arg(own.isEmpty() ? QStringLiteral("0") : own.join(QLatin1String(", ")));
}

} // namespace strata::pgsession
