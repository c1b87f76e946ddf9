#include "cli.h"
#include "interrupts.h"

#include <QCoreApplication>

int main(int argc, char *argv[])
{
    // First, so that every thread started later leaves Ctrl-C and SIGTERM to it.
    strata::cli::Interrupts::install();
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("strata"));
    QCoreApplication::setApplicationVersion(QStringLiteral(STRATA_VERSION_STRING));
    QTextStream out(stdout);
    QTextStream err(stderr);
    strata::cli::Cli cli(out, err);
    return cli.run(QCoreApplication::arguments());
}
