// Preprocessor helpers for the declaration macros (QUARRY_TABLE, QUARRY_ENUM):
// a FOR_EACH over up to 256 arguments, using C++20's __VA_OPT__.
#pragma once

#define QUARRY_PP_PARENS ()
#define QUARRY_PP_EXPAND(...) \
  QUARRY_PP_EXPAND3(QUARRY_PP_EXPAND3(QUARRY_PP_EXPAND3(QUARRY_PP_EXPAND3(__VA_ARGS__))))
#define QUARRY_PP_EXPAND3(...) \
  QUARRY_PP_EXPAND2(QUARRY_PP_EXPAND2(QUARRY_PP_EXPAND2(QUARRY_PP_EXPAND2(__VA_ARGS__))))
#define QUARRY_PP_EXPAND2(...) \
  QUARRY_PP_EXPAND1(QUARRY_PP_EXPAND1(QUARRY_PP_EXPAND1(QUARRY_PP_EXPAND1(__VA_ARGS__))))
#define QUARRY_PP_EXPAND1(...) __VA_ARGS__

/// QUARRY_PP_FOR_EACH(m, data, a, b, c) -> m(data, a) m(data, b) m(data, c)
#define QUARRY_PP_FOR_EACH(macro, data, ...) \
  __VA_OPT__(QUARRY_PP_EXPAND(QUARRY_PP_FOR_EACH_STEP(macro, data, __VA_ARGS__)))
#define QUARRY_PP_FOR_EACH_STEP(macro, data, first, ...) \
  macro(data, first) __VA_OPT__(QUARRY_PP_FOR_EACH_AGAIN QUARRY_PP_PARENS(macro, data, __VA_ARGS__))
#define QUARRY_PP_FOR_EACH_AGAIN() QUARRY_PP_FOR_EACH_STEP

#define QUARRY_PP_UNPAREN(...) __VA_ARGS__
#define QUARRY_PP_CALL(macro, args) macro args
