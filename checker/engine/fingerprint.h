// Fingerprints: a 64-bit hash of a state's canonical encoding. The engine stores fingerprints,
// not states, so two different states with one fingerprint would silently merge; with n stored
// states and a well-mixed hash the chance of any such merge is about n^2 / 2^65 (1e8 states:
// about 3 in 10,000), the same trade TLC makes.
//
// Properties (tests/engine/fingerprint_test.cc checks them):
//  1. Deterministic within a build: equal bytes give equal fingerprints. (Words are read in the
//     host's byte order, so fingerprints are not meant to be compared across machines.)
//  2. Never 0: 0 marks an empty slot in FingerprintSet, so a hash of 0 is remapped.
//  3. Avalanche: flipping one input bit flips about half of the output bits.
//
// Construction (our own): the length seeds the state; each 8-byte word (the tail zero-padded)
// is pre-mixed by multiply-rotate-multiply, xored in, and the state is multiplied and
// xor-shifted so that high bits feed back into low ones; a final xor-shift-multiply avalanche
// spreads every input bit over the whole word. Pre-mixing does not depend on the running state,
// so only one multiply per word is on the critical path: a few ns per 8-byte word.
#ifndef RAFTCHECK_CHECKER_ENGINE_FINGERPRINT_H_
#define RAFTCHECK_CHECKER_ENGINE_FINGERPRINT_H_

#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace raftcheck::engine {

namespace fingerprint_internal {
// Odd constants with no structure to exploit: 2^64 divided by the golden ratio, and the
// fractional parts of sqrt(3), sqrt(5) and sqrt(2) (the last forced odd).
inline constexpr std::uint64_t kK1 = 0x9E3779B97F4A7C15ULL;
inline constexpr std::uint64_t kK2 = 0xBB67AE8584CAA73BULL;
inline constexpr std::uint64_t kK3 = 0x3C6EF372FE94F82BULL;
inline constexpr std::uint64_t kK4 = 0x6A09E667F3BCC909ULL;

inline std::uint64_t PreMix(std::uint64_t w) { return std::rotl(w * kK1, 29) * kK2; }

inline std::uint64_t Absorb(std::uint64_t h, std::uint64_t w) {
  h = (h ^ PreMix(w)) * kK3;
  return h ^ (h >> 28);
}
}  // namespace fingerprint_internal

// Every input bit reaches every output bit (a bijection on 64-bit words).
inline std::uint64_t Avalanche64(std::uint64_t x) {
  x ^= x >> 31;
  x *= fingerprint_internal::kK2;
  x ^= x >> 29;
  x *= fingerprint_internal::kK3;
  x ^= x >> 32;
  return x;
}

// The value a raw hash of 0 is replaced with: 0 means "empty" in FingerprintSet.
inline constexpr std::uint64_t kZeroFingerprintReplacement = fingerprint_internal::kK1;

// Maps a raw 64-bit hash to a fingerprint (never 0).
inline std::uint64_t FingerprintFromHash(std::uint64_t h) {
  return h != 0 ? h : kZeroFingerprintReplacement;
}

// The fingerprint of `n` bytes at `data`. Never 0.
inline std::uint64_t Fingerprint(const void* data, std::size_t n) {
  using namespace fingerprint_internal;
  const auto* p = static_cast<const unsigned char*>(data);
  std::uint64_t h = kK4 ^ (static_cast<std::uint64_t>(n) * kK1);
  std::size_t left = n;
  for (; left >= 8; left -= 8, p += 8) {
    std::uint64_t w;
    std::memcpy(&w, p, 8);
    h = Absorb(h, w);
  }
  if (left > 0) {  // the length is already in h, so zero padding is unambiguous
    std::uint64_t w = 0;
    std::memcpy(&w, p, left);
    h = Absorb(h, w);
  }
  return FingerprintFromHash(Avalanche64(h));
}

inline std::uint64_t Fingerprint(std::string_view bytes) {
  return Fingerprint(bytes.data(), bytes.size());
}

}  // namespace raftcheck::engine

#endif  // RAFTCHECK_CHECKER_ENGINE_FINGERPRINT_H_
