// The record format of impl/wal/wal_format.h: CRC-32C against published check values, every
// record type round-tripped, framing of truncated and damaged bytes, file names.
#include "impl/wal/wal_format.h"

#include <gtest/gtest.h>

namespace raft::wal {
namespace {

TEST(Crc32c, MatchesPublishedCheckValues) {
  // The CRC catalogue's check value for CRC-32C ("123456789"), and RFC 3720's (iSCSI) test
  // vectors of 32 zero bytes and 32 0xFF bytes.
  EXPECT_EQ(Crc32c("123456789"), 0xE3069283u);
  EXPECT_EQ(Crc32c(std::string(32, '\0')), 0x8A9136AAu);
  EXPECT_EQ(Crc32c(std::string(32, '\xFF')), 0x62A8AB43u);
  EXPECT_EQ(Crc32c(""), 0u);
}

TEST(Crc32c, ExtendsAcrossPieces) {
  const std::string s = "the quick brown fox jumps over the lazy dog, twice over";
  for (std::size_t cut = 0; cut <= s.size(); ++cut) {
    EXPECT_EQ(Crc32c(s.substr(cut), Crc32c(s.substr(0, cut))), Crc32c(s)) << cut;
  }
}

Record RoundTrip(const Record& in) {
  std::string bytes;
  AppendRecord(in, &bytes);
  const RawRecord raw = ParseFrame(bytes);
  EXPECT_EQ(raw.frame, Frame::kWhole);
  EXPECT_EQ(raw.size(), bytes.size());
  Result<Record> out = DecodePayload(raw.type, raw.payload);
  EXPECT_TRUE(out.ok()) << out.status().ToString();
  return out.ok() ? *out : Record{};
}

TEST(WalFormat, EveryRecordTypeRoundTrips) {
  Record r;
  r.type = RecordType::kSegmentHeader;
  r.header = {7, 123456789012345ULL};
  EXPECT_EQ(RoundTrip(r).header, r.header);
  r.type = RecordType::kEntry;
  r.entry = {3, 42, std::string("bytes\0with\xFFnul", 14)};
  EXPECT_EQ(RoundTrip(r).entry, r.entry);
  r.entry = {1, 1, ""};  // a leader's no-op
  EXPECT_EQ(RoundTrip(r).entry, r.entry);
  r.type = RecordType::kHardState;
  r.hard_state = {~0ULL, 3, 1ULL << 40};
  EXPECT_EQ(RoundTrip(r).hard_state, r.hard_state);
  r.type = RecordType::kSnapshotMarker;
  r.marker = {99, 4};
  EXPECT_EQ(RoundTrip(r).marker, r.marker);
  r.type = RecordType::kSnapshot;
  r.snapshot.data = "state machine";
  r.snapshot.metadata = {10, 2, {{1, 2, 3}}};
  EXPECT_EQ(RoundTrip(r).snapshot, r.snapshot);
}

// Membership changes: a configuration-change entry and a snapshot of a joint configuration with
// learners take records 6 and 7 and decode to entry and snapshot records; a voters-only
// snapshot and a normal entry keep records 5 and 2, byte for byte as before.
TEST(WalFormat, ConfigurationRecordsRoundTripAndOldOnesKeepTheirBytes) {
  Record r;
  r.type = RecordType::kEntry;
  r.entry = {3, 7, std::string("\x00\x01\x00\x04\0\0\0\0\0\0\0", 11), EntryType::kConfChange};
  std::string bytes;
  AppendRecord(r, &bytes);
  EXPECT_EQ(ParseFrame(bytes).type, RecordType::kConfEntry);
  Record back = RoundTrip(r);
  EXPECT_EQ(back.type, RecordType::kEntry);
  EXPECT_EQ(back.entry, r.entry);
  EXPECT_EQ(DescribeRecord(back), "confentry t3 i7 add 4");

  r.type = RecordType::kSnapshot;
  r.snapshot.data = "sm";
  r.snapshot.metadata.index = 10;
  r.snapshot.metadata.term = 2;
  r.snapshot.metadata.conf_state = ConfState{.voters = {1, 2, 4},
                                             .learners = {5},
                                             .voters_outgoing = {1, 2, 3},
                                             .learners_next = {3},
                                             .auto_leave = true};
  bytes.clear();
  AppendRecord(r, &bytes);
  EXPECT_EQ(ParseFrame(bytes).type, RecordType::kSnapshotConf);
  back = RoundTrip(r);
  EXPECT_EQ(back.type, RecordType::kSnapshot);
  EXPECT_EQ(back.snapshot, r.snapshot);
  // A damaged auto_leave byte is corruption, not a silently different configuration.
  const RawRecord raw = ParseFrame(bytes);
  std::string payload(raw.payload);
  payload[32] = 2;
  EXPECT_EQ(DecodePayload(RecordType::kSnapshotConf, payload).status().code(),
            Status::Code::kCorruption);
  EXPECT_EQ(DecodePayload(RecordType::kSnapshotConf, payload.substr(0, 40)).status().code(),
            Status::Code::kCorruption);

  r.snapshot.metadata.conf_state = ConfState{.voters = {1, 2, 3}};
  bytes.clear();
  AppendRecord(r, &bytes);
  EXPECT_EQ(ParseFrame(bytes).type, RecordType::kSnapshot);
  EXPECT_EQ(bytes.size(), kRecordHeaderBytes + 20 + 3 * 8 + 2);
}

TEST(WalFormat, HeaderBytesAreAsDocumented) {
  std::string bytes;
  AppendHardState({1, 2, 3}, &bytes);
  ASSERT_EQ(bytes.size(), kRecordHeaderBytes + 24);
  EXPECT_EQ(bytes.substr(0, 5), std::string("\x18\0\0\0\x03", 5));  // length 24, type 3
  const std::uint32_t crc = Crc32c(bytes.substr(9), Crc32c(bytes.substr(4, 1)));
  EXPECT_EQ(static_cast<unsigned char>(bytes[5]), crc & 0xFF);
  EXPECT_EQ(static_cast<unsigned char>(bytes[8]), crc >> 24);
  EXPECT_EQ(bytes.substr(9, 8), std::string("\x01\0\0\0\0\0\0\0", 8));  // term, little-endian
}

TEST(WalFormat, EveryPrefixIsTruncatedAndEveryFlipIsDamaged) {
  std::string bytes;
  AppendEntry({2, 5, "payload"}, &bytes);
  for (std::size_t n = 0; n < bytes.size(); ++n) {
    EXPECT_EQ(ParseFrame(std::string_view(bytes).substr(0, n)).frame, Frame::kTruncated) << n;
  }
  // A flip in the type, CRC or payload is damage; one in the length makes the record either
  // run past the end (truncated) or end early (then its CRC fails).
  for (std::size_t at = 0; at < bytes.size(); ++at) {
    std::string bad = bytes;
    bad[at] ^= 0x01;
    EXPECT_NE(ParseFrame(bad).frame, Frame::kWhole) << at;
  }
}

TEST(WalFormat, MalformedPayloadIsCorruption) {
  EXPECT_EQ(DecodePayload(RecordType::kHardState, "short").status().code(),
            Status::Code::kCorruption);
  EXPECT_EQ(DecodePayload(RecordType::kEntry, "123").status().code(), Status::Code::kCorruption);
  EXPECT_EQ(DecodePayload(RecordType::kSnapshotMarker, std::string(17, 'x')).status().code(),
            Status::Code::kCorruption);
}

TEST(WalFormat, WholeRecordAtFindsRecordsOnly) {
  std::string bytes = "garbage";
  AppendSnapshotMarker({3, 1}, &bytes);
  for (std::size_t at = 0; at < bytes.size(); ++at) {
    EXPECT_EQ(WholeRecordAt(bytes, at), at == 7) << at;
  }
}

TEST(WalFormat, FileNamesRoundTrip) {
  EXPECT_EQ(SegmentFileName(1, 0x2a), "0000000000000001-000000000000002a.wal");
  std::uint64_t seq;
  Index first;
  ASSERT_TRUE(ParseSegmentFileName("00000000000000ff-0000000000000010.wal", &seq, &first));
  EXPECT_EQ(seq, 255u);
  EXPECT_EQ(first, 16u);
  EXPECT_FALSE(ParseSegmentFileName("00000000000000ff-0000000000000010.wal.tmp", &seq, &first));
  EXPECT_FALSE(ParseSegmentFileName("00000000000000FF-0000000000000010.wal", &seq, &first));
  EXPECT_EQ(SnapshotFileName(10, 2), "000000000000000a-0000000000000002.snap");
  Index index;
  Term term;
  ASSERT_TRUE(ParseSnapshotFileName(SnapshotFileName(10, 2), &index, &term));
  EXPECT_EQ(index, 10u);
  EXPECT_EQ(term, 2u);
}

TEST(WalFormat, DescribeRecordIsOneReadableLine) {
  Record r;
  r.type = RecordType::kEntry;
  r.entry = {2, 7, "ab\ncd"};
  EXPECT_EQ(DescribeRecord(r), "entry t2 i7 \"ab\\x0acd\"");
  r.type = RecordType::kHardState;
  r.hard_state = {2, 1, 6};
  EXPECT_EQ(DescribeRecord(r), "hardstate term=2 vote=1 commit=6");
}

}  // namespace
}  // namespace raft::wal
