#include "checker/engine/result.h"

namespace raftcheck::engine {

std::string_view OutcomeName(Outcome outcome) {
  switch (outcome) {
    case Outcome::kOk:
      return "ok";
    case Outcome::kViolation:
      return "violation";
    case Outcome::kIncomplete:
      return "incomplete";
    case Outcome::kError:
      return "error";
  }
  return "unknown";
}

std::string_view StopReasonName(StopReason reason) {
  switch (reason) {
    case StopReason::kNone:
      return "none";
    case StopReason::kTimeLimit:
      return "time limit";
    case StopReason::kStateLimit:
      return "state limit";
    case StopReason::kMemoryLimit:
      return "memory limit";
    case StopReason::kIdSpace:
      return "state id space";
  }
  return "unknown";
}

}  // namespace raftcheck::engine
