#include "cli.h"

#include <QCoreApplication>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("strata"));
    QCoreApplication::setApplicationVersion(QStringLiteral(STRATA_VERSION_STRING));
    QTextStream out(stdout);
    QTextStream err(stderr);
    strata::cli::Cli cli(out, err);
    return cli.run(QCoreApplication::arguments());
}
