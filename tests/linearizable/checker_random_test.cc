// The checker against the definition (brute force) on random small histories, per-key
// checking against whole-history checking, and the shrunk violation's guarantees.
// RC_PARAMS sets the number of cases (tests/linearizable/CMakeLists.txt: ~300 in CI,
// thousands nightly).
#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <random>

#include "properties/linearizable/checker.h"
#include "properties/linearizable/search.h"
#include "tests/linearizable/random_history.h"
#include "tests/linearizable/test_histories.h"

namespace lintest {
namespace {

// rapidcheck scales inRange by the test's size (small sizes keep to the low end); the
// histories are small by shape already, so every pick is drawn at full size (100, the size
// at which rapidcheck draws from the whole range) and still shrinks toward the low end.
Pick RapidcheckPick() {
  constexpr int kFullSize = 100;
  return [](int lo, int hi) { return *rc::gen::resize(kFullSize, rc::gen::inRange(lo, hi + 1)); };
}

const char* Tag(bool linearizable) { return linearizable ? "linearizable" : "not linearizable"; }

bool HasIndeterminate(const History& h) {
  for (const Operation& op : h.operations) {
    if (op.Counts() && !op.Determinate()) return true;
  }
  return false;
}

// The guarantees of a violation (checker.h, invariant 4), checked against brute force.
void CheckViolation(const History& h, const Model& model, const CheckResult& r) {
  RC_ASSERT(!r.violation.empty());
  std::vector<const Operation*> ops;
  for (std::size_t i : r.violation) ops.push_back(&h.operations[i]);
  for (const Operation* op : ops) {
    RC_ASSERT(model.Partition(*op) == model.Partition(*ops[0]));
    RC_ASSERT(op->Counts());
  }
  RC_ASSERT(!BruteForceLinearizable(model, ops));
  RC_ASSERT(r.minimal);  // small histories shrink within the default caps
  for (std::size_t k = 0; k < ops.size(); ++k) {
    std::vector<const Operation*> rest = ops;
    rest.erase(rest.begin() + static_cast<std::ptrdiff_t>(k));
    const Operation* dropped[] = {ops[k]};
    if (model.DropIsWeakening(dropped, rest)) RC_ASSERT(BruteForceLinearizable(model, rest));
  }
}

RC_GTEST_PROP(LinearizableRandom, RegisterAgreesWithBruteForce, ()) {
  const History h = RandomHistory(RapidcheckPick(), RandomHistoryShape{});
  RC_ASSERT(Validate(h).ok());
  const std::unique_ptr<Model> model = MustModel("register");
  const bool expected = BruteForceLinearizable(*model, h);
  RC_TAG(Tag(expected));
  RC_CLASSIFY(HasIndeterminate(h), "with indeterminate operations");
  const CheckResult r = MustCheck(h, *model);
  RC_ASSERT(r.verdict == (expected ? Verdict::kLinearizable : Verdict::kNotLinearizable));
  if (!expected) CheckViolation(h, *model, r);
}

RC_GTEST_PROP(LinearizableRandom, RegisterWithManyIndeterminateOperations, ()) {
  // Half the completions :info: the memo's subsumption and the search's overwrite rule
  // (memo.h, search.cc) at work.
  RandomHistoryShape shape;
  shape.info_one_in = 2;
  const History h = RandomHistory(RapidcheckPick(), shape);
  const std::unique_ptr<Model> model = MustModel("register");
  const bool expected = BruteForceLinearizable(*model, h);
  RC_TAG(Tag(expected));
  const CheckResult r = MustCheck(h, *model);
  RC_ASSERT(r.verdict == (expected ? Verdict::kLinearizable : Verdict::kNotLinearizable));
  if (!expected) CheckViolation(h, *model, r);
}

RC_GTEST_PROP(LinearizableRandom, KvPerKeyAgreesWithWholeHistory, ()) {
  RandomHistoryShape shape;
  shape.keys = 2;  // two keys: partitions that interleave
  const History h = RandomHistory(RapidcheckPick(), shape);
  RC_ASSERT(Validate(h).ok());
  const std::unique_ptr<Model> model = MustModel("kv");
  const bool expected = BruteForceLinearizable(*model, h);
  RC_TAG(Tag(expected));
  CheckOptions whole;
  whole.partition = false;
  const CheckResult per_key = MustCheck(h, *model);
  const CheckResult together = MustCheck(h, *model, whole);
  const Verdict want = expected ? Verdict::kLinearizable : Verdict::kNotLinearizable;
  RC_ASSERT(per_key.verdict == want);
  RC_ASSERT(together.verdict == want);
  RC_ASSERT(together.partitions <= 1u);
  if (!expected) CheckViolation(h, *model, per_key);
}

RC_GTEST_PROP(LinearizableRandom, QueueAgreesWithBruteForce, ()) {
  // The queue model is not the register: another Step, no read-only operations.
  const History h = RandomHistory(RapidcheckPick(), RandomHistoryShape{});
  const QueueModel queue;
  for (const Operation& op : h.operations) RC_PRE(op.kind != OpKind::kCas || !op.Counts());
  const bool expected = BruteForceLinearizable(queue, h);
  RC_TAG(Tag(expected));
  const CheckResult r = MustCheck(h, queue);
  RC_ASSERT(r.verdict == (expected ? Verdict::kLinearizable : Verdict::kNotLinearizable));
}

// Both verdicts must be well represented, or the agreement above would be vacuous.
// rapidcheck's tags print the split; this asserts it over a counted, seeded batch.
TEST(LinearizableRandom, BothVerdictsAreCommonInTheGenerator) {
  constexpr int kBatch = 1000;          // histories per shape
  constexpr double kMinShare = 0.25;    // each verdict in at least a quarter of them
  constexpr unsigned kSeed = 20240604;  // any fixed value
  std::mt19937 engine(kSeed);
  const Pick pick = [&engine](int lo, int hi) {
    return std::uniform_int_distribution<int>(lo, hi)(engine);
  };
  for (const int keys : {0, 2}) {
    RandomHistoryShape shape;
    shape.keys = keys;
    const std::unique_ptr<Model> model = MustModel(keys == 0 ? "register" : "kv");
    int linearizable = 0;
    int with_indeterminate = 0;
    for (int i = 0; i < kBatch; ++i) {
      const History h = RandomHistory(pick, shape);
      const bool expected = BruteForceLinearizable(*model, h);
      linearizable += expected;
      with_indeterminate += HasIndeterminate(h);
      EXPECT_EQ(MustCheck(h, *model).verdict,
                expected ? Verdict::kLinearizable : Verdict::kNotLinearizable);
    }
    const double share = static_cast<double>(linearizable) / kBatch;
    EXPECT_GE(share, kMinShare) << "keys " << keys;
    EXPECT_LE(share, 1 - kMinShare) << "keys " << keys;
    EXPECT_GE(static_cast<double>(with_indeterminate) / kBatch, kMinShare) << "keys " << keys;
    std::printf("keys %d: %d of %d linearizable (%.0f%%), %d with indeterminate operations\n", keys,
                linearizable, kBatch, 100.0 * share, with_indeterminate);
  }
}

}  // namespace
}  // namespace lintest
