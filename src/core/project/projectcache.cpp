#include "project/projectcache.h"
#include "storage/privatefiles.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>

#include <cstring>

#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

namespace strata {

namespace {

// Bump with any change to what is written below.
constexpr quint32 kFormat = 1;
constexpr char kMagic[8] = {'S', 'T', 'R', 'A', 'T', 'A', 'P', 'C'};
// Files changed within this long before the cache's contents were taken are read again: the
// coarsest timestamps in use (FAT's two seconds) cover the kernel's coarse clock lag too.
constexpr qint64 kRacyNs = 2'000'000'000;

// Every field of Migration is written and read below. A new field must be added to both (and
// kFormat bumped, and this size updated), or the build fails here rather than the cache
// silently dropping it.
static_assert(sizeof(Migration) == 256 && sizeof(QString) == 24,
              "Migration changed: update ProjectCache's Writer and Reader, bump kFormat");

// Native byte order: the cache never leaves this machine.
class Writer
{
public:
    QByteArray bytes;

    template <typename T> void pod(T value)
    {
        bytes.append(reinterpret_cast<const char *>(&value), qsizetype(sizeof value));
    }
    void raw(const char *data, qsizetype size)
    {
        pod(quint32(size));
        bytes.append(data, size);
    }
    void text(const QString &s)
    {
        pod(quint32(s.size()));
        bytes.append(reinterpret_cast<const char *>(s.constData()), s.size() * 2);
    }
    void list(const QStringList &l)
    {
        pod(quint32(l.size()));
        for (const QString &s : l)
            text(s);
    }
    void migration(const Migration &m)
    {
        text(m.revision);
        list(m.downRevisions);
        list(m.dependsOn);
        list(m.branchLabels);
        text(m.message);
        text(m.createDate);
        text(m.upgradeSql);
        text(m.downgradeSql);
        for (int v : {m.upgradeLine, m.downgradeLine, m.headerLine, m.downRevisionsLine,
                      m.dependsOnLine, m.branchLabelsLine})
            pod(qint32(v));
        pod(quint8(m.transactional));
        pod(quint8(m.hasDowngrade));
    }
    void key(const ProjectCache::Key &k)
    {
        pod(k.size);
        pod(k.mtimeNs);
        pod(k.ctimeNs);
        pod(k.inode);
        pod(k.device);
    }
};

// Reads what Writer wrote; any read past the end sets `bad` and yields zeros.
class Reader
{
public:
    Reader(const QByteArray &bytes, qsizetype at) : m_bytes(bytes), m_at(at) {}
    bool bad = false;
    qsizetype at() const { return m_at; }

    template <typename T> T pod()
    {
        T value{};
        if (!need(qsizetype(sizeof value)))
            return value;
        std::memcpy(&value, m_bytes.constData() + m_at, sizeof value);
        m_at += qsizetype(sizeof value);
        return value;
    }
    std::string raw()
    {
        const qsizetype size = pod<quint32>();
        if (!need(size))
            return {};
        std::string out(m_bytes.constData() + m_at, std::size_t(size));
        m_at += size;
        return out;
    }
    QString text()
    {
        const qsizetype size = pod<quint32>();
        if (!need(size * 2))
            return {};
        QString out(reinterpret_cast<const QChar *>(m_bytes.constData() + m_at), size);
        m_at += size * 2;
        return out;
    }
    QStringList list()
    {
        const quint32 count = pod<quint32>();
        QStringList out;
        for (quint32 i = 0; i < count && !bad; ++i)
            out.append(text());
        return out;
    }
    Migration migration()
    {
        Migration m;
        m.revision = text();
        m.downRevisions = list();
        m.dependsOn = list();
        m.branchLabels = list();
        m.message = text();
        m.createDate = text();
        m.upgradeSql = text();
        m.downgradeSql = text();
        for (int *v : {&m.upgradeLine, &m.downgradeLine, &m.headerLine, &m.downRevisionsLine,
                       &m.dependsOnLine, &m.branchLabelsLine})
            *v = pod<qint32>();
        m.transactional = pod<quint8>() != 0;
        m.hasDowngrade = pod<quint8>() != 0;
        return m;
    }
    ProjectCache::Key key()
    {
        ProjectCache::Key k;
        k.size = pod<qint64>();
        k.mtimeNs = pod<qint64>();
        k.ctimeNs = pod<qint64>();
        k.inode = pod<quint64>();
        k.device = pod<quint64>();
        return k;
    }
    void skip(qsizetype size)
    {
        if (need(size))
            m_at += size;
    }

private:
    bool need(qsizetype size)
    {
        if (bad || size < 0 || m_at + size > m_bytes.size()) {
            bad = true;
            return false;
        }
        return true;
    }
    const QByteArray &m_bytes;
    qsizetype m_at = 0;
};

// The running program's file and what identifies its build: a rebuilt parser must not read
// what an older one wrote.
struct Program
{
    QByteArray path;
    QByteArray identity;
};

const Program &program()
{
    static const Program p = [] {
        Program out;
        char buffer[4096];
        const ssize_t n = ::readlink("/proc/self/exe", buffer, sizeof buffer - 1);
        if (n <= 0)
            return out;
        out.path = QByteArray(buffer, qsizetype(n));
        struct stat st
        {
        };
        if (::stat(out.path.constData(), &st) != 0)
            return Program{};
        out.identity =
            out.path + '\0' + QByteArray::number(qint64(st.st_size)) + '\0' +
            QByteArray::number(qint64(st.st_mtim.tv_sec) * 1'000'000'000 + st.st_mtim.tv_nsec) +
            '\0' + QByteArrayLiteral(STRATA_VERSION_STRING);
        return out;
    }();
    return p;
}

QString cacheFolder()
{
    const QString overridden = qEnvironmentVariable("STRATA_CACHE_DIR");
    if (!overridden.isEmpty())
        return overridden;
    const QString base = QStandardPaths::writableLocation(QStandardPaths::GenericCacheLocation);
    return base.isEmpty() ? QString() : base + QStringLiteral("/strata/projects");
}

} // namespace

qint64 ProjectCache::nowNs()
{
    timespec ts{};
    ::clock_gettime(CLOCK_REALTIME, &ts);
    return qint64(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
}

ProjectCache ProjectCache::load(const QString &versionsDir, qint64 takenAtNs)
{
    ProjectCache cache;
    cache.m_takenAtNs = takenAtNs;
    if (qEnvironmentVariableIntValue("STRATA_NO_CACHE") != 0 || program().identity.isEmpty())
        return cache;
    const QString folder = cacheFolder();
    if (folder.isEmpty())
        return cache;
    cache.m_identity = program().identity;
    cache.m_versionsDir = versionsDir;
    const QByteArray name = QCryptographicHash::hash(versionsDir.toUtf8() + '\0' + program().path,
                                                     QCryptographicHash::Sha256)
                                .toHex()
                                .left(32);
    cache.m_path = folder + QLatin1Char('/') + QString::fromLatin1(name) + QStringLiteral(".cache");

    QFile file(cache.m_path);
    if (!file.open(QIODevice::ReadOnly))
        return cache;
    cache.m_bytes = file.readAll();
    Reader in(cache.m_bytes, 0);
    const std::string magic = in.raw();
    const quint32 format = in.pod<quint32>();
    const std::string identity = in.raw();
    const QString dir = in.text();
    const qint64 takenAt = in.pod<qint64>();
    const quint32 count = in.pod<quint32>();
    if (in.bad || magic != std::string(kMagic, sizeof kMagic) || format != kFormat ||
        identity != cache.m_identity.toStdString() || dir != versionsDir) {
        cache.m_bytes.clear();
        return cache;
    }
    // Only the names and keys now; a migration is decoded when find() uses it.
    cache.m_loaded.reserve(count);
    for (quint32 i = 0; i < count && !in.bad; ++i) {
        Loaded entry;
        entry.name = in.raw();
        entry.key = in.key();
        const quint32 size = in.pod<quint32>();
        entry.offset = in.at();
        in.skip(size);
        cache.m_loaded.push_back(std::move(entry));
    }
    if (in.bad) {
        cache.m_loaded.clear(); // damaged: read every file again
        cache.m_bytes.clear();
        return cache;
    }
    cache.m_loadedTakenAtNs = takenAt;
    return cache;
}

bool ProjectCache::racy(const Key &key) const
{
    return std::max(key.mtimeNs, key.ctimeNs) >= m_loadedTakenAtNs - kRacyNs;
}

std::optional<Migration> ProjectCache::find(const std::string &name, const Key &key)
{
    while (m_cursor < m_loaded.size() && m_loaded[m_cursor].name < name)
        ++m_cursor;
    if (m_cursor >= m_loaded.size() || m_loaded[m_cursor].name != name)
        return std::nullopt;
    const Loaded &entry = m_loaded[m_cursor];
    // Racy: changed so close to the moment the cache was taken that a later change could carry
    // the same timestamps. Read again.
    if (!(entry.key == key) || racy(key))
        return std::nullopt;
    Reader in(m_bytes, entry.offset);
    Migration m = in.migration();
    if (in.bad)
        return std::nullopt;
    ++m_hits;
    return m;
}

void ProjectCache::put(const std::string &name, const Key &key, qsizetype index)
{
    if (m_path.isEmpty())
        return;
    m_put.push_back(Put{name, key, index});
}

void ProjectCache::save(const QList<Migration> &migrations)
{
    if (m_path.isEmpty())
        return;
    // Unchanged: every file found, none racy (a racy one is written again with this run's time,
    // so it is trusted once old enough).
    if (m_hits == int(m_put.size()) && m_put.size() == m_loaded.size())
        return;
    const QString folder = QFileInfo(m_path).absolutePath();
    Writer out;
    out.raw(kMagic, qsizetype(sizeof kMagic));
    out.pod(kFormat);
    out.raw(m_identity.constData(), m_identity.size());
    out.text(m_versionsDir);
    out.pod(m_takenAtNs);
    out.pod(quint32(m_put.size()));
    for (const Put &p : m_put) {
        out.raw(p.name.data(), qsizetype(p.name.size()));
        out.key(p.key);
        const qsizetype sizeAt = out.bytes.size();
        out.pod(quint32(0));
        out.migration(migrations.at(p.index));
        const quint32 size = quint32(out.bytes.size() - sizeAt - qsizetype(sizeof(quint32)));
        std::memcpy(out.bytes.data() + sizeAt, &size, sizeof size);
    }
    // It holds the migrations' SQL: 0600 in a 0700 folder (PrivateFiles).
    if (!PrivateFiles::writeFile(m_path, out.bytes))
        return;
    // Projects come and go (clones, temporary folders): caches unused for 30 days go too. An
    // entry in use is rewritten whenever a file of its project changes, or kept as it is.
    const QDateTime stale = QDateTime::currentDateTimeUtc().addDays(-30);
    const QFileInfoList others =
        QDir(folder).entryInfoList({QStringLiteral("*.cache")}, QDir::Files, QDir::Time);
    for (const QFileInfo &other : others)
        if (other.lastRead().isValid() && other.lastRead() < stale && other.lastModified() < stale)
            QFile::remove(other.absoluteFilePath());
}

} // namespace strata
