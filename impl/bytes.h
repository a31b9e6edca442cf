// Fixed-width little-endian integers in byte strings: the one encoding impl/'s on-disk and
// in-snapshot formats share (the WAL's records, the harness's and the KV service's snapshots,
// the KV service's commands). Readers are bounds-checked: they fail rather than read past the
// end, so that a damaged input is an error and never undefined behaviour.
#ifndef RAFTCHECK_IMPL_BYTES_H_
#define RAFTCHECK_IMPL_BYTES_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace raft::bytes {

template <class U>
void PutLittleEndian(U v, std::string* out) {
  for (std::size_t k = 0; k < sizeof(U); ++k) out->push_back(static_cast<char>(v >> (8 * k)));
}
inline void PutU32(std::uint32_t v, std::string* out) { PutLittleEndian(v, out); }
inline void PutU64(std::uint64_t v, std::string* out) { PutLittleEndian(v, out); }

// The integer at data[at, at + sizeof(U)). REQUIRES: at + sizeof(U) <= data.size().
template <class U>
U LoadLittleEndian(std::string_view data, std::size_t at) {
  U v = 0;
  for (std::size_t k = sizeof(U); k-- > 0;) v = static_cast<U>(v << 8 | static_cast<unsigned char>(data[at + k]));
  return v;
}

// Reads an integer at *pos and advances *pos past it; false (nothing changed) when fewer
// bytes are left.
template <class U>
bool Get(std::string_view data, std::size_t* pos, U* v) {
  if (*pos > data.size() || data.size() - *pos < sizeof(U)) return false;
  *v = LoadLittleEndian<U>(data, *pos);
  *pos += sizeof(U);
  return true;
}
inline bool GetU32(std::string_view data, std::size_t* pos, std::uint32_t* v) { return Get(data, pos, v); }
inline bool GetU64(std::string_view data, std::size_t* pos, std::uint64_t* v) { return Get(data, pos, v); }

// A length-prefixed byte string: u64 length, then the bytes.
inline void PutString(std::string_view s, std::string* out) {
  PutU64(s.size(), out);
  out->append(s);
}
inline bool GetString(std::string_view data, std::size_t* pos, std::string* s) {
  std::size_t at = *pos;
  std::uint64_t n = 0;
  if (!GetU64(data, &at, &n) || data.size() - at < n) return false;
  s->assign(data.substr(at, n));
  *pos = at + n;
  return true;
}

}  // namespace raft::bytes

#endif  // RAFTCHECK_IMPL_BYTES_H_
