# confero_add_test(<name> SOURCES <files...> LIBS <targets...> LABELS <labels...> [ENV <k=v>...])
# One QtTest executable per class or scenario. Every test runs with its own data folder, offscreen
# platform and a fixed locale, so nothing touches the user's files.
function(confero_add_test name)
    cmake_parse_arguments(ARG "" "TIMEOUT" "SOURCES;LIBS;LABELS;ENV;FIXTURES" ${ARGN})
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
