#include "base/status.h"

namespace base {

const char* Status::CodeName(Code code) {
  switch (code) {
    case Code::kOk: return "OK";
    case Code::kInvalidArgument: return "InvalidArgument";
    case Code::kIgnored: return "Ignored";
    case Code::kProposalDropped: return "ProposalDropped";
    case Code::kUnavailable: return "Unavailable";
    case Code::kNotFound: return "NotFound";
    case Code::kCompacted: return "Compacted";
    case Code::kIOError: return "IOError";
    case Code::kCorruption: return "Corruption";
  }
  return "?";
}

std::string Status::ToString() const {
  if (ok()) return "OK";
  return std::string(CodeName(code_)) + ": " + message_;
}

Status Status::Prefixed(const std::string& prefix) const {
  if (ok()) return *this;
  return Status(code_, prefix + ": " + message_);
}

}  // namespace base
