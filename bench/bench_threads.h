// Two threads, each with its own state (its own "lane": documents, keys, SP,
// store connection), running whichever operation the runner last asked for:
// the subject or the reference. Each call counts one operation completed by
// either thread, so the runner's ops/s is the pair's combined rate. The
// runner is woken once per few completions, not per completion, so that
// waking it costs the workers little.
#pragma once

#include "bench_measure.h"

#include <array>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace jh::bench {

class ThreadPair
{
public:
    struct Ops
    {
        std::function<bool()> subject;
        std::function<bool()> reference;
    };

    explicit ThreadPair(std::array<Ops, 2> lanes);
    ~ThreadPair();
    ThreadPair(const ThreadPair&) = delete;
    ThreadPair& operator=(const ThreadPair&) = delete;

    bool subject() { return take(Op::Subject); }
    bool reference() { return take(Op::Reference); }

private:
    enum class Op
    {
        None,
        Subject,
        Reference
    };
    static constexpr int kBatch = 4; // completions per wake-up of the runner
    static constexpr int kAhead = 8; // completions not yet taken before the workers wait

    bool take(Op op);
    void work(const Ops& lane);

    std::array<Ops, 2> m_lanes;
    std::mutex m_mutex;
    std::condition_variable m_toWorkers;
    std::condition_variable m_toRunner;
    Op m_op = Op::None;
    unsigned m_generation = 0; // bumped at each switch: late completions of the old op don't count
    int m_done = 0;
    int m_credit = 0; // handed to the runner, not yet counted; the runner's thread only
    bool m_failed = false;
    bool m_stop = false;
    std::vector<std::thread> m_threads;
};

// Registers NAME.t1 (lanes[0] on the runner's thread) and NAME.t2 (lanes[1]
// and lanes[2] on two threads), each against REFERENCE run the same way.
// `keepAlive` holds what the lanes need beyond their own state (a folder).
void addOneAndTwoThreads(Runner& runner, const QString& name, const QString& reference,
                         std::array<ThreadPair::Ops, 3> lanes,
                         const std::shared_ptr<const void>& keepAlive = {});

} // namespace jh::bench
