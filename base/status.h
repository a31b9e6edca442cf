// Status and Result<T>: how raftcheck reports expected failures, in every layer. Nothing below
// the command line throws; only the CLI turns a Status into an exit code.
//
// A broken internal invariant is not an expected failure: impl/ aborts through RAFT_INVARIANT
// (impl/invariant.h), the way etcd-raft panics.
#ifndef RAFTCHECK_BASE_STATUS_H_
#define RAFTCHECK_BASE_STATUS_H_

#include <string>
#include <utility>
#include <variant>

namespace base {

class Status {
 public:
  enum class Code : unsigned char {
    kOk,
    kInvalidArgument,   // a malformed input, call or message, an unknown name, a bad config
    kIgnored,           // well formed, but the protocol says to ignore it (e.g. a stale term)
    kProposalDropped,   // no leader known, leadership transfer in progress, ...
    kUnavailable,       // the requested log range is not (or not yet) available
    kNotFound,          // no such file, entry or name
    kCompacted,         // the requested log index was compacted into a snapshot
    kIOError,           // a file-system operation failed (the message names the file)
    kCorruption,        // stored data is damaged (the message names file and offset)
  };

  Status() = default;  // OK
  static Status OK() { return Status(); }
  static Status InvalidArgument(std::string msg) { return {Code::kInvalidArgument, std::move(msg)}; }
  static Status Ignored(std::string msg) { return {Code::kIgnored, std::move(msg)}; }
  static Status ProposalDropped(std::string msg) { return {Code::kProposalDropped, std::move(msg)}; }
  static Status Unavailable(std::string msg) { return {Code::kUnavailable, std::move(msg)}; }
  static Status NotFound(std::string msg) { return {Code::kNotFound, std::move(msg)}; }
  static Status Compacted(std::string msg) { return {Code::kCompacted, std::move(msg)}; }
  static Status IOError(std::string msg) { return {Code::kIOError, std::move(msg)}; }
  static Status Corruption(std::string msg) { return {Code::kCorruption, std::move(msg)}; }

  bool ok() const { return code_ == Code::kOk; }
  Code code() const { return code_; }
  // The human sentence (empty when OK). Messages are one line, written to be read after a
  // "raftcheck COMMAND: " prefix.
  const std::string& message() const { return message_; }
  // "OK", or the code's name, a colon and the message.
  std::string ToString() const;
  static const char* CodeName(Code code);  // "OK", "InvalidArgument", ...
  // The same status with "prefix: " before its message (context from a caller: a file name,
  // a step number). OK stays OK.
  Status Prefixed(const std::string& prefix) const;

 private:
  Status(Code code, std::string msg) : code_(code), message_(std::move(msg)) {}
  Code code_ = Code::kOk;
  std::string message_;
};

// A value, or the Status that explains why there is none.
// REQUIRES: a Result is built from a non-OK Status only.
template <class T>
class Result {
 public:
  Result(T value) : v_(std::move(value)) {}           // NOLINT: implicit by design
  Result(Status status) : v_(std::move(status)) {}    // NOLINT: implicit by design

  bool ok() const { return v_.index() == 0; }
  const T& value() const& { return std::get<0>(v_); }
  T& value() & { return std::get<0>(v_); }
  T&& value() && { return std::get<0>(std::move(v_)); }
  const T& operator*() const& { return value(); }
  T& operator*() & { return value(); }
  const T* operator->() const { return &value(); }
  T* operator->() { return &value(); }
  Status status() const { return ok() ? Status::OK() : std::get<1>(v_); }

 private:
  std::variant<T, Status> v_;
};

}  // namespace base

#endif  // RAFTCHECK_BASE_STATUS_H_
