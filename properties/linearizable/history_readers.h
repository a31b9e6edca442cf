// Readers of histories (FORMAT.md in this folder describes each):
//  - Jepsen's log lines (`INFO  jepsen.util - 3	:invoke	:write	4`), any logger prefix;
//  - Knossos/Jepsen EDN histories (a vector, list or sequence of op maps);
//  - raftcheck's own JSON form ({"format": "raftcheck-history", ...}), and its writer.
// Every malformed input is InvalidArgument naming the line (and column where it helps),
// never a crash or an exception; the History returned passed HistoryBuilder's checks.
#ifndef RAFTCHECK_PROPERTIES_LINEARIZABLE_HISTORY_READERS_H_
#define RAFTCHECK_PROPERTIES_LINEARIZABLE_HISTORY_READERS_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "base/status.h"
#include "properties/linearizable/history.h"

namespace raftcheck::linearizable {

enum class HistoryFormat : std::uint8_t { kAuto, kJepsenLog, kEdn, kJson };

// "auto", "jepsen", "edn", "json".
const char* HistoryFormatName(HistoryFormat format);
// The inverse of HistoryFormatName; InvalidArgument on another name.
base::Result<HistoryFormat> ParseHistoryFormat(std::string_view name);
// Guesses from the first significant character: `{"` is JSON, `[`, `(`, `{` or `#` EDN,
// anything else a Jepsen log. Never kAuto.
HistoryFormat DetectFormat(std::string_view text);

struct ReadOptions {
  HistoryFormat format = HistoryFormat::kAuto;
  // The model whose operations to read: "register", "kv", or "" for the one the history
  // declares (JSON) or implies (EDN and logs: kv when a function is get/put or a write's
  // value is a [key value] tuple), else "register". A JSON history that declares another
  // model is an error.
  std::string model;
};

struct ReadHistoryResult {
  History history;                              // history.model is the model chosen
  HistoryFormat format = HistoryFormat::kAuto;  // the format read (never kAuto)
};

base::Result<ReadHistoryResult> ReadHistory(std::string_view text, const ReadOptions& options);
// The same from a file; NotFound/IOError name the path, errors of the text are prefixed
// with it ("h.edn: line 3, column 9: ...").
base::Result<ReadHistoryResult> ReadHistoryFile(const std::string& path,
                                                const ReadOptions& options);

// The history in raftcheck's JSON form, one event per line, in position order; ReadHistory
// reads it back to an equal History (lines aside).
std::string WriteHistoryJson(const History& history);

}  // namespace raftcheck::linearizable

#endif  // RAFTCHECK_PROPERTIES_LINEARIZABLE_HISTORY_READERS_H_
