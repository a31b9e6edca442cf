// The memo of the Wing-Gong search (Lowe, "Testing for linearizability", section 4): the
// configurations already explored, each the set of operations linearized so far and the
// model state they led to, split into the determinate operations (set D) and the
// indeterminate ones applied (set I).
//
// Invariants:
//  1. A Bitset's words_[0, low_) are all ones and words_[high_, size) all zeros, with low_
//     and high_ kept exact by Set and Clear; a set D is stored and hashed as (low_, the words
//     in [low_, high_)), which is canonical and short because a search linearizes operations
//     roughly in invocation order: the ones form a long prefix and a short ragged tail.
//  2. A finished configuration (D, I, s) failed. A configuration (D, I', s) with I a subset
//     of I' fails too: every way to finish from it finishes from (D, I, s), the operations of
//     I' but not I never taking effect (indeterminate ones may not; and they precede nothing
//     in real time). So Visit prunes it. Only finished configurations prune: a configuration
//     still being explored has not failed yet.
//  3. The table stores each (D, s) once, in one arena of words (no allocation per entry),
//     with the I sets recorded under it; keys are compared word by word on a hash match: no
//     false hits, whatever the hash.
#ifndef RAFTCHECK_PROPERTIES_LINEARIZABLE_MEMO_H_
#define RAFTCHECK_PROPERTIES_LINEARIZABLE_MEMO_H_

#include <cstddef>
#include <cstdint>
#include <vector>

#include "properties/linearizable/model.h"

namespace raftcheck::linearizable {

// A set of indices 0..n-1.
class Bitset {
 public:
  explicit Bitset(std::size_t n) : words_((n + kBits - 1) / kBits, 0) {}

  void Set(std::size_t i);
  void Clear(std::size_t i);
  bool Test(std::size_t i) const { return (words_[i / kBits] >> (i % kBits)) & 1; }

  std::size_t low() const { return low_; }
  std::size_t high() const { return high_ > low_ ? high_ : low_; }
  std::size_t size_words() const { return words_.size(); }
  const std::uint64_t* words() const { return words_.data(); }

 private:
  static constexpr std::size_t kBits = 64;
  std::vector<std::uint64_t> words_;
  std::size_t low_ = 0;   // leading all-ones words
  std::size_t high_ = 0;  // one past the last non-zero word
};

class MemoTable {
 public:
  // `indeterminate_words`: the size in words of every I set given to Visit.
  explicit MemoTable(std::size_t indeterminate_words);

  static constexpr std::uint64_t kPruned = ~std::uint64_t{0};
  // kPruned when a finished configuration prunes (d, i, state) (invariant 2); otherwise
  // records it as being explored and returns its handle for Finish.
  std::uint64_t Visit(const Bitset& d, const Bitset& i, const State& state);
  // Marks the configuration of `handle` finished: it failed.
  void Finish(std::uint64_t handle);

  std::size_t size() const { return records_; }  // configurations recorded
  std::size_t bytes() const;                     // held by the arenas and the table

 private:
  bool Matches(std::size_t at, const Bitset& d, const State& state) const;
  void Grow();

  std::size_t ind_words_;
  std::vector<std::uint64_t> keys_;           // per key: first record + 1, low, n, words, |s|, s
  std::vector<std::uint64_t> records_arena_;  // per record: next + 1, finished, I's words
  // Open addressing, linear probing: key offset + 1 (0: empty) and the full hash.
  std::vector<std::uint64_t> slots_;
  std::vector<std::uint64_t> hashes_;
  std::size_t keys_count_ = 0;
  std::size_t records_ = 0;
};

}  // namespace raftcheck::linearizable

#endif  // RAFTCHECK_PROPERTIES_LINEARIZABLE_MEMO_H_
