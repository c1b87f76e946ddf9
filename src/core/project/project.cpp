#include "project/project.h"

#include "project/migrationparser.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <string>
#include <vector>

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace strata {

namespace {

const QLatin1String kIniName("strata.ini");

Result<ProjectConfig> readIni(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error::at(path, 0, QStringLiteral("cannot read: %1").arg(file.errorString()));
    ProjectConfig config;
    bool inStrata = false;
    bool sawStrata = false;
    int lineNo = 0;
    while (!file.atEnd()) {
        ++lineNo;
        const QString line = QString::fromUtf8(file.readLine()).trimmed();
        if (line.isEmpty() || line.startsWith(QLatin1Char('#')) ||
            line.startsWith(QLatin1Char(';')))
            continue;
        if (line.startsWith(QLatin1Char('['))) {
            if (!line.endsWith(QLatin1Char(']')))
                return Error::at(path, lineNo,
                                 QStringLiteral("malformed section header '%1'").arg(line));
            inStrata = line == QLatin1String("[strata]");
            sawStrata = sawStrata || inStrata;
            continue;
        }
        const qsizetype eq = line.indexOf(QLatin1Char('='));
        if (eq <= 0)
            return Error::at(path, lineNo,
                             QStringLiteral("expected 'key = value', got '%1'").arg(line));
        if (!inStrata)
            continue; // other sections belong to other tools
        const QString key = line.left(eq).trimmed();
        const QString value = line.mid(eq + 1).trimmed();
        if (key == QLatin1String("versions"))
            config.versionsDir = value;
        else if (key == QLatin1String("version_table"))
            config.versionTable = value;
        else if (key == QLatin1String("url"))
            config.url = value;
        else
            return Error::at(
                path, lineNo,
                QStringLiteral(
                    "unknown key '%1' in [strata]; known keys: versions, version_table, url")
                    .arg(key));
    }
    if (!sawStrata)
        return Error::at(path, 0, QStringLiteral("no [strata] section"));
    if (config.versionsDir.isEmpty())
        return Error::at(path, 0, QStringLiteral("'versions' is empty"));
    return config;
}

// The *.sql file names of a folder, sorted. Plain POSIX calls: a project may hold ten thousand
// migrations, and `strata heads` should still answer at once.
std::vector<std::string> sqlFileNames(const QString &folder)
{
    std::vector<std::string> names;
    DIR *dir = ::opendir(QFile::encodeName(folder).constData());
    if (!dir)
        return names;
    while (const dirent *entry = ::readdir(dir)) {
        const std::string_view name(entry->d_name);
        if (name.size() > 4 && name.substr(name.size() - 4) == ".sql" && name[0] != '.') {
            if (entry->d_type == DT_DIR)
                continue;
            names.emplace_back(name);
        }
    }
    ::closedir(dir);
    std::sort(names.begin(), names.end());
    return names;
}

// The whole file, or an error message.
bool readWholeFile(const QByteArray &path, QByteArray &bytes, QString &error)
{
    const int fd = ::open(path.constData(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        error = QString::fromLocal8Bit(::strerror(errno));
        return false;
    }
    struct stat st
    {
    };
    if (::fstat(fd, &st) != 0 || S_ISDIR(st.st_mode)) {
        error = QStringLiteral("not a regular file");
        ::close(fd);
        return false;
    }
    bytes.resize(qsizetype(st.st_size));
    qsizetype done = 0;
    while (done < bytes.size()) {
        const ssize_t n = ::read(fd, bytes.data() + done, size_t(bytes.size() - done));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        done += n;
    }
    bytes.truncate(done);
    ::close(fd);
    return true;
}

} // namespace

Result<QString> Project::findRoot(const QString &startDir)
{
    QDir dir(QFileInfo(startDir).absoluteFilePath());
    if (!dir.exists())
        return Error::failure(QStringLiteral("project folder %1 does not exist").arg(startDir));
    const QString start = dir.absolutePath();
    while (true) {
        if (QFileInfo::exists(dir.filePath(kIniName)))
            return dir.absolutePath();
        if (!dir.cdUp())
            break;
    }
    return Error::failure(QStringLiteral("no strata.ini in %1 or any folder above it; create a "
                                         "project with `strata init DIR` or name one with -d")
                              .arg(start));
}

Status Project::init(const QString &dir)
{
    QDir target(dir);
    if (QFileInfo::exists(target.filePath(kIniName)))
        return Error::failure(QStringLiteral("%1 already exists; this folder is a project already")
                                  .arg(target.filePath(kIniName)));
    if (!target.mkpath(QStringLiteral("versions")))
        return Error::failure(
            QStringLiteral("cannot create %1").arg(target.filePath(QStringLiteral("versions"))));
    QFile ini(target.filePath(kIniName));
    if (!ini.open(QIODevice::WriteOnly | QIODevice::NewOnly))
        return Error::failure(
            QStringLiteral("cannot write %1: %2").arg(ini.fileName(), ini.errorString()));
    ini.write(
        "[strata]\n"
        "# Folder of migration files, relative to this file.\n"
        "versions = versions\n"
        "# Table holding the current revisions (one row per head), as Alembic's alembic_version.\n"
        "version_table = strata_version\n"
        "# Database; the first found wins: --url, DATABASE_URL, "
        "DB_HOST/DB_PORT/DB_NAME/DB_USER/DB_PASSWORD,\n"
        "# DATABASE_URL in .env beside this file, this url, else strata.db beside this file.\n"
        "# url = sqlite:///strata.db\n");
    if (!ini.flush())
        return Error::failure(
            QStringLiteral("cannot write %1: %2").arg(ini.fileName(), ini.errorString()));
    return {};
}

Result<Project> Project::open(const QString &rootDir)
{
    Project project;
    project.m_root = QDir(rootDir).absolutePath();
    auto config = readIni(project.iniPath());
    if (!config)
        return config.error();
    project.m_config = *config;

    const QDir versions(project.versionsDir());
    if (!versions.exists())
        return Error::at(
            project.iniPath(), 0,
            QStringLiteral("the versions folder %1 does not exist").arg(versions.path()));
    const std::vector<std::string> files = sqlFileNames(versions.path());
    project.m_migrations.reserve(qsizetype(files.size()));
    QList<Error> errors;
    const QByteArray folder = QFile::encodeName(versions.path()) + '/';
    QByteArray bytes;
    for (const std::string &name : files) {
        const QByteArray nativePath = folder + QByteArray::fromStdString(name);
        const QString path = QFile::decodeName(nativePath);
        QString readError;
        if (!readWholeFile(nativePath, bytes, readError)) {
            errors.append(Error::at(path, 0, QStringLiteral("cannot read: %1").arg(readError)));
            continue;
        }
        auto migration = MigrationParser::parse(path, bytes);
        if (!migration) {
            errors.append(migration.error());
            continue;
        }
        project.m_migrations.append(std::move(migration).value());
    }
    if (!errors.isEmpty()) {
        Error first = errors.takeFirst();
        for (const Error &other : errors)
            first.details.append(other.toString());
        return first;
    }
    return project;
}

QString Project::iniPath() const
{
    return QDir(m_root).filePath(kIniName);
}

QString Project::versionsDir() const
{
    return QDir::cleanPath(QDir(m_root).absoluteFilePath(m_config.versionsDir));
}

Error Project::emptyProjectError() const
{
    return Error::failure(QStringLiteral("the project has no migrations: %1 holds no *.sql file; "
                                         "write one with `strata revision -m MESSAGE`")
                              .arg(versionsDir()));
}

} // namespace strata
