#include "storage/privatefiles.h"

#include <QDir>
#include <QFileInfo>
#include <QSaveFile>
#include <QSet>
#include <QStandardPaths>

#include <cerrno>
#include <cstring>
#include <mutex>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace strata {

namespace {

constexpr unsigned kOthersBits = 077;

QString clean(const QString &path)
{
    return QDir::cleanPath(QFileInfo(path).absoluteFilePath());
}

QString systemError(int error)
{
    return QString::fromLocal8Bit(std::strerror(error));
}

struct Notices
{
    std::mutex mutex;
    PrivateFiles::NoticeHandler handler;
    QSet<QString> said;
    PrivateFiles::TightenedList pending;
};

Notices &notices()
{
    static Notices n;
    return n;
}

// Hands what was tightened to the handler (or keeps it for the handler to come), once per path.
void announce(const PrivateFiles::TightenedList &list)
{
    if (list.isEmpty())
        return;
    PrivateFiles::NoticeHandler handler;
    PrivateFiles::TightenedList fresh;
    {
        std::lock_guard<std::mutex> lock(notices().mutex);
        for (const PrivateFiles::Tightened &t : list) {
            if (notices().said.contains(t.path))
                continue;
            notices().said.insert(t.path);
            fresh.append(t);
        }
        handler = notices().handler;
        if (!handler)
            notices().pending.append(fresh);
    }
    if (handler)
        for (const PrivateFiles::Tightened &t : std::as_const(fresh))
            handler(t);
}

// Makes the permission bits of an existing path `mode` when others may use it; appends what
// it did to `out`. A failure (a file someone else owns) leaves it as it is: the write goes on.
void tightenPath(const QString &path, const struct stat &st, unsigned mode,
                 PrivateFiles::TightenedList &out)
{
    const unsigned before = unsigned(st.st_mode) & 07777;
    if ((before & kOthersBits) == 0)
        return;
    if (::chmod(QFile::encodeName(path).constData(), mode_t(mode)) == 0)
        out.append({path, before, mode, S_ISDIR(st.st_mode)});
}

// A descriptor from open(2) that was made now or found: made ones get exactly `mode` (a umask
// may have taken the owner's bits), found ones are tightened.
Status settle(int fd, const QString &path, bool made, bool own, PrivateFiles::TightenedList &out)
{
    struct stat st
    {
    };
    if (::fstat(fd, &st) != 0)
        return Error::failure(
            QStringLiteral("cannot read the mode of %1: %2").arg(path, systemError(errno)));
    const unsigned now = unsigned(st.st_mode) & 07777;
    if (made) {
        if (now != PrivateFiles::kFileMode && ::fchmod(fd, PrivateFiles::kFileMode) != 0)
            return Error::failure(
                QStringLiteral("cannot make %1 private: %2").arg(path, systemError(errno)));
        return {};
    }
    if (own && (now & kOthersBits) != 0 && ::fchmod(fd, PrivateFiles::kFileMode) == 0)
        out.append({path, now, PrivateFiles::kFileMode, false});
    return {};
}

} // namespace

QString PrivateFiles::ownRoot(const QString &folder)
{
    const QString path = clean(folder);
    for (auto location :
         {QStandardPaths::GenericConfigLocation, QStandardPaths::GenericDataLocation,
          QStandardPaths::GenericCacheLocation}) {
        const QString base = QStandardPaths::writableLocation(location);
        if (base.isEmpty())
            continue;
        const QString prefix = clean(base) + QLatin1Char('/');
        if (!path.startsWith(prefix))
            continue;
        const QString first = path.mid(prefix.size()).section(QLatin1Char('/'), 0, 0);
        if (first.compare(QLatin1String("strata"), Qt::CaseInsensitive) == 0)
            return prefix + first;
    }
    return {};
}

namespace {

bool isOwn(const QString &path)
{
    const QString root = PrivateFiles::ownRoot(QFileInfo(path).absolutePath());
    return !root.isEmpty();
}

} // namespace

Result<PrivateFiles::TightenedList> PrivateFiles::ensureFolder(const QString &folder)
{
    const QString target = clean(folder);
    const QString root = ownRoot(target);
    TightenedList tightened;
    // Each component from the top: made 0700 when missing; Strata's own ones tightened.
    const QStringList parts = target.split(QLatin1Char('/'), Qt::SkipEmptyParts);
    QString path;
    for (const QString &part : parts) {
        path += QLatin1Char('/') + part;
        const QByteArray native = QFile::encodeName(path);
        struct stat st
        {
        };
        if (::stat(native.constData(), &st) != 0) {
            if (::mkdir(native.constData(), kFolderMode) != 0 && errno != EEXIST)
                return Error::failure(QStringLiteral("cannot create the folder %1: %2")
                                          .arg(path, systemError(errno)));
            // An empty folder: setting its mode now opens no window.
            if (::stat(native.constData(), &st) == 0 &&
                (unsigned(st.st_mode) & 07777) != kFolderMode)
                ::chmod(native.constData(), kFolderMode);
            continue;
        }
        if (!S_ISDIR(st.st_mode))
            return Error::failure(
                QStringLiteral("cannot create the folder %1: a file is there").arg(path));
        if (!root.isEmpty() && (path == root || path.startsWith(root + QLatin1Char('/'))))
            tightenPath(path, st, kFolderMode, tightened);
    }
    announce(tightened);
    return tightened;
}

Result<PrivateFiles::TightenedList> PrivateFiles::writeFile(const QString &path,
                                                            const QByteArray &bytes)
{
    const QString file = clean(path);
    auto tightened = ensureFolder(QFileInfo(file).absolutePath());
    if (!tightened)
        return tightened;
    struct stat st
    {
    };
    // The old file goes, replaced by a private one: say so when it was open to others.
    TightenedList own;
    if (::stat(QFile::encodeName(file).constData(), &st) == 0 &&
        (unsigned(st.st_mode) & kOthersBits) != 0)
        own.append({file, unsigned(st.st_mode) & 07777, kFileMode, false});
    QSaveFile out(file);
    auto failed = [&] {
        return Error::failure(QStringLiteral("cannot write %1: %2").arg(file, out.errorString()));
    };
    if (!out.open(QIODevice::WriteOnly))
        return failed();
    // The temporary file is made with the umask's mode: private before the first byte.
    if (!out.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner))
        return failed();
    if (out.write(bytes) != bytes.size() || !out.commit())
        return failed();
    announce(own);
    tightened->append(own);
    return tightened;
}

Result<PrivateFiles::TightenedList> PrivateFiles::openAppend(const QString &path, QFile &file,
                                                             bool readToo)
{
    const QString target = clean(path);
    auto tightened = ensureFolder(QFileInfo(target).absolutePath());
    if (!tightened)
        return tightened;
    const QByteArray native = QFile::encodeName(target);
    const int access = (readToo ? O_RDWR : O_WRONLY) | O_APPEND | O_CLOEXEC;
    bool made = true;
    int fd = ::open(native.constData(), access | O_CREAT | O_EXCL, kFileMode);
    if (fd < 0 && errno == EEXIST) {
        made = false;
        fd = ::open(native.constData(), access);
    }
    if (fd < 0)
        return Error::failure(QStringLiteral("cannot open %1: %2").arg(target, systemError(errno)));
    TightenedList own;
    if (auto s = settle(fd, target, made, isOwn(target), own); !s) {
        ::close(fd);
        return s.error();
    }
    const QIODevice::OpenMode mode = (readToo ? QIODevice::ReadWrite : QIODevice::WriteOnly) |
                                     QIODevice::Append | QIODevice::Unbuffered;
    if (!file.open(fd, mode, QFileDevice::AutoCloseHandle)) {
        ::close(fd);
        return Error::failure(QStringLiteral("cannot open %1: %2").arg(target, file.errorString()));
    }
    announce(own);
    tightened->append(own);
    return tightened;
}

Result<PrivateFiles::TightenedList> PrivateFiles::prepareFile(const QString &path)
{
    const QString target = clean(path);
    auto tightened = ensureFolder(QFileInfo(target).absolutePath());
    if (!tightened)
        return tightened;
    const QByteArray native = QFile::encodeName(target);
    const int fd = ::open(native.constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, kFileMode);
    if (fd < 0 && errno != EEXIST)
        return Error::failure(
            QStringLiteral("cannot create %1: %2").arg(target, systemError(errno)));
    if (fd < 0) {
        auto more = tighten(target);
        if (!more)
            return more;
        tightened->append(*more);
        return tightened;
    }
    TightenedList none;
    const Status settled = settle(fd, target, true, false, none);
    ::close(fd);
    if (!settled)
        return settled.error();
    return tightened;
}

Status PrivateFiles::createEmpty(const QString &path)
{
    const QString target = clean(path);
    const int fd = ::open(QFile::encodeName(target).constData(),
                          O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, kFileMode);
    if (fd < 0)
        return Error::failure(
            QStringLiteral("cannot create %1: %2").arg(target, systemError(errno)));
    TightenedList none;
    const Status settled = settle(fd, target, true, false, none);
    ::close(fd);
    return settled;
}

Result<PrivateFiles::TightenedList> PrivateFiles::tighten(const QString &path)
{
    const QString target = clean(path);
    TightenedList out;
    struct stat st
    {
    };
    if (::stat(QFile::encodeName(target).constData(), &st) != 0)
        return out;
    const QString root = ownRoot(S_ISDIR(st.st_mode) ? target : QFileInfo(target).absolutePath());
    if (root.isEmpty())
        return out;
    tightenPath(target, st, S_ISDIR(st.st_mode) ? kFolderMode : kFileMode, out);
    announce(out);
    return out;
}

void PrivateFiles::setNoticeHandler(NoticeHandler handler)
{
    TightenedList pending;
    {
        std::lock_guard<std::mutex> lock(notices().mutex);
        notices().handler = handler;
        if (handler)
            pending.swap(notices().pending);
    }
    for (const Tightened &t : std::as_const(pending))
        handler(t);
}

QString PrivateFiles::noticeText(const Tightened &t)
{
    return QStringLiteral("made %1 private (%2 -> %3): an older version created it readable by "
                          "other users")
        .arg(QDir::toNativeSeparators(t.path),
             QString::number(t.modeBefore, 8).rightJustified(4, QLatin1Char('0')),
             QString::number(t.modeAfter, 8).rightJustified(4, QLatin1Char('0')));
}

} // namespace strata
