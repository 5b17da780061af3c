#pragma once

#include <cstdio>
#include <cstdlib>

// An invariant the code under test must keep whatever the input. A broken one aborts, which libFuzzer
// records as a crash (with the input) and the replay test reports as a failure, like any other crash.
#define CONFERO_FUZZ_CHECK(condition) \
    do { \
        if (!(condition)) { \
            std::fprintf(stderr, "%s:%d: invariant broken: %s\n", __FILE__, __LINE__, #condition); \
            std::abort(); \
        } \
    } while (false)
