#include "audit/auditlog.h"

#include "engine/executor.h"
#include "storage/privatefiles.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStandardPaths>

namespace strata {

AuditEntry AuditEntry::of(QString source, QString profile, QString database, QString action,
                          qint64 durationMs)
{
    AuditEntry e;
    e.time = QDateTime::currentDateTimeUtc().addMSecs(-durationMs);
    e.source = std::move(source);
    e.profile = std::move(profile);
    e.database = std::move(database);
    e.osUser = Executor::osUser();
    e.action = std::move(action);
    e.durationMs = durationMs;
    return e;
}

namespace {

QJsonObject toJson(const AuditEntry &entry)
{
    QJsonObject object{
        {QStringLiteral("time"), entry.time.toUTC().toString(Qt::ISODateWithMs)},
        {QStringLiteral("source"), entry.source},
        {QStringLiteral("profile"), entry.profile},
        {QStringLiteral("database"), entry.database},
        {QStringLiteral("os_user"), entry.osUser},
        {QStringLiteral("action"), entry.action},
        {QStringLiteral("from"), entry.fromRevisions},
        {QStringLiteral("to"), entry.toRevisions},
        {QStringLiteral("result"), entry.result},
        {QStringLiteral("reason"), entry.reason},
        {QStringLiteral("duration_ms"), entry.durationMs},
    };
    if (!entry.unread.isEmpty()) // only on entries whose revisions were not read
        object.insert(QStringLiteral("unread"), entry.unread);
    return object;
}

AuditEntry fromJson(const QJsonObject &object)
{
    auto text = [&object](const char *key) { return object.value(QLatin1String(key)).toString(); };
    AuditEntry entry;
    entry.time = QDateTime::fromString(text("time"), Qt::ISODateWithMs);
    entry.source = text("source");
    entry.profile = text("profile");
    entry.database = text("database");
    entry.osUser = text("os_user");
    entry.action = text("action");
    entry.fromRevisions = text("from");
    entry.toRevisions = text("to");
    entry.result = text("result");
    entry.reason = text("reason");
    entry.unread = text("unread");
    entry.durationMs = object.value(QStringLiteral("duration_ms")).toInteger();
    return entry;
}

} // namespace

AuditLog::AuditLog(QString filePath) : m_filePath(std::move(filePath)) {}

QString AuditLog::defaultFilePath()
{
    const QString fromEnvironment = qEnvironmentVariable("STRATA_AUDIT_LOG");
    if (!fromEnvironment.isEmpty())
        return fromEnvironment;
    // One file for the app and the command line, whatever their application names.
    return QDir(QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation))
        .filePath(QStringLiteral("strata/audit.jsonl"));
}

Status AuditLog::append(const AuditEntry &entry) const
{
    QFile out;
    // Append mode: every write goes to the end, so the GUI and a CLI can share the file. Made
    // 0600 in a 0700 folder: who changed what and why is for its owner (PrivateFiles).
    if (auto opened = PrivateFiles::openAppend(m_filePath, out); !opened)
        return Error::at(
            m_filePath, 0,
            QStringLiteral("cannot write the audit log: %1").arg(opened.error().message));
    QByteArray line = QJsonDocument(toJson(entry)).toJson(QJsonDocument::Compact);
    line.append('\n');
    // One write call per line keeps lines whole when two processes append at once.
    if (out.write(line) != line.size() || !out.flush())
        return Error::at(m_filePath, 0,
                         QStringLiteral("cannot write the audit log: %1").arg(out.errorString()));
    return {};
}

Result<QList<AuditEntry>> AuditLog::readAll() const
{
    QList<AuditEntry> out;
    QFile in(m_filePath);
    if (!in.exists())
        return out;
    if (!in.open(QIODevice::ReadOnly))
        return Error::at(m_filePath, 0,
                         QStringLiteral("cannot read the audit log: %1").arg(in.errorString()));
    while (!in.atEnd()) {
        const QByteArray line = in.readLine().trimmed();
        if (line.isEmpty())
            continue;
        const QJsonDocument doc = QJsonDocument::fromJson(line);
        if (doc.isObject())
            out.append(fromJson(doc.object()));
    }
    return out;
}

} // namespace strata
