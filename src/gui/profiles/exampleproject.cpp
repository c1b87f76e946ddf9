#include "profiles/exampleproject.h"

#include "storage/privatefiles.h"

#include <QCoreApplication>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>

namespace strata::gui {

QString ExampleProject::shipped()
{
    const QString installed = QDir(QCoreApplication::applicationDirPath())
                                  .filePath(QStringLiteral(STRATA_INSTALLED_EXAMPLE_DIR));
    // An installed app prefers its own copy: the source tree it was built from may be gone.
    for (const QString &dir : {installed, QStringLiteral(STRATA_EXAMPLE_DIR)}) {
        if (QFileInfo::exists(QDir(dir).filePath(QStringLiteral("strata.ini"))))
            return QDir(dir).absolutePath();
    }
    return {};
}

QString ExampleProject::defaultCopyDir()
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation))
        .filePath(QStringLiteral("example-shop"));
}

Result<QString> ExampleProject::copyTo(const QString &dir)
{
    const QString target = QDir(dir).absolutePath();
    if (QFileInfo::exists(QDir(target).filePath(QStringLiteral("strata.ini"))))
        return target; // copied before: the person's own migrations stay
    const QString source = shipped();
    if (source.isEmpty())
        return Error::failure(QStringLiteral("the example project is not installed"));
    // The copy is the person's project (the editor writes its migrations, the SQLite file
    // beside them holds their rows): its files keep a project's modes. It lies in Strata's own
    // data folder, whose folders are made 0700 here (PrivateFiles), so others cannot reach it.
    if (auto made = PrivateFiles::ensureFolder(QFileInfo(target).absolutePath()); !made)
        return Error::failure(QStringLiteral("cannot copy the example project to %1: %2")
                                  .arg(target, made.error().message));
    const QDir from(source);
    QDirIterator files(source, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (files.hasNext()) {
        const QString file = files.next();
        const QString relative = from.relativeFilePath(file);
        // A cache or database left in the shipped folder by a build is not part of the example.
        if (relative.startsWith(QLatin1Char('.')) || relative.endsWith(QLatin1String(".db")))
            continue;
        const QString copy = QDir(target).filePath(relative);
        if (!QDir().mkpath(QFileInfo(copy).absolutePath()) || !QFile::copy(file, copy))
            return Error::failure(QStringLiteral("cannot copy the example project to %1: %2 "
                                                 "cannot be written")
                                      .arg(target, copy));
        QFile::setPermissions(copy, QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup |
                                        QFile::ReadOther);
    }
    return target;
}

} // namespace strata::gui
