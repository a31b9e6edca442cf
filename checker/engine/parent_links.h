// ParentLinks: the search tree of stored states, 6 bytes per state, indexed by state id.
//
// State ids are discovery order (0, 1, 2, ...). The first ids are roots (initial states); each
// later id records its parent's id (32 bits) and the ordinal of the action that led to it
// within the parent's Actions() list (16 bits). A counterexample is rebuilt from these by
// re-executing the ordinals from the initial state (path.h), so no state or action is stored.
//
// Storage is a list of fixed-size blocks, not one growing vector: growth never copies, and the
// memory is the used size rounded up to one block, never twice the used size.
#ifndef RAFTCHECK_CHECKER_ENGINE_PARENT_LINKS_H_
#define RAFTCHECK_CHECKER_ENGINE_PARENT_LINKS_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

namespace raftcheck::engine {

class ParentLinks {
 public:
  // Ids are 32-bit; the largest number of states the engine can store.
  static constexpr std::uint64_t kMaxStates = 0xFFFFFFFFULL;
  // Ordinals are 16-bit; the most actions a state may enable.
  static constexpr std::size_t kMaxActions = std::size_t{1} << 16;

  ParentLinks() = default;
  ParentLinks(const ParentLinks&) = delete;
  ParentLinks& operator=(const ParentLinks&) = delete;

  // Adds a root: the state InitialStates() put at `initial_index`. Its id is size().
  // REQUIRES: no child was added yet; size() < kMaxStates.
  void AddRoot(std::uint32_t initial_index);
  // Adds a state reached from `parent` by the action at `ordinal`. Its id is size().
  // REQUIRES: parent < size(); size() < kMaxStates.
  void AddChild(std::uint32_t parent, std::uint16_t ordinal);

  std::size_t size() const { return size_; }
  std::size_t roots() const { return root_initial_index_.size(); }
  bool IsRoot(std::uint32_t id) const { return id < root_initial_index_.size(); }
  // REQUIRES: !IsRoot(id) and id < size().
  std::uint32_t Parent(std::uint32_t id) const { return Block(id).parent[id & kBlockMask]; }
  std::uint16_t Ordinal(std::uint32_t id) const { return Block(id).ordinal[id & kBlockMask]; }

  // The path to `id`: the initial state's index and the ordinals from there, root first.
  // REQUIRES: id < size().
  void Trace(std::uint32_t id, std::uint32_t* initial_index,
             std::vector<std::uint16_t>* ordinals) const;

  // Bytes held (blocks and the roots' table).
  std::size_t Bytes() const;

 private:
  static constexpr int kBlockBits = 14;
  static constexpr std::size_t kBlockSize = std::size_t{1} << kBlockBits;
  static constexpr std::size_t kBlockMask = kBlockSize - 1;
  struct LinkBlock {
    std::uint32_t parent[kBlockSize];
    std::uint16_t ordinal[kBlockSize];
  };

  const LinkBlock& Block(std::uint32_t id) const { return *blocks_[id >> kBlockBits]; }
  // Makes room for id size() and returns its block.
  LinkBlock& NextSlot();

  std::vector<std::unique_ptr<LinkBlock>> blocks_;
  std::vector<std::uint32_t> root_initial_index_;  // by root id
  std::size_t size_ = 0;
};

}  // namespace raftcheck::engine

#endif  // RAFTCHECK_CHECKER_ENGINE_PARENT_LINKS_H_
