#include "checker/engine/fingerprint_set.h"

#include <bit>
#include <utility>

namespace raftcheck::engine {

namespace {
constexpr std::size_t kMinCapacity = 16;
}  // namespace

FingerprintSet::FingerprintSet(std::size_t initial_capacity) {
  SetCapacity(std::bit_ceil(initial_capacity < kMinCapacity ? kMinCapacity : initial_capacity));
}

void FingerprintSet::SetCapacity(std::size_t capacity) {
  slots_.assign(capacity, 0);
  mask_ = capacity - 1;
  shift_ = 64 - std::countr_zero(capacity);
  grow_at_ = capacity / 4 * 3;
}

void FingerprintSet::Grow() {
  std::vector<std::uint64_t> old = std::move(slots_);
  SetCapacity(old.size() * 2);
  for (const std::uint64_t fp : old) {
    if (fp == 0) continue;
    std::size_t i = Home(fp);
    while (slots_[i] != 0) i = (i + 1) & mask_;
    slots_[i] = fp;
  }
}

}  // namespace raftcheck::engine
