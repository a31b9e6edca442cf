// A small strict reader for the subset of EDN that Knossos and Jepsen histories use: maps,
// vectors, lists, keywords, integers, strings, nil, true and false; `;` comments, commas as
// whitespace, `#_` to discard a form and `#tag form` (a record such as #jepsen.history.Op{..})
// read as its form. Anything else (floats, symbols, sets, characters, ...) is an error.
// Every error is InvalidArgument "line L, column C: ..."; deep nesting is an error, not a
// stack overflow.
#ifndef RAFTCHECK_PROPERTIES_LINEARIZABLE_EDN_H_
#define RAFTCHECK_PROPERTIES_LINEARIZABLE_EDN_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace raftcheck::linearizable {

struct EdnValue {
  enum class Kind : std::uint8_t { kNil, kBool, kInteger, kString, kKeyword, kVector, kList, kMap };
  Kind kind = Kind::kNil;
  int line = 0;  // where the form starts
  int column = 0;
  bool boolean = false;
  std::int64_t integer = 0;
  std::string text;             // a string's contents; a keyword's name without the colon
  std::vector<EdnValue> items;  // vector and list items; a map's keys and values alternating

  bool IsKeyword(std::string_view name) const { return kind == Kind::kKeyword && text == name; }
  // A map's value under keyword `name`, or nullptr. REQUIRES: kind == kMap.
  const EdnValue* Find(std::string_view name) const;
  // "line L, column C: " for messages.
  std::string Where() const;
};

// "nil", "integer", "keyword", ...
const char* EdnKindName(EdnValue::Kind kind);
// The value printed back as EDN (for messages), cut to about `max_chars`.
std::string EdnToString(const EdnValue& value, std::size_t max_chars = 40);

// Reads every top-level form of `text`; positions count from (first_line, first_column), so
// that a fragment of a larger file reports the file's own positions.
base::Result<std::vector<EdnValue>> ReadEdn(std::string_view text, int first_line = 1,
                                            int first_column = 1);

}  // namespace raftcheck::linearizable

#endif  // RAFTCHECK_PROPERTIES_LINEARIZABLE_EDN_H_
