// strata-gui: the desktop app. Profiles, history, pending plans and runs in worker threads.

#include "mainwindow.h"
#include "project/project.h"
#include "settings/settings.h"
#include "settings/translations.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QFileInfo>
#include <QTimer>

#include <cstdio>

namespace {

// The command line, described once for the text-only answers and the window alike.
struct Options
{
    QCommandLineOption project{
        QStringLiteral("project"),
        QCoreApplication::translate("main", "Open the migration project in DIR for this session."),
        QStringLiteral("DIR")};
    QCommandLineOption url{
        QStringLiteral("url"),
        QCoreApplication::translate("main", "The database of --project (default: the project's)."),
        QStringLiteral("URL")};
    QCommandLineOption edit{
        QStringLiteral("edit"),
        QCoreApplication::translate("main", "Open the migration FILE in the editor (several "
                                            "times for several files)."),
        QStringLiteral("FILE")};
    QCommandLineOption screenshot{
        QStringLiteral("screenshot"),
        QCoreApplication::translate("main", "Save a picture of the window to FILE after SECONDS "
                                            "(--screenshot-delay, default 3) and quit."),
        QStringLiteral("FILE")};
    QCommandLineOption delay{QStringLiteral("screenshot-delay"),
                             QCoreApplication::translate("main", "Seconds before --screenshot."),
                             QStringLiteral("SECONDS"), QStringLiteral("3")};

    void addTo(QCommandLineParser &parser) const
    {
        parser.setApplicationDescription(QCoreApplication::translate(
            "main", "Strata: database schema migrations as SQL files."));
        parser.addHelpOption();
        parser.addVersionOption();
        parser.addOptions({project, url, edit, screenshot, delay});
    }
};

void describeApplication()
{
    QCoreApplication::setApplicationName(QStringLiteral("strata"));
    QCoreApplication::setOrganizationName(QStringLiteral("Strata"));
    QCoreApplication::setApplicationVersion(QStringLiteral(STRATA_VERSION_STRING));
}

// --help and --version are answered on the terminal, without a display (in scripts, over ssh,
// in package checks). Other words are left to QApplication first: it takes its own (-platform,
// -style), then the parser says what it does not know.
bool answersWithoutWindow(int argc, char *argv[])
{
    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments.append(QString::fromLocal8Bit(argv[i]));
    QCommandLineParser parser;
    Options().addTo(parser);
    (void)parser.parse(arguments); // unknown words are QApplication's or the window's to judge
    return parser.isSet(QStringLiteral("help")) || parser.isSet(QStringLiteral("help-all")) ||
           parser.isSet(QStringLiteral("version"));
}

} // namespace

int main(int argc, char *argv[])
{
    describeApplication();
    if (answersWithoutWindow(argc, argv)) {
        QCoreApplication app(argc, argv);
        strata::gui::installTranslations(strata::gui::Settings::load().language, &app);
        // Settings are read: the name may now be the program's, for "strata-gui 1.2.3".
        QCoreApplication::setApplicationName(QStringLiteral("strata-gui"));
        QCommandLineParser parser;
        const Options options;
        options.addTo(parser);
        (void)parser.parse(QCoreApplication::arguments());
        if (parser.isSet(QStringLiteral("version")))
            parser.showVersion(); // exits
        if (parser.isSet(QStringLiteral("help")))
            parser.showHelp(0); // exits
        parser.process(app);    // --help-all: Qt's own options too
        return 0;
    }

    QApplication app(argc, argv);
    QApplication::setApplicationDisplayName(QStringLiteral("Strata"));
    QApplication::setDesktopFileName(QStringLiteral("io.strata.Strata"));
    strata::gui::installTranslations(strata::gui::Settings::load().language, &app);

    QCommandLineParser parser;
    const Options options;
    options.addTo(parser);
    parser.process(app);

    strata::gui::MainWindow window;
    const QStringList files = parser.values(options.edit);
    if (parser.isSet(options.project)) {
        window.openProject(parser.value(options.project), parser.value(options.url));
    } else if (!files.isEmpty()) {
        // A file to edit and no project named: the project that holds the file, for this session.
        if (auto root = strata::Project::findRoot(QFileInfo(files.first()).absolutePath()))
            window.openProject(*root, parser.value(options.url));
    }
    window.show();
    for (const QString &file : files)
        window.openInEditor(QFileInfo(file).absoluteFilePath());

    if (parser.isSet(options.screenshot)) {
        const QString file = parser.value(options.screenshot);
        QTimer::singleShot(
            int(parser.value(options.delay).toDouble() * 1000), &window, [&window, file] {
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
