// Knossos/Jepsen EDN histories: a vector (or list) of operation maps, or the maps one after
// another as in Jepsen's history.edn. Keys besides :process, :type, :f and :value (:time,
// :index, :error, ...) are ignored.
#include <utility>

#include "properties/linearizable/reader_events.h"

namespace raftcheck::linearizable {

base::Result<std::vector<RawEvent>> ReadEdnEvents(std::string_view text) {
  base::Result<std::vector<EdnValue>> forms = ReadEdn(text);
  if (!forms.ok()) return forms.status();
  const std::vector<EdnValue>* ops = &*forms;
  if (forms->size() == 1 &&
      ((*forms)[0].kind == EdnValue::Kind::kVector || (*forms)[0].kind == EdnValue::Kind::kList)) {
    ops = &(*forms)[0].items;
  }
  std::vector<RawEvent> events;
  events.reserve(ops->size());
  for (const EdnValue& op : *ops) {
    if (op.kind != EdnValue::Kind::kMap) {
      return base::Status::InvalidArgument(
          op.Where() + "an operation is a map {:process P, :type T, :f F, :value V}, not " +
          (op.kind == EdnValue::Kind::kInteger ? "an " : "a ") + EdnKindName(op.kind));
    }
    RawEvent r;
    r.line = op.line;
    for (const char* field : {"process", "type", "f"}) {
      if (op.Find(field) == nullptr) {
        return base::Status::InvalidArgument(op.Where() + "an operation map needs :" + field);
      }
    }
    r.process = *op.Find("process");
    r.type = *op.Find("type");
    r.f = *op.Find("f");
    if (const EdnValue* v = op.Find("value")) {
      r.value = *v;
    } else {
      r.value.line = op.line;  // an absent value is nil, at the map
      r.value.column = op.column;
    }
    events.push_back(std::move(r));
  }
  return events;
}

}  // namespace raftcheck::linearizable
