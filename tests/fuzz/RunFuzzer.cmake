# Runs one libFuzzer executable for a bounded time from a fresh copy of its seed corpus, so the
# inputs it adds stay in the build folder. Called by the fuzz_<name> tests (cmake/ConferoFuzz.cmake) with
# -DFUZZER=<executable> -DSEEDS=<committed corpus> -DWORK=<scratch folder> -DSECONDS=<n> -DRSS_MB=<n>
# and -DDICT=<libFuzzer dictionary>, empty for none.
foreach(_var FUZZER SEEDS WORK SECONDS RSS_MB)
    if(NOT DEFINED ${_var})
        message(FATAL_ERROR "RunFuzzer.cmake needs -D${_var}=...")
    endif()
endforeach()

file(REMOVE_RECURSE "${WORK}")
file(MAKE_DIRECTORY "${WORK}/corpus" "${WORK}/artifacts")
file(COPY "${SEEDS}/" DESTINATION "${WORK}/corpus")
set(_dict_option "")
if(DICT)
    set(_dict_option "-dict=${DICT}")
endif()

# -timeout: one input taking longer than 10 s is a hang worth a report, not a slow machine.
execute_process(
    COMMAND "${FUZZER}" "${WORK}/corpus"
        -max_total_time=${SECONDS}
        -rss_limit_mb=${RSS_MB}
        -timeout=10
        -print_final_stats=1
        ${_dict_option}
        "-artifact_prefix=${WORK}/artifacts/"
    RESULT_VARIABLE _rc)
if(NOT _rc EQUAL 0)
    file(GLOB _artifacts "${WORK}/artifacts/*")
    message(FATAL_ERROR "${FUZZER} failed (${_rc}). Crashing input(s): ${_artifacts}\n"
        "Minimise with: ${FUZZER} -minimize_crash=1 -runs=100000 -exact_artifact_path=<smaller> <input>, "
        "then commit <smaller> under tests/fuzz/regressions/<target>/ so fuzz_replay_<short> runs it forever after.")
endif()
