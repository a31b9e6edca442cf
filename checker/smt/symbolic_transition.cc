#include "checker/smt/symbolic_transition.h"

#include <functional>

namespace raftcheck::smt {

namespace ab = model::abstract;
using z3::expr;

namespace {

constexpr unsigned kChoiceBits = 3;  // kinds < 6, servers < 8

bool HasPeer(ab::ActionKind k) {
  return k == ab::ActionKind::kGetEntries || k == ab::ActionKind::kRollbackEntries ||
         k == ab::ActionKind::kUpdateTerms;
}

unsigned Value(const z3::model& m, const expr& e) {
  return m.eval(e, /*model_completion=*/true).get_numeral_uint();
}

}  // namespace

StepChoice Transitions::FreshChoice(const std::string& prefix) const {
  z3::context& ctx = enc_.ctx();
  StepChoice c{ctx.bv_const((prefix + ".kind").c_str(), kChoiceBits),
               ctx.bv_const((prefix + ".node").c_str(), kChoiceBits),
               ctx.bv_const((prefix + ".peer").c_str(), kChoiceBits),
               {}};
  for (int s = 0; s < enc_.servers(); ++s) {
    c.quorum.push_back(ctx.bool_const((prefix + ".vote.s" + std::to_string(s + 1)).c_str()));
  }
  return c;
}

expr Transitions::Names(const StepChoice& c, const ab::Action& a) const {
  z3::context& ctx = enc_.ctx();
  expr out = c.kind == ctx.bv_val(static_cast<int>(a.kind), kChoiceBits) &&
             c.node == ctx.bv_val(a.node, kChoiceBits) && c.peer == ctx.bv_val(a.peer, kChoiceBits);
  for (int s = 0; s < enc_.servers(); ++s) {
    out = out && c.quorum[static_cast<std::size_t>(s)] == ctx.bool_val((a.quorum >> s & 1U) != 0);
  }
  return out;
}

ab::Action Transitions::ExtractAction(const z3::model& m, const StepChoice& c) const {
  ab::Action a;
  a.kind = static_cast<ab::ActionKind>(Value(m, c.kind));
  a.node = static_cast<std::uint8_t>(Value(m, c.node));
  a.peer = static_cast<std::uint8_t>(Value(m, c.peer));
  for (int s = 0; s < enc_.servers(); ++s) {
    if (m.eval(c.quorum[static_cast<std::size_t>(s)], true).is_true()) {
      a.quorum = static_cast<std::uint8_t>(a.quorum | (1U << s));
    }
  }
  return a;
}

expr Transitions::CanVote(const SymbolicState& s, int v, int i, const expr& term) const {
  const SymbolicServer& voter = s.servers[static_cast<std::size_t>(v)];
  const SymbolicServer& cand = s.servers[static_cast<std::size_t>(i)];
  const expr last_v = enc_.LastTerm(voter);
  const expr last_c = enc_.LastTerm(cand);
  const expr log_ok = z3::ugt(last_c, last_v) || (last_c == last_v && z3::uge(cand.len, voter.len));
  // The deviation: a voter that already reached `term` (it voted in it) votes again.
  const expr term_ok = enc_.config().Has(ab::AbstractBug::kDoubleVote) ? z3::ule(voter.term, term)
                                                                       : z3::ult(voter.term, term);
  return term_ok && log_ok;
}

expr Transitions::Instance(ab::ActionKind kind, int i, int j, const SymbolicState& s,
                           const std::vector<expr>& quorum, const SymbolicState& t) const {
  z3::context& ctx = enc_.ctx();
  const auto ui = static_cast<std::size_t>(i);
  const auto uj = static_cast<std::size_t>(j);
  const SymbolicServer& me = s.servers[ui];
  SymbolicState next = s;  // the successor, built by functional update
  SymbolicServer& out = next.servers[ui];
  expr guard = ctx.bool_val(true);
  // Appends `entry` at slot len (the log's next position).
  auto append = [&](const std::function<expr(int)>& entry) {
    for (int k = 0; k < enc_.capacity(); ++k) {
      out.log[static_cast<std::size_t>(k)] =
          z3::ite(me.len == enc_.LenVal(k), entry(k), me.log[static_cast<std::size_t>(k)]);
    }
    out.len = me.len + enc_.LenVal(1);
  };
  switch (kind) {
    case ab::ActionKind::kClientRequest:
      guard = me.primary && z3::ult(me.len, enc_.LenVal(enc_.capacity()));
      append([&](int) { return me.term; });
      break;
    case ab::ActionKind::kGetEntries: {
      const SymbolicServer& from = s.servers[uj];
      // The log consistency check: i's last entry is also at that index in j's log.
      z3::expr_vector last_matches(ctx);
      for (int k = 1; k <= enc_.capacity(); ++k) {
        last_matches.push_back(z3::implies(
            me.len == enc_.LenVal(k),
            from.log[static_cast<std::size_t>(k - 1)] == me.log[static_cast<std::size_t>(k - 1)]));
      }
      guard = i != j && !me.primary && z3::ugt(from.len, me.len) && z3::mk_and(last_matches);
      append([&](int k) { return from.log[static_cast<std::size_t>(k)]; });
      break;
    }
    case ab::ActionKind::kRollbackEntries: {
      const SymbolicServer& against = s.servers[uj];
      const expr last = enc_.LastTerm(me);
      guard = i != j && !me.primary && z3::ugt(me.len, enc_.LenVal(0)) &&
              z3::ult(last, enc_.LastTerm(against)) &&
              (z3::ugt(me.len, against.len) || last != enc_.LogTermAt(against, me.len));
      out.len = me.len - enc_.LenVal(1);
      for (int k = 0; k < enc_.capacity(); ++k) {  // the dropped slot is zeroed (canonical)
        out.log[static_cast<std::size_t>(k)] = z3::ite(out.len == enc_.LenVal(k), enc_.TermVal(0),
                                                       me.log[static_cast<std::size_t>(k)]);
      }
      break;
    }
    case ab::ActionKind::kBecomeLeader: {
      const expr term = me.term + enc_.TermVal(1);
      z3::expr_vector votes(ctx);
      for (int v = 0; v < enc_.servers(); ++v) {
        const auto uv = static_cast<std::size_t>(v);
        votes.push_back(z3::implies(quorum[uv], CanVote(s, v, i, term)));
        next.servers[uv].term = z3::ite(quorum[uv], term, s.servers[uv].term);
        next.servers[uv].primary =
            v == i ? ctx.bool_val(true)
                   : z3::ite(quorum[uv], ctx.bool_val(false), s.servers[uv].primary);
      }
      guard = quorum[ui] && enc_.Quorum(quorum) && z3::mk_and(votes);
      break;
    }
    case ab::ActionKind::kCommitEntry: {
      const expr index = me.len;
      const expr term = enc_.LastTerm(me);  // the entry committed: <<index, term>>
      std::vector<expr> holders;
      for (const SymbolicServer& q : s.servers) {
        holders.push_back(enc_.InLog(q, index, term) && q.term == me.term);
      }
      z3::expr_vector already(ctx);
      for (int k = 1; k <= enc_.committed_indices(); ++k) {
        for (int u = 0; u < enc_.committed_terms(); ++u) {
          const expr is_entry = index == enc_.LenVal(k) && term == enc_.TermVal(u);
          const expr& c = s.committed[static_cast<std::size_t>(k - 1)][static_cast<std::size_t>(u)];
          already.push_back(is_entry && c);
          next.committed[static_cast<std::size_t>(k - 1)][static_cast<std::size_t>(u)] =
              c || is_entry;
        }
      }
      const expr own_term =
          enc_.config().Has(ab::AbstractBug::kCommitOldTerm) ? ctx.bool_val(true) : term == me.term;
      // index <= max_log keeps the pair inside the committed matrix (always so in bounds).
      guard = me.primary && z3::ugt(index, enc_.LenVal(0)) &&
              z3::ule(index, enc_.LenVal(enc_.committed_indices())) && own_term &&
              !z3::mk_or(already) && enc_.Quorum(holders);
      break;
    }
    case ab::ActionKind::kUpdateTerms: {
      guard = z3::ugt(me.term, s.servers[uj].term);
      next.servers[uj].term = me.term;
      next.servers[uj].primary = ctx.bool_val(false);
      break;
    }
  }
  return guard && enc_.Equal(t, next);
}

expr Transitions::Step(const SymbolicState& s, const StepChoice& c, const SymbolicState& t,
                       std::optional<ab::ActionKind> only) const {
  z3::context& ctx = enc_.ctx();
  const int n = enc_.servers();
  z3::expr_vector cases(ctx);
  for (int k = 0; k < ab::kActionKindCount; ++k) {
    const auto kind = static_cast<ab::ActionKind>(k);
    if (only && *only != kind) continue;
    for (int i = 0; i < n; ++i) {
      for (int j = 0; j < (HasPeer(kind) ? n : 1); ++j) {
        const expr named = c.kind == ctx.bv_val(k, kChoiceBits) &&
                           c.node == ctx.bv_val(i, kChoiceBits) &&
                           c.peer == ctx.bv_val(j, kChoiceBits);
        cases.push_back(named && Instance(kind, i, j, s, c.quorum, t));
      }
    }
  }
  // Canonical choices: the quorum is empty unless the action is BecomeLeader.
  z3::expr_vector no_votes(ctx);
  for (const expr& v : c.quorum) no_votes.push_back(!v);
  const expr become_leader =
      c.kind == ctx.bv_val(static_cast<int>(ab::ActionKind::kBecomeLeader), kChoiceBits);
  return z3::mk_or(cases) && (become_leader || z3::mk_and(no_votes));
}

}  // namespace raftcheck::smt
