#include "checker/world/clients.h"

#include <iterator>

namespace raftcheck {
namespace {

constexpr const char* kKindNames[] = {"put", "get", "cas"};
static_assert(std::size(kKindNames) == kClientOpKindCount);

linearizable::Value ValueOf(std::uint8_t v) {
  return v == 0 ? linearizable::Value::Nil() : linearizable::Value::Of(v);
}

std::string Text(std::uint8_t v) { return v == 0 ? std::string() : std::to_string(v); }

}  // namespace

const char* ClientOpKindName(ClientOpKind kind) {
  const auto k = static_cast<std::size_t>(kind);
  return k < std::size(kKindNames) ? kKindNames[k] : "?";
}

std::optional<ClientOpKind> ClientOpKindFromName(std::string_view name) {
  for (std::size_t k = 0; k < std::size(kKindNames); ++k) {
    if (name == kKindNames[k]) return static_cast<ClientOpKind>(k);
  }
  return std::nullopt;
}

const ClientOp* Outstanding(const std::vector<ClientOp>& ops, int client) {
  for (auto it = ops.rbegin(); it != ops.rend(); ++it) {
    if (it->client == client) return it->outcome == ClientOutcome::kPending ? &*it : nullptr;
  }
  return nullptr;
}

ClientOp NextOp(const std::vector<ClientOp>& ops, int client, int node, ClientOpKind kind,
                std::uint16_t position) {
  ClientOp op{.client = static_cast<std::uint8_t>(client),
              .kind = kind,
              .node = static_cast<std::uint8_t>(node),
              .invoke = position};
  for (const ClientOp& o : ops) {
    if (o.client == client) op.seq = o.seq;
    if (o.kind != ClientOpKind::kGet) op.expected = o.value;  // the last write invoked
  }
  ++op.seq;
  if (kind == ClientOpKind::kGet) {
    op.expected = 0;
  } else {
    op.value = static_cast<std::uint8_t>(ops.size() + 1);
    if (kind == ClientOpKind::kPut) op.expected = 0;
  }
  return op;
}

raft::kv::Request RequestOf(const ClientOp& op) {
  raft::kv::Request r{.client = op.client + 1u, .seq = op.seq, .key = kClientKey};
  switch (op.kind) {
    case ClientOpKind::kPut:
      r.op = raft::kv::Op::kPut;
      r.value = Text(op.value);
      break;
    case ClientOpKind::kGet:
      r.op = raft::kv::Op::kGet;
      break;
    case ClientOpKind::kCas:
      r.op = raft::kv::Op::kCas;
      r.value = Text(op.value);
      r.expected = Text(op.expected);
      break;
  }
  return r;
}

bool RecordReply(std::vector<ClientOp>& ops, const raft::KvReply& reply, std::uint16_t position) {
  for (ClientOp& op : ops) {
    if (op.client + 1u != reply.client || op.seq != reply.seq) continue;
    if (op.outcome != ClientOutcome::kPending) return false;
    op.outcome = reply.ok ? ClientOutcome::kOk : ClientOutcome::kFail;
    op.complete = position;
    if (op.kind == ClientOpKind::kGet && reply.ok && reply.outcome.ok) {
      // Values are the decimal text of an operation number (clients.h); anything else would
      // be a value no client wrote, which reads as one no operation has (kMaxOps + 1).
      int v = 0;
      for (char c : reply.outcome.value) {
        v = c >= '0' && c <= '9' && v <= kMaxOps ? v * 10 + (c - '0') : kMaxOps + 1;
      }
      op.read = static_cast<std::uint8_t>(v == 0 || v > kMaxOps ? kMaxOps + 1 : v);
    }
    return true;
  }
  return false;
}

linearizable::History ToHistory(const std::vector<ClientOp>& ops, std::size_t events) {
  linearizable::History h;
  h.model = "kv";
  h.keys = {kClientKey};
  h.events = events;
  for (const ClientOp& op : ops) {
    linearizable::Operation o;
    o.process = op.client + 1;
    o.has_key = true;
    o.key = kClientKey;
    o.key_id = 0;
    switch (op.kind) {
      case ClientOpKind::kPut:
        o.kind = linearizable::OpKind::kWrite;
        o.input = ValueOf(op.value);
        break;
      case ClientOpKind::kGet:
        o.kind = linearizable::OpKind::kRead;
        o.output = ValueOf(op.read);
        break;
      case ClientOpKind::kCas:
        o.kind = linearizable::OpKind::kCas;
        o.input = ValueOf(op.expected);
        o.input2 = ValueOf(op.value);
        break;
    }
    switch (op.outcome) {
      case ClientOutcome::kPending: o.outcome = linearizable::Outcome::kPending; break;
      case ClientOutcome::kOk: o.outcome = linearizable::Outcome::kOk; break;
      case ClientOutcome::kFail: o.outcome = linearizable::Outcome::kFail; break;
      case ClientOutcome::kInfo: o.outcome = linearizable::Outcome::kInfo; break;
    }
    o.invoke = op.invoke;
    o.complete = op.complete == kNotCompleted ? linearizable::kNoEvent : op.complete;
    h.operations.push_back(std::move(o));
  }
  return h;
}

std::string DescribeInvoke(const ClientOp& op) {
  std::string s = "client " + std::to_string(op.client + 1) + " " + ClientOpKindName(op.kind) +
                  " " + kClientKey;
  if (op.kind == ClientOpKind::kPut) s += "=" + std::to_string(op.value);
  if (op.kind == ClientOpKind::kCas) {
    s += " " + (op.expected == 0 ? std::string("absent") : std::to_string(op.expected)) + "->" +
         std::to_string(op.value);
  }
  return s + " at node " + std::to_string(op.node + 1);
}

std::string DescribeEntryData(std::string_view data) {
  if (!raft::kv::IsRequest(data)) return std::string(data);
  const raft::Result<raft::kv::Request> r = raft::kv::Decode(data);
  if (!r.ok()) return "(undecodable kv request)";
  std::string s = "c" + std::to_string(r->client) + "#" + std::to_string(r->seq) + " " +
                  raft::kv::OpName(r->op) + " " + r->key;
  if (r->op == raft::kv::Op::kPut) s += "=" + r->value;
  if (r->op == raft::kv::Op::kCas) {
    s += " " + (r->expected.empty() ? std::string("absent") : r->expected) + "->" + r->value;
  }
  return s;
}

}  // namespace raftcheck
