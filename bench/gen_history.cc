// gen_history: writes a linearizable kv history in raftcheck's JSON form
// (properties/linearizable/FORMAT.md) for benchmarking `raftcheck linearizable`.
//
// It simulates a correct linearizable store: clients run get/put/cas operations on a few
// keys, many at once; each operation takes effect atomically at a random moment between its
// invocation and its completion (so the history is linearizable by construction, with
// those moments as its linearization points). A cas that does not match fails. A small share
// of operations completes :info (as after a timeout): half of those took effect, half never
// will; like Jepsen, the client then continues as a new process.
//
// Usage: gen_history --ops N [--clients C] [--keys K] [--values V] [--info PERMILLE] [--seed S]
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "properties/linearizable/history.h"
#include "properties/linearizable/history_readers.h"

namespace {

namespace lin = raftcheck::linearizable;

struct Options {
  std::uint64_t ops = 1000;
  int clients = 5;
  int keys = 10;
  int values = 5;          // values 1..V, Jepsen-like: small, so reads are ambiguous
  int info_permille = 10;  // operations completing :info, per thousand
  std::uint64_t seed = 1;
};

bool ParseArgs(int argc, char** argv, Options* o) {
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    const std::uint64_t v = std::strtoull(argv[i + 1], nullptr, 10);
    if (flag == "--ops") {
      o->ops = v;
    } else if (flag == "--clients") {
      o->clients = static_cast<int>(v);
    } else if (flag == "--keys") {
      o->keys = static_cast<int>(v);
    } else if (flag == "--values") {
      o->values = static_cast<int>(v);
    } else if (flag == "--info") {
      o->info_permille = static_cast<int>(v);
    } else if (flag == "--seed") {
      o->seed = v;
    } else {
      return false;
    }
  }
  return argc % 2 == 1 && o->clients > 0 && o->keys > 0 && o->values > 0;
}

// One client's operation in flight.
struct InFlight {
  lin::Event invoke;
  bool effected = false;
  bool applied = false;  // a cas that matched
  bool info = false;     // will complete :info
  bool never = false;    // an :info one that never takes effect
  lin::Value read;
};

}  // namespace

int main(int argc, char** argv) {
  Options o;
  if (!ParseArgs(argc, argv, &o)) {
    std::fprintf(stderr,
                 "usage: gen_history --ops N [--clients C] [--keys K] [--values V] "
                 "[--info PERMILLE] [--seed S]\n");
    return 2;
  }
  constexpr int kPermille = 1000;
  std::mt19937_64 rng(o.seed);
  auto pick = [&rng](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
  std::map<std::string, lin::Value> store;
  std::vector<std::int64_t> process(o.clients);
  for (int c = 0; c < o.clients; ++c) process[c] = c;
  std::vector<std::optional<InFlight>> flight(o.clients);
  lin::HistoryBuilder builder;
  std::uint64_t invoked = 0;
  int busy = 0;
  while (invoked < o.ops || busy > 0) {
    const int c = pick(0, o.clients - 1);
    std::optional<InFlight>& f = flight[c];
    if (!f) {
      if (invoked == o.ops) continue;
      InFlight n;
      lin::Event& e = n.invoke;
      e.process = process[c];
      e.has_key = true;
      e.key = "k" + std::to_string(pick(0, o.keys - 1));
      const int roll = pick(0, 9);  // 5 in 10 get, 3 put, 2 cas
      e.kind = roll < 5 ? lin::OpKind::kRead : roll < 8 ? lin::OpKind::kWrite : lin::OpKind::kCas;
      if (e.kind != lin::OpKind::kRead) e.value = lin::Value::Of(pick(1, o.values));
      if (e.kind == lin::OpKind::kCas) e.value2 = lin::Value::Of(pick(1, o.values));
      n.info = pick(0, kPermille - 1) < o.info_permille;
      n.never = n.info && pick(0, 1) == 0;
      if (!builder.Add(e).ok()) return 1;
      f = n;
      ++invoked;
      ++busy;
      continue;
    }
    if (!f->effected && pick(0, 1) == 0) {
      f->effected = true;
      if (f->never) continue;
      lin::Value& cell = store[f->invoke.key];
      switch (f->invoke.kind) {
        case lin::OpKind::kRead:
          f->read = cell;
          break;
        case lin::OpKind::kWrite:
          cell = f->invoke.value;
          break;
        case lin::OpKind::kCas:
          f->applied = cell == f->invoke.value;
          if (f->applied) cell = f->invoke.value2;
          break;
      }
      continue;
    }
    if (!f->effected) continue;
    lin::Event done = f->invoke;
    if (f->info) {
      done.type = lin::EventType::kInfo;
      process[c] += o.clients;  // Jepsen's new process after a crash
    } else if (f->invoke.kind == lin::OpKind::kCas && !f->applied) {
      done.type = lin::EventType::kFail;
    } else {
      done.type = lin::EventType::kOk;
      if (f->invoke.kind == lin::OpKind::kRead) done.value = f->read;
    }
    if (!builder.Add(done).ok()) return 1;
    f.reset();
    --busy;
  }
  const lin::History h = std::move(builder).Finish("kv");
  std::fputs(lin::WriteHistoryJson(h).c_str(), stdout);
  return 0;
}
