// The rule loader on arbitrary rule files: it either loads a pack or throws RuleError listing the
// problems; nothing else escapes, nothing crashes. A loaded pack must also compile or be refused.

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string_view>

#include <unistd.h>

#include "fuzz_support.h"
#include "phisentry/log/logging.h"

namespace {

namespace fs = std::filesystem;

// The fuzzed file lives in a private folder beside a dictionary a rule may name; removed at exit.
class ScratchPack {
 public:
  ScratchPack() {
    phisentry::log::configure({"off", ""});
    const fs::path base = fs::exists("/dev/shm") ? fs::path("/dev/shm") : fs::temp_directory_path();
    dir_ = base / ("phisentry-fuzz-rules-" + std::to_string(getpid()));
    fs::create_directories(dir_ / "dictionaries");
    std::ofstream(dir_ / "dictionaries" / "words.txt") << "alpha\nbeta\n# comment\n\ngamma delta\n";
  }
  ~ScratchPack() {
    std::error_code ignored;
    fs::remove_all(dir_, ignored);
  }
  ScratchPack(const ScratchPack&) = delete;
  ScratchPack& operator=(const ScratchPack&) = delete;
  const fs::path& dir() const { return dir_; }

 private:
  fs::path dir_;
};

const fs::path& pack_dir() {
  static const ScratchPack scratch;
  return scratch.dir();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const fs::path file = pack_dir() / "fuzzed.json";
  {
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  }
  try {
    phisentry::rules::RulePack pack = phisentry::rules::load_pack(pack_dir());
    phisentry::fuzz::require(!pack.rules.empty());
    phisentry::scan::CompiledPack::build(std::move(pack), {false, {}});
  } catch (const phisentry::rules::RuleError& e) {
    phisentry::fuzz::require(!e.problems().empty());
  }
  return 0;
}
