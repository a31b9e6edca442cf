// Jepsen's log of operations: one line per event, `PROCESS	:TYPE	:F	VALUE`, after the
// logger's prefix (`INFO  jepsen.util - `, possibly after a timestamp and thread name), or bare. In
// a log with that prefix, lines without it (other loggers) are skipped; lines that do not start
// like an event (an integer process) are skipped too, and one that does must be one. A keyword
// process (:nemesis) is no client and is skipped. A field after the value (Jepsen's error text) is
// ignored.
#include <cctype>
#include <utility>

#include "properties/linearizable/reader_events.h"

namespace raftcheck::linearizable {
namespace {

constexpr std::string_view kPrefix = "jepsen.util - ";

bool IsBlank(char c) { return c == ' ' || c == '\t'; }

// Reads `text`, which starts at (line, column), as exactly one EDN form named `what`.
base::Status ReadOneForm(std::string_view text, int line, int column, const char* what,
                         EdnValue* out) {
  base::Result<std::vector<EdnValue>> forms = ReadEdn(text, line, column);
  if (!forms.ok()) return forms.status();
  if (forms->size() != 1) {
    return base::Status::InvalidArgument("line " + std::to_string(line) + ", column " +
                                         std::to_string(column) + ": expected one " + what +
                                         ", found " + std::to_string(forms->size()) + " forms");
  }
  *out = std::move((*forms)[0]);
  return base::Status::OK();
}

}  // namespace

base::Result<std::vector<RawEvent>> ReadJepsenLogEvents(std::string_view text) {
  std::vector<RawEvent> events;
  // In a log with the prefix, only its lines are events (a timestamped line of another
  // logger starts with digits too); a log without it is events alone.
  const bool prefixed = text.find(kPrefix) != std::string_view::npos;
  int line_number = 0;
  std::size_t begin = 0;
  while (begin < text.size()) {
    std::size_t end = text.find('\n', begin);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(begin, end - begin);
    begin = end + 1;
    ++line_number;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    std::size_t at = line.find(kPrefix);
    if (at == std::string_view::npos && prefixed) continue;  // another logger's line
    at = at == std::string_view::npos ? 0 : at + kPrefix.size();
    while (at < line.size() && IsBlank(line[at])) ++at;
    if (at >= line.size()) continue;
    const char first = line[at];
    const bool numeric = std::isdigit(static_cast<unsigned char>(first)) ||
                         (first == '-' && at + 1 < line.size() &&
                          std::isdigit(static_cast<unsigned char>(line[at + 1])));
    if (!numeric) continue;  // another message, a :nemesis event, a stack trace, ...
    // Three blank-separated fields, then the value up to the next tab or the end.
    RawEvent r;
    r.line = line_number;
    EdnValue* fields[] = {&r.process, &r.type, &r.f};
    const char* names[] = {"process", "type", "function"};
    for (int k = 0; k < 3; ++k) {
      while (at < line.size() && IsBlank(line[at])) ++at;
      const std::size_t start = at;
      while (at < line.size() && !IsBlank(line[at])) ++at;
      if (start == at) {
        return base::Status::InvalidArgument(
            "line " + std::to_string(line_number) +
            ": expected PROCESS :TYPE :F VALUE, the line ends after " + std::to_string(k) +
            (k == 1 ? " field" : " fields"));
      }
      if (base::Status s = ReadOneForm(line.substr(start, at - start), line_number,
                                       static_cast<int>(start) + 1, names[k], fields[k]);
          !s.ok()) {
        return s;
      }
    }
    while (at < line.size() && IsBlank(line[at])) ++at;
    if (at >= line.size()) {
      return base::Status::InvalidArgument("line " + std::to_string(line_number) +
                                           ": expected PROCESS :TYPE :F VALUE, the value is "
                                           "missing");
    }
    std::size_t stop = line.find('\t', at);
    if (stop == std::string_view::npos) stop = line.size();
    if (base::Status s = ReadOneForm(line.substr(at, stop - at), line_number,
                                     static_cast<int>(at) + 1, "value", &r.value);
        !s.ok()) {
      return s;
    }
    events.push_back(std::move(r));
  }
  return events;
}

}  // namespace raftcheck::linearizable
