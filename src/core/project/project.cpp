#include "project/project.h"

#include "project/migrationparser.h"
#include "project/projectcache.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace strata {

namespace {

const QLatin1String kIniName("strata.ini");

// strata.ini, read by hand rather than with QSettings so that every complaint names its line.
// Sections other than [strata] belong to other tools and are skipped; `#` and `;` start comments.
struct IniFile
{
    ProjectConfig config;
    int versionsLine = 0; // line of `versions =`, 0 when absent
};

Result<IniFile> readIni(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error::at(path, 0, QStringLiteral("cannot read: %1").arg(file.errorString()));
    IniFile ini;
    ProjectConfig &config = ini.config;
    bool inStrata = false;
    bool sawStrata = false;
    // versions, version_table, url, version_table_schema, schema_file, dev_url, drift_ignore
    int seenLine[7] = {0, 0, 0, 0, 0, 0, 0};
    int lineNo = 0;
    while (!file.atEnd()) {
        ++lineNo;
        QString line = QString::fromUtf8(file.readLine()).trimmed();
        if (lineNo == 1 && line.startsWith(QChar(0xFEFF)))
            line = line.mid(1).trimmed();
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
            continue;
        const QString key = line.left(eq).trimmed();
        const QString value = line.mid(eq + 1).trimmed();
        int index = -1;
        if (key == QLatin1String("versions"))
            index = 0;
        else if (key == QLatin1String("version_table"))
            index = 1;
        else if (key == QLatin1String("url"))
            index = 2;
        else if (key == QLatin1String("version_table_schema"))
            index = 3;
        else if (key == QLatin1String("schema_file"))
            index = 4;
        else if (key == QLatin1String("dev_url"))
            index = 5;
        else if (key == QLatin1String("drift_ignore"))
            index = 6;
        else
            return Error::at(
                path, lineNo,
                QStringLiteral(
                    "unknown key '%1' in [strata]; the keys are versions, version_table, "
                    "version_table_schema, url, schema_file, dev_url and drift_ignore")
                    .arg(key));
        if (seenLine[index] > 0)
            return Error::at(path, lineNo,
                             QStringLiteral("'%1' is set twice in [strata] (first on line %2)")
                                 .arg(key)
                                 .arg(seenLine[index]));
        seenLine[index] = lineNo;
        if (index < 2 && value.isEmpty())
            return Error::at(path, lineNo, QStringLiteral("'%1' has no value").arg(key));
        if (index == 0)
            config.versionsDir = value;
        else if (index == 1)
            config.versionTable = value;
        else if (index == 2)
            config.url = value;
        else if (index == 3)
            config.versionTableSchema = value;
        else if (index == 4)
            config.schemaFile = value;
        else if (index == 5)
            config.devUrl = value;
        else
            for (const QString &pattern : value.split(QLatin1Char(','), Qt::SkipEmptyParts))
                if (!pattern.trimmed().isEmpty())
                    config.driftIgnore.append(pattern.trimmed());
    }
    if (!sawStrata)
        return Error::at(path, 0,
                         QStringLiteral("no [strata] section; it holds versions, version_table "
                                        "and url"));
    ini.versionsLine = seenLine[0];
    return ini;
}

// The versions folder, opened once: its files are listed and read relative to it with plain
// POSIX calls, which spares the kernel a walk of the whole path for each file. A project may hold
// ten thousand migrations, and `strata heads` should still answer at once.
class VersionsFolder
{
public:
    explicit VersionsFolder(const QString &path)
        : m_fd(::open(QFile::encodeName(path).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC))
    {
        if (m_fd < 0)
            m_error = QString::fromLocal8Bit(::strerror(errno));
    }
    ~VersionsFolder()
    {
        if (m_fd >= 0)
            ::close(m_fd);
    }
    VersionsFolder(const VersionsFolder &) = delete;
    VersionsFolder &operator=(const VersionsFolder &) = delete;

    bool isOpen() const { return m_fd >= 0; }
    QString errorString() const { return m_error; }

    // The *.sql file names, sorted. Hidden files (an editor's lock or swap file) and subfolders,
    // whatever their name, are not migrations.
    std::vector<std::string> sqlFileNames() const
    {
        std::vector<std::string> names;
        const int listFd = ::dup(m_fd); // closedir() closes the descriptor it was given
        DIR *dir = listFd >= 0 ? ::fdopendir(listFd) : nullptr;
        if (!dir) {
            if (listFd >= 0)
                ::close(listFd);
            return names;
        }
        while (const dirent *entry = ::readdir(dir)) {
            const std::string_view name(entry->d_name);
            if (name.size() <= 4 || name.substr(name.size() - 4) != ".sql" || name[0] == '.')
                continue;
            if (entry->d_type == DT_DIR)
                continue;
            if (entry->d_type != DT_REG) {
                // A symbolic link, or a file system that does not say: ask.
                struct stat st
                {
                };
                if (::fstatat(m_fd, entry->d_name, &st, 0) == 0 && S_ISDIR(st.st_mode))
                    continue;
            }
            names.emplace_back(name);
        }
        ::closedir(dir);
        std::sort(names.begin(), names.end());
        return names;
    }

    // What identifies this version of the file (size, times, inode), for the cache; false when
    // it cannot be stat'ed (reading it then says why).
    bool key(const std::string &name, ProjectCache::Key &key) const
    {
        struct stat st
        {
        };
        if (::fstatat(m_fd, name.c_str(), &st, 0) != 0 || !S_ISREG(st.st_mode))
            return false;
        key.size = qint64(st.st_size);
        key.mtimeNs = qint64(st.st_mtim.tv_sec) * 1'000'000'000 + st.st_mtim.tv_nsec;
        key.ctimeNs = qint64(st.st_ctim.tv_sec) * 1'000'000'000 + st.st_ctim.tv_nsec;
        key.inode = quint64(st.st_ino);
        key.device = quint64(st.st_dev);
        return true;
    }

    // The whole file into bytes (reused between calls), or false and why not in error.
    bool read(const std::string &name, QByteArray &bytes, QString &error) const
    {
        const int fd = ::openat(m_fd, name.c_str(), O_RDONLY | O_CLOEXEC);
        if (fd < 0) {
            error = QString::fromLocal8Bit(::strerror(errno));
            return false;
        }
        struct stat st
        {
        };
        if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
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
            if (n < 0) {
                error = QString::fromLocal8Bit(::strerror(errno));
                ::close(fd);
                return false;
            }
            if (n == 0)
                break;
            done += n;
        }
        bytes.truncate(done);
        ::close(fd);
        return true;
    }

private:
    int m_fd = -1;
    QString m_error;
};

} // namespace

Result<QString> Project::findRoot(const QString &startDir)
{
    QDir dir(QFileInfo(startDir).absoluteFilePath());
    if (!dir.exists())
        return Error::failure(QStringLiteral("project folder %1 does not exist").arg(startDir))
            .with(Error::Code::NotFound);
    const QString start = dir.absolutePath();
    while (true) {
        if (QFileInfo::exists(dir.filePath(kIniName)))
            return dir.absolutePath();
        if (!dir.cdUp())
            break;
    }
    return Error::failure(QStringLiteral("no strata.ini in %1 or any folder above it; create a "
                                         "project with `strata init DIR` or name one with -d")
                              .arg(start))
        .with(Error::Code::NotFound);
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
    auto ini = readIni(project.iniPath());
    if (!ini)
        return ini.error();
    project.m_config = ini->config;

    const QDir versions(project.versionsDir());
    if (!versions.exists())
        return Error::at(
            project.iniPath(), ini->versionsLine,
            QStringLiteral("the versions folder %1 does not exist").arg(versions.path()));
    const VersionsFolder folder(versions.path());
    if (!folder.isOpen())
        return Error::at(project.iniPath(), ini->versionsLine,
                         QStringLiteral("cannot read the versions folder %1: %2")
                             .arg(versions.path(), folder.errorString()));
    // Taken before the first stat: what the cache's racy test measures against.
    const qint64 takenAtNs = ProjectCache::nowNs();
    const std::vector<std::string> files = folder.sqlFileNames();
    ProjectCache cache = ProjectCache::load(versions.absolutePath(), takenAtNs);
    project.m_migrations.reserve(qsizetype(files.size()));
    QList<Error> errors;
    const QString prefix = versions.path() + QLatin1Char('/');
    QByteArray bytes;
    for (const std::string &name : files) {
        const QString path = prefix + QFile::decodeName(QByteArray::fromStdString(name));
        // The key is taken before the file is read, so a change while reading shows next time.
        ProjectCache::Key key;
        const bool keyed = folder.key(name, key);
        if (keyed)
            if (std::optional<Migration> cached = cache.find(name, key)) {
                cached->filePath = path;
                cache.put(name, key, project.m_migrations.size());
                project.m_migrations.append(std::move(*cached));
                continue;
            }
        QString readError;
        if (!folder.read(name, bytes, readError)) {
            errors.append(Error::at(path, 0, QStringLiteral("cannot read: %1").arg(readError)));
            continue;
        }
        auto migration = MigrationParser::parse(path, bytes);
        if (!migration) {
            errors.append(migration.error());
            continue;
        }
        if (keyed)
            cache.put(name, key, project.m_migrations.size());
        project.m_migrations.append(std::move(migration).value());
    }
    if (errors.isEmpty())
        cache.save(project.m_migrations);
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
