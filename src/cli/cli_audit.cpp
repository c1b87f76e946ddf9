// `strata audit` and `strata audit verify`: the audit log for those who prefer a terminal. The
// core reads, filters and checks the log (AuditLog, AuditChain); this file only prints.

#include "cli.h"

#include "audit/auditlog.h"

#include <QJsonArray>

namespace strata::cli {

namespace {

QString stateName(AuditVerification::State state)
{
    switch (state) {
    case AuditVerification::State::Intact:
        return QStringLiteral("intact");
    case AuditVerification::State::Broken:
        return QStringLiteral("broken");
    case AuditVerification::State::Unreadable:
        return QStringLiteral("unreadable");
    }
    return {};
}

// "2026-11-30 14:02:11Z  cli  shop prod  deployer@db/shop  upgrade  a1 -> b2  success"
QString entryLine(const AuditEntry &e)
{
    QStringList parts{e.time.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss'Z'")),
                      e.source,
                      e.profile.isEmpty() ? QStringLiteral("-") : e.profile,
                      e.database,
                      e.osUser,
                      e.action,
                      QStringLiteral("%1 -> %2")
                          .arg(e.fromRevisions.isEmpty() ? QStringLiteral("base") : e.fromRevisions,
                               e.toRevisions.isEmpty() ? QStringLiteral("base") : e.toRevisions),
                      e.result};
    QString line = parts.join(QLatin1String("  "));
    if (!e.unread.isEmpty())
        line += QStringLiteral(" (revisions not read: %1)").arg(e.unread);
    if (!e.reason.isEmpty())
        line += QStringLiteral("  reason: %1")
                    .arg(QString(e.reason).replace(QLatin1Char('\n'), QLatin1Char(' ')));
    return line;
}

} // namespace

int Cli::audit()
{
    const AuditLog log(AuditLog::defaultFilePath());
    const AuditQuery query{m_inv.since, m_inv.profile};
    auto entries = log.read(query);
    if (!entries)
        return fail(entries.error());
    if (m_inv.json) {
        QJsonArray array;
        for (const AuditEntry &e : std::as_const(*entries))
            array.append(AuditLog::toJson(e));
        printJson({{QStringLiteral("file"), log.filePath()}, {QStringLiteral("entries"), array}});
        return Success;
    }
    for (const AuditEntry &e : std::as_const(*entries))
        m_out << entryLine(e) << Qt::endl;
    if (entries->isEmpty())
        say(QStringLiteral("No entries in %1%2.")
                .arg(pathForUser(log.filePath()), query.since.isValid() || !query.profile.isEmpty()
                                                      ? QStringLiteral(" that match")
                                                      : QString()));
    return Success;
}

int Cli::auditVerify()
{
    const AuditLog log(AuditLog::defaultFilePath());
    const AuditVerification v = log.verify();
    if (m_inv.json) {
        QJsonObject o{{QStringLiteral("file"), log.filePath()},
                      {QStringLiteral("state"), stateName(v.state)},
                      {QStringLiteral("message"), v.message}};
        if (v.state != AuditVerification::State::Unreadable) {
            o.insert(QStringLiteral("entries"), v.entries);
            o.insert(QStringLiteral("chained"), v.chained);
            o.insert(QStringLiteral("unchained"), v.unchained);
        }
        if (v.intact()) // the head, to record elsewhere
            o.insert(QStringLiteral("last_hash"), v.lastHash);
        if (v.state == AuditVerification::State::Broken) {
            o.insert(QStringLiteral("fault"), AuditVerification::faultName(v.fault));
            o.insert(QStringLiteral("line"), v.line);
        }
        printJson(o);
    }
    switch (v.state) {
    case AuditVerification::State::Intact:
        say(QStringLiteral("%1: %2").arg(pathForUser(log.filePath()), v.message));
        if (!v.lastHash.isEmpty())
            say(QStringLiteral("last hash: %1").arg(v.lastHash));
        return Success;
    case AuditVerification::State::Broken:
        m_err << "strata: " << pathForUser(log.filePath()) << ":" << v.line
              << ": the audit log was edited: " << v.message << Qt::endl;
        return CheckFailed;
    case AuditVerification::State::Unreadable:
        m_err << "strata: error: " << v.message << Qt::endl;
        return Failure;
    }
    return Failure;
}

} // namespace strata::cli
