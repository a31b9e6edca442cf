#include "checker/engine/parent_links.h"

#include <algorithm>

namespace raftcheck::engine {

ParentLinks::LinkBlock& ParentLinks::NextSlot() {
  if ((size_ >> kBlockBits) == blocks_.size()) {
    // Uninitialised on purpose: every slot is written before it is read.
    blocks_.push_back(std::make_unique_for_overwrite<LinkBlock>());
  }
  return *blocks_[size_ >> kBlockBits];
}

void ParentLinks::AddRoot(std::uint32_t initial_index) {
  LinkBlock& b = NextSlot();
  b.parent[size_ & kBlockMask] = 0;  // unused for roots
  b.ordinal[size_ & kBlockMask] = 0;
  root_initial_index_.push_back(initial_index);
  ++size_;
}

void ParentLinks::AddChild(std::uint32_t parent, std::uint16_t ordinal) {
  LinkBlock& b = NextSlot();
  b.parent[size_ & kBlockMask] = parent;
  b.ordinal[size_ & kBlockMask] = ordinal;
  ++size_;
}

void ParentLinks::Trace(std::uint32_t id, std::uint32_t* initial_index,
                        std::vector<std::uint16_t>* ordinals) const {
  ordinals->clear();
  while (!IsRoot(id)) {
    ordinals->push_back(Ordinal(id));
    id = Parent(id);
  }
  std::reverse(ordinals->begin(), ordinals->end());
  *initial_index = root_initial_index_[id];
}

std::size_t ParentLinks::Bytes() const {
  return blocks_.size() * sizeof(LinkBlock) +
         root_initial_index_.capacity() * sizeof(std::uint32_t);
}

}  // namespace raftcheck::engine
