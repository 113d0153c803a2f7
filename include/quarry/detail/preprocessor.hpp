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

#define QUARRY_PP_CAT(a, b) QUARRY_PP_CAT_I(a, b)
#define QUARRY_PP_CAT_I(a, b) a##b

/// QUARRY_PP_IS_PAREN((x, y)) -> 1, QUARRY_PP_IS_PAREN(x) -> 0
#define QUARRY_PP_IS_PAREN(x) QUARRY_PP_IS_PAREN_CHECK(QUARRY_PP_IS_PAREN_PROBE x)
#define QUARRY_PP_IS_PAREN_CHECK(...) QUARRY_PP_IS_PAREN_SECOND(__VA_ARGS__, 0, )
#define QUARRY_PP_IS_PAREN_PROBE(...) ~, 1,
#define QUARRY_PP_IS_PAREN_SECOND(a, b, ...) b

/// A declared name is `member` or `(member, "SQL name")`:
/// QUARRY_PP_IDENT gives the C++ identifier, QUARRY_PP_SQL_NAME the SQL name
/// as a string literal.
#define QUARRY_PP_IDENT(x) QUARRY_PP_CAT(QUARRY_PP_IDENT_, QUARRY_PP_IS_PAREN(x))(x)
#define QUARRY_PP_IDENT_0(x) x
#define QUARRY_PP_IDENT_1(x) QUARRY_PP_PAIR_FIRST x
#define QUARRY_PP_SQL_NAME(x) QUARRY_PP_CAT(QUARRY_PP_SQL_NAME_, QUARRY_PP_IS_PAREN(x))(x)
#define QUARRY_PP_SQL_NAME_0(x) #x
#define QUARRY_PP_SQL_NAME_1(x) QUARRY_PP_PAIR_SECOND x
#define QUARRY_PP_PAIR_FIRST(a, b) a
#define QUARRY_PP_PAIR_SECOND(a, b) b
