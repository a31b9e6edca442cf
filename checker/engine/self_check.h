// SelfCheck: tests a System against the rules the engine trusts (system.h), over a bounded
// breadth-first search. Run it in a test of every System; a System that fails it gives wrong
// state counts and counterexamples that do not replay.
//
//   SelfCheckResult r = SelfCheck(system, {.max_states = 2000});
//   EXPECT_TRUE(r.ok) << r.problem;
//
// For every stored state s it checks, and reports the first failure with the path to s:
//  1. Encode(s) gives the same bytes twice, and Actions(s) lists the same actions twice
//     (compared by Describe()).
//  2. Determinism: every action is applied to two copies of s; the encodings must be equal.
//  3. Copies are independent: after applying actions to copies, s still encodes the same (a
//     State whose copies share mutable data fails this).
// And whenever a second path reaches an encoding already stored (a revisit):
//  4. The two states have the same multiset of successor encodings (compared as a hash of the
//     sorted successor fingerprints, kept per stored state). An encoding that drops a field
//     that shapes the future fails this, as soon as the dropped field changes what the next
//     step can do. Differences that only show two or more steps later are caught only if some
//     other path leads there.
//  5. Bounds agree: an out-of-bound state must not share its encoding with a stored state.
// Cost: each stored state and each revisit applies every enabled action twice, so keep
// max_states modest for expensive Systems.
#ifndef RAFTCHECK_CHECKER_ENGINE_SELF_CHECK_H_
#define RAFTCHECK_CHECKER_ENGINE_SELF_CHECK_H_

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "checker/engine/fingerprint.h"
#include "checker/engine/parent_links.h"
#include "checker/engine/path.h"
#include "checker/engine/successor.h"
#include "checker/engine/system.h"

namespace raftcheck::engine {

struct SelfCheckOptions {
  std::uint64_t max_states = 5000;  // stored states; further new states are not stored
  std::uint32_t max_depth = 0;      // 0: unbounded; initial states are depth 1
};

struct SelfCheckResult {
  bool ok = true;
  std::string problem;            // the first failure, with the path to it; empty when ok
  std::uint64_t states = 0;       // states stored (and checked)
  std::uint64_t transitions = 0;  // actions applied twice and compared
  std::uint64_t revisits = 0;     // second paths whose successors were compared
};

namespace self_check_internal {

template <System S>
class SelfChecker {
 public:
  using State = StateOf<S>;
  using Action = ActionOf<S>;

  SelfChecker(const S& sys, const SelfCheckOptions& options) : sys_(sys), options_(options) {}

  SelfCheckResult Run() {
    std::vector<State> inits;
    sys_.InitialStates(inits);
    for (std::size_t i = 0; i < inits.size() && result_.ok; ++i) {
      Visit(inits[i], Origin{true, static_cast<std::uint32_t>(i), 0}, 1);
    }
    std::vector<Action> actions;
    while (!queue_.empty() && result_.ok) {
      const auto [id, depth] = queue_.front().second;
      const State st = std::move(queue_.front().first);
      queue_.pop_front();
      if (options_.max_depth != 0 && depth >= options_.max_depth) continue;
      actions.clear();
      sys_.Actions(st, actions);
      if (actions.size() > ParentLinks::kMaxActions) {
        Fail("a state enables " + std::to_string(actions.size()) + " actions, more than " +
             std::to_string(ParentLinks::kMaxActions) + "; it is " + PathTo(id));
      }
      for (std::size_t k = 0; k < actions.size() && result_.ok; ++k) {
        State next = st;
        sys_.Apply(next, actions[k]);
        Visit(next, Origin{false, id, static_cast<std::uint16_t>(k)}, depth + 1);
      }
    }
    return std::move(result_);
  }

 private:
  // How a state was reached: initial state `index`, or action `ordinal` of stored state `index`.
  struct Origin {
    bool root;
    std::uint32_t index;
    std::uint16_t ordinal;
  };
  struct Seen {
    std::uint64_t signature;
    std::uint32_t id;
  };

  void Visit(const State& st, const Origin& origin, std::uint32_t depth) {
    const std::uint64_t fp = FingerprintState(sys_, st, bytes_);
    const auto seen = seen_.find(fp);
    if (!sys_.InBounds(st)) {
      if (seen != seen_.end()) {
        Fail("a state out of bounds has the same encoding as a state in bounds; one is " +
             PathTo(origin) + ", the other " + PathTo(seen->second.id));
      }
      return;
    }
    if (seen != seen_.end()) {
      ++result_.revisits;
      const Seen first = seen->second;
      const std::optional<std::uint64_t> sig = Signature(st, origin);
      if (sig && *sig != first.signature) {
        Fail(
            "two states with the same encoding have different successors (the encoding drops "
            "something that shapes the future); one is " +
            PathTo(first.id) + ", the other " + PathTo(origin));
      }
      return;
    }
    if (result_.states >= options_.max_states || result_.states >= ParentLinks::kMaxStates) {
      return;
    }
    if (origin.root) {
      links_.AddRoot(origin.index);
    } else {
      links_.AddChild(origin.index, origin.ordinal);
    }
    const auto id = static_cast<std::uint32_t>(result_.states++);
    const std::optional<std::uint64_t> sig = Signature(st, origin);
    if (!sig) return;
    seen_.emplace(fp, Seen{*sig, id});
    queue_.emplace_back(st, std::pair<std::uint32_t, std::uint32_t>{id, depth});
  }

  // Checks rules 1-3 on `st` and returns the hash of its sorted successor fingerprints, or
  // nullopt after Fail().
  std::optional<std::uint64_t> Signature(const State& st, const Origin& origin) {
    std::string original;
    sys_.Encode(st, original);
    bytes_.clear();
    sys_.Encode(st, bytes_);
    if (bytes_ != original) {
      Fail("Encode() gave different bytes for the same state, " + PathTo(origin));
      return std::nullopt;
    }
    acts_.clear();
    sys_.Actions(st, acts_);
    acts_again_.clear();
    sys_.Actions(st, acts_again_);
    bool same_actions = acts_.size() == acts_again_.size();
    for (std::size_t k = 0; same_actions && k < acts_.size(); ++k) {
      same_actions = sys_.Describe(acts_[k]) == sys_.Describe(acts_again_[k]);
    }
    if (!same_actions) {
      Fail("Actions() listed different actions on two calls for the same state, " + PathTo(origin));
      return std::nullopt;
    }
    successor_fps_.clear();
    for (const Action& a : acts_) {
      ++result_.transitions;
      State x = st;
      sys_.Apply(x, a);
      State y = st;
      sys_.Apply(y, a);
      bytes_.clear();
      sys_.Encode(x, bytes_);
      other_.clear();
      sys_.Encode(y, other_);
      if (bytes_ != other_) {
        Fail("Apply() is not deterministic: \"" + std::string(sys_.Describe(a)) +
             "\" applied twice to the same state gave different encodings; the state is " +
             PathTo(origin));
        return std::nullopt;
      }
      successor_fps_.push_back(Fingerprint(bytes_));
    }
    bytes_.clear();
    sys_.Encode(st, bytes_);
    if (bytes_ != original) {
      Fail(
          "applying an action to a copy of a state changed the original (do copies share "
          "mutable data?); the state is " +
          PathTo(origin));
      return std::nullopt;
    }
    std::sort(successor_fps_.begin(), successor_fps_.end());
    return Fingerprint(successor_fps_.data(), successor_fps_.size() * sizeof(std::uint64_t));
  }

  void Fail(std::string problem) {
    result_.ok = false;
    result_.problem = std::move(problem);
  }

  std::string PathTo(std::uint32_t id) {
    std::uint32_t initial_index = 0;
    links_.Trace(id, &initial_index, &ordinals_);
    return DescribePath(initial_index);
  }

  std::string PathTo(const Origin& origin) {
    if (origin.root) {
      ordinals_.clear();
      return DescribePath(origin.index);
    }
    std::uint32_t initial_index = 0;
    links_.Trace(origin.index, &initial_index, &ordinals_);
    ordinals_.push_back(origin.ordinal);
    return DescribePath(initial_index);
  }

  // "initial state #i" or "initial state #i, then a1; a2; ...", from ordinals_.
  std::string DescribePath(std::uint32_t initial_index) {
    std::string out = "initial state #" + std::to_string(initial_index);
    const ReplayedPath<S> path = ReplayOrdinals(sys_, initial_index, ordinals_);
    for (std::size_t k = 0; k < path.actions.size(); ++k) {
      out += (k == 0 ? ", then " : "; ");
      out += sys_.Describe(path.actions[k]);
    }
    if (!path.error.empty()) out += " (the path does not replay: " + path.error + ")";
    return out;
  }

  const S& sys_;
  const SelfCheckOptions options_;
  ParentLinks links_;
  // Every stored state, by fingerprint. Not a FingerprintSet: this check keeps a signature per
  // state, and it is not on any hot path.
  std::unordered_map<std::uint64_t, Seen> seen_;
  std::deque<std::pair<State, std::pair<std::uint32_t, std::uint32_t>>> queue_;  // id, depth
  std::string bytes_;
  std::string other_;
  std::vector<Action> acts_;
  std::vector<Action> acts_again_;
  std::vector<std::uint64_t> successor_fps_;
  std::vector<std::uint16_t> ordinals_;
  SelfCheckResult result_;
};

}  // namespace self_check_internal

// Checks `sys` against the engine's rules over at most options.max_states states.
template <System S>
SelfCheckResult SelfCheck(const S& sys, const SelfCheckOptions& options = {}) {
  self_check_internal::SelfChecker<S> checker(sys, options);
  return checker.Run();
}

}  // namespace raftcheck::engine

#endif  // RAFTCHECK_CHECKER_ENGINE_SELF_CHECK_H_
