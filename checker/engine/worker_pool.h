// WorkerPool: runs numbered tasks on a fixed set of std::threads, the caller included.
//
// Run(n, task) calls task(worker, i) exactly once for every i in [0, n) and returns when all
// calls have returned. Which worker runs which task is up to the scheduler; callers that need
// deterministic results write each task's output to a slot of its own (indexed by i) and
// combine the slots in index order afterwards (bfs.h does).
//
// With threads == 1 no thread is started and tasks run inline, in order. The std::function is
// called once per task, not per transition, so its cost does not matter.
#ifndef RAFTCHECK_CHECKER_ENGINE_WORKER_POOL_H_
#define RAFTCHECK_CHECKER_ENGINE_WORKER_POOL_H_

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace raftcheck::engine {

class WorkerPool {
 public:
  using Task = std::function<void(int worker, std::size_t task)>;

  // Starts threads - 1 helper threads; the caller of Run is worker 0.
  // REQUIRES: threads >= 1.
  explicit WorkerPool(int threads);
  ~WorkerPool();  // joins the helpers

  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  int threads() const { return static_cast<int>(helpers_.size()) + 1; }

  // Runs task(worker, i) for every i in [0, n); worker is in [0, threads()).
  // REQUIRES: not called concurrently, and not from inside a task.
  void Run(std::size_t n, const Task& task);

 private:
  void HelperLoop(int worker);
  void Drain(int worker);

  std::vector<std::thread> helpers_;
  std::mutex mu_;
  std::condition_variable start_cv_;
  std::condition_variable done_cv_;
  std::uint64_t generation_ = 0;  // guarded by mu_; bumped by each Run
  bool stopping_ = false;         // guarded by mu_
  int busy_helpers_ = 0;          // guarded by mu_
  // Published under mu_ before generation_ is bumped; read by workers after they see it.
  const Task* task_ = nullptr;
  std::size_t tasks_ = 0;
  std::atomic<std::size_t> next_{0};
};

}  // namespace raftcheck::engine

#endif  // RAFTCHECK_CHECKER_ENGINE_WORKER_POOL_H_
