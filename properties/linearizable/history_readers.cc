#include "properties/linearizable/history_readers.h"

#include <fstream>
#include <sstream>
#include <utility>

#include "properties/linearizable/model.h"
#include "properties/linearizable/reader_events.h"

namespace raftcheck::linearizable {

const char* HistoryFormatName(HistoryFormat format) {
  switch (format) {
    case HistoryFormat::kAuto:
      return "auto";
    case HistoryFormat::kJepsenLog:
      return "jepsen";
    case HistoryFormat::kEdn:
      return "edn";
    case HistoryFormat::kJson:
      return "json";
  }
  return "?";
}

base::Result<HistoryFormat> ParseHistoryFormat(std::string_view name) {
  for (HistoryFormat f : {HistoryFormat::kAuto, HistoryFormat::kJepsenLog, HistoryFormat::kEdn,
                          HistoryFormat::kJson}) {
    if (name == HistoryFormatName(f)) return f;
  }
  return base::Status::InvalidArgument("unknown history format \"" + std::string(name) +
                                       "\" (auto|jepsen|edn|json)");
}

HistoryFormat DetectFormat(std::string_view text) {
  std::size_t i = 0;
  auto skip_blank = [&text, &i] {
    while (i < text.size() && (text[i] == ' ' || text[i] == '\t' || text[i] == '\n' ||
                               text[i] == '\r' || text[i] == ',')) {
      ++i;
    }
  };
  skip_blank();
  if (i >= text.size()) return HistoryFormat::kJepsenLog;  // empty: no events either way
  const char c = text[i];
  if (c == '{') {
    ++i;
    skip_blank();
    return i < text.size() && text[i] == '"' ? HistoryFormat::kJson : HistoryFormat::kEdn;
  }
  if (c == '[' || c == '(' || c == '#' || c == ';') return HistoryFormat::kEdn;
  return HistoryFormat::kJepsenLog;
}

base::Result<ReadHistoryResult> ReadHistory(std::string_view text, const ReadOptions& options) {
  if (!options.model.empty()) {
    if (base::Result<std::unique_ptr<Model>> m = MakeModel(options.model); !m.ok()) {
      return m.status();
    }
  }
  ReadHistoryResult out;
  out.format = options.format == HistoryFormat::kAuto ? DetectFormat(text) : options.format;
  if (out.format == HistoryFormat::kJson) {
    base::Result<History> h = ReadJsonHistory(text, options.model);
    if (!h.ok()) return h.status();
    out.history = std::move(*h);
    return out;
  }
  base::Result<std::vector<RawEvent>> events =
      out.format == HistoryFormat::kEdn ? ReadEdnEvents(text) : ReadJepsenLogEvents(text);
  if (!events.ok()) return events.status();
  std::string model = options.model;
  if (model.empty()) model = LooksLikeKv(*events) ? "kv" : "register";
  base::Result<History> h = BuildHistory(*events, model);
  if (!h.ok()) return h.status();
  out.history = std::move(*h);
  return out;
}

base::Result<ReadHistoryResult> ReadHistoryFile(const std::string& path,
                                                const ReadOptions& options) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return base::Status::NotFound("cannot open " + path);
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) return base::Status::IOError("cannot read " + path);
  base::Result<ReadHistoryResult> r = ReadHistory(text.str(), options);
  if (!r.ok()) return r.status().Prefixed(path);
  return r;
}

}  // namespace raftcheck::linearizable
