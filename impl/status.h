// Status and Result<T> in impl/: the project's one error convention (base/status.h). Nothing in
// impl/ throws; a broken internal invariant aborts through RAFT_INVARIANT (invariant.h), the
// way etcd-raft panics.
#ifndef RAFTCHECK_IMPL_STATUS_H_
#define RAFTCHECK_IMPL_STATUS_H_

#include "base/status.h"

namespace raft {

using base::Result;
using base::Status;

}  // namespace raft

#endif  // RAFTCHECK_IMPL_STATUS_H_
