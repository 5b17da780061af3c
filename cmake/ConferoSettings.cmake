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
