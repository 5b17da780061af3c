# Fails when running lupdate over the sources would change the committed .ts file.
# Called with -DLUPDATE=<lupdate> -DTS=<committed .ts> -DSOURCES_FILE=<list file> -DWORK=<dir> -DSTAMP=<file>
file(MAKE_DIRECTORY "${WORK}")
get_filename_component(_name "${TS}" NAME)
set(_copy "${WORK}/${_name}")
configure_file("${TS}" "${_copy}" COPYONLY)
execute_process(
    COMMAND "${LUPDATE}" -silent -locations none -no-obsolete "@${SOURCES_FILE}" -ts "${_copy}"
    RESULT_VARIABLE _rc OUTPUT_VARIABLE _out ERROR_VARIABLE _err)
if(NOT _rc EQUAL 0)
    message(FATAL_ERROR "lupdate failed: ${_out}${_err}")
endif()
file(READ "${TS}" _before)
file(READ "${_copy}" _after)
if(NOT _before STREQUAL _after)
    execute_process(COMMAND diff -u "${TS}" "${_copy}" OUTPUT_VARIABLE _diff)
    message(FATAL_ERROR "${_name} is out of date with the sources. Run: cmake --build <build> --target update_translations\n${_diff}")
endif()
file(TOUCH "${STAMP}")
