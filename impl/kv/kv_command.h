// The KV service's requests as Raft entry data, and their results.
//
// A client sends requests to the service; the service proposes each one as the data of one
// log entry, and every replica applies committed entries in log order (kv_store.h). Every
// request names its client and the client's sequence number for it, so that a request the
// client retries (its first proposal may or may not have been committed) is applied once.
//
// Encoding of an entry's data (impl/bytes.h; every integer little-endian):
//   'K' u8 op u64 client u64 seq string key string value string expected
//   string := u64 n, n bytes
// Data that is empty is a leader's no-op, not a request. Anything else that does not decode
// is Corruption.
#ifndef RAFTCHECK_IMPL_KV_KV_COMMAND_H_
#define RAFTCHECK_IMPL_KV_KV_COMMAND_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "impl/status.h"

namespace raft::kv {

enum class Op : std::uint8_t {
  kPut = 1,  // key := value
  kGet = 2,  // read key through the log (a read that needs no ReadIndex)
  kCas = 3,  // if key == expected: key := value ("" expected: the key is absent)
};
const char* OpName(Op op);

struct Request {
  Op op = Op::kPut;
  std::uint64_t client = 0;  // who asks; 0 is no client (no deduplication)
  std::uint64_t seq = 0;     // the client's number for this request, from 1, increasing
  std::string key;
  std::string value;     // kPut, kCas
  std::string expected;  // kCas
  bool operator==(const Request&) const = default;
};

// What applying a request answers its client.
struct Outcome {
  // kGet: the key exists; kCas: the comparison held and the write happened; kPut: true.
  bool ok = true;
  // kGet: the value read ("" when absent); kCas: the value before the request.
  std::string value;
  bool operator==(const Outcome&) const = default;
};

std::string Encode(const Request& r);
// Whether entry data is meant as a request (the leading 'K'); whether it decodes is Decode's.
inline bool IsRequest(std::string_view data) { return !data.empty() && data[0] == 'K'; }
// Errors: Corruption naming the byte offset where the data stops making sense.
Result<Request> Decode(std::string_view data);

}  // namespace raft::kv

#endif  // RAFTCHECK_IMPL_KV_KV_COMMAND_H_
