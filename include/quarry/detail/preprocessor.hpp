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
///
/// Up to 64 arguments (every table and enum in practice) it is a chain of
/// QUARRY_PP_FOR_EACH_<n> macros picked by counting the arguments: each
/// argument is rescanned a few times. Beyond 64 it falls back to the
/// recursion under QUARRY_PP_EXPAND, which rescans the whole list 256 times
/// whatever its length: that cost 0.2 s of preprocessing per 30 tables,
/// measured by bench/compile_time.
#define QUARRY_PP_FOR_EACH(macro, data, ...)                                                  \
  __VA_OPT__(QUARRY_PP_CAT(QUARRY_PP_FOR_EACH_, QUARRY_PP_COUNT_64(__VA_ARGS__))(macro, data, \
                                                                                 __VA_ARGS__))

/// The number of arguments (1 to 64), or MANY for 65 to 256.
#define QUARRY_PP_COUNT_64(...)                                                                   \
  QUARRY_PP_COUNT_64_I(                                                                           \
      __VA_ARGS__, MANY, MANY, MANY, MANY, MANY, MANY, MANY, MANY, MANY, MANY, MANY, MANY, MANY,  \
      MANY, MANY, MANY, MANY, MANY, MANY, MANY, MANY, MANY, MANY, MANY, MANY, MANY, MANY, MANY,   \
      MANY, MANY, MANY, MANY, MANY, MANY, MANY, MANY, MANY, MANY, MANY, MANY, MANY, MANY, MANY,   \
      MANY, MANY, MANY, MANY, MANY, MANY, MANY, MANY, MANY, MANY, MANY, MANY, MANY, MANY, MANY,   \
      MANY, MANY, MANY, MANY, MANY, MANY, MANY, MANY, MANY, MANY, MANY, MANY, MANY, MANY, MANY,   \
      MANY, MANY, MANY, MANY, MANY, MANY, MANY, MANY, MANY, MANY, MANY, MANY, MANY, MANY, MANY,   \
      MANY, MANY, MANY, MANY, MANY, MANY, MANY, MANY, MANY, MANY, MANY, MANY, MANY, MANY, MANY,   \
      MANY, MANY, MANY, MANY, MANY, MANY, MANY, MANY, MANY, MANY, MANY, MANY, MANY, MANY, MANY,   \
      MANY, MANY, MANY, MANY, MANY, MANY, MANY, MANY, MANY, MANY, MANY, MANY, MANY, MANY, MANY,   \
      MANY, MANY, MANY, MANY, MANY, MANY, MANY, MANY, MANY, MANY, MANY, MANY, MANY, MANY, MANY,   \
      MANY, MANY, MANY, MANY, MANY, MANY, MANY, MANY, MANY, MANY, MANY, MANY, MANY, MANY, MANY,   \
      MANY, MANY, MANY, MANY, MANY, MANY, MANY, MANY, MANY, MANY, MANY, MANY, MANY, MANY, MANY,   \
      MANY, MANY, MANY, MANY, MANY, MANY, MANY, MANY, MANY, MANY, MANY, MANY, MANY, MANY, 64, 63, \
      62, 61, 60, 59, 58, 57, 56, 55, 54, 53, 52, 51, 50, 49, 48, 47, 46, 45, 44, 43, 42, 41, 40, \
      39, 38, 37, 36, 35, 34, 33, 32, 31, 30, 29, 28, 27, 26, 25, 24, 23, 22, 21, 20, 19, 18, 17, \
      16, 15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, )
#define QUARRY_PP_COUNT_64_I(                                                                      \
    _1, _2, _3, _4, _5, _6, _7, _8, _9, _10, _11, _12, _13, _14, _15, _16, _17, _18, _19, _20,     \
    _21, _22, _23, _24, _25, _26, _27, _28, _29, _30, _31, _32, _33, _34, _35, _36, _37, _38, _39, \
    _40, _41, _42, _43, _44, _45, _46, _47, _48, _49, _50, _51, _52, _53, _54, _55, _56, _57, _58, \
    _59, _60, _61, _62, _63, _64, _65, _66, _67, _68, _69, _70, _71, _72, _73, _74, _75, _76, _77, \
    _78, _79, _80, _81, _82, _83, _84, _85, _86, _87, _88, _89, _90, _91, _92, _93, _94, _95, _96, \
    _97, _98, _99, _100, _101, _102, _103, _104, _105, _106, _107, _108, _109, _110, _111, _112,   \
    _113, _114, _115, _116, _117, _118, _119, _120, _121, _122, _123, _124, _125, _126, _127,      \
    _128, _129, _130, _131, _132, _133, _134, _135, _136, _137, _138, _139, _140, _141, _142,      \
    _143, _144, _145, _146, _147, _148, _149, _150, _151, _152, _153, _154, _155, _156, _157,      \
    _158, _159, _160, _161, _162, _163, _164, _165, _166, _167, _168, _169, _170, _171, _172,      \
    _173, _174, _175, _176, _177, _178, _179, _180, _181, _182, _183, _184, _185, _186, _187,      \
    _188, _189, _190, _191, _192, _193, _194, _195, _196, _197, _198, _199, _200, _201, _202,      \
    _203, _204, _205, _206, _207, _208, _209, _210, _211, _212, _213, _214, _215, _216, _217,      \
    _218, _219, _220, _221, _222, _223, _224, _225, _226, _227, _228, _229, _230, _231, _232,      \
    _233, _234, _235, _236, _237, _238, _239, _240, _241, _242, _243, _244, _245, _246, _247,      \
    _248, _249, _250, _251, _252, _253, _254, _255, _256, n, ...)                                  \
  n

#define QUARRY_PP_FOR_EACH_1(macro, data, a) macro(data, a)
#define QUARRY_PP_FOR_EACH_2(macro, data, a, ...) \
  macro(data, a) QUARRY_PP_FOR_EACH_1(macro, data, __VA_ARGS__)
#define QUARRY_PP_FOR_EACH_3(macro, data, a, ...) \
  macro(data, a) QUARRY_PP_FOR_EACH_2(macro, data, __VA_ARGS__)
#define QUARRY_PP_FOR_EACH_4(macro, data, a, ...) \
  macro(data, a) QUARRY_PP_FOR_EACH_3(macro, data, __VA_ARGS__)
#define QUARRY_PP_FOR_EACH_5(macro, data, a, ...) \
  macro(data, a) QUARRY_PP_FOR_EACH_4(macro, data, __VA_ARGS__)
#define QUARRY_PP_FOR_EACH_6(macro, data, a, ...) \
  macro(data, a) QUARRY_PP_FOR_EACH_5(macro, data, __VA_ARGS__)
#define QUARRY_PP_FOR_EACH_7(macro, data, a, ...) \
  macro(data, a) QUARRY_PP_FOR_EACH_6(macro, data, __VA_ARGS__)
#define QUARRY_PP_FOR_EACH_8(macro, data, a, ...) \
  macro(data, a) QUARRY_PP_FOR_EACH_7(macro, data, __VA_ARGS__)
#define QUARRY_PP_FOR_EACH_9(macro, data, a, ...) \
  macro(data, a) QUARRY_PP_FOR_EACH_8(macro, data, __VA_ARGS__)
#define QUARRY_PP_FOR_EACH_10(macro, data, a, ...) \
  macro(data, a) QUARRY_PP_FOR_EACH_9(macro, data, __VA_ARGS__)
#define QUARRY_PP_FOR_EACH_11(macro, data, a, ...) \
  macro(data, a) QUARRY_PP_FOR_EACH_10(macro, data, __VA_ARGS__)
#define QUARRY_PP_FOR_EACH_12(macro, data, a, ...) \
  macro(data, a) QUARRY_PP_FOR_EACH_11(macro, data, __VA_ARGS__)
#define QUARRY_PP_FOR_EACH_13(macro, data, a, ...) \
  macro(data, a) QUARRY_PP_FOR_EACH_12(macro, data, __VA_ARGS__)
#define QUARRY_PP_FOR_EACH_14(macro, data, a, ...) \
  macro(data, a) QUARRY_PP_FOR_EACH_13(macro, data, __VA_ARGS__)
#define QUARRY_PP_FOR_EACH_15(macro, data, a, ...) \
  macro(data, a) QUARRY_PP_FOR_EACH_14(macro, data, __VA_ARGS__)
#define QUARRY_PP_FOR_EACH_16(macro, data, a, ...) \
  macro(data, a) QUARRY_PP_FOR_EACH_15(macro, data, __VA_ARGS__)
#define QUARRY_PP_FOR_EACH_17(macro, data, a, ...) \
  macro(data, a) QUARRY_PP_FOR_EACH_16(macro, data, __VA_ARGS__)
#define QUARRY_PP_FOR_EACH_18(macro, data, a, ...) \
  macro(data, a) QUARRY_PP_FOR_EACH_17(macro, data, __VA_ARGS__)
#define QUARRY_PP_FOR_EACH_19(macro, data, a, ...) \
  macro(data, a) QUARRY_PP_FOR_EACH_18(macro, data, __VA_ARGS__)
#define QUARRY_PP_FOR_EACH_20(macro, data, a, ...) \
  macro(data, a) QUARRY_PP_FOR_EACH_19(macro, data, __VA_ARGS__)
#define QUARRY_PP_FOR_EACH_21(macro, data, a, ...) \
  macro(data, a) QUARRY_PP_FOR_EACH_20(macro, data, __VA_ARGS__)
#define QUARRY_PP_FOR_EACH_22(macro, data, a, ...) \
  macro(data, a) QUARRY_PP_FOR_EACH_21(macro, data, __VA_ARGS__)
#define QUARRY_PP_FOR_EACH_23(macro, data, a, ...) \
  macro(data, a) QUARRY_PP_FOR_EACH_22(macro, data, __VA_ARGS__)
#define QUARRY_PP_FOR_EACH_24(macro, data, a, ...) \
  macro(data, a) QUARRY_PP_FOR_EACH_23(macro, data, __VA_ARGS__)
#define QUARRY_PP_FOR_EACH_25(macro, data, a, ...) \
  macro(data, a) QUARRY_PP_FOR_EACH_24(macro, data, __VA_ARGS__)
#define QUARRY_PP_FOR_EACH_26(macro, data, a, ...) \
  macro(data, a) QUARRY_PP_FOR_EACH_25(macro, data, __VA_ARGS__)
#define QUARRY_PP_FOR_EACH_27(macro, data, a, ...) \
  macro(data, a) QUARRY_PP_FOR_EACH_26(macro, data, __VA_ARGS__)
#define QUARRY_PP_FOR_EACH_28(macro, data, a, ...) \
  macro(data, a) QUARRY_PP_FOR_EACH_27(macro, data, __VA_ARGS__)
#define QUARRY_PP_FOR_EACH_29(macro, data, a, ...) \
  macro(data, a) QUARRY_PP_FOR_EACH_28(macro, data, __VA_ARGS__)
#define QUARRY_PP_FOR_EACH_30(macro, data, a, ...) \
  macro(data, a) QUARRY_PP_FOR_EACH_29(macro, data, __VA_ARGS__)
#define QUARRY_PP_FOR_EACH_31(macro, data, a, ...) \
  macro(data, a) QUARRY_PP_FOR_EACH_30(macro, data, __VA_ARGS__)
#define QUARRY_PP_FOR_EACH_32(macro, data, a, ...) \
  macro(data, a) QUARRY_PP_FOR_EACH_31(macro, data, __VA_ARGS__)
#define QUARRY_PP_FOR_EACH_33(macro, data, a, ...) \
  macro(data, a) QUARRY_PP_FOR_EACH_32(macro, data, __VA_ARGS__)
#define QUARRY_PP_FOR_EACH_34(macro, data, a, ...) \
  macro(data, a) QUARRY_PP_FOR_EACH_33(macro, data, __VA_ARGS__)
#define QUARRY_PP_FOR_EACH_35(macro, data, a, ...) \
  macro(data, a) QUARRY_PP_FOR_EACH_34(macro, data, __VA_ARGS__)
#define QUARRY_PP_FOR_EACH_36(macro, data, a, ...) \
  macro(data, a) QUARRY_PP_FOR_EACH_35(macro, data, __VA_ARGS__)
#define QUARRY_PP_FOR_EACH_37(macro, data, a, ...) \
  macro(data, a) QUARRY_PP_FOR_EACH_36(macro, data, __VA_ARGS__)
#define QUARRY_PP_FOR_EACH_38(macro, data, a, ...) \
  macro(data, a) QUARRY_PP_FOR_EACH_37(macro, data, __VA_ARGS__)
#define QUARRY_PP_FOR_EACH_39(macro, data, a, ...) \
  macro(data, a) QUARRY_PP_FOR_EACH_38(macro, data, __VA_ARGS__)
#define QUARRY_PP_FOR_EACH_40(macro, data, a, ...) \
  macro(data, a) QUARRY_PP_FOR_EACH_39(macro, data, __VA_ARGS__)
#define QUARRY_PP_FOR_EACH_41(macro, data, a, ...) \
  macro(data, a) QUARRY_PP_FOR_EACH_40(macro, data, __VA_ARGS__)
#define QUARRY_PP_FOR_EACH_42(macro, data, a, ...) \
  macro(data, a) QUARRY_PP_FOR_EACH_41(macro, data, __VA_ARGS__)
#define QUARRY_PP_FOR_EACH_43(macro, data, a, ...) \
  macro(data, a) QUARRY_PP_FOR_EACH_42(macro, data, __VA_ARGS__)
#define QUARRY_PP_FOR_EACH_44(macro, data, a, ...) \
  macro(data, a) QUARRY_PP_FOR_EACH_43(macro, data, __VA_ARGS__)
#define QUARRY_PP_FOR_EACH_45(macro, data, a, ...) \
  macro(data, a) QUARRY_PP_FOR_EACH_44(macro, data, __VA_ARGS__)
#define QUARRY_PP_FOR_EACH_46(macro, data, a, ...) \
  macro(data, a) QUARRY_PP_FOR_EACH_45(macro, data, __VA_ARGS__)
#define QUARRY_PP_FOR_EACH_47(macro, data, a, ...) \
  macro(data, a) QUARRY_PP_FOR_EACH_46(macro, data, __VA_ARGS__)
#define QUARRY_PP_FOR_EACH_48(macro, data, a, ...) \
  macro(data, a) QUARRY_PP_FOR_EACH_47(macro, data, __VA_ARGS__)
#define QUARRY_PP_FOR_EACH_49(macro, data, a, ...) \
  macro(data, a) QUARRY_PP_FOR_EACH_48(macro, data, __VA_ARGS__)
#define QUARRY_PP_FOR_EACH_50(macro, data, a, ...) \
  macro(data, a) QUARRY_PP_FOR_EACH_49(macro, data, __VA_ARGS__)
#define QUARRY_PP_FOR_EACH_51(macro, data, a, ...) \
  macro(data, a) QUARRY_PP_FOR_EACH_50(macro, data, __VA_ARGS__)
#define QUARRY_PP_FOR_EACH_52(macro, data, a, ...) \
  macro(data, a) QUARRY_PP_FOR_EACH_51(macro, data, __VA_ARGS__)
#define QUARRY_PP_FOR_EACH_53(macro, data, a, ...) \
  macro(data, a) QUARRY_PP_FOR_EACH_52(macro, data, __VA_ARGS__)
#define QUARRY_PP_FOR_EACH_54(macro, data, a, ...) \
  macro(data, a) QUARRY_PP_FOR_EACH_53(macro, data, __VA_ARGS__)
#define QUARRY_PP_FOR_EACH_55(macro, data, a, ...) \
  macro(data, a) QUARRY_PP_FOR_EACH_54(macro, data, __VA_ARGS__)
#define QUARRY_PP_FOR_EACH_56(macro, data, a, ...) \
  macro(data, a) QUARRY_PP_FOR_EACH_55(macro, data, __VA_ARGS__)
#define QUARRY_PP_FOR_EACH_57(macro, data, a, ...) \
  macro(data, a) QUARRY_PP_FOR_EACH_56(macro, data, __VA_ARGS__)
#define QUARRY_PP_FOR_EACH_58(macro, data, a, ...) \
  macro(data, a) QUARRY_PP_FOR_EACH_57(macro, data, __VA_ARGS__)
#define QUARRY_PP_FOR_EACH_59(macro, data, a, ...) \
  macro(data, a) QUARRY_PP_FOR_EACH_58(macro, data, __VA_ARGS__)
#define QUARRY_PP_FOR_EACH_60(macro, data, a, ...) \
  macro(data, a) QUARRY_PP_FOR_EACH_59(macro, data, __VA_ARGS__)
#define QUARRY_PP_FOR_EACH_61(macro, data, a, ...) \
  macro(data, a) QUARRY_PP_FOR_EACH_60(macro, data, __VA_ARGS__)
#define QUARRY_PP_FOR_EACH_62(macro, data, a, ...) \
  macro(data, a) QUARRY_PP_FOR_EACH_61(macro, data, __VA_ARGS__)
#define QUARRY_PP_FOR_EACH_63(macro, data, a, ...) \
  macro(data, a) QUARRY_PP_FOR_EACH_62(macro, data, __VA_ARGS__)
#define QUARRY_PP_FOR_EACH_64(macro, data, a, ...) \
  macro(data, a) QUARRY_PP_FOR_EACH_63(macro, data, __VA_ARGS__)
#define QUARRY_PP_FOR_EACH_MANY(macro, data, ...) \
  QUARRY_PP_EXPAND(QUARRY_PP_FOR_EACH_STEP(macro, data, __VA_ARGS__))
#define QUARRY_PP_FOR_EACH_STEP(macro, data, first, ...) \
  macro(data, first) __VA_OPT__(QUARRY_PP_FOR_EACH_AGAIN QUARRY_PP_PARENS(macro, data, __VA_ARGS__))
#define QUARRY_PP_FOR_EACH_AGAIN() QUARRY_PP_FOR_EACH_STEP

/// QUARRY_PP_APPLY_<n>(m, (a...), (b...)) -> m(a...) m(b...): each argument is
/// a parenthesized argument list for m, and n their count (QUARRY_PP_COUNT_64,
/// MANY beyond 64). QUARRY_TABLE counts its columns once and runs its passes
/// over the columns with the same QUARRY_PP_APPLY_<n>: no count per pass, and
/// each entry is handed to m as is, without a macro that unpacks it. Eight
/// entries per step: a step passes the rest of the list on, which expands
/// it again, and one macro per count with all its parameters would cost
/// every translation unit 6 M instructions of definitions to read.
#define QUARRY_PP_APPLY_1(m, a1) m a1
#define QUARRY_PP_APPLY_2(m, a1, a2) m a1 m a2
#define QUARRY_PP_APPLY_3(m, a1, a2, a3) m a1 m a2 m a3
#define QUARRY_PP_APPLY_4(m, a1, a2, a3, a4) m a1 m a2 m a3 m a4
#define QUARRY_PP_APPLY_5(m, a1, a2, a3, a4, a5) m a1 m a2 m a3 m a4 m a5
#define QUARRY_PP_APPLY_6(m, a1, a2, a3, a4, a5, a6) m a1 m a2 m a3 m a4 m a5 m a6
#define QUARRY_PP_APPLY_7(m, a1, a2, a3, a4, a5, a6, a7) m a1 m a2 m a3 m a4 m a5 m a6 m a7
#define QUARRY_PP_APPLY_8(m, a1, a2, a3, a4, a5, a6, a7, a8) m a1 m a2 m a3 m a4 m a5 m a6 m a7 m a8
#define QUARRY_PP_APPLY_9(m, a1, a2, a3, a4, a5, a6, a7, a8, ...) \
  m a1 m a2 m a3 m a4 m a5 m a6 m a7 m a8 QUARRY_PP_APPLY_1(m, __VA_ARGS__)
#define QUARRY_PP_APPLY_10(m, a1, a2, a3, a4, a5, a6, a7, a8, ...) \
  m a1 m a2 m a3 m a4 m a5 m a6 m a7 m a8 QUARRY_PP_APPLY_2(m, __VA_ARGS__)
#define QUARRY_PP_APPLY_11(m, a1, a2, a3, a4, a5, a6, a7, a8, ...) \
  m a1 m a2 m a3 m a4 m a5 m a6 m a7 m a8 QUARRY_PP_APPLY_3(m, __VA_ARGS__)
#define QUARRY_PP_APPLY_12(m, a1, a2, a3, a4, a5, a6, a7, a8, ...) \
  m a1 m a2 m a3 m a4 m a5 m a6 m a7 m a8 QUARRY_PP_APPLY_4(m, __VA_ARGS__)
#define QUARRY_PP_APPLY_13(m, a1, a2, a3, a4, a5, a6, a7, a8, ...) \
  m a1 m a2 m a3 m a4 m a5 m a6 m a7 m a8 QUARRY_PP_APPLY_5(m, __VA_ARGS__)
#define QUARRY_PP_APPLY_14(m, a1, a2, a3, a4, a5, a6, a7, a8, ...) \
  m a1 m a2 m a3 m a4 m a5 m a6 m a7 m a8 QUARRY_PP_APPLY_6(m, __VA_ARGS__)
#define QUARRY_PP_APPLY_15(m, a1, a2, a3, a4, a5, a6, a7, a8, ...) \
  m a1 m a2 m a3 m a4 m a5 m a6 m a7 m a8 QUARRY_PP_APPLY_7(m, __VA_ARGS__)
#define QUARRY_PP_APPLY_16(m, a1, a2, a3, a4, a5, a6, a7, a8, ...) \
  m a1 m a2 m a3 m a4 m a5 m a6 m a7 m a8 QUARRY_PP_APPLY_8(m, __VA_ARGS__)
#define QUARRY_PP_APPLY_17(m, a1, a2, a3, a4, a5, a6, a7, a8, ...) \
  m a1 m a2 m a3 m a4 m a5 m a6 m a7 m a8 QUARRY_PP_APPLY_9(m, __VA_ARGS__)
#define QUARRY_PP_APPLY_18(m, a1, a2, a3, a4, a5, a6, a7, a8, ...) \
  m a1 m a2 m a3 m a4 m a5 m a6 m a7 m a8 QUARRY_PP_APPLY_10(m, __VA_ARGS__)
#define QUARRY_PP_APPLY_19(m, a1, a2, a3, a4, a5, a6, a7, a8, ...) \
  m a1 m a2 m a3 m a4 m a5 m a6 m a7 m a8 QUARRY_PP_APPLY_11(m, __VA_ARGS__)
#define QUARRY_PP_APPLY_20(m, a1, a2, a3, a4, a5, a6, a7, a8, ...) \
  m a1 m a2 m a3 m a4 m a5 m a6 m a7 m a8 QUARRY_PP_APPLY_12(m, __VA_ARGS__)
#define QUARRY_PP_APPLY_21(m, a1, a2, a3, a4, a5, a6, a7, a8, ...) \
  m a1 m a2 m a3 m a4 m a5 m a6 m a7 m a8 QUARRY_PP_APPLY_13(m, __VA_ARGS__)
#define QUARRY_PP_APPLY_22(m, a1, a2, a3, a4, a5, a6, a7, a8, ...) \
  m a1 m a2 m a3 m a4 m a5 m a6 m a7 m a8 QUARRY_PP_APPLY_14(m, __VA_ARGS__)
#define QUARRY_PP_APPLY_23(m, a1, a2, a3, a4, a5, a6, a7, a8, ...) \
  m a1 m a2 m a3 m a4 m a5 m a6 m a7 m a8 QUARRY_PP_APPLY_15(m, __VA_ARGS__)
#define QUARRY_PP_APPLY_24(m, a1, a2, a3, a4, a5, a6, a7, a8, ...) \
  m a1 m a2 m a3 m a4 m a5 m a6 m a7 m a8 QUARRY_PP_APPLY_16(m, __VA_ARGS__)
#define QUARRY_PP_APPLY_25(m, a1, a2, a3, a4, a5, a6, a7, a8, ...) \
  m a1 m a2 m a3 m a4 m a5 m a6 m a7 m a8 QUARRY_PP_APPLY_17(m, __VA_ARGS__)
#define QUARRY_PP_APPLY_26(m, a1, a2, a3, a4, a5, a6, a7, a8, ...) \
  m a1 m a2 m a3 m a4 m a5 m a6 m a7 m a8 QUARRY_PP_APPLY_18(m, __VA_ARGS__)
#define QUARRY_PP_APPLY_27(m, a1, a2, a3, a4, a5, a6, a7, a8, ...) \
  m a1 m a2 m a3 m a4 m a5 m a6 m a7 m a8 QUARRY_PP_APPLY_19(m, __VA_ARGS__)
#define QUARRY_PP_APPLY_28(m, a1, a2, a3, a4, a5, a6, a7, a8, ...) \
  m a1 m a2 m a3 m a4 m a5 m a6 m a7 m a8 QUARRY_PP_APPLY_20(m, __VA_ARGS__)
#define QUARRY_PP_APPLY_29(m, a1, a2, a3, a4, a5, a6, a7, a8, ...) \
  m a1 m a2 m a3 m a4 m a5 m a6 m a7 m a8 QUARRY_PP_APPLY_21(m, __VA_ARGS__)
#define QUARRY_PP_APPLY_30(m, a1, a2, a3, a4, a5, a6, a7, a8, ...) \
  m a1 m a2 m a3 m a4 m a5 m a6 m a7 m a8 QUARRY_PP_APPLY_22(m, __VA_ARGS__)
#define QUARRY_PP_APPLY_31(m, a1, a2, a3, a4, a5, a6, a7, a8, ...) \
  m a1 m a2 m a3 m a4 m a5 m a6 m a7 m a8 QUARRY_PP_APPLY_23(m, __VA_ARGS__)
#define QUARRY_PP_APPLY_32(m, a1, a2, a3, a4, a5, a6, a7, a8, ...) \
  m a1 m a2 m a3 m a4 m a5 m a6 m a7 m a8 QUARRY_PP_APPLY_24(m, __VA_ARGS__)
#define QUARRY_PP_APPLY_33(m, a1, a2, a3, a4, a5, a6, a7, a8, ...) \
  m a1 m a2 m a3 m a4 m a5 m a6 m a7 m a8 QUARRY_PP_APPLY_25(m, __VA_ARGS__)
#define QUARRY_PP_APPLY_34(m, a1, a2, a3, a4, a5, a6, a7, a8, ...) \
  m a1 m a2 m a3 m a4 m a5 m a6 m a7 m a8 QUARRY_PP_APPLY_26(m, __VA_ARGS__)
#define QUARRY_PP_APPLY_35(m, a1, a2, a3, a4, a5, a6, a7, a8, ...) \
  m a1 m a2 m a3 m a4 m a5 m a6 m a7 m a8 QUARRY_PP_APPLY_27(m, __VA_ARGS__)
#define QUARRY_PP_APPLY_36(m, a1, a2, a3, a4, a5, a6, a7, a8, ...) \
  m a1 m a2 m a3 m a4 m a5 m a6 m a7 m a8 QUARRY_PP_APPLY_28(m, __VA_ARGS__)
#define QUARRY_PP_APPLY_37(m, a1, a2, a3, a4, a5, a6, a7, a8, ...) \
  m a1 m a2 m a3 m a4 m a5 m a6 m a7 m a8 QUARRY_PP_APPLY_29(m, __VA_ARGS__)
#define QUARRY_PP_APPLY_38(m, a1, a2, a3, a4, a5, a6, a7, a8, ...) \
  m a1 m a2 m a3 m a4 m a5 m a6 m a7 m a8 QUARRY_PP_APPLY_30(m, __VA_ARGS__)
#define QUARRY_PP_APPLY_39(m, a1, a2, a3, a4, a5, a6, a7, a8, ...) \
  m a1 m a2 m a3 m a4 m a5 m a6 m a7 m a8 QUARRY_PP_APPLY_31(m, __VA_ARGS__)
#define QUARRY_PP_APPLY_40(m, a1, a2, a3, a4, a5, a6, a7, a8, ...) \
  m a1 m a2 m a3 m a4 m a5 m a6 m a7 m a8 QUARRY_PP_APPLY_32(m, __VA_ARGS__)
#define QUARRY_PP_APPLY_41(m, a1, a2, a3, a4, a5, a6, a7, a8, ...) \
  m a1 m a2 m a3 m a4 m a5 m a6 m a7 m a8 QUARRY_PP_APPLY_33(m, __VA_ARGS__)
#define QUARRY_PP_APPLY_42(m, a1, a2, a3, a4, a5, a6, a7, a8, ...) \
  m a1 m a2 m a3 m a4 m a5 m a6 m a7 m a8 QUARRY_PP_APPLY_34(m, __VA_ARGS__)
#define QUARRY_PP_APPLY_43(m, a1, a2, a3, a4, a5, a6, a7, a8, ...) \
  m a1 m a2 m a3 m a4 m a5 m a6 m a7 m a8 QUARRY_PP_APPLY_35(m, __VA_ARGS__)
#define QUARRY_PP_APPLY_44(m, a1, a2, a3, a4, a5, a6, a7, a8, ...) \
  m a1 m a2 m a3 m a4 m a5 m a6 m a7 m a8 QUARRY_PP_APPLY_36(m, __VA_ARGS__)
#define QUARRY_PP_APPLY_45(m, a1, a2, a3, a4, a5, a6, a7, a8, ...) \
  m a1 m a2 m a3 m a4 m a5 m a6 m a7 m a8 QUARRY_PP_APPLY_37(m, __VA_ARGS__)
#define QUARRY_PP_APPLY_46(m, a1, a2, a3, a4, a5, a6, a7, a8, ...) \
  m a1 m a2 m a3 m a4 m a5 m a6 m a7 m a8 QUARRY_PP_APPLY_38(m, __VA_ARGS__)
#define QUARRY_PP_APPLY_47(m, a1, a2, a3, a4, a5, a6, a7, a8, ...) \
  m a1 m a2 m a3 m a4 m a5 m a6 m a7 m a8 QUARRY_PP_APPLY_39(m, __VA_ARGS__)
#define QUARRY_PP_APPLY_48(m, a1, a2, a3, a4, a5, a6, a7, a8, ...) \
  m a1 m a2 m a3 m a4 m a5 m a6 m a7 m a8 QUARRY_PP_APPLY_40(m, __VA_ARGS__)
#define QUARRY_PP_APPLY_49(m, a1, a2, a3, a4, a5, a6, a7, a8, ...) \
  m a1 m a2 m a3 m a4 m a5 m a6 m a7 m a8 QUARRY_PP_APPLY_41(m, __VA_ARGS__)
#define QUARRY_PP_APPLY_50(m, a1, a2, a3, a4, a5, a6, a7, a8, ...) \
  m a1 m a2 m a3 m a4 m a5 m a6 m a7 m a8 QUARRY_PP_APPLY_42(m, __VA_ARGS__)
#define QUARRY_PP_APPLY_51(m, a1, a2, a3, a4, a5, a6, a7, a8, ...) \
  m a1 m a2 m a3 m a4 m a5 m a6 m a7 m a8 QUARRY_PP_APPLY_43(m, __VA_ARGS__)
#define QUARRY_PP_APPLY_52(m, a1, a2, a3, a4, a5, a6, a7, a8, ...) \
  m a1 m a2 m a3 m a4 m a5 m a6 m a7 m a8 QUARRY_PP_APPLY_44(m, __VA_ARGS__)
#define QUARRY_PP_APPLY_53(m, a1, a2, a3, a4, a5, a6, a7, a8, ...) \
  m a1 m a2 m a3 m a4 m a5 m a6 m a7 m a8 QUARRY_PP_APPLY_45(m, __VA_ARGS__)
#define QUARRY_PP_APPLY_54(m, a1, a2, a3, a4, a5, a6, a7, a8, ...) \
  m a1 m a2 m a3 m a4 m a5 m a6 m a7 m a8 QUARRY_PP_APPLY_46(m, __VA_ARGS__)
#define QUARRY_PP_APPLY_55(m, a1, a2, a3, a4, a5, a6, a7, a8, ...) \
  m a1 m a2 m a3 m a4 m a5 m a6 m a7 m a8 QUARRY_PP_APPLY_47(m, __VA_ARGS__)
#define QUARRY_PP_APPLY_56(m, a1, a2, a3, a4, a5, a6, a7, a8, ...) \
  m a1 m a2 m a3 m a4 m a5 m a6 m a7 m a8 QUARRY_PP_APPLY_48(m, __VA_ARGS__)
#define QUARRY_PP_APPLY_57(m, a1, a2, a3, a4, a5, a6, a7, a8, ...) \
  m a1 m a2 m a3 m a4 m a5 m a6 m a7 m a8 QUARRY_PP_APPLY_49(m, __VA_ARGS__)
#define QUARRY_PP_APPLY_58(m, a1, a2, a3, a4, a5, a6, a7, a8, ...) \
  m a1 m a2 m a3 m a4 m a5 m a6 m a7 m a8 QUARRY_PP_APPLY_50(m, __VA_ARGS__)
#define QUARRY_PP_APPLY_59(m, a1, a2, a3, a4, a5, a6, a7, a8, ...) \
  m a1 m a2 m a3 m a4 m a5 m a6 m a7 m a8 QUARRY_PP_APPLY_51(m, __VA_ARGS__)
#define QUARRY_PP_APPLY_60(m, a1, a2, a3, a4, a5, a6, a7, a8, ...) \
  m a1 m a2 m a3 m a4 m a5 m a6 m a7 m a8 QUARRY_PP_APPLY_52(m, __VA_ARGS__)
#define QUARRY_PP_APPLY_61(m, a1, a2, a3, a4, a5, a6, a7, a8, ...) \
  m a1 m a2 m a3 m a4 m a5 m a6 m a7 m a8 QUARRY_PP_APPLY_53(m, __VA_ARGS__)
#define QUARRY_PP_APPLY_62(m, a1, a2, a3, a4, a5, a6, a7, a8, ...) \
  m a1 m a2 m a3 m a4 m a5 m a6 m a7 m a8 QUARRY_PP_APPLY_54(m, __VA_ARGS__)
#define QUARRY_PP_APPLY_63(m, a1, a2, a3, a4, a5, a6, a7, a8, ...) \
  m a1 m a2 m a3 m a4 m a5 m a6 m a7 m a8 QUARRY_PP_APPLY_55(m, __VA_ARGS__)
#define QUARRY_PP_APPLY_64(m, a1, a2, a3, a4, a5, a6, a7, a8, ...) \
  m a1 m a2 m a3 m a4 m a5 m a6 m a7 m a8 QUARRY_PP_APPLY_56(m, __VA_ARGS__)
#define QUARRY_PP_APPLY_MANY(m, ...) QUARRY_PP_EXPAND(QUARRY_PP_APPLY_STEP(m, __VA_ARGS__))
#define QUARRY_PP_APPLY_STEP(m, first, ...) \
  m first __VA_OPT__(QUARRY_PP_APPLY_AGAIN QUARRY_PP_PARENS(m, __VA_ARGS__))
#define QUARRY_PP_APPLY_AGAIN() QUARRY_PP_APPLY_STEP

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
/// QUARRY_PP_NAMES(x): both, as `identifier, "SQL name"`, with one probe.
#define QUARRY_PP_NAMES(x) QUARRY_PP_CAT(QUARRY_PP_NAMES_, QUARRY_PP_IS_PAREN(x))(x)
#define QUARRY_PP_NAMES_0(x) x, #x
#define QUARRY_PP_NAMES_1(x) QUARRY_PP_UNPAREN x
#define QUARRY_PP_PAIR_FIRST(a, b) a
#define QUARRY_PP_PAIR_SECOND(a, b) b
