// Small Systems with state spaces known by hand, for the engine's tests. Each comment says
// where its numbers come from.
#ifndef RAFTCHECK_TESTS_ENGINE_TOY_SYSTEMS_H_
#define RAFTCHECK_TESTS_ENGINE_TOY_SYSTEMS_H_

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "checker/engine/properties.h"

namespace raftcheck::engine::testing {

// Appends the raw bytes of an integer (Encode helpers).
template <class T>
void Put(std::string& out, T v) {
  char buf[sizeof(T)];
  std::memcpy(buf, &v, sizeof(T));
  out.append(buf, sizeof(T));
}

// K counters, each in [0, n]; action i increments counter i while it is below n.
// Reachable states: (n+1)^K. Transitions: every stored state has one action per counter below
// n, and K * n * (n+1)^(K-1) (counter, state) pairs have that counter below n. The distance of
// a state from the initial one is the sum of its counters, so depth = K*n + 1.
template <int K>
struct Counters {
  struct State {
    std::uint32_t c[K] = {};
    bool operator==(const State&) const = default;
  };
  using Action = int;  // which counter to increment

  std::uint32_t n = 3;
  std::vector<State> initial = {State{}};

  void InitialStates(std::vector<State>& out) const {
    out.insert(out.end(), initial.begin(), initial.end());
  }
  void Actions(const State& s, std::vector<Action>& out) const {
    for (int i = 0; i < K; ++i) {
      if (s.c[i] < n) out.push_back(i);
    }
  }
  void Apply(State& s, const Action& a) const { ++s.c[a]; }
  void Encode(const State& s, std::string& out) const {
    for (int i = 0; i < K; ++i) Put(out, s.c[i]);
  }
  bool InBounds(const State&) const { return true; }
  std::string Describe(const Action& a) const { return "inc " + std::to_string(a); }
};
using TwoCounters = Counters<2>;
using ThreeCounters = Counters<3>;

// The Die Hard jugs puzzle: a 3-gallon and a 5-gallon jug, fill / empty / pour. The classic
// shortest way to measure 4 gallons in the big jug takes 6 actions (fill big, pour into small,
// empty small, pour into small, fill big, pour into small); the tests confirm by brute force
// that no 5-action sequence does it.
struct DieHard {
  struct State {
    int small = 0;
    int big = 0;
    bool operator==(const State&) const = default;
  };
  enum class Action { kFillSmall, kFillBig, kEmptySmall, kEmptyBig, kSmallToBig, kBigToSmall };
  static constexpr int kActions = 6;

  void InitialStates(std::vector<State>& out) const { out.push_back(State{}); }
  void Actions(const State&, std::vector<Action>& out) const {
    for (int a = 0; a < kActions; ++a) out.push_back(static_cast<Action>(a));
  }
  void Apply(State& s, const Action& a) const {
    switch (a) {
      case Action::kFillSmall:
        s.small = 3;
        break;
      case Action::kFillBig:
        s.big = 5;
        break;
      case Action::kEmptySmall:
        s.small = 0;
        break;
      case Action::kEmptyBig:
        s.big = 0;
        break;
      case Action::kSmallToBig: {
        const int moved = std::min(s.small, 5 - s.big);
        s.small -= moved;
        s.big += moved;
        break;
      }
      case Action::kBigToSmall: {
        const int moved = std::min(s.big, 3 - s.small);
        s.big -= moved;
        s.small += moved;
        break;
      }
    }
  }
  void Encode(const State& s, std::string& out) const {
    Put(out, s.small);
    Put(out, s.big);
  }
  bool InBounds(const State&) const { return true; }
  std::string Describe(const Action& a) const { return "action " + std::to_string(int(a)); }
};

// x counts up forever; InBounds is x <= bound. Stored: x = start..bound; the state bound + 1 is
// generated (and checked) but not stored or expanded.
struct Walk {
  using State = std::uint64_t;
  using Action = int;  // always 0: increment
  std::uint64_t bound = 5;
  std::uint64_t start = 0;

  void InitialStates(std::vector<State>& out) const { out.push_back(start); }
  void Actions(const State&, std::vector<Action>& out) const { out.push_back(0); }
  void Apply(State& s, const Action&) const { ++s; }
  void Encode(const State& s, std::string& out) const { Put(out, s); }
  bool InBounds(const State& s) const { return s <= bound; }
  std::string Describe(const Action&) const { return "inc"; }
};

// x in 0..3: Inc while x < 3, Reset from 3 back to 0. Four states; the Reset transition leads
// to a state already stored.
struct Cycle {
  using State = int;
  enum class Action { kInc, kReset };
  void InitialStates(std::vector<State>& out) const { out.push_back(0); }
  void Actions(const State& s, std::vector<Action>& out) const {
    out.push_back(s < 3 ? Action::kInc : Action::kReset);
  }
  void Apply(State& s, const Action& a) const { s = a == Action::kInc ? s + 1 : 0; }
  void Encode(const State& s, std::string& out) const { Put(out, s); }
  bool InBounds(const State&) const { return true; }
  std::string Describe(const Action& a) const { return a == Action::kInc ? "inc" : "reset"; }
};

// Three unbounded counters: an infinite state space, for the limits.
struct Unbounded {
  struct State {
    std::uint64_t c[3] = {};
  };
  using Action = int;
  // Reported to the memory cap (0: sizeof(State)).
  std::size_t approx_bytes = 0;

  void InitialStates(std::vector<State>& out) const { out.push_back(State{}); }
  void Actions(const State&, std::vector<Action>& out) const {
    for (int i = 0; i < 3; ++i) out.push_back(i);
  }
  void Apply(State& s, const Action& a) const { ++s.c[a]; }
  void Encode(const State& s, std::string& out) const {
    for (std::uint64_t v : s.c) Put(out, v);
  }
  bool InBounds(const State&) const { return true; }
  std::string Describe(const Action& a) const { return "inc " + std::to_string(a); }
  std::size_t ApproxBytes(const State&) const {
    return approx_bytes != 0 ? approx_bytes : sizeof(State);
  }
};

// One state enabling `actions` self-loops: more than the engine's 16-bit ordinals allow.
struct TooManyActions {
  using State = int;
  using Action = int;
  int actions = 70000;  // > 65536 (ParentLinks::kMaxActions)
  void InitialStates(std::vector<State>& out) const { out.push_back(0); }
  void Actions(const State&, std::vector<Action>& out) const {
    for (int i = 0; i < actions; ++i) out.push_back(i);
  }
  void Apply(State&, const Action&) const {}
  void Encode(const State& s, std::string& out) const { Put(out, s); }
  bool InBounds(const State&) const { return true; }
  std::string Describe(const Action& a) const { return std::to_string(a); }
};

// BROKEN on purpose: Apply adds 1 or 2 depending on how often it was called before.
struct Nondeterministic {
  using State = int;
  using Action = int;
  mutable int calls = 0;
  void InitialStates(std::vector<State>& out) const { out.push_back(0); }
  void Actions(const State& s, std::vector<Action>& out) const {
    if (s < 10) out.push_back(0);
  }
  void Apply(State& s, const Action&) const { s += 1 + (calls++ % 2); }
  void Encode(const State& s, std::string& out) const { Put(out, s); }
  bool InBounds(const State&) const { return true; }
  std::string Describe(const Action&) const { return "step"; }
};

// x in 0..2 plus a flag. SetFlag (x == 0, flag unset) sets the flag; Bonus (flag set, x == 0)
// adds 2 to x; Inc adds 1 while x < 2. With encode_flag == false the encoding drops the flag:
// the initial state and the one after SetFlag then encode alike but differ in what comes next
// (BROKEN on purpose). With encode_flag == true the System is correct.
struct Lossy {
  struct State {
    int x = 0;
    bool flag = false;
  };
  enum class Action { kInc, kSetFlag, kBonus };
  bool encode_flag = false;

  void InitialStates(std::vector<State>& out) const { out.push_back(State{}); }
  void Actions(const State& s, std::vector<Action>& out) const {
    if (s.x < 2) out.push_back(Action::kInc);
    if (s.x == 0 && !s.flag) out.push_back(Action::kSetFlag);
    if (s.x == 0 && s.flag) out.push_back(Action::kBonus);
  }
  void Apply(State& s, const Action& a) const {
    if (a == Action::kInc) ++s.x;
    if (a == Action::kSetFlag) s.flag = true;
    if (a == Action::kBonus) s.x += 2;
  }
  void Encode(const State& s, std::string& out) const {
    Put(out, s.x);
    if (encode_flag) Put(out, s.flag);
  }
  bool InBounds(const State&) const { return true; }
  std::string Describe(const Action& a) const { return std::to_string(int(a)); }
};

// BROKEN on purpose: copies of a state share one counter through a shared_ptr, so applying an
// action to a copy changes the original.
struct Aliasing {
  struct State {
    std::shared_ptr<int> x = std::make_shared<int>(0);
  };
  using Action = int;
  void InitialStates(std::vector<State>& out) const { out.push_back(State{}); }
  void Actions(const State& s, std::vector<Action>& out) const {
    if (*s.x < 3) out.push_back(0);
  }
  void Apply(State& s, const Action&) const { ++*s.x; }
  void Encode(const State& s, std::string& out) const { Put(out, *s.x); }
  bool InBounds(const State&) const { return true; }
  std::string Describe(const Action&) const { return "inc"; }
};

// Properties from two callables; either may be omitted (always holds).
//   state_ok(state) -> bool;  step_ok(prev, action, next) -> bool
template <class S, class StateOk, class StepOk>
struct Props {
  std::string state_name;
  StateOk state_ok;
  std::string step_name;
  StepOk step_ok;

  std::optional<Violation> CheckState(const typename S::State& s) const {
    if (state_ok(s)) return std::nullopt;
    return Violation{state_name, state_name + " does not hold"};
  }
  std::optional<Violation> CheckStep(const typename S::State& prev, const typename S::Action& a,
                                     const typename S::State& next) const {
    if (step_ok(prev, a, next)) return std::nullopt;
    return Violation{step_name, step_name + " does not hold"};
  }
};

struct AlwaysOk {
  template <class... T>
  bool operator()(const T&...) const {
    return true;
  }
};

template <class S, class F>
Props<S, F, AlwaysOk> Invariant(std::string name, F f) {
  return {std::move(name), std::move(f), "", AlwaysOk{}};
}
template <class S, class F>
Props<S, AlwaysOk, F> StepProperty(std::string name, F f) {
  return {"", AlwaysOk{}, std::move(name), std::move(f)};
}

}  // namespace raftcheck::engine::testing

#endif  // RAFTCHECK_TESTS_ENGINE_TOY_SYSTEMS_H_
