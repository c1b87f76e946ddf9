#include "connection/connectiondisplay.h"

#include <QDir>
#include <QHash>
#include <QRegularExpression>
#include <QStringList>

#include <libpq-fe.h>

namespace strata {

namespace {

QString compose(const QHash<QString, QString> &o)
{
    QString hosts = o.value(QStringLiteral("host"), o.value(QStringLiteral("hostaddr")));
    const QString ports = o.value(QStringLiteral("port"));
    // Several hosts ("a,b" with ports "5432,5433"): each with its own port.
    const QStringList hostList = hosts.split(QLatin1Char(','));
    const QStringList portList = ports.split(QLatin1Char(','));
    QStringList where;
    if (hosts.isEmpty()) {
        if (!ports.isEmpty())
            where.append(QStringLiteral("port ") + ports);
    } else {
        for (qsizetype i = 0; i < hostList.size(); ++i) {
            const QString port = portList.size() == hostList.size() ? portList.at(i)
                                 : portList.size() == 1             ? portList.first()
                                                                    : QString();
            where.append(port.isEmpty() ? hostList.at(i)
                                        : hostList.at(i) + QLatin1Char(':') + port);
        }
    }
    const QString service = o.value(QStringLiteral("service"));
    QString out = o.value(QStringLiteral("dbname"));
    if (out.isEmpty())
        out = service.isEmpty() ? QString() : QStringLiteral("service ") + service;
    else if (!service.isEmpty())
        out += QStringLiteral(" (service %1)").arg(service);
    if (!where.isEmpty())
        out += (out.isEmpty() ? QString() : QStringLiteral(" ")) + QStringLiteral("on ") +
               where.join(QLatin1String(", "));
    if (const QString user = o.value(QStringLiteral("user")); !user.isEmpty())
        out += (out.isEmpty() ? QString() : QStringLiteral(" ")) + QStringLiteral("as ") + user;
    return out;
}

} // namespace

QHash<QString, QString> ConnectionDisplay::keywords(const QString &conninfo)
{
    QHash<QString, QString> out;
    char *error = nullptr;
    PQconninfoOption *given = PQconninfoParse(conninfo.toUtf8().constData(), &error);
    PQfreemem(error);
    if (!given)
        return out;
    for (PQconninfoOption *o = given; o->keyword; ++o)
        if (o->val && *o->val)
            out.insert(QString::fromUtf8(o->keyword), QString::fromUtf8(o->val));
    PQconninfoFree(given);
    return out;
}

QString ConnectionDisplay::postgres(const QString &conninfo)
{
    const QHash<QString, QString> o = ConnectionDisplay::keywords(conninfo);
    const QString out = compose(o);
    return out.isEmpty() ? QStringLiteral("PostgreSQL") : out;
}

QString ConnectionDisplay::readable(const QString &text)
{
    const QString trimmed = text.trimmed();
    static const QRegularExpression scheme(
        QStringLiteral("^([A-Za-z][A-Za-z0-9]*)(\\+[A-Za-z0-9_]+)?://"),
        QRegularExpression::CaseInsensitiveOption);
    if (const auto m = scheme.match(trimmed); m.hasMatch()) {
        const QString name = m.captured(1).toLower();
        const QString rest = trimmed.mid(m.capturedLength());
        if (name == QLatin1String("sqlite")) {
            // sqlite:////abs/file.db, or sqlite:///relative.db as it was written
            QString path = rest.startsWith(QLatin1Char('/')) ? rest.mid(1) : rest;
            path.truncate(path.indexOf(QLatin1Char('?')) < 0 ? path.size()
                                                             : path.indexOf(QLatin1Char('?')));
            return path.isEmpty() ? text : QDir::cleanPath(path);
        }
        if (name == QLatin1String("postgresql") || name == QLatin1String("postgres")) {
            // The password may hold raw characters libpq cannot read: it is never shown anyway.
            QString uri = QStringLiteral("postgresql://") + rest;
            const qsizetype at = rest.lastIndexOf(QLatin1Char('@'));
            if (at >= 0) {
                QString userInfo = rest.left(at);
                if (const qsizetype colon = userInfo.indexOf(QLatin1Char(':')); colon >= 0)
                    userInfo.truncate(colon);
                uri = QStringLiteral("postgresql://") + userInfo + rest.mid(at);
            }
            const QHash<QString, QString> o = ConnectionDisplay::keywords(uri);
            const QString out = compose(o);
            return out.isEmpty() ? text : out;
        }
        return text;
    }
    // A keyword string: "host=... dbname=...", every word a keyword libpq knows.
    static const QRegularExpression keyword(QStringLiteral("^\\s*[a-z_]+\\s*="));
    if (!keyword.match(trimmed).hasMatch())
        return text;
    const QHash<QString, QString> o = ConnectionDisplay::keywords(trimmed);
    const QString out = compose(o);
    return out.isEmpty() ? text : out;
}

} // namespace strata
