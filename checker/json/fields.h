// Strict reading of JSON objects for the systems' config and action formats (world, model,
// abstract): unknown fields and mistyped or out-of-range values are one-line errors naming
// the field. Header-only; depends only on nlohmann/json.
#ifndef RAFTCHECK_CHECKER_JSON_FIELDS_H_
#define RAFTCHECK_CHECKER_JSON_FIELDS_H_

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace raftcheck::json_fields {

// True when j is an object whose fields are all in `allowed` (any range of strings); else
// false with *error naming `what` and the offending field.
template <typename Keys>
bool OnlyKeysIn(const nlohmann::json& j, const Keys& allowed, const char* what,
                std::string* error) {
  if (!j.is_object()) {
    *error = std::string(what) + " must be a JSON object";
    return false;
  }
  for (auto it = j.begin(); it != j.end(); ++it) {
    bool known = false;
    for (const auto& key : allowed) known = known || std::string_view(key) == it.key();
    if (!known) {
      *error = std::string(what) + " has an unknown field \"" + it.key() + "\"";
      return false;
    }
  }
  return true;
}

inline bool OnlyKeys(const nlohmann::json& j, std::initializer_list<std::string_view> allowed,
                     const char* what, std::string* error) {
  return OnlyKeysIn(j, allowed, what, error);
}

inline bool IsIntIn(const nlohmann::json& j, int min, int max) {
  return j.is_number_integer() && j.get<std::int64_t>() >= min && j.get<std::int64_t>() <= max;
}

// Reads field `key` of j as an integer in [min, max] into *out. A missing field is an error
// unless `optional`, which keeps *out.
inline bool ReadInt(const nlohmann::json& j, const char* key, int min, int max, int* out,
                    std::string* error, bool optional = false) {
  auto it = j.find(key);
  if (it == j.end() && optional) return true;
  if (it == j.end()) {
    *error = std::string("missing field \"") + key + "\"";
    return false;
  }
  if (!IsIntIn(*it, min, max)) {
    *error = std::string("field \"") + key + "\" must be an integer from " +
             std::to_string(min) + " to " + std::to_string(max);
    return false;
  }
  *out = static_cast<int>(it->get<std::int64_t>());
  return true;
}

}  // namespace raftcheck::json_fields

#endif  // RAFTCHECK_CHECKER_JSON_FIELDS_H_
