// The rules that take one configuration to the next (etcd's confchange/): pure functions from a
// TrackerConfig and a change to the next TrackerConfig, or InvalidArgument naming why the
// change cannot be made. Progress is not touched here: ProgressTracker::SetConfig follows the
// membership the result names.
//
// Every result keeps the tracker's invariants: no learner is an incoming voter, learners_next
// are outgoing voters and not learners, the incoming half is never empty.
#ifndef RAFTCHECK_IMPL_CONFCHANGE_CHANGER_H_
#define RAFTCHECK_IMPL_CONFCHANGE_CHANGER_H_

#include <vector>

#include "impl/confchange/conf_change.h"
#include "impl/status.h"
#include "impl/tracker/tracker.h"

namespace raft::confchange {

// A simple change: at most one voter added or removed (any number of learner changes), outside
// a joint configuration.
Result<TrackerConfig> Simple(const TrackerConfig& config,
                             const std::vector<ConfChangeSingle>& changes);
// Enters the joint configuration (outgoing = the current voters, incoming = them with the
// changes applied). Refused while already joint.
Result<TrackerConfig> EnterJoint(const TrackerConfig& config, bool auto_leave,
                                 const std::vector<ConfChangeSingle>& changes);
// Leaves the joint configuration: the incoming voters alone, learners_next become learners,
// outgoing-only voters leave. Refused outside a joint configuration.
Result<TrackerConfig> LeaveJoint(const TrackerConfig& config);
// Whichever of the three `cc` asks for.
Result<TrackerConfig> Apply(const TrackerConfig& config, const ConfChangeV2& cc);
// The configuration a ConfState records (a snapshot's, or the start's). InvalidArgument when it
// breaks the invariants above.
Result<TrackerConfig> Restore(const ConfState& cs);

}  // namespace raft::confchange

#endif  // RAFTCHECK_IMPL_CONFCHANGE_CHANGER_H_
