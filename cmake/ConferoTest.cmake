# confero_add_test(<name> SOURCES <files...> LIBS <targets...> LABELS <labels...> [ENV <k=v>...]
#                  [ASAN_OPTIONS <option=value>...] [POSTGRES] [WEBENGINE] [TIMEOUT <s>])
# POSTGRES: the test needs the throwaway PostgreSQL cluster of this ctest run; it gets its URL in
# CONFERO_TEST_PG_URL.
# WEBENGINE: the test loads QtWebEngine; in a sanitizer build it runs with new_delete_type_mismatch=0
# (Chromium inside QtWebEngine 6.4 frees with a sized delete of the wrong size, a known mismatch we cannot
# fix from here and that would stop every such test at start-up).
# ASAN_OPTIONS: more AddressSanitizer options for this test; write the reason beside each in the caller.
# One QtTest executable per class or scenario. Every test runs with its own data folder, offscreen
# platform and a fixed locale, so nothing touches the user's files.
#
# Sanitizer build (CONFERO_SANITIZE): every test runs with UBSan halting and printing a stack, and with
# LeakSanitizer on, except where its label is in CONFERO_NO_LEAK_CHECK_LABELS below; the only leaks it
# does not report are those tests/lsan.supp lists, each with its reason.
#
# Precompiled headers: the test units share one precompiled QtTest/QtCore header (REUSE_FROM a small host
# target), one for the widget tests (their QtTest pulls in the widget helpers) and one for the rest.

# Qt6::Test gives every test QT_TESTCASE_BUILDDIR and QT_TESTCASE_SOURCEDIR, absolute paths for
# QFINDTESTDATA. With them every test unit compiles differently in each clone, and ccache, which makes
# only file paths relative, never serves one clone from another. No test here uses QFINDTESTDATA (tests
# take their files from QTemporaryDir or the resources), so they are dropped.
get_target_property(_qt_test_defs Qt6::Test INTERFACE_COMPILE_DEFINITIONS)
list(FILTER _qt_test_defs EXCLUDE REGEX "^QT_TESTCASE_(BUILD|SOURCE)DIR=")
set_target_properties(Qt6::Test PROPERTIES INTERFACE_COMPILE_DEFINITIONS "${_qt_test_defs}")

option(CONFERO_TEST_PCH "Precompile the QtTest/QtCore headers the tests share" ON)

# Labels whose tests run with detect_leaks=0, with the reason:
#   (none: the ui tests report no leak with LeakSanitizer on, checked by preloading liblsan into the
#   uninstrumented ui tests; Qt's offscreen platform and fontconfig free what they take.)
set(CONFERO_NO_LEAK_CHECK_LABELS "" CACHE STRING "ctest labels whose tests run without LeakSanitizer")

set(_confero_pch_headers
    <QtTest/QTest> <QtTest/QSignalSpy> <QtCore/QObject> <QtCore/QString> <QtCore/QByteArray>
    <QtCore/QList> <QtCore/QHash> <QtCore/QJsonObject> <QtCore/QJsonArray> <QtCore/QJsonDocument>
    <QtCore/QDateTime> <QtCore/QTemporaryDir> <QtCore/QFile> <QtCore/QDir>)

# The host of a shared precompiled header: an empty library compiled with the same flags as the tests.
function(_confero_test_pch_host out gui)
    if(gui)
        set(_host confero_test_pch_ui)
    else()
        set(_host confero_test_pch)
    endif()
    if(NOT TARGET ${_host})
        set(_src "${CMAKE_BINARY_DIR}/${_host}.cpp")
        if(NOT EXISTS "${_src}")
            file(WRITE "${_src}" "// Host of the tests' shared precompiled header (cmake/ConferoTest.cmake).\n")
        endif()
        add_library(${_host} STATIC "${_src}")
        set_target_properties(${_host} PROPERTIES AUTOMOC OFF)
        target_link_libraries(${_host} PRIVATE confero_settings Qt6::Test confero_testsupport)
        if(gui)
            # Qt6::Widgets is found in ui/; the library that links it carries it here.
            target_link_libraries(${_host} PRIVATE confero_ui)
        endif()
        target_precompile_headers(${_host} PRIVATE ${_confero_pch_headers})
    endif()
    set(${out} ${_host} PARENT_SCOPE)
endfunction()

function(confero_add_test name)
    cmake_parse_arguments(ARG "POSTGRES;WEBENGINE" "TIMEOUT" "SOURCES;LIBS;LABELS;ENV;FIXTURES;ASAN_OPTIONS" ${ARGN})
    add_executable(${name} ${ARG_SOURCES})
    target_link_libraries(${name} PRIVATE confero_settings Qt6::Test confero_testsupport ${ARG_LIBS})
    if(CONFERO_TEST_PCH)
        set(_gui OFF)
        if("ui" IN_LIST ARG_LABELS)
            set(_gui ON)
        endif()
        _confero_test_pch_host(_host ${_gui})
        target_precompile_headers(${name} REUSE_FROM ${_host})
    endif()
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
    if(CONFERO_SANITIZE OR CONFERO_FUZZ)
        set(_leaks 1)
        foreach(_label IN LISTS ARG_LABELS)
            if(_label IN_LIST CONFERO_NO_LEAK_CHECK_LABELS)
                set(_leaks 0)
            endif()
        endforeach()
        set(_asan "detect_leaks=${_leaks}" ${ARG_ASAN_OPTIONS})
        if(ARG_WEBENGINE)
            list(APPEND _asan "new_delete_type_mismatch=0")
        endif()
        list(JOIN _asan ":" _asan)
        # tests/lsan.supp says what it hides and why.
        list(APPEND _env "ASAN_OPTIONS=${_asan}" "UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1"
             "LSAN_OPTIONS=suppressions=${PROJECT_SOURCE_DIR}/tests/lsan.supp:print_suppressions=0")
    endif()
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
