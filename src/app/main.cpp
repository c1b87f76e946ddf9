// strata-gui: the desktop app. Profiles, history, pending plans and runs in worker threads.

#include "mainwindow.h"
#include "project/project.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QFileInfo>
#include <QLibraryInfo>
#include <QLocale>
#include <QSettings>
#include <QTimer>
#include <QTranslator>

#include <cstdio>

namespace {

// The language chosen in Settings, else the system's. Without a translation the English one
// is loaded: it holds only the plural forms ("1 step", "2 steps").
void installTranslators(QApplication &app)
{
    const QString chosen = QSettings().value(QStringLiteral("language")).toString();
    const QLocale locale = chosen.isEmpty() ? QLocale::system() : QLocale(chosen);
    auto *strata = new QTranslator(&app);
    if (strata->load(locale, QStringLiteral("strata"), QStringLiteral("_"),
                     QStringLiteral(":/i18n")) ||
        strata->load(QStringLiteral(":/i18n/strata_en")))
        QApplication::installTranslator(strata);
    auto *qt = new QTranslator(&app);
    if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QApplication::installTranslator(qt);
}

} // namespace

int main(int argc, char *argv[])
{
    // --version answers without a display (in scripts, over ssh, in package checks).
    for (int i = 1; i < argc; ++i) {
        if (qstrcmp(argv[i], "--version") == 0 || qstrcmp(argv[i], "-v") == 0) {
            std::printf("strata-gui %s\n", STRATA_VERSION_STRING);
            return 0;
        }
    }
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("strata"));
    QApplication::setOrganizationName(QStringLiteral("Strata"));
    QApplication::setApplicationDisplayName(QStringLiteral("Strata"));
    QApplication::setApplicationVersion(QStringLiteral(STRATA_VERSION_STRING));
    QApplication::setDesktopFileName(QStringLiteral("io.strata.Strata"));
    installTranslators(app);

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QApplication::translate("main", "Strata: database schema migrations as SQL files."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption project(
        QStringLiteral("project"),
        QApplication::translate("main", "Open the migration project in DIR for this session."),
        QStringLiteral("DIR"));
    const QCommandLineOption url(
        QStringLiteral("url"),
        QApplication::translate("main", "The database of --project (default: the project's)."),
        QStringLiteral("URL"));
    const QCommandLineOption screenshot(
        QStringLiteral("screenshot"),
        QApplication::translate("main", "Save a picture of the window to FILE after SECONDS "
                                        "(--screenshot-delay, default 3) and quit."),
        QStringLiteral("FILE"));
    const QCommandLineOption delay(QStringLiteral("screenshot-delay"),
                                   QApplication::translate("main", "Seconds before --screenshot."),
                                   QStringLiteral("SECONDS"), QStringLiteral("3"));
    const QCommandLineOption edit(
        QStringLiteral("edit"),
        QApplication::translate("main", "Open the migration FILE in the editor (several times "
                                        "for several files)."),
        QStringLiteral("FILE"));
    parser.addOptions({project, url, edit, screenshot, delay});
    parser.process(app);

    strata::gui::MainWindow window;
    const QStringList files = parser.values(edit);
    if (parser.isSet(project)) {
        window.openProject(parser.value(project), parser.value(url));
    } else if (!files.isEmpty()) {
        // A file to edit and no project named: the project that holds the file, for this session.
        if (auto root = strata::Project::findRoot(QFileInfo(files.first()).absolutePath()))
            window.openProject(*root, parser.value(url));
    }
    window.show();
    for (const QString &file : files)
        window.openInEditor(QFileInfo(file).absoluteFilePath());

    if (parser.isSet(screenshot)) {
        const QString file = parser.value(screenshot);
        QTimer::singleShot(int(parser.value(delay).toDouble() * 1000), &window, [&window, file] {
            if (!window.grab().save(file)) {
                std::fprintf(stderr, "strata-gui: cannot write %s\n", qPrintable(file));
                QApplication::exit(1);
                return;
            }
            QApplication::quit();
        });
    }
    return QApplication::exec();
}
