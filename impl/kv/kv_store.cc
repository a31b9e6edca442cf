#include "impl/kv/kv_store.h"

#include "impl/bytes.h"

namespace raft::kv {

Result<std::optional<Outcome>> KvStore::Apply(const Entry& e) {
  if (e.index != applied_ + 1) {
    return Status::InvalidArgument("kv: entry " + std::to_string(e.index) + " applied after " +
                                   std::to_string(applied_));
  }
  applied_ = e.index;
  if (e.data.empty()) return std::optional<Outcome>();  // a leader's no-op
  Result<Request> r = Decode(e.data);
  if (!r.ok()) return r.status();
  // (Seeded bug: retry-applied-twice skips the session check.)
  if (r->client != 0 && !bugs_.Has(Bug::kRetryAppliedTwice)) {
    auto it = sessions_.find(r->client);
    if (it != sessions_.end() && r->seq <= it->second.seq) {
      if (r->seq == it->second.seq) return std::optional<Outcome>(it->second.last);  // a retry
      return Status::InvalidArgument("kv: client " + std::to_string(r->client) + " request " +
                                     std::to_string(r->seq) + " is older than its request " +
                                     std::to_string(it->second.seq));
    }
  }
  Outcome out = Execute(*r);
  if (r->client != 0) sessions_[r->client] = Session{r->seq, out};
  return std::optional<Outcome>(std::move(out));
}

Outcome KvStore::Execute(const Request& r) {
  Outcome out;
  auto it = data_.find(r.key);
  switch (r.op) {
    case Op::kPut:
      data_[r.key] = r.value;
      break;
    case Op::kGet:
      out.ok = it != data_.end();
      if (out.ok) out.value = it->second;
      break;
    case Op::kCas: {
      const bool present = it != data_.end();
      if (present) out.value = it->second;
      out.ok = r.expected.empty() ? !present : present && it->second == r.expected;
      if (out.ok) data_[r.key] = r.value;
      break;
    }
  }
  return out;
}

std::optional<std::string> KvStore::Get(std::string_view key) const {
  auto it = data_.find(key);
  if (it == data_.end()) return std::nullopt;
  return it->second;
}

// data := u64 keys (string key, string value)* u64 sessions (u64 client, u64 seq, u8 ok,
//         string value)*   -- keys and clients in increasing order (canonical).
std::string KvStore::Snapshot() const {
  std::string out;
  bytes::PutU64(data_.size(), &out);
  for (const auto& [key, value] : data_) {
    bytes::PutString(key, &out);
    bytes::PutString(value, &out);
  }
  bytes::PutU64(sessions_.size(), &out);
  for (const auto& [client, session] : sessions_) {
    bytes::PutU64(client, &out);
    bytes::PutU64(session.seq, &out);
    out.push_back(session.last.ok ? '\1' : '\0');
    bytes::PutString(session.last.value, &out);
  }
  return out;
}

Result<KvStore> KvStore::Restore(std::string_view data, Index index) {
  auto corrupt = [](std::size_t at, const char* what) {
    return Status::Corruption("kv snapshot at byte " + std::to_string(at) + ": " + what);
  };
  KvStore s;
  s.applied_ = index;
  std::size_t pos = 0;
  std::uint64_t n = 0;
  if (!bytes::GetU64(data, &pos, &n)) return corrupt(pos, "truncated key count");
  std::string last_key;
  for (std::uint64_t i = 0; i < n; ++i) {
    std::string key, value;
    const std::size_t at = pos;
    if (!bytes::GetString(data, &pos, &key) || !bytes::GetString(data, &pos, &value)) {
      return corrupt(at, "truncated key or value");
    }
    if (i > 0 && key <= last_key) return corrupt(at, "keys out of order");
    last_key = key;
    s.data_.emplace_hint(s.data_.end(), std::move(key), std::move(value));
  }
  if (!bytes::GetU64(data, &pos, &n)) return corrupt(pos, "truncated session count");
  for (std::uint64_t i = 0; i < n; ++i) {
    const std::size_t at = pos;
    std::uint64_t client = 0;
    Session session;
    if (!bytes::GetU64(data, &pos, &client) || !bytes::GetU64(data, &pos, &session.seq) ||
        pos >= data.size()) {
      return corrupt(at, "truncated session");
    }
    const char ok = data[pos++];
    if (ok != '\0' && ok != '\1') return corrupt(pos - 1, "bad outcome flag");
    session.last.ok = ok == '\1';
    if (!bytes::GetString(data, &pos, &session.last.value)) return corrupt(at, "truncated session");
    if (!s.sessions_.empty() && client <= s.sessions_.rbegin()->first) {
      return corrupt(at, "clients out of order");
    }
    s.sessions_.emplace_hint(s.sessions_.end(), client, std::move(session));
  }
  if (pos != data.size()) return corrupt(pos, "trailing bytes");
  return s;
}

}  // namespace raft::kv
