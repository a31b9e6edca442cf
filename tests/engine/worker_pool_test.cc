#include "checker/engine/worker_pool.h"

#include <gtest/gtest.h>

#include <atomic>
#include <cstddef>
#include <vector>

namespace raftcheck::engine {
namespace {

TEST(WorkerPool, RunsEveryTaskExactlyOnce) {
  for (int threads : {1, 2, 4}) {
    WorkerPool pool(threads);
    EXPECT_EQ(pool.threads(), threads);
    for (std::size_t n : {0, 1, 2, 1000}) {
      std::vector<std::atomic<int>> runs(n);
      std::atomic<bool> worker_out_of_range{false};
      pool.Run(n, [&](int worker, std::size_t i) {
        if (worker < 0 || worker >= threads) worker_out_of_range = true;
        runs[i].fetch_add(1);
      });
      for (std::size_t i = 0; i < n; ++i) EXPECT_EQ(runs[i].load(), 1) << threads << " " << i;
      EXPECT_FALSE(worker_out_of_range.load());
    }
  }
}

TEST(WorkerPool, SeesWritesOfEarlierRunsAndIsReusable) {
  WorkerPool pool(3);
  std::vector<long> slots(64, 0);
  // Each run adds its round number to every slot; the next run reads what the last one wrote.
  for (int round = 1; round <= 200; ++round) {
    pool.Run(slots.size(), [&](int, std::size_t i) { slots[i] += round; });
  }
  for (long v : slots) EXPECT_EQ(v, 200 * 201 / 2);
}

TEST(WorkerPool, OneThreadRunsInlineInOrder) {
  WorkerPool pool(1);
  std::vector<std::size_t> order;
  pool.Run(5, [&](int worker, std::size_t i) {
    EXPECT_EQ(worker, 0);
    order.push_back(i);
  });
  EXPECT_EQ(order, (std::vector<std::size_t>{0, 1, 2, 3, 4}));
}

}  // namespace
}  // namespace raftcheck::engine
