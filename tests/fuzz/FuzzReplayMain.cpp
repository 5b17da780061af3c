// Drives a fuzz target's LLVMFuzzerTestOneInput over files, without libFuzzer: this is how the seed
// corpus and every committed regression input run under ctest in every build, gcc included.
// Arguments are files or folders (read flat, in name order); a missing folder counts as empty,
// so a target without regressions yet needs no placeholder file.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <system_error>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size);
// Optional, as with libFuzzer: only targets that need one-time setup define it.
extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv) __attribute__((weak));

namespace {

bool runFile(const std::filesystem::path &file)
{
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        std::fprintf(stderr, "cannot read %s\n", file.c_str());
        return false;
    }
    const std::vector<char> bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    // Printed before the run, so the input to blame is the last line before a crash report.
    std::printf("running %s (%zu bytes)\n", file.c_str(), bytes.size());
    std::fflush(stdout);
    LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t *>(bytes.data()), bytes.size());
    return true;
}

} // namespace

int main(int argc, char **argv)
{
    if (LLVMFuzzerInitialize)
        LLVMFuzzerInitialize(&argc, &argv);
    std::size_t runs = 0;
    bool ok = true;
    for (int i = 1; i < argc; ++i) {
        const std::filesystem::path path(argv[i]);
        std::error_code error;
        if (std::filesystem::is_regular_file(path, error)) {
            ok = runFile(path) && ok;
            ++runs;
            continue;
        }
        if (!std::filesystem::is_directory(path, error)) {
            std::printf("%s: no such folder, nothing to replay there\n", path.c_str());
            continue;
        }
        std::vector<std::filesystem::path> files;
        for (const auto &entry : std::filesystem::directory_iterator(path)) {
            if (entry.is_regular_file())
                files.push_back(entry.path());
        }
        std::sort(files.begin(), files.end());
        for (const auto &file : files) {
            ok = runFile(file) && ok;
            ++runs;
        }
    }
    std::printf("%zu input(s) replayed without a crash\n", runs);
    // No input at all means a wrong path, not a pass: every target has a committed seed corpus.
    if (runs == 0) {
        std::fprintf(stderr, "no inputs found; expected the seed corpus folder as an argument\n");
        return 1;
    }
    return ok ? 0 : 1;
}
