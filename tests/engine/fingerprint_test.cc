#include "checker/engine/fingerprint.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <bit>
#include <cstdint>
#include <string>
#include <vector>

#include "checker/engine/rng.h"

namespace raftcheck::engine {
namespace {

std::string RandomBytes(Rng& rng, std::size_t n) {
  std::string s(n, '\0');
  for (char& c : s) c = static_cast<char>(rng.Next());
  return s;
}

TEST(Fingerprint, EqualBytesGiveEqualFingerprints) {
  const std::string a = "the same bytes, twice";
  const std::string b = a;  // a distinct buffer with the same content
  EXPECT_EQ(Fingerprint(a), Fingerprint(b));
  EXPECT_EQ(Fingerprint(a.data(), a.size()), Fingerprint(std::string_view(a)));
}

TEST(Fingerprint, LengthAndTailMatter) {
  // Zero padding of the tail must not make these equal: the length is hashed too.
  EXPECT_NE(Fingerprint(std::string("")), Fingerprint(std::string(1, '\0')));
  EXPECT_NE(Fingerprint(std::string("ab")), Fingerprint(std::string("ab\0", 3)));
  EXPECT_NE(Fingerprint(std::string(8, '\0')), Fingerprint(std::string(16, '\0')));
  EXPECT_NE(Fingerprint(std::string("abcdefgh1")), Fingerprint(std::string("abcdefgh2")));
}

TEST(Fingerprint, ZeroHashIsRemapped) {
  EXPECT_NE(FingerprintFromHash(0), 0u);
  EXPECT_EQ(FingerprintFromHash(0), kZeroFingerprintReplacement);
  EXPECT_EQ(FingerprintFromHash(12345), 12345u);
  EXPECT_NE(Fingerprint(std::string()), 0u);
}

// Strict avalanche: flipping any one input bit flips each output bit with probability 1/2.
// For every input bit of a message we flip it in `kSamples` random messages and count flips.
// Tolerances, from the binomial spread of an ideal hash: the mean flip count over 300 trials
// has sd 4/sqrt(300) ~ 0.23, and the band of +-1.5 is 6.5 sd (measured worst over all input
// bits: ~0.7); an output bit's flip rate over T >= 19200 trials has sd <= 0.0036, and the band
// of +-0.025 is 7 sd (measured worst: ~0.009). Dropping the final avalanche already misses the
// first band (worst input bit ~1.9 on 8-byte messages); dropping all mixing misses both by far.
void ExpectAvalanche(std::size_t length) {
  constexpr int kSamples = 300;
  Rng rng(length);  // any fixed seed: the test must be reproducible
  std::vector<int> per_output_bit(64, 0);
  long total_flips = 0;
  long trials = 0;
  for (std::size_t bit = 0; bit < length * 8; ++bit) {
    long flips_for_this_input_bit = 0;
    for (int s = 0; s < kSamples; ++s) {
      std::string msg = RandomBytes(rng, length);
      const std::uint64_t before = Fingerprint(msg);
      msg[bit / 8] = static_cast<char>(msg[bit / 8] ^ (1 << (bit % 8)));
      const std::uint64_t diff = before ^ Fingerprint(msg);
      flips_for_this_input_bit += std::popcount(diff);
      for (int o = 0; o < 64; ++o) per_output_bit[o] += (diff >> o) & 1;
    }
    const double mean = static_cast<double>(flips_for_this_input_bit) / kSamples;
    EXPECT_NEAR(mean, 32.0, 1.5) << "length " << length << ", input bit " << bit;
    total_flips += flips_for_this_input_bit;
    trials += kSamples;
  }
  EXPECT_NEAR(static_cast<double>(total_flips) / trials, 32.0, 0.5) << "length " << length;
  for (int o = 0; o < 64; ++o) {
    EXPECT_NEAR(static_cast<double>(per_output_bit[o]) / trials, 0.5, 0.025)
        << "length " << length << ", output bit " << o;
  }
}

TEST(Fingerprint, AvalancheOnOneWord) { ExpectAvalanche(8); }
TEST(Fingerprint, AvalancheWithATail) { ExpectAvalanche(13); }
TEST(Fingerprint, AvalancheOnSeveralWords) { ExpectAvalanche(40); }

// Structured inputs like real encodings (small integers side by side) must not collide: a
// million pairs (i, j). With a 64-bit hash the chance of any collision here is ~2^-25.
TEST(Fingerprint, NoCollisionsOnStructuredInputs) {
  constexpr std::uint32_t kSide = 1000;
  std::vector<std::uint64_t> fps;
  fps.reserve(kSide * kSide);
  for (std::uint32_t i = 0; i < kSide; ++i) {
    for (std::uint32_t j = 0; j < kSide; ++j) {
      const std::uint32_t words[2] = {i, j};
      fps.push_back(Fingerprint(words, sizeof(words)));
    }
  }
  std::sort(fps.begin(), fps.end());
  EXPECT_EQ(std::adjacent_find(fps.begin(), fps.end()), fps.end());
}

}  // namespace
}  // namespace raftcheck::engine
