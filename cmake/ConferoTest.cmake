# confero_add_test(<name> SOURCES <files...> LIBS <targets...> LABELS <labels...> [ENV <k=v>...]
#                  [POSTGRES] [TIMEOUT <s>])
# POSTGRES: the test needs the throwaway PostgreSQL cluster of this ctest run; it gets its URL in
# CONFERO_TEST_PG_URL.
# One QtTest executable per class or scenario. Every test runs with its own data folder, offscreen
# platform and a fixed locale, so nothing touches the user's files.
function(confero_add_test name)
    cmake_parse_arguments(ARG "POSTGRES" "TIMEOUT" "SOURCES;LIBS;LABELS;ENV;FIXTURES" ${ARGN})
    add_executable(${name} ${ARG_SOURCES})
    target_link_libraries(${name} PRIVATE confero_settings Qt6::Test confero_testsupport ${ARG_LIBS})
    add_test(NAME ${name} COMMAND ${name})
    set(_dir "${CMAKE_CURRENT_BINARY_DIR}/${name}.home")
    set(_env
        "QT_QPA_PLATFORM=offscreen"
        "LANG=C.UTF-8"
        "LC_ALL=C.UTF-8"
        "CONFERO_DATA_DIR=${_dir}/data"
        "XDG_CONFIG_HOME=${_dir}/config"
        "XDG_DATA_HOME=${_dir}/share"
        "QT_LOGGING_RULES=confero.*.debug=true"
        ${ARG_ENV})
    if(ARG_POSTGRES)
        list(APPEND _env "CONFERO_TEST_PG_URL=${CONFERO_TEST_PG_URL}")
        list(APPEND ARG_FIXTURES postgres)
    endif()
    if(NOT ARG_TIMEOUT)
        set(ARG_TIMEOUT 120)
    endif()
    set_tests_properties(${name} PROPERTIES
        ENVIRONMENT "${_env}"
        LABELS "${ARG_LABELS}"
        TIMEOUT ${ARG_TIMEOUT})
    if(ARG_FIXTURES)
        set_tests_properties(${name} PROPERTIES FIXTURES_REQUIRED "${ARG_FIXTURES}")
    endif()
endfunction()

# One PostgreSQL cluster per ctest run, shared by every test that asks for it (see scripts/pg-fixture.sh).
set(CONFERO_TEST_PG_PORT 55432 CACHE STRING "Loopback port of the tests' throwaway PostgreSQL cluster")
set(CONFERO_TEST_PG_URL "postgresql://postgres@127.0.0.1:${CONFERO_TEST_PG_PORT}/confero_test")
function(confero_add_postgres_fixture)
    set(_dir "${CMAKE_BINARY_DIR}/pg-fixture")
    add_test(NAME postgres_start
        COMMAND "${PROJECT_SOURCE_DIR}/scripts/pg-fixture.sh" start "${_dir}" ${CONFERO_TEST_PG_PORT})
    add_test(NAME postgres_stop COMMAND "${PROJECT_SOURCE_DIR}/scripts/pg-fixture.sh" stop "${_dir}")
    set_tests_properties(postgres_start PROPERTIES FIXTURES_SETUP postgres LABELS fixture TIMEOUT 120)
    set_tests_properties(postgres_stop PROPERTIES FIXTURES_CLEANUP postgres LABELS fixture)
endfunction()
