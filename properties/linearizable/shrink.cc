#include "properties/linearizable/shrink.h"

#include <algorithm>
#include <chrono>
#include <functional>
#include <optional>
#include <span>

#include "properties/linearizable/search.h"

namespace raftcheck::linearizable {
namespace {

// All candidate searches of one shrinking together may take this many steps; past it the
// shrinking stops where it is (deterministically, unlike a time limit).
constexpr std::uint64_t kTotalSteps = std::uint64_t{1} << 26;

class Shrinker {
 public:
  Shrinker(const Model& model, const SearchLimits& limits) : model_(model), limits_(limits) {}

  // Zeller's ddmin, complements only, over the operations of `failing` that `eligible`
  // accepts: split them into n chunks and try removing each (when the model calls the
  // removal a weakening); on success go on with the rest and fewer chunks, else with twice
  // as many, until the chunks are single operations and none can go. True when it got
  // there with every candidate decided.
  bool Ddmin(std::vector<const Operation*>* failing,
             const std::function<bool(const Operation&)>& eligible) {
    std::size_t n = 2;
    while (!stopped_) {
      std::vector<std::size_t> at;  // positions in *failing of the eligible operations
      for (std::size_t i = 0; i < failing->size(); ++i) {
        if (eligible(*(*failing)[i])) at.push_back(i);
      }
      if (at.empty()) return true;
      const std::size_t chunks = std::min(n, at.size());
      bool reduced = false;
      bool inconclusive = false;
      for (std::size_t c = 0; c < chunks && !reduced && !stopped_; ++c) {
        const std::size_t begin = at.size() * c / chunks;
        const std::size_t end = at.size() * (c + 1) / chunks;
        std::optional<bool> fails = TryDropping(*failing, at, begin, end);
        if (!fails) {
          inconclusive = true;
        } else if (*fails) {
          failing->swap(kept_);
          n = std::max<std::size_t>(chunks - 1, 2);
          reduced = true;
        }
      }
      if (stopped_) return false;
      if (reduced) continue;
      if (chunks >= at.size()) return !inconclusive;
      n = std::min(2 * chunks, at.size());
    }
    return false;
  }

  std::uint64_t steps() const { return steps_; }
  bool stopped() const { return stopped_; }

 private:
  // Whether `failing` without the eligible operations at[begin, end) still fails (then it is
  // left in kept_); false when the drop is no weakening; nullopt when a limit decided nothing.
  std::optional<bool> TryDropping(const std::vector<const Operation*>& failing,
                                  const std::vector<std::size_t>& at, std::size_t begin,
                                  std::size_t end) {
    dropped_.clear();
    kept_.clear();
    std::size_t next = begin;
    for (std::size_t i = 0; i < failing.size(); ++i) {
      if (next < end && at[next] == i) {
        dropped_.push_back(failing[i]);
        ++next;
      } else {
        kept_.push_back(failing[i]);
      }
    }
    if (!model_.DropIsWeakening(dropped_, kept_)) return false;
    // Small searches never reach the search's own clock check.
    if (limits_.deadline && std::chrono::steady_clock::now() >= *limits_.deadline) {
      stopped_ = true;
      return std::nullopt;
    }
    SearchLimits limits = limits_;
    const std::uint64_t left = kTotalSteps - steps_;  // > 0: stopped_ otherwise
    limits.max_steps = limits_.max_steps > 0 ? std::min(limits_.max_steps, left) : left;
    const SearchOutcome r = Search(model_, kept_, limits);
    steps_ += r.steps;
    if (r.limit == Limit::kTime || steps_ >= kTotalSteps) stopped_ = true;
    if (!r.linearizable) return std::nullopt;
    return !*r.linearizable;
  }

  const Model& model_;
  const SearchLimits limits_;
  std::vector<const Operation*> dropped_;
  std::vector<const Operation*> kept_;
  std::uint64_t steps_ = 0;
  bool stopped_ = false;
};

}  // namespace

// Reads first: dropping them is always a weakening, and once few are left the writes whose
// values nothing observes any more can go too.
ShrinkOutcome Shrink(const Model& model, std::vector<const Operation*> failing,
                     const SearchLimits& per_check) {
  Shrinker shrinker(model, per_check);
  shrinker.Ddmin(&failing, [&model](const Operation& op) { return model.ReadOnly(op); });
  const bool complete = shrinker.Ddmin(&failing, [](const Operation&) { return true; });
  ShrinkOutcome out;
  out.minimal = complete && !shrinker.stopped();
  out.steps = shrinker.steps();
  out.ops = std::move(failing);
  return out;
}

}  // namespace raftcheck::linearizable
