#include "impl/harness/kv_service.h"

#include <algorithm>

#include "impl/invariant.h"

namespace raft {

std::optional<KvReply> KvService::Submit(NodeHost& host, const kv::Request& r) {
  RAFT_INVARIANT(host.up(), "a request is submitted to a node that is up");
  const KvReply failed{.client = r.client, .seq = r.seq, .ok = false};
  Pending pending{.request = r};
  if (r.op == kv::Op::kGet) {
    Result<ReadId> read = host.node().ReadIndex();
    if (!read.ok()) return failed;
    pending.read = *read;
  } else {
    if (!host.node().Propose(kv::Encode(r)).ok()) return failed;
    if (bugs_.Has(Bug::kAckBeforeCommit)) {
      // Seeded bug: ack-before-commit. Answers as if applying it now, before it is committed.
      kv::KvStore speculative = store_;
      Result<std::optional<kv::Outcome>> outcome =
          speculative.Apply(Entry{.index = store_.applied() + 1, .data = kv::Encode(r)});
      if (outcome.ok() && outcome->has_value()) {
        return KvReply{.client = r.client, .seq = r.seq, .ok = (*outcome)->ok,
                       .outcome = **outcome};
      }
    }
  }
  pending_.push_back(std::move(pending));
  return std::nullopt;
}

void KvService::CatchUp(const NodeHost& host, std::vector<KvReply>* replies) {
  const std::vector<Entry>& applied = host.applied();
  if (applied.size() < store_.applied()) store_ = kv::KvStore(bugs_);  // a crash took it back
  for (Index i = store_.applied(); i < applied.size(); ++i) {
    const Entry& e = applied[i];
    if (e.type != EntryType::kNormal || !kv::IsRequest(e.data)) {
      RAFT_INVARIANT(store_.Apply(Entry{.term = e.term, .index = e.index}).ok(),
                     "the store takes the next entry");
      continue;
    }
    Result<std::optional<kv::Outcome>> outcome = store_.Apply(e);
    // A request the store refuses (stale, undecodable) is consumed and answers nobody.
    if (!outcome.ok() || !outcome->has_value()) continue;
    const Result<kv::Request> r = kv::Decode(e.data);
    auto it = std::find_if(pending_.begin(), pending_.end(), [&](const Pending& p) {
      return p.request.op != kv::Op::kGet && p.request.client == r->client &&
             p.request.seq == r->seq;
    });
    if (it == pending_.end()) continue;  // someone else's, or answered already
    replies->push_back(KvReply{.client = r->client, .seq = r->seq, .ok = (*outcome)->ok,
                               .outcome = **outcome});
    pending_.erase(it);
  }
}

std::vector<KvReply> KvService::Poll(const NodeHost& host, std::span<const ReadState> reads) {
  std::vector<KvReply> replies;
  CatchUp(host, &replies);
  for (const ReadState& rs : reads) {
    auto it = std::find_if(pending_.begin(), pending_.end(), [&](const Pending& p) {
      return p.request.op == kv::Op::kGet && p.read == rs.id && !p.confirmed;
    });
    if (it == pending_.end()) continue;
    if (!rs.ok) {
      replies.push_back(KvReply{.client = it->request.client, .seq = it->request.seq});
      pending_.erase(it);
      continue;
    }
    it->confirmed = true;
    it->read_index = rs.index;
  }
  for (auto it = pending_.begin(); it != pending_.end();) {
    // (Seeded bug: read-before-applied answers without waiting for the store.)
    const bool due = it->confirmed && (store_.applied() >= it->read_index ||
                                       bugs_.Has(Bug::kReadBeforeApplied));
    if (!due) {
      ++it;
      continue;
    }
    const std::optional<std::string> value = store_.Get(it->request.key);
    replies.push_back(KvReply{.client = it->request.client, .seq = it->request.seq, .ok = true,
                              .outcome = kv::Outcome{value.has_value(), value.value_or("")}});
    it = pending_.erase(it);
  }
  return replies;
}

}  // namespace raft
