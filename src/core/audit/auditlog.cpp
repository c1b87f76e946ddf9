#include "audit/auditlog.h"

#include "engine/executor.h"
#include "storage/privatefiles.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStandardPaths>
#include <QThread>

#include <algorithm>

#include <sys/file.h>

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

bool AuditQuery::matches(const AuditEntry &entry) const
{
    if (since.isValid() && (!entry.time.isValid() || entry.time < since))
        return false;
    return profile.isEmpty() || entry.profile == profile;
}

QJsonObject AuditLog::toJson(const AuditEntry &entry)
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

namespace {

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

namespace {

// flock(2) on the open file, waited for up to `timeoutMs`; released when the file closes.
bool lockFile(int fd, int operation, int timeoutMs)
{
    QElapsedTimer waited;
    waited.start();
    while (::flock(fd, operation | LOCK_NB) != 0) {
        if ((errno != EWOULDBLOCK && errno != EINTR) || waited.elapsed() > timeoutMs)
            return false;
        QThread::msleep(2);
    }
    return true;
}

constexpr int kLockWaitMs = 10000;

// The last line of the open file (without its newline; empty when the file is), and whether
// the file ends with a newline (a writer that died mid-line leaves none).
QByteArray lastLine(QFile &file, bool *endsWithNewline)
{
    const qint64 size = file.size();
    *endsWithNewline = true;
    if (size == 0)
        return {};
    for (qint64 chunk = 4096;; chunk *= 4) {
        const qint64 from = std::max<qint64>(0, size - chunk);
        if (!file.seek(from))
            return {};
        QByteArray tail = file.read(size - from);
        *endsWithNewline = tail.endsWith('\n');
        while (tail.endsWith('\n'))
            tail.chop(1);
        const qsizetype start = tail.lastIndexOf('\n');
        if (start >= 0 || from == 0)
            return tail.mid(start + 1);
    }
}

} // namespace

Status AuditLog::append(const AuditEntry &entry) const
{
    auto fail = [this](const QString &why) {
        return Error::at(m_filePath, 0, QStringLiteral("cannot write the audit log: %1").arg(why));
    };
    QFile out;
    // Append mode: every write goes to the end. Made 0600 in a 0700 folder: who changed what
    // and why is for its owner (PrivateFiles). Read-write, to read the last hash.
    if (auto opened = PrivateFiles::openAppend(m_filePath, out, true); !opened)
        return fail(opened.error().message);
    // The last hash and the new line under one lock: two writers never link to the same entry.
    if (!lockFile(out.handle(), LOCK_EX, kLockWaitMs))
        return fail(
            QStringLiteral("another process has held its lock for %1 s").arg(kLockWaitMs / 1000));
    bool endsWithNewline = true;
    const QString previous = AuditChain::lastHashOf(lastLine(out, &endsWithNewline));
    QByteArray line = endsWithNewline ? QByteArray() : QByteArray("\n");
    line += QJsonDocument(AuditChain::link(toJson(entry), previous)).toJson(QJsonDocument::Compact);
    line.append('\n');
    // One write call per line keeps it whole for readers.
    if (out.write(line) != line.size() || !out.flush())
        return fail(out.errorString());
    return {};
}

AuditVerification AuditLog::verify() const
{
    AuditVerification v;
    v.state = AuditVerification::State::Unreadable;
    QFile in(m_filePath);
    if (!in.exists()) {
        v.missing = true;
        v.message = QStringLiteral("there is no audit log at %1: nothing was recorded there, or "
                                   "it was removed")
                        .arg(m_filePath);
        return v;
    }
    if (!in.open(QIODevice::ReadOnly)) {
        v.message =
            QStringLiteral("cannot read the audit log %1: %2").arg(m_filePath, in.errorString());
        return v;
    }
    if (!lockFile(in.handle(), LOCK_SH, kLockWaitMs)) {
        v.message = QStringLiteral("cannot read the audit log %1: another process has held its "
                                   "lock for %2 s")
                        .arg(m_filePath)
                        .arg(kLockWaitMs / 1000);
        return v;
    }
    return AuditChain::verify(in.readAll());
}

Result<QList<AuditEntry>> AuditLog::read(const AuditQuery &query) const
{
    auto all = readAll();
    if (!all)
        return all;
    QList<AuditEntry> out;
    for (const AuditEntry &entry : std::as_const(*all))
        if (query.matches(entry))
            out.append(entry);
    return out;
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
