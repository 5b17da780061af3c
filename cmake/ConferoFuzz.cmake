# Fuzzing with clang's libFuzzer, and replay of the seed corpora and found crashes in every build.
#
# confero_add_fuzz_target(<name> SOURCES <files...> LIBS <targets...>)
#   The sources define LLVMFuzzerTestOneInput (and may define LLVMFuzzerInitialize).
#   <name> starts with "fuzz_"; below, <short> is the rest (fuzz_room_json -> room_json).
#   Every build: <name>_replay, the sources driven by tests/fuzz/FuzzReplayMain.cpp, and the ctest test
#   fuzz_replay_<short> running it over tests/fuzz/corpus/<name>/ and tests/fuzz/regressions/<name>/,
#   so an input that crashed once is run forever after, also in the gcc build.
#   With CONFERO_FUZZ=ON (clang only): <name>, a libFuzzer executable, and the ctest test fuzz_<short>
#   fuzzing for CONFERO_FUZZ_SECONDS from a copy of the seed corpus (the source tree stays clean),
#   with the dictionary tests/fuzz/dict/<name>.dict when there is one.
#
# In a fuzz build every Confero target is compiled with -fsanitize=fuzzer-no-link,address,undefined
# (through confero_settings), so the libraries under test carry coverage counters and sanitizer checks.
option(CONFERO_FUZZ "Build the libFuzzer targets (needs clang and libclang-rt-14-dev)" OFF)
set(CONFERO_FUZZ_SECONDS 20 CACHE STRING "How long each fuzz_<name> test fuzzes, in seconds")
set(CONFERO_FUZZ_RSS_MB 2048 CACHE STRING "libFuzzer's memory limit per fuzz target, in MB")

set(CONFERO_FUZZ_DIR "${PROJECT_SOURCE_DIR}/tests/fuzz")

# Builds every fuzz executable and replay and nothing else: ./confero.sh test --full builds only this in
# build-fuzz/.
add_custom_target(fuzz_all)

if(CONFERO_FUZZ)
    if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
        message(FATAL_ERROR "CONFERO_FUZZ=ON needs clang (libFuzzer): configure with CC=clang CXX=clang++ "
                            "in a fresh build folder. This one uses ${CMAKE_CXX_COMPILER_ID}.")
    endif()
    # -fno-sanitize-recover: undefined behaviour must stop the run, or libFuzzer never sees it as a crash.
    target_compile_options(confero_settings INTERFACE
        -fsanitize=fuzzer-no-link,address,undefined
        -fno-sanitize-recover=undefined
        -fno-omit-frame-pointer)
    # Every executable of a fuzz build (tests, programs) then needs the sanitizer runtimes too.
    target_link_options(confero_settings INTERFACE -fsanitize=address,undefined)
endif()

function(confero_add_fuzz_target name)
    cmake_parse_arguments(ARG "" "" "SOURCES;LIBS" ${ARGN})
    if(NOT ARG_SOURCES)
        message(FATAL_ERROR "confero_add_fuzz_target(${name}): SOURCES is required")
    endif()
    if(NOT name MATCHES "^fuzz_(.+)$")
        message(FATAL_ERROR "confero_add_fuzz_target(${name}): the name must start with fuzz_")
    endif()
    set(_short "${CMAKE_MATCH_1}")
    set(_corpus "${CONFERO_FUZZ_DIR}/corpus/${name}")
    set(_regressions "${CONFERO_FUZZ_DIR}/regressions/${name}")
    if(NOT IS_DIRECTORY "${_corpus}")
        message(FATAL_ERROR "confero_add_fuzz_target(${name}): no seed corpus in ${_corpus}")
    endif()

    add_executable(${name}_replay ${ARG_SOURCES} "${CONFERO_FUZZ_DIR}/FuzzReplayMain.cpp")
    # Fuzz targets hold no QObject: skipping moc saves a step per target on a 2-core machine.
    set_target_properties(${name}_replay PROPERTIES AUTOMOC OFF)
    target_include_directories(${name}_replay PRIVATE "${CONFERO_FUZZ_DIR}")
    target_link_libraries(${name}_replay PRIVATE confero_settings ${ARG_LIBS})
    add_dependencies(fuzz_all ${name}_replay)
    add_test(NAME fuzz_replay_${_short} COMMAND ${name}_replay "${_corpus}" "${_regressions}")
    # In a sanitizer build undefined behaviour must fail the replay, not just print a line and pass.
    set(_env "UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1")
    set_tests_properties(fuzz_replay_${_short} PROPERTIES LABELS fuzz TIMEOUT 120 ENVIRONMENT "${_env}")

    if(CONFERO_FUZZ)
        add_executable(${name} ${ARG_SOURCES})
        set_target_properties(${name} PROPERTIES AUTOMOC OFF)
        target_include_directories(${name} PRIVATE "${CONFERO_FUZZ_DIR}")
        target_link_libraries(${name} PRIVATE confero_settings ${ARG_LIBS})
        target_link_options(${name} PRIVATE -fsanitize=fuzzer,address,undefined)
        add_dependencies(fuzz_all ${name})
        set(_work "${CMAKE_CURRENT_BINARY_DIR}/${name}.run")
        # An optional libFuzzer dictionary of the words the parser decides on, so mutations reach them.
        set(_dict "${CONFERO_FUZZ_DIR}/dict/${name}.dict")
        if(NOT EXISTS "${_dict}")
            set(_dict "")
        endif()
        add_test(NAME fuzz_${_short}
            COMMAND "${CMAKE_COMMAND}"
                "-DFUZZER=$<TARGET_FILE:${name}>"
                "-DSEEDS=${_corpus}"
                "-DWORK=${_work}"
                "-DSECONDS=${CONFERO_FUZZ_SECONDS}"
                "-DRSS_MB=${CONFERO_FUZZ_RSS_MB}"
                "-DDICT=${_dict}"
                -P "${CONFERO_FUZZ_DIR}/RunFuzzer.cmake")
        # libFuzzer's own clock stops the run; the ctest timeout only catches a hang around it.
        math(EXPR _timeout "${CONFERO_FUZZ_SECONDS} + 120")
        set_tests_properties(fuzz_${_short} PROPERTIES LABELS fuzz TIMEOUT ${_timeout} ENVIRONMENT "${_env}")
    endif()
endfunction()
