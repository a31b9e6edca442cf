// A small deterministic generator (SplitMix64). Each node owns one, seeded from its Config;
// there is no global randomness anywhere in raftcheck.
#ifndef RAFTCHECK_IMPL_RNG_H_
#define RAFTCHECK_IMPL_RNG_H_

#include <cstdint>

namespace raft {

class Rng {
 public:
  explicit Rng(std::uint64_t seed = 0) : state_(seed) {}
  std::uint64_t Next() {
    std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  // Uniform in [0, n). REQUIRES: n > 0. (The modulo bias is below 2^-50 for the n used here.)
  std::uint64_t Below(std::uint64_t n) { return Next() % n; }
  bool operator==(const Rng&) const = default;

 private:
  std::uint64_t state_;
};

}  // namespace raft

#endif  // RAFTCHECK_IMPL_RNG_H_
