#include "properties/linearizable/reader_events.h"

#include <utility>

namespace raftcheck::linearizable {
namespace {

std::string Loc(const EdnValue& v, const std::string& where) {
  return v.line > 0 ? v.Where() : where;
}

bool IsIntegerPair(const EdnValue& v) {
  return v.kind == EdnValue::Kind::kVector && v.items.size() == 2 &&
         v.items[0].kind == EdnValue::Kind::kInteger && v.items[1].kind == EdnValue::Kind::kInteger;
}

// The keyword's name, or an error naming the field.
base::Result<std::string> KeywordOf(const EdnValue& v, const char* field) {
  if (v.kind == EdnValue::Kind::kKeyword) return v.text;
  if (v.kind == EdnValue::Kind::kString) return v.text;  // JSON spells keywords as strings
  return base::Status::InvalidArgument(v.Where() + field + " must be a keyword, not " +
                                       EdnToString(v));
}

}  // namespace

base::Result<EventType> ParseEventType(std::string_view name) {
  if (name == "invoke") return EventType::kInvoke;
  if (name == "ok") return EventType::kOk;
  if (name == "fail") return EventType::kFail;
  if (name == "info") return EventType::kInfo;
  return base::Status::InvalidArgument("unknown type \"" + std::string(name) +
                                       "\" (invoke, ok, fail or info)");
}

base::Result<OpKind> ParseOpKind(std::string_view name) {
  if (name == "read" || name == "get") return OpKind::kRead;
  if (name == "write" || name == "put") return OpKind::kWrite;
  if (name == "cas") return OpKind::kCas;
  return base::Status::InvalidArgument("unknown function \"" + std::string(name) +
                                       "\" (read, write, cas; get and put for the kv model)");
}

base::Status ReadRegisterValues(const EdnValue& value, const std::string& where, Event* e) {
  if (e->type == EventType::kFail || e->type == EventType::kInfo) return base::Status::OK();
  const std::string loc = Loc(value, where);
  const bool invoke = e->type == EventType::kInvoke;
  switch (e->kind) {
    case OpKind::kRead:
      if (invoke && value.kind != EdnValue::Kind::kNil) {
        return base::Status::InvalidArgument(loc + "a read is invoked with value nil, not " +
                                             EdnToString(value));
      }
      if (value.kind == EdnValue::Kind::kInteger) {
        e->value = Value::Of(value.integer);
      } else if (value.kind != EdnValue::Kind::kNil) {
        return base::Status::InvalidArgument(loc + "a read returns nil or an integer, not " +
                                             EdnToString(value));
      }
      return base::Status::OK();
    case OpKind::kWrite:
      if (value.kind != EdnValue::Kind::kInteger) {
        return base::Status::InvalidArgument(loc + "a write needs an integer value, not " +
                                             EdnToString(value));
      }
      e->value = Value::Of(value.integer);
      return base::Status::OK();
    case OpKind::kCas:
      if (!IsIntegerPair(value)) {
        return base::Status::InvalidArgument(
            loc + "a cas needs the value [expected new] (two integers), not " + EdnToString(value));
      }
      e->value = Value::Of(value.items[0].integer);
      e->value2 = Value::Of(value.items[1].integer);
      return base::Status::OK();
  }
  return base::Status::OK();
}

base::Result<std::string> KeyText(const EdnValue& key) {
  switch (key.kind) {
    case EdnValue::Kind::kInteger:
      return std::to_string(key.integer);
    case EdnValue::Kind::kKeyword:
      return ":" + key.text;
    case EdnValue::Kind::kString:
      return key.text;
    default:
      break;
  }
  return base::Status::InvalidArgument(
      key.Where() + "a key must be an integer, keyword or string, not " + EdnToString(key));
}

bool LooksLikeKv(const std::vector<RawEvent>& events) {
  for (const RawEvent& r : events) {
    if (r.f.IsKeyword("get") || r.f.IsKeyword("put")) return true;
    if (r.f.IsKeyword("write") && r.value.kind == EdnValue::Kind::kVector) return true;
  }
  return false;
}

base::Result<History> BuildHistory(const std::vector<RawEvent>& events, const std::string& model) {
  const bool kv = model == "kv";
  HistoryBuilder builder;
  for (const RawEvent& r : events) {
    if (r.process.kind == EdnValue::Kind::kKeyword) continue;  // :nemesis and the like
    if (r.process.kind != EdnValue::Kind::kInteger) {
      return base::Status::InvalidArgument(r.process.Where() + ":process must be an integer, not " +
                                           EdnToString(r.process));
    }
    Event e;
    e.process = r.process.integer;
    e.line = r.line;
    base::Result<std::string> type = KeywordOf(r.type, ":type");
    if (!type.ok()) return type.status();
    base::Result<EventType> t = ParseEventType(*type);
    if (!t.ok()) return t.status().Prefixed(r.type.Where() + ":type");
    e.type = *t;
    base::Result<std::string> f = KeywordOf(r.f, ":f");
    if (!f.ok()) return f.status();
    base::Result<OpKind> kind = ParseOpKind(*f);
    if (!kind.ok()) return kind.status().Prefixed(r.f.Where() + ":f");
    e.kind = *kind;
    const EdnValue* value = &r.value;
    if (kv && (e.type == EventType::kInvoke || e.type == EventType::kOk)) {
      if (r.value.kind != EdnValue::Kind::kVector || r.value.items.size() != 2) {
        return base::Status::InvalidArgument(Loc(r.value, "line " + std::to_string(r.line) + ": ") +
                                             "a kv operation's value is a [key value] tuple, not " +
                                             EdnToString(r.value));
      }
      base::Result<std::string> key = KeyText(r.value.items[0]);
      if (!key.ok()) return key.status();
      e.has_key = true;
      e.key = *key;
      value = &r.value.items[1];
    }
    const std::string where = "line " + std::to_string(r.line) + ": ";
    if (base::Status s = ReadRegisterValues(*value, where, &e); !s.ok()) return s;
    if (base::Status s = builder.Add(e); !s.ok()) return s;
  }
  return std::move(builder).Finish(model);
}

}  // namespace raftcheck::linearizable
