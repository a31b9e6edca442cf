#include "checker/engine/limits.h"

#include <unistd.h>

#include <cstdio>
#include <utility>

namespace raftcheck::engine {

namespace {

// How often the resident set size is read, at most.
constexpr double kRssIntervalSeconds = 0.05;

std::string MiB(std::uint64_t bytes) {
  char buf[32];
  std::snprintf(buf, sizeof(buf), "%.1f MiB", static_cast<double>(bytes) / (1 << 20));
  return buf;
}

}  // namespace

std::uint64_t ReadRssBytes() {
  std::FILE* f = std::fopen("/proc/self/statm", "r");
  if (f == nullptr) return 0;
  unsigned long long total_pages = 0, resident_pages = 0;
  const int n = std::fscanf(f, "%llu %llu", &total_pages, &resident_pages);
  std::fclose(f);
  if (n != 2) return 0;
  const long page = sysconf(_SC_PAGESIZE);
  return static_cast<std::uint64_t>(resident_pages) *
         static_cast<std::uint64_t>(page > 0 ? page : 4096);
}

LimitWatch::LimitWatch(const Limits& limits, ProgressFn progress, double progress_interval_seconds,
                       std::uint64_t state_cap)
    : limits_(limits),
      progress_(std::move(progress)),
      progress_interval_(progress_interval_seconds),
      max_states_(limits.max_states != 0 && limits.max_states < state_cap ? limits.max_states
                                                                          : state_cap),
      start_(Clock::now()) {}

double LimitWatch::Seconds() const {
  return std::chrono::duration<double>(Clock::now() - start_).count();
}

StopReason LimitWatch::StateCapReached() {
  if (limits_.max_states != 0 && limits_.max_states == max_states_) {
    reason_ = "state limit of " + std::to_string(max_states_) + " distinct states reached";
    return StopReason::kStateLimit;
  }
  reason_ =
      "state id space exhausted: at most " + std::to_string(max_states_) + " states can be stored";
  return StopReason::kIdSpace;
}

bool LimitWatch::MemoryAllows(std::uint64_t bytes) {
  if (limits_.max_memory_bytes == 0 || bytes <= limits_.max_memory_bytes) return true;
  reason_ = "memory cap of " + MiB(limits_.max_memory_bytes) + " reached (search holds about " +
            MiB(bytes) + ")";
  return false;
}

StopReason LimitWatch::Poll(Progress figures, std::uint64_t estimated_bytes) {
  const double now = Seconds();
  if (limits_.max_seconds > 0 && now >= limits_.max_seconds) {
    char buf[64];
    std::snprintf(buf, sizeof(buf), "time limit of %g s reached", limits_.max_seconds);
    reason_ = buf;
    return StopReason::kTimeLimit;
  }
  if (!MemoryAllows(estimated_bytes)) return StopReason::kMemoryLimit;
  if (limits_.max_memory_bytes != 0 && limits_.check_rss &&
      (last_rss_read_ < 0 || now - last_rss_read_ >= kRssIntervalSeconds)) {
    last_rss_read_ = now;
    const std::uint64_t rss = ReadRssBytes();
    if (rss > limits_.max_memory_bytes) {
      reason_ = "memory cap of " + MiB(limits_.max_memory_bytes) + " reached (resident set " +
                MiB(rss) + ")";
      return StopReason::kMemoryLimit;
    }
  }
  if (progress_ && now - last_progress_ >= progress_interval_) {
    const double dt = now - last_progress_;
    figures.seconds = now;
    figures.states_per_second =
        dt > 0 ? static_cast<double>(figures.states - last_progress_states_) / dt : 0;
    last_progress_ = now;
    last_progress_states_ = figures.states;
    progress_(figures);
  }
  return StopReason::kNone;
}

}  // namespace raftcheck::engine
