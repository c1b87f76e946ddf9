#include "profiles/profilestore.h"

#include "storage/privatefiles.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QStandardPaths>

namespace strata {

namespace {

constexpr int kFormatVersion = 1;

Result<QList<Profile>> readProfiles(const QString &file)
{
    QFile in(file);
    if (!in.open(QIODevice::ReadOnly))
        return Error::at(file, 0, QStringLiteral("cannot read profiles: %1").arg(in.errorString()));
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(in.readAll(), &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return Error::at(file, 0,
                         QStringLiteral("not valid JSON at offset %1: %2")
                             .arg(parseError.offset)
                             .arg(parseError.errorString()));
    if (!doc.isObject() || !doc.object().value(QStringLiteral("profiles")).isArray())
        return Error::at(file, 0, QStringLiteral("expected an object with a \"profiles\" array"));
    const int version = doc.object().value(QStringLiteral("version")).toInt(kFormatVersion);
    if (version > kFormatVersion)
        return Error::at(file, 0,
                         QStringLiteral("written by a newer Strata (format %1, this one reads %2)")
                             .arg(version)
                             .arg(kFormatVersion));

    QList<Profile> out;
    QSet<QString> names;
    const QJsonArray array = doc.object().value(QStringLiteral("profiles")).toArray();
    for (qsizetype i = 0; i < array.size(); ++i) {
        if (!array.at(i).isObject())
            return Error::at(file, 0, QStringLiteral("profile %1 is not an object").arg(i + 1));
        auto profile = Profile::fromJson(array.at(i).toObject());
        if (!profile)
            return Error::at(file, 0, profile.error().message);
        if (names.contains(profile->name))
            return Error::at(file, 0,
                             QStringLiteral("profile '%1' appears twice").arg(profile->name));
        names.insert(profile->name);
        out.append(*profile);
    }
    return out;
}

Status writeProfiles(const QString &file, const QList<Profile> &profiles)
{
    QJsonArray array;
    for (const Profile &profile : profiles)
        array.append(profile.toJson());
    const QJsonObject root{{QStringLiteral("version"), kFormatVersion},
                           {QStringLiteral("profiles"), array}};
    // Which hosts, databases and users exist: 0600 in a 0700 folder (PrivateFiles).
    auto written =
        PrivateFiles::writeFile(file, QJsonDocument(root).toJson(QJsonDocument::Indented));
    if (!written)
        return written.error();
    return {};
}

} // namespace

ProfileStore::ProfileStore(QString filePath) : m_filePath(std::move(filePath)) {}

QString ProfileStore::defaultFilePath()
{
    const QString dir = qEnvironmentVariable("STRATA_CONFIG_DIR");
    if (!dir.isEmpty())
        return QDir(dir).filePath(QStringLiteral("profiles.json"));
    // Spelled out rather than AppConfigLocation, which follows the program's organisation and
    // application names: the command line must find the desktop app's profiles.
    return QDir(QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation))
        .filePath(QStringLiteral("Strata/strata/profiles.json"));
}

Result<QList<Profile>> ProfileStore::load() const
{
    if (!QFileInfo::exists(m_filePath))
        return QList<Profile>{};
    return readProfiles(m_filePath);
}

Status ProfileStore::save(const QList<Profile> &profiles) const
{
    return writeProfiles(m_filePath, profiles);
}

Status ProfileStore::exportTo(const QString &file, const QList<Profile> &profiles)
{
    return writeProfiles(file, profiles);
}

Result<QList<Profile>> ProfileStore::importFrom(const QString &file)
{
    return readProfiles(file);
}

Result<QList<Profile>> ProfileStore::importPgService(const QString &file)
{
    QFile in(file);
    if (!in.open(QIODevice::ReadOnly | QIODevice::Text))
        return Error::at(file, 0,
                         QStringLiteral("cannot read the service file: %1").arg(in.errorString()));

    QList<Profile> out;
    Profile *current = nullptr;
    int lineNumber = 0;
    while (!in.atEnd()) {
        ++lineNumber;
        const QString line = QString::fromUtf8(in.readLine()).trimmed();
        if (line.isEmpty() || line.startsWith(QLatin1Char('#')))
            continue;
        if (line.startsWith(QLatin1Char('['))) {
            if (!line.endsWith(QLatin1Char(']')) || line.size() < 3)
                return Error::at(file, lineNumber,
                                 QStringLiteral("a section is written [service_name]"));
            out.append(Profile::forEnvironment(QStringLiteral("Development")));
            current = &out.last();
            current->engine = Profile::Engine::Postgres;
            current->service = line.mid(1, line.size() - 2).trimmed();
            current->name = current->service;
            continue;
        }
        const qsizetype eq = line.indexOf(QLatin1Char('='));
        if (eq <= 0)
            return Error::at(file, lineNumber,
                             QStringLiteral("expected keyword=value, found '%1'").arg(line));
        if (!current)
            return Error::at(file, lineNumber,
                             QStringLiteral("'%1' comes before any [service] section")
                                 .arg(line.left(eq).trimmed()));
        const QString key = line.left(eq).trimmed();
        const QString value = line.mid(eq + 1).trimmed();
        // Only what the dialog shows is copied; connecting goes through the service itself, so
        // libpq still reads every keyword (and any password) from the file.
        if (key == QLatin1String("host"))
            current->host = value;
        else if (key == QLatin1String("dbname"))
            current->database = value;
        else if (key == QLatin1String("user"))
            current->user = value;
        else if (key == QLatin1String("sslmode"))
            current->sslmode = value;
        else if (key == QLatin1String("port")) {
            bool ok = false;
            const int port = value.toInt(&ok);
            if (!ok || port < 1 || port > 65535)
                return Error::at(
                    file, lineNumber,
                    QStringLiteral("port '%1' is not a number from 1 to 65535").arg(value));
            current->port = port;
        }
    }
    return out;
}

} // namespace strata
