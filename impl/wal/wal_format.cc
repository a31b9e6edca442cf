#include "impl/wal/wal_format.h"

#include "impl/confchange/conf_change.h"

#include <array>
#include <cinttypes>
#include <cstdio>

#include "impl/bytes.h"
#include "impl/confchange/conf_change.h"

namespace raft::wal {
namespace {

// --- CRC-32C, slicing by 8 -------------------------------------------------------------------

using CrcTables = std::array<std::array<std::uint32_t, 256>, 8>;

constexpr CrcTables MakeCrcTables() {
  constexpr std::uint32_t kPolynomial = 0x82F63B78u;  // Castagnoli, bit-reflected
  CrcTables t{};
  for (std::uint32_t i = 0; i < 256; ++i) {
    std::uint32_t c = i;
    for (int bit = 0; bit < 8; ++bit) c = (c & 1u) ? (c >> 1) ^ kPolynomial : c >> 1;
    t[0][i] = c;
  }
  // t[k][i]: the CRC of byte i followed by k zero bytes, so that eight table look-ups
  // advance the CRC over eight bytes at once.
  for (int k = 1; k < 8; ++k) {
    for (std::uint32_t i = 0; i < 256; ++i) t[k][i] = (t[k - 1][i] >> 8) ^ t[0][t[k - 1][i] & 0xFF];
  }
  return t;
}

constexpr CrcTables kCrc = MakeCrcTables();

// --- fixed-width little-endian fields (impl/bytes.h) ------------------------------------------

void Put32(std::uint32_t v, std::string* out) { bytes::PutU32(v, out); }
void Put64(std::uint64_t v, std::string* out) { bytes::PutU64(v, out); }
std::uint64_t Get64(std::string_view s, std::size_t at) {
  return bytes::LoadLittleEndian<std::uint64_t>(s, at);
}
std::uint32_t Get32(std::string_view s, std::size_t at) {
  return bytes::LoadLittleEndian<std::uint32_t>(s, at);
}

// Starts a record of `type` in `out`: the header with length and CRC left to FinishRecord.
std::size_t BeginRecord(RecordType type, std::string* out) {
  const std::size_t start = out->size();
  out->append(4, '\0');
  out->push_back(static_cast<char>(type));
  out->append(4, '\0');
  return start;
}

// Fills in the length and the CRC of the record begun at `start`, now that its payload is in.
void FinishRecord(std::size_t start, std::string* out) {
  const std::size_t payload = start + kRecordHeaderBytes;
  const auto length = static_cast<std::uint32_t>(out->size() - payload);
  const std::string_view all(*out);
  std::uint32_t crc = Crc32c(all.substr(start + 4, 1));
  crc = Crc32c(all.substr(payload), crc);
  for (int k = 0; k < 4; ++k) {
    (*out)[start + k] = static_cast<char>(length >> (8 * k));
    (*out)[start + 5 + k] = static_cast<char>(crc >> (8 * k));
  }
}

bool KnownType(std::uint8_t t) {
  return t >= static_cast<std::uint8_t>(RecordType::kSegmentHeader) &&
         t <= static_cast<std::uint8_t>(RecordType::kSnapshotConf);
}

Status BadLength(RecordType type, std::size_t length, const char* expected) {
  return Status::Corruption(std::string(RecordTypeName(type)) + " record of " +
                            std::to_string(length) + " payload bytes (expected " + expected + ")");
}

// Printable ASCII as is, the rest as \xNN, at most kShown bytes.
std::string Quote(std::string_view data) {
  constexpr std::size_t kShown = 32;
  std::string s = "\"";
  for (std::size_t i = 0; i < data.size() && i < kShown; ++i) {
    const auto c = static_cast<unsigned char>(data[i]);
    if (c == '"' || c == '\\') {
      s += '\\';
      s += static_cast<char>(c);
    } else if (c >= 0x20 && c < 0x7F) {
      s += static_cast<char>(c);
    } else {
      char buf[5];
      std::snprintf(buf, sizeof buf, "\\x%02x", c);
      s += buf;
    }
  }
  s += '"';
  if (data.size() > kShown) s += "... (" + std::to_string(data.size()) + " bytes)";
  return s;
}

bool ParseHexPair(std::string_view name, std::string_view suffix, std::uint64_t* a,
                  std::uint64_t* b) {
  constexpr std::size_t kDigits = 16;
  if (name.size() != 2 * kDigits + 1 + suffix.size() || name[kDigits] != '-' ||
      name.substr(2 * kDigits + 1) != suffix) {
    return false;
  }
  auto hex = [](std::string_view s, std::uint64_t* v) {
    *v = 0;
    for (char c : s) {
      int d;
      if (c >= '0' && c <= '9') {
        d = c - '0';
      } else if (c >= 'a' && c <= 'f') {
        d = c - 'a' + 10;
      } else {
        return false;
      }
      *v = *v << 4 | static_cast<std::uint64_t>(d);
    }
    return true;
  };
  return hex(name.substr(0, kDigits), a) && hex(name.substr(kDigits + 1, kDigits), b);
}

std::string HexPair(std::uint64_t a, std::uint64_t b, const char* suffix) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%016" PRIx64 "-%016" PRIx64 "%s", a, b, suffix);
  return buf;
}

}  // namespace

const char* RecordTypeName(RecordType type) {
  switch (type) {
    case RecordType::kSegmentHeader:
      return "header";
    case RecordType::kEntry:
      return "entry";
    case RecordType::kHardState:
      return "hardstate";
    case RecordType::kSnapshotMarker:
      return "marker";
    case RecordType::kSnapshot:
      return "snapshot";
    case RecordType::kConfEntry:
      return "confentry";
    case RecordType::kSnapshotConf:
      return "confsnapshot";
  }
  return "?";
}

std::uint32_t Crc32c(std::string_view data, std::uint32_t crc) {
  // The hot loop reads little-endian words straight from the buffer.
  auto Load32 = [](const unsigned char* q) {
    return std::uint32_t{q[0]} | std::uint32_t{q[1]} << 8 | std::uint32_t{q[2]} << 16 |
           std::uint32_t{q[3]} << 24;
  };
  const auto* p = reinterpret_cast<const unsigned char*>(data.data());
  std::size_t n = data.size();
  crc = ~crc;
  for (; n >= 8; n -= 8, p += 8) {
    const std::uint32_t lo = Load32(p) ^ crc;
    const std::uint32_t hi = Load32(p + 4);
    crc = kCrc[7][lo & 0xFF] ^ kCrc[6][(lo >> 8) & 0xFF] ^ kCrc[5][(lo >> 16) & 0xFF] ^
          kCrc[4][lo >> 24] ^ kCrc[3][hi & 0xFF] ^ kCrc[2][(hi >> 8) & 0xFF] ^
          kCrc[1][(hi >> 16) & 0xFF] ^ kCrc[0][hi >> 24];
  }
  for (; n > 0; --n, ++p) crc = kCrc[0][(crc ^ *p) & 0xFF] ^ (crc >> 8);
  return ~crc;
}

void AppendSegmentHeader(const SegmentHeader& header, std::string* out) {
  const std::size_t start = BeginRecord(RecordType::kSegmentHeader, out);
  Put32(kFormatVersion, out);
  Put64(header.sequence, out);
  Put64(header.first_index, out);
  FinishRecord(start, out);
}

void AppendEntry(const Entry& entry, std::string* out) {
  const std::size_t start = BeginRecord(
      entry.type == EntryType::kConfChange ? RecordType::kConfEntry : RecordType::kEntry, out);
  Put64(entry.term, out);
  Put64(entry.index, out);
  out->append(entry.data);
  FinishRecord(start, out);
}

void AppendHardState(const HardState& hs, std::string* out) {
  const std::size_t start = BeginRecord(RecordType::kHardState, out);
  Put64(hs.term, out);
  Put64(hs.vote, out);
  Put64(hs.commit, out);
  FinishRecord(start, out);
}

void AppendSnapshotMarker(const SnapshotMarker& marker, std::string* out) {
  const std::size_t start = BeginRecord(RecordType::kSnapshotMarker, out);
  Put64(marker.index, out);
  Put64(marker.term, out);
  FinishRecord(start, out);
}

void AppendSnapshot(const Snapshot& snapshot, std::string* out) {
  const ConfState& cs = snapshot.metadata.conf_state;
  const bool voters_only = cs.IsVotersOnly();
  const std::size_t start =
      BeginRecord(voters_only ? RecordType::kSnapshot : RecordType::kSnapshotConf, out);
  Put64(snapshot.metadata.index, out);
  Put64(snapshot.metadata.term, out);
  const std::vector<NodeId>* lists[] = {&cs.voters, &cs.learners, &cs.voters_outgoing,
                                        &cs.learners_next};
  const int count = voters_only ? 1 : 4;
  for (int k = 0; k < count; ++k) Put32(static_cast<std::uint32_t>(lists[k]->size()), out);
  if (!voters_only) out->push_back(cs.auto_leave ? 1 : 0);
  for (int k = 0; k < count; ++k) {
    for (NodeId id : *lists[k]) Put64(id, out);
  }
  out->append(snapshot.data);
  FinishRecord(start, out);
}

void AppendRecord(const Record& r, std::string* out) {
  switch (r.type) {
    case RecordType::kSegmentHeader:
      return AppendSegmentHeader(r.header, out);
    case RecordType::kEntry:
    case RecordType::kConfEntry:
      return AppendEntry(r.entry, out);
    case RecordType::kHardState:
      return AppendHardState(r.hard_state, out);
    case RecordType::kSnapshotMarker:
      return AppendSnapshotMarker(r.marker, out);
    case RecordType::kSnapshot:
    case RecordType::kSnapshotConf:
      return AppendSnapshot(r.snapshot, out);
  }
}

RawRecord ParseFrame(std::string_view data) {
  RawRecord r;
  if (data.size() < kRecordHeaderBytes) {
    r.payload = {};
    return r;  // kTruncated inside the header
  }
  r.length = Get32(data, 0);
  const auto type = static_cast<std::uint8_t>(data[4]);
  r.type = static_cast<RecordType>(type);
  const std::string_view rest = data.substr(kRecordHeaderBytes);
  if (rest.size() < r.length) {
    r.payload = rest;
    return r;  // kTruncated inside the payload
  }
  r.payload = rest.substr(0, r.length);
  const std::uint32_t crc = Crc32c(r.payload, Crc32c(data.substr(4, 1)));
  r.frame = KnownType(type) && crc == Get32(data, 5) ? Frame::kWhole : Frame::kDamaged;
  return r;
}

Result<Record> DecodePayload(RecordType type, std::string_view p) {
  Record r;
  r.type = type;
  switch (type) {
    case RecordType::kSegmentHeader:
      if (p.size() != 20) return BadLength(type, p.size(), "20");
      if (Get32(p, 0) != kFormatVersion) {
        return Status::Corruption("segment header of format version " +
                                  std::to_string(Get32(p, 0)) + " (this code reads version " +
                                  std::to_string(kFormatVersion) + ")");
      }
      r.header = {Get64(p, 4), Get64(p, 12)};
      return r;
    case RecordType::kEntry:
    case RecordType::kConfEntry:
      if (p.size() < 16) return BadLength(type, p.size(), "at least 16");
      r.type = RecordType::kEntry;
      r.entry = {Get64(p, 0), Get64(p, 8), std::string(p.substr(16)),
                 type == RecordType::kConfEntry ? EntryType::kConfChange : EntryType::kNormal};
      return r;
    case RecordType::kHardState:
      if (p.size() != 24) return BadLength(type, p.size(), "24");
      r.hard_state = {Get64(p, 0), Get64(p, 8), Get64(p, 16)};
      return r;
    case RecordType::kSnapshotMarker:
      if (p.size() != 16) return BadLength(type, p.size(), "16");
      r.marker = {Get64(p, 0), Get64(p, 8)};
      return r;
    case RecordType::kSnapshot: {
      if (p.size() < 20) return BadLength(type, p.size(), "at least 20");
      const std::uint64_t voters = Get32(p, 16);
      if (p.size() < 20 + 8 * voters) return BadLength(type, p.size(), "room for its voters");
      r.snapshot.metadata.index = Get64(p, 0);
      r.snapshot.metadata.term = Get64(p, 8);
      for (std::uint64_t k = 0; k < voters; ++k) {
        r.snapshot.metadata.conf_state.voters.push_back(Get64(p, 20 + 8 * k));
      }
      r.snapshot.data = std::string(p.substr(20 + 8 * voters));
      return r;
    }
    case RecordType::kSnapshotConf: {
      constexpr std::size_t kFixed = 33;
      if (p.size() < kFixed) return BadLength(type, p.size(), "at least 33");
      const std::uint64_t counts[4] = {Get32(p, 16), Get32(p, 20), Get32(p, 24), Get32(p, 28)};
      const std::uint64_t ids = counts[0] + counts[1] + counts[2] + counts[3];
      if (p.size() < kFixed + 8 * ids) return BadLength(type, p.size(), "room for its ids");
      const auto auto_leave = static_cast<std::uint8_t>(p[32]);
      if (auto_leave > 1) {
        return Status::Corruption("confsnapshot record with auto_leave " +
                                  std::to_string(auto_leave));
      }
      r.type = RecordType::kSnapshot;
      r.snapshot.metadata.index = Get64(p, 0);
      r.snapshot.metadata.term = Get64(p, 8);
      ConfState& cs = r.snapshot.metadata.conf_state;
      std::vector<NodeId>* lists[] = {&cs.voters, &cs.learners, &cs.voters_outgoing,
                                      &cs.learners_next};
      std::size_t at = kFixed;
      for (int k = 0; k < 4; ++k) {
        for (std::uint64_t n = 0; n < counts[k]; ++n, at += 8) lists[k]->push_back(Get64(p, at));
      }
      cs.auto_leave = auto_leave == 1;
      r.snapshot.data = std::string(p.substr(at));
      return r;
    }
  }
  return Status::Corruption("record of unknown type " + std::to_string(static_cast<int>(type)));
}

bool WholeRecordAt(std::string_view data, std::size_t offset) {
  if (offset + kRecordHeaderBytes > data.size() ||
      !KnownType(static_cast<std::uint8_t>(data[offset + 4]))) {
    return false;  // cheap tests first: most offsets fail here
  }
  const RawRecord r = ParseFrame(data.substr(offset));
  return r.frame == Frame::kWhole && DecodePayload(r.type, r.payload).ok();
}

std::string DescribeRecord(const Record& r) {
  const std::string name = RecordTypeName(r.type);
  switch (r.type) {
    case RecordType::kSegmentHeader:
      return name + " seq=" + std::to_string(r.header.sequence) +
             " first=" + std::to_string(r.header.first_index);
    case RecordType::kEntry:
    case RecordType::kConfEntry:
      if (r.entry.type == EntryType::kConfChange) {
        const Result<ConfChangeV2> cc = DecodeConfChange(r.entry.data);
        return std::string("confentry t") + std::to_string(r.entry.term) + " i" +
               std::to_string(r.entry.index) + " " +
               (cc.ok() ? DescribeConfChange(*cc) : Quote(r.entry.data));
      }
      return name + " t" + std::to_string(r.entry.term) + " i" + std::to_string(r.entry.index) +
             " " + Quote(r.entry.data);
    case RecordType::kHardState:
      return name + " term=" + std::to_string(r.hard_state.term) +
             " vote=" + std::to_string(r.hard_state.vote) +
             " commit=" + std::to_string(r.hard_state.commit);
    case RecordType::kSnapshotMarker:
      return name + " index=" + std::to_string(r.marker.index) +
             " term=" + std::to_string(r.marker.term);
    case RecordType::kSnapshot:
    case RecordType::kSnapshotConf: {
      auto list = [](const std::vector<NodeId>& ids) {
        std::string out;
        for (NodeId v : ids) out += (out.empty() ? "" : ",") + std::to_string(v);
        return "[" + out + "]";
      };
      const ConfState& cs = r.snapshot.metadata.conf_state;
      std::string conf = " voters=" + list(cs.voters);
      if (!cs.IsVotersOnly()) {
        conf += " learners=" + list(cs.learners) + " outgoing=" + list(cs.voters_outgoing) +
                " learners_next=" + list(cs.learners_next) +
                (cs.auto_leave ? " auto_leave" : "");
      }
      return std::string("snapshot index=") + std::to_string(r.snapshot.metadata.index) +
             " term=" + std::to_string(r.snapshot.metadata.term) + conf +
             " data=" + Quote(r.snapshot.data);
    }
  }
  return name;
}

std::string SegmentFileName(std::uint64_t sequence, Index first_index) {
  return HexPair(sequence, first_index, ".wal");
}

bool ParseSegmentFileName(std::string_view name, std::uint64_t* sequence, Index* first_index) {
  return ParseHexPair(name, ".wal", sequence, first_index);
}

std::string SnapshotFileName(Index index, Term term) { return HexPair(index, term, ".snap"); }

bool ParseSnapshotFileName(std::string_view name, Index* index, Term* term) {
  return ParseHexPair(name, ".snap", index, term);
}

}  // namespace raft::wal
