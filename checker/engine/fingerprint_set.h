// FingerprintSet: the visited set of a search. Stores only 8-byte fingerprints.
//
// Invariants:
//  1. Open addressing with linear probing over a power-of-two number of slots; 0 marks an empty
//     slot, which is why fingerprints are never 0 (fingerprint.h).
//  2. The table doubles when an insert would push the load above 3/4, so the load stays in
//     (3/8, 3/4] once the table has grown: 10.7 to 21.3 bytes per stored fingerprint.
//  3. No removal, so probe sequences never break.
//
// Not thread-safe for writers. Any number of threads may call Contains() at once while nobody
// inserts; multi-threaded BFS relies on exactly that (reads while expanding, writes while
// merging, never both).
#ifndef RAFTCHECK_CHECKER_ENGINE_FINGERPRINT_SET_H_
#define RAFTCHECK_CHECKER_ENGINE_FINGERPRINT_SET_H_

#include <cstddef>
#include <cstdint>
#include <vector>

namespace raftcheck::engine {

class FingerprintSet {
 public:
  // The table starts with `initial_capacity` slots, rounded up to a power of two (at least 16).
  explicit FingerprintSet(std::size_t initial_capacity = 1 << 12);

  FingerprintSet(const FingerprintSet&) = delete;
  FingerprintSet& operator=(const FingerprintSet&) = delete;

  // Adds fp. Returns true if it was not present. May grow the table.
  // REQUIRES: fp != 0.
  bool Insert(std::uint64_t fp) {
    if (size_ + 1 > grow_at_) Grow();
    std::size_t i = Home(fp);
    while (true) {
      const std::uint64_t slot = slots_[i];
      if (slot == fp) return false;
      if (slot == 0) {
        slots_[i] = fp;
        ++size_;
        return true;
      }
      i = (i + 1) & mask_;
    }
  }

  // REQUIRES: fp != 0.
  bool Contains(std::uint64_t fp) const {
    std::size_t i = Home(fp);
    while (true) {
      const std::uint64_t slot = slots_[i];
      if (slot == fp) return true;
      if (slot == 0) return false;
      i = (i + 1) & mask_;
    }
  }

  // Hints the CPU to load fp's home slot: call it a few lookups ahead of Contains(fp) to
  // overlap the cache misses of a large table. No effect on the contents.
  void Prefetch(std::uint64_t fp) const { __builtin_prefetch(&slots_[Home(fp)]); }

  std::size_t size() const { return size_; }
  std::size_t capacity() const { return slots_.size(); }
  // Bytes held by the table.
  std::size_t Bytes() const { return slots_.size() * sizeof(std::uint64_t); }

  // True if the next Insert of a new fingerprint doubles the table.
  bool NeedsGrowth() const { return size_ + 1 > grow_at_; }
  // Bytes held at the peak of the next growth (old and new table side by side).
  std::size_t GrowthPeakBytes() const { return 3 * Bytes(); }

 private:
  // The home slot: the top bits of a multiplicative hash, so that even structured
  // fingerprints (tests insert 1, 2, 3, ...) spread over the table.
  std::size_t Home(std::uint64_t fp) const {
    return static_cast<std::size_t>((fp * 0x9E3779B97F4A7C15ULL) >> shift_);
  }
  void Grow();
  void SetCapacity(std::size_t capacity);

  std::vector<std::uint64_t> slots_;
  std::size_t mask_ = 0;
  int shift_ = 64;
  std::size_t size_ = 0;
  std::size_t grow_at_ = 0;  // the largest size allowed before doubling
};

}  // namespace raftcheck::engine

#endif  // RAFTCHECK_CHECKER_ENGINE_FINGERPRINT_SET_H_
