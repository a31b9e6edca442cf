// Strict reading of JSON objects for the systems' config and action formats (world, model,
// abstract): unknown fields and mistyped or out-of-range values are InvalidArgument, one line
// naming the field. Header-only; depends only on nlohmann/json and base/status.h.
#ifndef RAFTCHECK_CHECKER_JSON_FIELDS_H_
#define RAFTCHECK_CHECKER_JSON_FIELDS_H_

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "base/status.h"

namespace raftcheck::json_fields {

// OK when j is an object whose fields are all in `allowed` (any range of strings); else an
// error naming `what` and the offending field.
template <typename Keys>
base::Status OnlyKeysIn(const nlohmann::json& j, const Keys& allowed, const char* what) {
  if (!j.is_object()) return base::Status::InvalidArgument(std::string(what) + " must be a JSON object");
  for (auto it = j.begin(); it != j.end(); ++it) {
    bool known = false;
    for (const auto& key : allowed) known = known || std::string_view(key) == it.key();
    if (!known) {
      return base::Status::InvalidArgument(std::string(what) + " has an unknown field \"" +
                                           it.key() + "\"");
    }
  }
  return base::Status::OK();
}

inline base::Status OnlyKeys(const nlohmann::json& j,
                             std::initializer_list<std::string_view> allowed, const char* what) {
  return OnlyKeysIn(j, allowed, what);
}

inline bool IsIntIn(const nlohmann::json& j, int min, int max) {
  return j.is_number_integer() && j.get<std::int64_t>() >= min && j.get<std::int64_t>() <= max;
}

// Reads field `key` of j as an integer in [min, max] into *out. A missing field is an error
// unless `optional`, which keeps *out.
inline base::Status ReadInt(const nlohmann::json& j, const char* key, int min, int max, int* out,
                            bool optional = false) {
  auto it = j.find(key);
  if (it == j.end() && optional) return base::Status::OK();
  if (it == j.end()) {
    return base::Status::InvalidArgument(std::string("missing field \"") + key + "\"");
  }
  if (!IsIntIn(*it, min, max)) {
    return base::Status::InvalidArgument(std::string("field \"") + key +
                                         "\" must be an integer from " + std::to_string(min) +
                                         " to " + std::to_string(max));
  }
  *out = static_cast<int>(it->get<std::int64_t>());
  return base::Status::OK();
}

}  // namespace raftcheck::json_fields

#endif  // RAFTCHECK_CHECKER_JSON_FIELDS_H_
