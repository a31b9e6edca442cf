#include "impl/status.h"

namespace raft {

std::string Status::ToString() const {
  const char* name = "OK";
  switch (code_) {
    case Code::kOk: return name;
    case Code::kInvalidArgument: name = "InvalidArgument"; break;
    case Code::kIgnored: name = "Ignored"; break;
    case Code::kProposalDropped: name = "ProposalDropped"; break;
    case Code::kUnavailable: name = "Unavailable"; break;
  }
  return std::string(name) + ": " + message_;
}

}  // namespace raft
