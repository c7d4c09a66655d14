#include "bench_measure.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>

namespace jh::bench {
namespace {

constexpr int kSlices = 8;

// Runs `op` repeatedly for about `ns` nanoseconds; adds to the counters.
bool runSlice(const std::function<bool()>& op, qint64 ns, qint64& ops, qint64& elapsed)
{
    QElapsedTimer t;
    t.start();
    qint64 n = 0;
    do {
        if (!op())
            return false;
        ++n;
    } while (t.nsecsElapsed() < ns);
    ops += n;
    elapsed += t.nsecsElapsed();
    return true;
}

} // namespace

Runner::Runner(double seconds, QString filter, bool json)
    : m_seconds(seconds), m_filter(std::move(filter)), m_json(json)
{}

void Runner::add(Measure m)
{
    if (m_filter.isEmpty() || m.name.contains(m_filter))
        m_measures.push_back(std::move(m));
}

bool Runner::measure(const Measure& m, Outcome& out) const
{
    // Warm up both (key conversion, caches) before counting.
    if (!m.subject() || !m.referenceOp())
        return false;
    const qint64 sliceNs = qint64(m_seconds * 1e9 / (2 * kSlices));
    qint64 ops = 0, ns = 0, refOps = 0, refNs = 0;
    for (int i = 0; i < kSlices; ++i) {
        if (!runSlice(m.referenceOp, sliceNs, refOps, refNs) ||
            !runSlice(m.subject, sliceNs, ops, ns))
            return false;
    }
    out.opsPerSecond = double(ops) * 1e9 / double(ns);
    out.referenceOpsPerSecond = double(refOps) * 1e9 / double(refNs);
    return true;
}

void Runner::print(const Measure& m, const Outcome& o) const
{
    QTextStream s(stdout);
    if (m_json) {
        const QJsonObject j{
            {QStringLiteral("name"), m.name},
            {QStringLiteral("ops_per_s"), qRound(o.opsPerSecond * 10) / 10.0},
            {QStringLiteral("reference"), m.reference},
            {QStringLiteral("reference_ops_per_s"), qRound(o.referenceOpsPerSecond * 10) / 10.0},
            {QStringLiteral("ratio"), qRound(o.ratio() * 1000) / 1000.0},
            {QStringLiteral("threads"), m.threads}};
        s << QJsonDocument(j).toJson(QJsonDocument::Compact) << "\n";
        return;
    }
    s << QStringLiteral("%1 %2 ops/s   vs %3 %4 ops/s   ratio %5\n")
             .arg(m.name, -34)
             .arg(o.opsPerSecond, 10, 'f', 1)
             .arg(m.reference, -34)
             .arg(o.referenceOpsPerSecond, 10, 'f', 1)
             .arg(o.ratio(), 0, 'f', 3);
}

int Runner::run()
{
    int rc = 0;
    for (const Measure& m : m_measures) {
        Outcome o;
        if (!measure(m, o)) {
            QTextStream(stderr) << "jitharness-bench: " << m.name << " failed\n";
            rc = 1;
            continue;
        }
        print(m, o);
    }
    return rc;
}

} // namespace jh::bench
