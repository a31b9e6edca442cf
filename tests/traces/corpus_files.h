// The trace files of traces/corpus/, sorted, for the tests that replay or damage them.
#ifndef RAFTCHECK_TESTS_TRACES_CORPUS_FILES_H_
#define RAFTCHECK_TESTS_TRACES_CORPUS_FILES_H_

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

namespace traces {

inline std::vector<std::string> CorpusFiles() {
  std::vector<std::string> files;
  for (const auto& entry : std::filesystem::directory_iterator(RAFTCHECK_CORPUS_DIR)) {
    if (entry.path().string().ends_with(".trace.json")) files.push_back(entry.path().string());
  }
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace traces

#endif  // RAFTCHECK_TESTS_TRACES_CORPUS_FILES_H_
