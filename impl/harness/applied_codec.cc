#include "impl/harness/applied_codec.h"

#include <cstdint>

#include "impl/bytes.h"

namespace raft {
namespace {

using bytes::GetU64;
using bytes::PutU64;

constexpr std::uint64_t kConfChangeBit = std::uint64_t{1} << 63;

}  // namespace

std::string EncodeAppliedEntries(std::span<const Entry> applied) {
  std::string out;
  for (const Entry& e : applied) {
    PutU64(e.term, &out);
    PutU64(e.index, &out);
    PutU64(e.data.size() | (e.type == EntryType::kConfChange ? kConfChangeBit : 0), &out);
    out.append(e.data);
  }
  return out;
}

Result<std::vector<Entry>> DecodeAppliedEntries(std::string_view data) {
  std::vector<Entry> out;
  std::size_t pos = 0;
  while (pos < data.size()) {
    const std::size_t at = pos;
    Entry e;
    std::uint64_t n = 0;
    const bool ok = GetU64(data, &pos, &e.term) && GetU64(data, &pos, &e.index) &&
                    GetU64(data, &pos, &n);
    if (ok && (n & kConfChangeBit) != 0) {
      e.type = EntryType::kConfChange;
      n &= ~kConfChangeBit;
    }
    if (!ok || data.size() - pos < n) {
      return Status::Corruption("applied entries: truncated entry at byte " + std::to_string(at));
    }
    if (e.index != out.size() + 1) {
      return Status::Corruption("applied entries: entry at byte " + std::to_string(at) +
                                " has index " + std::to_string(e.index) + ", expected " +
                                std::to_string(out.size() + 1));
    }
    e.data.assign(data.substr(pos, n));
    pos += n;
    out.push_back(std::move(e));
  }
  return out;
}

}  // namespace raft
