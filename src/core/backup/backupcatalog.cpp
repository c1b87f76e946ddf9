#include "backup/backupcatalog.h"
#include "storage/privatefiles.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QStandardPaths>

#include <openssl/evp.h>

#include <algorithm>
#include <memory>

namespace strata {

QJsonObject BackupInfo::toJson() const
{
    return QJsonObject{
        {QStringLiteral("file"), QFileInfo(path).fileName()},
        {QStringLiteral("format"), format},
        {QStringLiteral("engine"), engine},
        {QStringLiteral("profile"), profile},
        {QStringLiteral("database"), database},
        {QStringLiteral("server_version"), serverVersion},
        {QStringLiteral("revisions"), QJsonArray::fromStringList(revisions)},
        {QStringLiteral("size_bytes"), double(sizeBytes)},
        {QStringLiteral("sha256"), sha256},
        {QStringLiteral("created_at"), createdAt.toUTC().toString(Qt::ISODateWithMs)},
        {QStringLiteral("duration_ms"), double(durationMs)},
        {QStringLiteral("tool_version"), toolVersion},
        {QStringLiteral("dump_tool"), dumpTool},
        {QStringLiteral("schema_only"), schemaOnly},
        {QStringLiteral("jobs"), jobs},
        {QStringLiteral("compression"), compression},
        {QStringLiteral("system_identifier"), systemIdentifier},
        {QStringLiteral("database_name"), databaseName},
    };
}

Result<BackupInfo> BackupInfo::fromJson(const QJsonObject &o, const QString &catalogFile)
{
    BackupInfo info;
    const QString file = o.value(QStringLiteral("file")).toString();
    if (file.isEmpty() || file.contains(QLatin1Char('/')))
        return Error::failure(
            QStringLiteral("%1 is not a backup catalogue entry (no file)").arg(catalogFile));
    info.path = QFileInfo(catalogFile).absoluteDir().filePath(file);
    info.format = o.value(QStringLiteral("format")).toString();
    info.engine = o.value(QStringLiteral("engine")).toString();
    info.profile = o.value(QStringLiteral("profile")).toString();
    info.database = o.value(QStringLiteral("database")).toString();
    info.serverVersion = o.value(QStringLiteral("server_version")).toString();
    for (const QJsonValue &v : o.value(QStringLiteral("revisions")).toArray())
        info.revisions.append(v.toString());
    info.sizeBytes = qint64(o.value(QStringLiteral("size_bytes")).toDouble());
    info.sha256 = o.value(QStringLiteral("sha256")).toString();
    info.createdAt =
        QDateTime::fromString(o.value(QStringLiteral("created_at")).toString(), Qt::ISODateWithMs);
    info.durationMs = qint64(o.value(QStringLiteral("duration_ms")).toDouble());
    info.toolVersion = o.value(QStringLiteral("tool_version")).toString();
    info.dumpTool = o.value(QStringLiteral("dump_tool")).toString();
    info.schemaOnly = o.value(QStringLiteral("schema_only")).toBool();
    info.jobs = o.value(QStringLiteral("jobs")).toInt(1);
    info.compression = o.value(QStringLiteral("compression")).toInt(-1);
    // Absent from older catalogues: the identity is then unknown.
    info.systemIdentifier = o.value(QStringLiteral("system_identifier")).toString();
    info.databaseName = o.value(QStringLiteral("database_name")).toString();
    if (info.format.isEmpty() || info.sha256.isEmpty() || !info.createdAt.isValid())
        return Error::failure(
            QStringLiteral("%1 is not a complete backup catalogue entry").arg(catalogFile));
    return info;
}

QString BackupCatalog::defaultDir()
{
    const QString configured = qEnvironmentVariable("STRATA_BACKUP_DIR");
    if (!configured.isEmpty())
        return configured;
    return QDir(QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation))
        .filePath(QStringLiteral("strata/backups"));
}

Result<BackupInfo> BackupCatalog::read(const QString &backupOrCatalog)
{
    const QString catalog = backupOrCatalog.endsWith(QLatin1String(".json"))
                                ? backupOrCatalog
                                : backupOrCatalog + QStringLiteral(".json");
    QFile f(catalog);
    if (!f.open(QIODevice::ReadOnly))
        return Error::failure(
            QStringLiteral("%1 has no catalogue entry (%2 cannot be read: %3); Strata restores "
                           "only backups it took and verified")
                .arg(backupOrCatalog, catalog, f.errorString()));
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(f.readAll(), &error);
    if (!doc.isObject())
        return Error::failure(
            QStringLiteral("%1: not a catalogue entry: %2").arg(catalog, error.errorString()));
    return BackupInfo::fromJson(doc.object(), catalog);
}

Status BackupCatalog::write(const BackupInfo &info)
{
    // 0600 like the backup it describes (it names the database, its server and revisions).
    const QByteArray bytes = QJsonDocument(info.toJson()).toJson(QJsonDocument::Indented);
    if (auto written = PrivateFiles::writeFile(info.catalogFile(), bytes); !written)
        return written.error();
    return {};
}

QList<BackupInfo> BackupCatalog::list(const QString &dir, QStringList *skipped)
{
    QList<BackupInfo> out;
    const QDir d(dir);
    for (const QString &name : d.entryList({QStringLiteral("*.json")}, QDir::Files)) {
        auto info = read(d.filePath(name));
        if (info)
            out.append(*info);
        else if (skipped)
            skipped->append(info.error().toString());
    }
    std::sort(out.begin(), out.end(),
              [](const BackupInfo &a, const BackupInfo &b) { return a.createdAt > b.createdAt; });
    return out;
}

Result<QString> BackupCatalog::checksum(const QString &path)
{
    // OpenSSL's SHA-256 uses the CPU's SHA instructions: several times faster than
    // QCryptographicHash on a backup of hundreds of megabytes.
    std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
    if (!ctx || EVP_DigestInit_ex(ctx.get(), EVP_sha256(), nullptr) != 1)
        return Error::failure(QStringLiteral("SHA-256 is not available"));
    auto add = [&ctx](const char *data, qsizetype size) {
        return EVP_DigestUpdate(ctx.get(), data, size_t(size)) == 1;
    };
    const QFileInfo info(path);
    QStringList files;
    if (info.isDir()) {
        QDirIterator it(path, QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext())
            files.append(it.next());
        files.sort();
    } else if (info.isFile()) {
        files.append(path);
    } else {
        return Error::failure(QStringLiteral("%1 is missing").arg(path));
    }
    QByteArray buffer(1 << 20, Qt::Uninitialized);
    for (const QString &file : std::as_const(files)) {
        if (info.isDir()) {
            const QByteArray name = QDir(path).relativeFilePath(file).toUtf8() + '\0';
            add(name.constData(), name.size());
        }
        QFile f(file);
        if (!f.open(QIODevice::ReadOnly))
            return Error::failure(QStringLiteral("cannot read %1: %2").arg(file, f.errorString()));
        qint64 n;
        while ((n = f.read(buffer.data(), buffer.size())) > 0)
            if (!add(buffer.constData(), n))
                return Error::failure(QStringLiteral("cannot hash %1").arg(file));
        if (n < 0)
            return Error::failure(QStringLiteral("cannot read %1: %2").arg(file, f.errorString()));
    }
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (EVP_DigestFinal_ex(ctx.get(), digest, &length) != 1)
        return Error::failure(QStringLiteral("cannot compute the SHA-256 of %1").arg(path));
    return QString::fromLatin1(
        QByteArray(reinterpret_cast<const char *>(digest), int(length)).toHex());
}

Status BackupCatalog::verifyChecksum(const BackupInfo &info)
{
    auto sum = checksum(info.path);
    if (!sum)
        return sum.error();
    if (*sum != info.sha256)
        return Error::failure(
            QStringLiteral("%1 does not match its catalogue entry (SHA-256 %2, expected %3): "
                           "the backup was changed or damaged since it was taken; it is not "
                           "restored")
                .arg(info.path, *sum, info.sha256));
    return {};
}

Status BackupCatalog::remove(const BackupInfo &info)
{
    const QFileInfo file(info.path);
    const bool removed =
        file.isDir() ? QDir(info.path).removeRecursively() : QFile::remove(info.path);
    if (!removed && file.exists())
        return Error::failure(QStringLiteral("cannot delete %1").arg(info.path));
    QFile::remove(info.catalogFile());
    return {};
}

QStringList BackupCatalog::prune(const QString &dir, const BackupInfo &newest, int keep)
{
    QStringList removed;
    if (keep <= 0)
        return removed;
    int kept = 0;
    for (const BackupInfo &b : list(dir)) {
        const bool same = newest.profile.isEmpty()
                              ? b.profile.isEmpty() && b.database == newest.database
                              : b.profile == newest.profile;
        if (!same)
            continue;
        if (++kept <= keep)
            continue;
        if (remove(b))
            removed.append(b.path);
    }
    return removed;
}

} // namespace strata
