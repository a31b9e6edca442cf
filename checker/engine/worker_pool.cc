#include "checker/engine/worker_pool.h"

namespace raftcheck::engine {

WorkerPool::WorkerPool(int threads) {
  for (int w = 1; w < threads; ++w) helpers_.emplace_back([this, w] { HelperLoop(w); });
}

WorkerPool::~WorkerPool() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  start_cv_.notify_all();
  for (std::thread& t : helpers_) t.join();
}

void WorkerPool::Run(std::size_t n, const Task& task) {
  if (helpers_.empty() || n <= 1) {
    for (std::size_t i = 0; i < n; ++i) task(0, i);
    return;
  }
  {
    std::lock_guard<std::mutex> lock(mu_);
    task_ = &task;
    tasks_ = n;
    next_.store(0, std::memory_order_relaxed);
    busy_helpers_ = static_cast<int>(helpers_.size());
    ++generation_;
  }
  start_cv_.notify_all();
  Drain(0);
  std::unique_lock<std::mutex> lock(mu_);
  done_cv_.wait(lock, [this] { return busy_helpers_ == 0; });
  task_ = nullptr;
}

void WorkerPool::HelperLoop(int worker) {
  std::uint64_t seen = 0;
  while (true) {
    {
      std::unique_lock<std::mutex> lock(mu_);
      start_cv_.wait(lock, [&] { return stopping_ || generation_ != seen; });
      if (stopping_) return;
      seen = generation_;
    }
    Drain(worker);
    std::lock_guard<std::mutex> lock(mu_);
    if (--busy_helpers_ == 0) done_cv_.notify_one();
  }
}

void WorkerPool::Drain(int worker) {
  while (true) {
    const std::size_t i = next_.fetch_add(1, std::memory_order_relaxed);
    if (i >= tasks_) return;
    (*task_)(worker, i);
  }
}

}  // namespace raftcheck::engine
