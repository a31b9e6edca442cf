#include "checker/smt/symbolic_state.h"

#include <bit>

namespace raftcheck::smt {

namespace ab = model::abstract;

namespace {

// Bits that hold every value in 0..max.
unsigned BitsFor(int max) {
  return std::max(1, static_cast<int>(std::bit_width(static_cast<unsigned>(max))));
}

unsigned Value(const z3::model& m, const z3::expr& e) {
  return m.eval(e, /*model_completion=*/true).get_numeral_uint();
}

}  // namespace

Encoding::Encoding(z3::context& ctx, const ab::AbstractConfig& config)
    : ctx_(ctx),
      config_(config),
      term_bits_(BitsFor(config.max_term + 1)),
      len_bits_(BitsFor(config.max_log + 1)) {}

SymbolicState Encoding::Fresh(const std::string& prefix) const {
  SymbolicState st;
  for (int s = 0; s < servers(); ++s) {
    const std::string p = prefix + ".s" + std::to_string(s + 1) + ".";
    SymbolicServer v{ctx_.bv_const((p + "term").c_str(), term_bits_),
                     ctx_.bool_const((p + "primary").c_str()),
                     ctx_.bv_const((p + "len").c_str(), len_bits_),
                     {}};
    for (int k = 0; k < capacity(); ++k) {
      v.log.push_back(ctx_.bv_const((p + "log" + std::to_string(k + 1)).c_str(), term_bits_));
    }
    st.servers.push_back(std::move(v));
  }
  for (int k = 0; k < committed_indices(); ++k) {
    st.committed.emplace_back();
    for (int t = 0; t < committed_terms(); ++t) {
      st.committed.back().push_back(ctx_.bool_const(
          (prefix + ".committed" + std::to_string(k + 1) + "_" + std::to_string(t)).c_str()));
    }
  }
  return st;
}

SymbolicState Encoding::Constant(const ab::State& s) const {
  SymbolicState st;
  for (int i = 0; i < servers(); ++i) {
    const ab::Server& v = s.servers[static_cast<std::size_t>(i)];
    SymbolicServer c{TermVal(v.term), ctx_.bool_val(v.primary), LenVal(v.len), {}};
    for (int k = 0; k < capacity(); ++k) {
      c.log.push_back(TermVal(k < v.len ? v.log[static_cast<std::size_t>(k)] : 0));
    }
    st.servers.push_back(std::move(c));
  }
  for (int k = 0; k < committed_indices(); ++k) {
    st.committed.emplace_back();
    for (int t = 0; t < committed_terms(); ++t) {
      st.committed.back().push_back(ctx_.bool_val(s.Committed(k + 1, t)));
    }
  }
  return st;
}

ab::State Encoding::Extract(const z3::model& m, const SymbolicState& st) const {
  ab::State s;
  for (int i = 0; i < servers(); ++i) {
    const SymbolicServer& v = st.servers[static_cast<std::size_t>(i)];
    ab::Server& out = s.servers[static_cast<std::size_t>(i)];
    out.term = static_cast<std::uint8_t>(Value(m, v.term));
    out.primary = m.eval(v.primary, true).is_true();
    out.len = static_cast<std::uint8_t>(Value(m, v.len));
    for (int k = 0; k < out.len; ++k) {
      out.log[static_cast<std::size_t>(k)] =
          static_cast<std::uint8_t>(Value(m, v.log[static_cast<std::size_t>(k)]));
    }
  }
  for (int k = 0; k < committed_indices(); ++k) {
    for (int t = 0; t < committed_terms(); ++t) {
      if (m.eval(st.committed[static_cast<std::size_t>(k)][static_cast<std::size_t>(t)], true)
              .is_true()) {
        s.Commit(k + 1, t);
      }
    }
  }
  return s;
}

z3::expr Encoding::Init(const SymbolicState& st) const {
  z3::expr_vector all(ctx_);
  for (const SymbolicServer& v : st.servers) {
    all.push_back(v.term == TermVal(0));
    all.push_back(!v.primary);
    all.push_back(v.len == LenVal(0));
    for (const z3::expr& e : v.log) all.push_back(e == TermVal(0));
  }
  for (const auto& row : st.committed) {
    for (const z3::expr& c : row) all.push_back(!c);
  }
  return z3::mk_and(all);
}

z3::expr Encoding::InBounds(const SymbolicState& st) const {
  z3::expr_vector all(ctx_);
  for (const SymbolicServer& v : st.servers) {
    all.push_back(z3::ule(v.term, TermVal(config_.max_term)));
    all.push_back(z3::ule(v.len, LenVal(config_.max_log)));
  }
  return z3::mk_and(all);
}

z3::expr Encoding::TypeOk(const SymbolicState& st) const {
  z3::expr_vector all(ctx_);
  for (const SymbolicServer& v : st.servers) {
    for (int k = 0; k < capacity(); ++k) {
      all.push_back(
          z3::implies(z3::ult(LenVal(k), v.len),
                      z3::ule(v.log[static_cast<std::size_t>(k)], TermVal(config_.max_term))));
    }
  }
  return z3::mk_and(all);
}

z3::expr Encoding::Equal(const SymbolicState& a, const SymbolicState& b) const {
  z3::expr_vector all(ctx_);
  for (std::size_t i = 0; i < a.servers.size(); ++i) {
    const SymbolicServer& x = a.servers[i];
    const SymbolicServer& y = b.servers[i];
    all.push_back(x.term == y.term);
    all.push_back(x.primary == y.primary);
    all.push_back(x.len == y.len);
    for (std::size_t k = 0; k < x.log.size(); ++k) all.push_back(x.log[k] == y.log[k]);
  }
  for (std::size_t k = 0; k < a.committed.size(); ++k) {
    for (std::size_t t = 0; t < a.committed[k].size(); ++t) {
      all.push_back(a.committed[k][t] == b.committed[k][t]);
    }
  }
  return z3::mk_and(all);
}

z3::expr Encoding::LastTerm(const SymbolicServer& s) const { return LogTermAt(s, s.len); }

z3::expr Encoding::LogTermAt(const SymbolicServer& s, const z3::expr& index) const {
  z3::expr out = TermVal(0);  // index 0
  for (int k = capacity(); k >= 1; --k) {
    out = z3::ite(index == LenVal(k), s.log[static_cast<std::size_t>(k - 1)], out);
  }
  return out;
}

z3::expr Encoding::InLog(const SymbolicServer& s, const z3::expr& index,
                         const z3::expr& term) const {
  z3::expr_vector at(ctx_);
  for (int k = 1; k <= capacity(); ++k) {
    at.push_back(index == LenVal(k) && s.log[static_cast<std::size_t>(k - 1)] == term);
  }
  return z3::ule(index, s.len) && z3::mk_or(at);
}

z3::expr Encoding::InLog(const SymbolicServer& s, int index, const z3::expr& term) const {
  if (index < 1 || index > capacity()) return ctx_.bool_val(false);
  return z3::ule(LenVal(index), s.len) && s.log[static_cast<std::size_t>(index - 1)] == term;
}

z3::expr Encoding::Quorum(const std::vector<z3::expr>& holds) const {
  z3::expr_vector v(ctx_);
  for (const z3::expr& h : holds) v.push_back(h);
  return z3::atleast(v, static_cast<unsigned>(config_.QuorumSize()));
}

}  // namespace raftcheck::smt
