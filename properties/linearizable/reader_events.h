// What the readers share (internal to this folder): Jepsen's operation vocabulary (:type,
// :f, the shape of :value) turned into HistoryBuilder events, for EDN maps, log lines and
// JSON events alike.
#ifndef RAFTCHECK_PROPERTIES_LINEARIZABLE_READER_EVENTS_H_
#define RAFTCHECK_PROPERTIES_LINEARIZABLE_READER_EVENTS_H_

#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "properties/linearizable/edn.h"
#include "properties/linearizable/history.h"

namespace raftcheck::linearizable {

// One operation event as written in EDN or a log line, not yet interpreted. A process that
// is a keyword (:nemesis) marks an event of no client, which the readers skip.
struct RawEvent {
  EdnValue process;
  EdnValue type;
  EdnValue f;
  EdnValue value;  // nil when absent
  int line = 0;
};

// invoke/ok/fail/info; InvalidArgument (without position) on another name.
base::Result<EventType> ParseEventType(std::string_view name);
// read/get, write/put, cas; InvalidArgument (without position) on another name.
base::Result<OpKind> ParseOpKind(std::string_view name);

// Fills e->value (and e->value2) from `value`, the register-shaped part of an event: read
// invoke nil, read ok nil or an integer, write an integer, cas [expected new]. :fail and :info
// values are not read. Errors start with value.Where() when it has a line, else `where`.
base::Status ReadRegisterValues(const EdnValue& value, const std::string& where, Event* e);

// A key's text: an integer's digits, a keyword with its colon, a string's contents.
base::Result<std::string> KeyText(const EdnValue& key);

// True when the events look like the kv model's: a function named get or put, or a write
// whose value is a [key value] vector.
bool LooksLikeKv(const std::vector<RawEvent>& events);

// Interprets raw events (EDN maps, log lines) for model `model` ("register" or "kv": kv
// values are [key value] tuples) and builds the history.
base::Result<History> BuildHistory(const std::vector<RawEvent>& events, const std::string& model);

// The raw events of an EDN history (edn_history.cc) and of a Jepsen log (jepsen_log.cc).
base::Result<std::vector<RawEvent>> ReadEdnEvents(std::string_view text);
base::Result<std::vector<RawEvent>> ReadJepsenLogEvents(std::string_view text);
// A history in the JSON form (json_history.cc), for `model` ("register", "kv", or "" for the
// one it declares, else register).
base::Result<History> ReadJsonHistory(std::string_view text, const std::string& model);

}  // namespace raftcheck::linearizable

#endif  // RAFTCHECK_PROPERTIES_LINEARIZABLE_READER_EVENTS_H_
