#include "properties/linearizable/memo.h"

namespace raftcheck::linearizable {
namespace {

constexpr std::uint64_t kAllOnes = ~std::uint64_t{0};
constexpr std::size_t kInitialSlots = 1024;  // a power of two

// Folds one word into a hash: a combine step, then MurmurHash3's 64-bit finalizer.
std::uint64_t Mix(std::uint64_t h, std::uint64_t word) {
  h ^= word + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdULL;
  h ^= h >> 33;
  return h;
}

std::uint64_t HashKey(const Bitset& set, const State& state) {
  std::uint64_t h = Mix(0, set.low());
  for (std::size_t w = set.low(); w < set.high(); ++w) h = Mix(h, set.words()[w]);
  h = Mix(h, state.size());
  for (std::int64_t s : state) h = Mix(h, static_cast<std::uint64_t>(s));
  return h;
}

}  // namespace

void Bitset::Set(std::size_t i) {
  const std::size_t w = i / kBits;
  words_[w] |= std::uint64_t{1} << (i % kBits);
  if (w + 1 > high_) high_ = w + 1;
  while (low_ < words_.size() && words_[low_] == kAllOnes) ++low_;
}

void Bitset::Clear(std::size_t i) {
  const std::size_t w = i / kBits;
  words_[w] &= ~(std::uint64_t{1} << (i % kBits));
  if (w < low_) low_ = w;
  if (w + 1 == high_) {
    while (high_ > 0 && words_[high_ - 1] == 0) --high_;
  }
}

MemoTable::MemoTable(std::size_t indeterminate_words)
    : ind_words_(indeterminate_words), slots_(kInitialSlots, 0), hashes_(kInitialSlots, 0) {}

std::size_t MemoTable::bytes() const {
  return (keys_.capacity() + records_arena_.capacity() + slots_.capacity() + hashes_.capacity()) *
         sizeof(std::uint64_t);
}

bool MemoTable::Matches(std::size_t at, const Bitset& d, const State& state) const {
  const std::uint64_t* p = keys_.data() + at + 1;  // past the first record
  const std::size_t n = d.high() - d.low();
  if (p[0] != d.low() || p[1] != n) return false;
  for (std::size_t k = 0; k < n; ++k) {
    if (p[2 + k] != d.words()[d.low() + k]) return false;
  }
  p += 2 + n;
  if (p[0] != state.size()) return false;
  for (std::size_t k = 0; k < state.size(); ++k) {
    if (p[1 + k] != static_cast<std::uint64_t>(state[k])) return false;
  }
  return true;
}

void MemoTable::Grow() {
  std::vector<std::uint64_t> slots(slots_.size() * 2, 0);
  std::vector<std::uint64_t> hashes(slots.size(), 0);
  const std::size_t mask = slots.size() - 1;
  for (std::size_t k = 0; k < slots_.size(); ++k) {
    if (slots_[k] == 0) continue;
    std::size_t i = hashes_[k] & mask;
    while (slots[i] != 0) i = (i + 1) & mask;
    slots[i] = slots_[k];
    hashes[i] = hashes_[k];
  }
  slots_.swap(slots);
  hashes_.swap(hashes);
}

std::uint64_t MemoTable::Visit(const Bitset& d, const Bitset& ind, const State& state) {
  const std::uint64_t h = HashKey(d, state);
  const std::size_t mask = slots_.size() - 1;
  std::size_t i = h & mask;
  for (; slots_[i] != 0; i = (i + 1) & mask) {
    if (hashes_[i] == h && Matches(slots_[i] - 1, d, state)) break;
  }
  std::size_t key = 0;
  if (slots_[i] != 0) {
    key = slots_[i] - 1;
    // A finished configuration with a subset of ind's operations prunes this one.
    for (std::uint64_t r = keys_[key]; r != 0; r = records_arena_[r - 1]) {
      const std::uint64_t* rec = records_arena_.data() + (r - 1);
      if (rec[1] == 0) continue;  // still being explored
      bool subset = true;
      for (std::size_t w = 0; w < ind_words_ && subset; ++w) {
        subset = (rec[2 + w] & ~ind.words()[w]) == 0;
      }
      if (subset) return kPruned;
    }
  } else {
    key = keys_.size();
    slots_[i] = key + 1;
    hashes_[i] = h;
    keys_.push_back(0);  // no record yet
    keys_.push_back(d.low());
    keys_.push_back(d.high() - d.low());
    keys_.insert(keys_.end(), d.words() + d.low(), d.words() + d.high());
    keys_.push_back(state.size());
    for (std::int64_t v : state) keys_.push_back(static_cast<std::uint64_t>(v));
    // Keep the load at most one half.
    if (++keys_count_ * 2 > slots_.size()) Grow();
  }
  const std::uint64_t record = records_arena_.size();
  records_arena_.push_back(keys_[key]);  // the next record of this key
  records_arena_.push_back(0);           // not finished
  records_arena_.insert(records_arena_.end(), ind.words(), ind.words() + ind_words_);
  keys_[key] = record + 1;
  ++records_;
  return record;
}

void MemoTable::Finish(std::uint64_t handle) { records_arena_[handle + 1] = 1; }

}  // namespace raftcheck::linearizable
