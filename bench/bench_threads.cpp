#include "bench_threads.h"

namespace jh::bench {

ThreadPair::ThreadPair(std::array<Ops, 2> lanes) : m_lanes(std::move(lanes))
{
    for (const Ops& lane : m_lanes)
        m_threads.emplace_back([this, &lane] { work(lane); });
}

ThreadPair::~ThreadPair()
{
    {
        const std::lock_guard lock(m_mutex);
        m_stop = true;
    }
    m_toWorkers.notify_all();
    for (std::thread& t : m_threads)
        t.join();
}

bool ThreadPair::take(Op op)
{
    // m_op is written only here, on the runner's thread.
    if (op == m_op && m_credit > 0) {
        --m_credit;
        return true;
    }
    std::unique_lock lock(m_mutex);
    if (op != m_op) {
        m_op = op;
        ++m_generation;
        m_done = 0;
        m_credit = 0;
    }
    m_toWorkers.notify_all();
    m_toRunner.wait(lock, [this] { return m_done >= kBatch || m_failed; });
    if (m_failed)
        return false;
    m_credit = m_done - 1;
    m_done = 0;
    m_toWorkers.notify_all();
    return true;
}

void ThreadPair::work(const Ops& lane)
{
    std::unique_lock lock(m_mutex);
    for (;;) {
        m_toWorkers.wait(lock, [this] { return m_stop || (m_op != Op::None && m_done < kAhead); });
        if (m_stop)
            return;
        const Op op = m_op;
        const unsigned generation = m_generation;
        lock.unlock();
        const bool ok = op == Op::Subject ? lane.subject() : lane.reference();
        lock.lock();
        if (generation != m_generation)
            continue;
        m_failed = m_failed || !ok;
        if (++m_done >= kBatch || !ok)
            m_toRunner.notify_one();
    }
}

void addOneAndTwoThreads(Runner& runner, const QString& name, const QString& reference,
                         std::array<ThreadPair::Ops, 3> lanes,
                         const std::shared_ptr<const void>& keepAlive)
{
    const ThreadPair::Ops one = lanes[0];
    runner.add({name + QStringLiteral("t1"), reference + QStringLiteral("t1"),
                [one, keepAlive] { return one.subject(); }, one.reference, 1});
    auto pair = std::make_shared<ThreadPair>(std::array<ThreadPair::Ops, 2>{lanes[1], lanes[2]});
    runner.add({name + QStringLiteral("t2"), reference + QStringLiteral("t2"),
                [pair, keepAlive] { return pair->subject(); }, [pair] { return pair->reference(); },
                2});
}

} // namespace jh::bench
