# One INTERFACE target carries the strictness every Confero target is built with.
add_library(confero_settings INTERFACE)
target_compile_features(confero_settings INTERFACE cxx_std_20)
target_compile_options(confero_settings INTERFACE -Wall -Wextra -Wpedantic)
if(CONFERO_WERROR)
    target_compile_options(confero_settings INTERFACE -Werror)
endif()
target_compile_definitions(confero_settings INTERFACE
    QT_NO_CAST_FROM_ASCII
    QT_NO_URL_CAST_FROM_STRING
    QT_USE_QSTRINGBUILDER
    QT_NO_FOREACH
    QT_NO_NARROWING_CONVERSIONS_IN_CONNECT
    CONFERO_VERSION="${PROJECT_VERSION}")

# The test build (build/, configured by ./confero.sh) is instrumented: AddressSanitizer (with
# LeakSanitizer) and UndefinedBehaviorSanitizer. Undefined behaviour stops the program, so a test that
# triggers it fails instead of printing a line and passing. Only our targets carry the flags (through
# confero_settings); Qt is Debian's uninstrumented build. The per-test sanitizer options are set by
# confero_add_test (cmake/ConferoTest.cmake).
option(CONFERO_SANITIZE "Build with AddressSanitizer and UndefinedBehaviorSanitizer" OFF)
if(CONFERO_SANITIZE AND NOT CONFERO_FUZZ)
    target_compile_options(confero_settings INTERFACE
        -fsanitize=address,undefined
        -fno-omit-frame-pointer
        -fno-sanitize-recover=undefined)
    target_link_options(confero_settings INTERFACE -fsanitize=address,undefined)
endif()

# Debug information and __FILE__ name the source folder relative to its root, so the compiler cache
# (CCACHE_BASEDIR, CCACHE_NOHASHDIR) serves a clone in another folder too, and the binaries do not
# carry the path of the machine they were built on. gdb: `directory <source folder>`.
option(CONFERO_RELATIVE_PATHS "Map the source folder to '.' in debug info and __FILE__" ON)
if(CONFERO_RELATIVE_PATHS)
    target_compile_options(confero_settings INTERFACE "-ffile-prefix-map=${PROJECT_SOURCE_DIR}/=")
endif()

# clang-tidy and clazy over the whole tree (scripts/static-analysis.sh --all); ./confero.sh test --full
# runs them on the files changed since the last green CI run.
add_custom_target(static_analysis
    COMMAND "${PROJECT_SOURCE_DIR}/scripts/static-analysis.sh" --all --build "${CMAKE_BINARY_DIR}"
    WORKING_DIRECTORY "${PROJECT_SOURCE_DIR}"
    USES_TERMINAL
    COMMENT "clang-tidy and clazy over the whole tree")
