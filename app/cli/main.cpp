// jitharness: the command-line front end. Links core only.
#include "cli/commands.h"

#include <QCoreApplication>

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("JIT Harness"));
    QCoreApplication::setApplicationName(QStringLiteral("jitharness"));
    QCoreApplication::setApplicationVersion(QStringLiteral(JH_VERSION));
    return jh::cli::run(QCoreApplication::arguments());
}
