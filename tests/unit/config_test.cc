// Config::Validate: each malformed field is refused with InvalidArgument, and RawNode::Create
// refuses to start from a bad config.
#include <gtest/gtest.h>

#include <functional>

#include "impl/config.h"
#include "impl/raw_node.h"
#include "impl/storage.h"
#include "tests/unit/test_util.h"

namespace raft {
namespace {

class ConfigTest : public testing::Test {
 protected:
  Config Valid() { return test::MakeConfig(1, 3, &storage_); }
  MemoryStorage storage_;
};

TEST_F(ConfigTest, Validate_AcceptsWellFormedConfig) {
  EXPECT_TRUE(Valid().Validate().ok()) << Valid().Validate().ToString();
}

TEST_F(ConfigTest, Validate_RejectsEachBadField) {
  struct Case {
    const char* what;
    std::function<void(Config&)> spoil;
  };
  const Case cases[] = {
      {"id kNone", [](Config& c) { c.id = kNone; }},
      {"no peers", [](Config& c) { c.peers.clear(); }},
      {"duplicate peer", [](Config& c) { c.peers = {1, 2, 2}; }},
      {"peer and learner", [](Config& c) { c.learners = {2}; }},
      {"learners only", [](Config& c) {
         c.learners = c.peers;
         c.peers.clear();
       }},
      {"joint conf_state whose learner votes",
       [](Config& c) { c.conf_state = ConfState{.voters = {1, 2}, .learners = {2}}; }},
      {"heartbeat_tick 0", [](Config& c) { c.heartbeat_tick = 0; }},
      {"election_tick == heartbeat_tick",
       [](Config& c) { c.election_tick = c.heartbeat_tick = 5; }},
      {"election_tick < heartbeat_tick",
       [](Config& c) {
         c.election_tick = 2;
         c.heartbeat_tick = 3;
       }},
      {"max_inflight_msgs 0", [](Config& c) { c.max_inflight_msgs = 0; }},
      {"max_inflight_msgs negative", [](Config& c) { c.max_inflight_msgs = -1; }},
      {"null storage", [](Config& c) { c.storage = nullptr; }},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.what);
    Config config = Valid();
    c.spoil(config);
    const Status s = config.Validate();
    EXPECT_EQ(s.code(), Status::Code::kInvalidArgument) << s.ToString();
    EXPECT_FALSE(s.message().empty());
  }
}

// A node may start outside the configuration (one about to be added): it never campaigns.
TEST_F(ConfigTest, Validate_AcceptsANodeOutsideTheConfiguration) {
  Config config = Valid();
  config.id = 4;
  EXPECT_TRUE(config.Validate().ok());
  EXPECT_EQ(config.StartingConfState().voters, config.peers);
}

TEST_F(ConfigTest, Create_RefusesInvalidConfig) {
  Config config = Valid();
  config.election_tick = config.heartbeat_tick;

  const Result<RawNode> node = RawNode::Create(config);

  ASSERT_FALSE(node.ok());
  EXPECT_EQ(node.status().code(), Status::Code::kInvalidArgument);
}

}  // namespace
}  // namespace raft
