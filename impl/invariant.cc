#include "impl/invariant.h"

#include <atomic>
#include <cstdio>
#include <cstdlib>

namespace raft {
namespace {
std::atomic<InvariantHandler> g_handler{nullptr};
}  // namespace

InvariantHandler SetInvariantHandler(InvariantHandler handler) { return g_handler.exchange(handler); }

void InvariantFailed(const char* name, const char* condition, const char* file, int line) {
  if (InvariantHandler handler = g_handler.load()) handler(name, condition, file, line);
  std::fprintf(stderr, "raft: invariant violated: %s (%s) at %s:%d\n", name, condition, file, line);
  std::fflush(stderr);
  std::abort();
}

}  // namespace raft
