#include "impl/kv/kv_command.h"

#include "impl/bytes.h"

namespace raft::kv {

const char* OpName(Op op) {
  switch (op) {
    case Op::kPut: return "put";
    case Op::kGet: return "get";
    case Op::kCas: return "cas";
  }
  return "?";
}

std::string Encode(const Request& r) {
  std::string out;
  out.reserve(2 + 8 * 5 + r.key.size() + r.value.size() + r.expected.size());
  out.push_back('K');
  out.push_back(static_cast<char>(r.op));
  bytes::PutU64(r.client, &out);
  bytes::PutU64(r.seq, &out);
  bytes::PutString(r.key, &out);
  bytes::PutString(r.value, &out);
  bytes::PutString(r.expected, &out);
  return out;
}

Result<Request> Decode(std::string_view data) {
  auto corrupt = [](std::size_t at, const char* what) {
    return Status::Corruption("kv request at byte " + std::to_string(at) + ": " + what);
  };
  if (data.empty() || data[0] != 'K') return corrupt(0, "not a kv request");
  if (data.size() < 2) return corrupt(1, "no operation");
  Request r;
  const auto op = static_cast<std::uint8_t>(data[1]);
  if (op < static_cast<std::uint8_t>(Op::kPut) || op > static_cast<std::uint8_t>(Op::kCas)) {
    return corrupt(1, "unknown operation");
  }
  r.op = static_cast<Op>(op);
  std::size_t pos = 2;
  if (!bytes::GetU64(data, &pos, &r.client)) return corrupt(pos, "truncated client");
  if (!bytes::GetU64(data, &pos, &r.seq)) return corrupt(pos, "truncated sequence number");
  if (!bytes::GetString(data, &pos, &r.key)) return corrupt(pos, "truncated key");
  if (!bytes::GetString(data, &pos, &r.value)) return corrupt(pos, "truncated value");
  if (!bytes::GetString(data, &pos, &r.expected)) return corrupt(pos, "truncated expected value");
  if (pos != data.size()) return corrupt(pos, "trailing bytes");
  return r;
}

}  // namespace raft::kv
