// System: the contract between the search engine and a state machine it explores.
//
// The engine knows nothing about Raft. It explores any type S with a nested `State` and
// `Action` and these const methods:
//
//   void InitialStates(std::vector<State>& out) const;   // appends, in a deterministic order
//   void Actions(const State& s, std::vector<Action>& out) const;  // appends enabled actions
//   void Apply(State& s, const Action& a) const;         // in place
//   void Encode(const State& s, std::string& out) const; // appends canonical bytes
//   bool InBounds(const State& s) const;                 // TLC CONSTRAINT
//   std::string Describe(const Action& a) const;         // one line for humans
//
// Optional: `std::size_t ApproxBytes(const State&) const`, the bytes a state holds (inline and
// on the heap), used for the memory cap; without it the engine assumes sizeof(State).
//
// What the engine relies on (a broken rule gives wrong answers, not a crash; self_check.h tests
// rules 1 and 2 on a bounded part of the state space):
//  1. Determinism. Apply(s, a) depends only on s and a, and Actions(s) lists the same actions in
//     the same order every time. Counterexamples are rebuilt by re-executing action *ordinals*
//     (positions in the Actions() list), so a stable order is what makes a path replay.
//  2. Canonical encoding. Encode(s) == Encode(t) exactly when s and t are the same state for
//     every purpose that shapes the future (enabled actions, their effects, the properties).
//     Unordered containers must be written in a canonical (e.g. sorted) order. The engine stores
//     only a 64-bit fingerprint of the encoding.
//  3. Bounds with TLC's meaning: a state with !InBounds(s) is still checked against the
//     properties (and so is the step that reached it), but it is neither counted, stored, nor
//     expanded.
//  4. Thread safety. Multi-threaded BFS calls the const methods concurrently on different
//     states, so a System must not keep hidden mutable state (caches, counters, generators).
//  5. At most 65536 actions are enabled in any state (ordinals are stored in 16 bits); the
//     engine stops with Outcome::kError if a state has more.
#ifndef RAFTCHECK_CHECKER_ENGINE_SYSTEM_H_
#define RAFTCHECK_CHECKER_ENGINE_SYSTEM_H_

#include <concepts>
#include <cstddef>
#include <string>
#include <vector>

namespace raftcheck::engine {

template <class S>
concept System = std::copyable<typename S::State> && std::copyable<typename S::Action> &&
    requires(const S& sys, const typename S::State& st, typename S::State& mst,
             const typename S::Action& a, std::vector<typename S::Action>& acts,
             std::vector<typename S::State>& inits, std::string& bytes) {
  sys.InitialStates(inits);
  sys.Actions(st, acts);
  sys.Apply(mst, a);
  sys.Encode(st, bytes);
  { sys.InBounds(st) } -> std::convertible_to<bool>;
  { sys.Describe(a) } -> std::convertible_to<std::string>;
};

template <System S>
using StateOf = typename S::State;
template <System S>
using ActionOf = typename S::Action;

template <class S>
concept HasApproxBytes = requires(const S& sys, const typename S::State& st) {
  { sys.ApproxBytes(st) } -> std::convertible_to<std::size_t>;
};

// The bytes `st` holds, as the System reports them, else sizeof(State).
template <System S>
std::size_t ApproxStateBytes(const S& sys, const StateOf<S>& st) {
  if constexpr (HasApproxBytes<S>) {
    return static_cast<std::size_t>(sys.ApproxBytes(st));
  } else {
    return sizeof(st);
  }
}

}  // namespace raftcheck::engine

#endif  // RAFTCHECK_CHECKER_ENGINE_SYSTEM_H_
