// Rng: the per-run random generator of simulation. There is no global randomness anywhere in
// raftcheck: every generator is an object seeded explicitly, so a seed reproduces a run.
//
// A SplitMix-style generator (a Weyl sequence, state += 2^64 / golden ratio, passed through a
// bijective mixer; here our own Avalanche64 from fingerprint.h). Not cryptographic; fast,
// 8 bytes of state, and every seed gives a full-period stream.
#ifndef RAFTCHECK_CHECKER_ENGINE_RNG_H_
#define RAFTCHECK_CHECKER_ENGINE_RNG_H_

#include <cstdint>

#include "checker/engine/fingerprint.h"

namespace raftcheck::engine {

class Rng {
 public:
  explicit Rng(std::uint64_t seed) : state_(seed) {}

  std::uint64_t Next() {
    state_ += 0x9E3779B97F4A7C15ULL;
    return Avalanche64(state_);
  }

  // Uniform in [0, n), without modulo bias: draws below 2^64 mod n are rejected, so the
  // remaining range is a whole multiple of n. REQUIRES: n > 0.
  std::uint64_t Below(std::uint64_t n) {
    const std::uint64_t reject_below = (0 - n) % n;  // 2^64 mod n
    while (true) {
      const std::uint64_t x = Next();
      if (x >= reject_below) return x % n;
    }
  }

  // Uniform in [0, 1), 53 bits.
  double Uniform01() { return static_cast<double>(Next() >> 11) * 0x1.0p-53; }

  bool operator==(const Rng&) const = default;

 private:
  std::uint64_t state_;
};

// The seed of run `run` of a simulation seeded with `seed`. Distinct (seed, run) pairs give
// unrelated streams; the same pair always gives the same one.
inline std::uint64_t RunSeed(std::uint64_t seed, std::uint64_t run) {
  return Avalanche64(Avalanche64(seed ^ 0x6A09E667F3BCC909ULL) + run);
}

}  // namespace raftcheck::engine

#endif  // RAFTCHECK_CHECKER_ENGINE_RNG_H_
