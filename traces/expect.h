// Expected final states: what a hand-written scenario says the cluster must look like after
// its last step. The "expect" field of a trace is an array with one object per node that
// matters; each lists only the fields it checks:
//   {"node": 2, "up": true, "term": 3, "vote": 1, "role": "leader", "commit": 2,
//    "log_terms": [1, 1, 3], "applied": [0, 1]}
// ("applied" lists client values, 0 for a leader's no-op entry). Works on an Observation, so
// the same expectations serve any system.
#ifndef RAFTCHECK_TRACES_EXPECT_H_
#define RAFTCHECK_TRACES_EXPECT_H_

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "base/status.h"
#include "properties/observation.h"

namespace traces {

// The property name under which an unmet expectation is reported.
inline constexpr const char* kExpectedState = "expected-state";

const char* RoleName(props::NodeRole role);

// Checks the shape of an "expect" value: InvalidArgument with a one-line reason naming the field.
base::Status ValidateExpect(const nlohmann::json& expect);

// nullopt when obs meets every expectation, else one sentence about the first that fails.
// REQUIRES: ValidateExpect(expect) passed.
std::optional<std::string> CheckExpect(const nlohmann::json& expect, const props::Observation& obs);

}  // namespace traces

#endif  // RAFTCHECK_TRACES_EXPECT_H_
