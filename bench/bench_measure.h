// The measuring machinery shared by every benchmark: a measure is a subject
// and a reference operation; the runner alternates them in slices, counts
// operations per second of each, and prints the ratio.
#pragma once

#include <QString>
#include <functional>
#include <vector>

namespace jh::bench {

struct Measure
{
    QString name;                  // "saml.sign.assertion.rsa2048"
    QString reference;             // "openssl.evp_sign.rsa2048.sha256"
    std::function<bool()> subject; // one operation; false = failure, stops the run
    std::function<bool()> referenceOp;
    int threads = 1;
};

struct Outcome
{
    double opsPerSecond = 0;
    double referenceOpsPerSecond = 0;
    double ratio() const
    {
        return referenceOpsPerSecond > 0 ? opsPerSecond / referenceOpsPerSecond : 0;
    }
};

class Runner
{
public:
    Runner(double seconds, QString filter, bool json);
    void add(Measure m);
    int run(); // 0 when every measure ran, 1 if one failed

private:
    bool measure(const Measure& m, Outcome& out) const;
    void print(const Measure& m, const Outcome& o) const;

    double m_seconds;
    QString m_filter;
    bool m_json;
    std::vector<Measure> m_measures;
};

} // namespace jh::bench
