# All project-wide compile policy lives on one INTERFACE target that every
# target links: language standard, warnings, Qt strictness macros.
add_library(jh_policy INTERFACE)
target_compile_features(jh_policy INTERFACE cxx_std_20)
target_compile_options(jh_policy INTERFACE
  $<$<CXX_COMPILER_ID:GNU,Clang>:-Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wcast-qual>
  $<$<BOOL:${JH_WERROR}>:-Werror>)
target_compile_definitions(jh_policy INTERFACE
  QT_NO_CAST_FROM_ASCII
  QT_NO_CAST_TO_ASCII
  QT_NO_CAST_FROM_BYTEARRAY
  QT_NO_URL_CAST_FROM_STRING
  QT_NO_NARROWING_CONVERSIONS_IN_CONNECT
  QT_NO_CONTEXTLESS_CONNECT
  QT_NO_FOREACH
  QT_NO_KEYWORDS
  QT_STRICT_ITERATORS
  QT_DISABLE_DEPRECATED_UP_TO=0x060400)
