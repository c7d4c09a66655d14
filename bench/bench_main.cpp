// jitharness-bench: throughput of the harness's hot paths, each next to a
// reference measured in the same run on the same machine (e.g. OpenSSL's raw
// signature rate with the same key), printed as ops/s and as the ratio.
// Subject and reference run in alternating slices so that machine noise
// (frequency scaling, the other core's load) hits both alike.
#include "bench_login.h"
#include "bench_measure.h"
#include "bench_saml_signing.h"
#include "bench_scim.h"
#include "bench_sp_validation.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QTextStream>

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("jitharness-bench"));
    QCommandLineParser p;
    p.setApplicationDescription(
        QStringLiteral("Measures JIT Harness throughput against references from the same run."));
    p.addHelpOption();
    p.addOption({QStringLiteral("json"), QStringLiteral("One JSON object per line and measure.")});
    p.addOption(
        {QStringLiteral("seconds"),
         QStringLiteral("Seconds per measure, split between subject and reference (default 4)."),
         QStringLiteral("S"), QStringLiteral("4")});
    p.addOption({QStringLiteral("filter"),
                 QStringLiteral("Run only measures whose name contains TEXT."),
                 QStringLiteral("TEXT")});
    p.process(app);

    bool ok = false;
    const double seconds = p.value(QStringLiteral("seconds")).toDouble(&ok);
    if (!ok || seconds <= 0) {
        QTextStream(stderr) << "jitharness-bench: --seconds must be a positive number\n";
        return 2;
    }
    jh::bench::Runner runner(seconds, p.value(QStringLiteral("filter")),
                             p.isSet(QStringLiteral("json")));
    if (!jh::bench::addSamlSigningMeasures(runner) || !jh::bench::addSpValidationMeasures(runner) ||
        !jh::bench::addLoginMeasures(runner) || !jh::bench::addScimMeasures(runner))
        return 2;
    return runner.run();
}
