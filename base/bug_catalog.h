// Seeded bugs, the one pattern every system shares: an enum of named deliberate deviations, a
// catalog that names and describes each, and a set of them switched on. The production library
// (impl/bugs.h), raft.tla (model/) and AbstractRaft (model/abstract/) each declare their enum
// and catalog with these templates; what a bug breaks and the bounds that show it belong to
// the checker (each system's bug scenarios), not here.
//
// Invariants of a catalog (CheckCatalogOrder asserts them at compile time):
//   1. Entry k describes the enumerator with value k, so the enum's size is the catalog's.
//   2. Names are unique and start with the system's prefix ("tla-", "abstract-", or none).
#ifndef RAFTCHECK_BASE_BUG_CATALOG_H_
#define RAFTCHECK_BASE_BUG_CATALOG_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

namespace base {

template <class Bug>
struct BugEntry {
  Bug bug;
  std::string_view name;     // the --bug name
  std::string_view summary;  // one line: what deviates, and the real bug it is modelled on
};

// True when entry k of `catalog` describes enumerator k (invariant 1).
template <class Bug, std::size_t N>
constexpr bool CatalogInEnumOrder(const BugEntry<Bug> (&catalog)[N]) {
  for (std::size_t k = 0; k < N; ++k) {
    if (static_cast<std::size_t>(catalog[k].bug) != k) return false;
  }
  return true;
}

template <class Bug>
std::optional<Bug> FindBug(std::span<const BugEntry<Bug>> catalog, std::string_view name) {
  for (const BugEntry<Bug>& e : catalog) {
    if (e.name == name) return e.bug;
  }
  return std::nullopt;
}

// A set of the bugs of one catalog; empty by default.
template <class Bug>
class BugSet {
 public:
  constexpr BugSet() = default;
  constexpr bool Has(Bug b) const { return (bits_ >> static_cast<int>(b)) & 1U; }
  constexpr void Add(Bug b) { bits_ |= std::uint32_t{1} << static_cast<int>(b); }
  constexpr bool Empty() const { return bits_ == 0; }
  constexpr std::uint32_t bits() const { return bits_; }
  bool operator==(const BugSet&) const = default;

 private:
  std::uint32_t bits_ = 0;
};

}  // namespace base

#endif  // RAFTCHECK_BASE_BUG_CATALOG_H_
