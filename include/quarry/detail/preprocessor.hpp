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
/// Up to 64 arguments (every table and enum in practice) it is one
/// QUARRY_PP_FOR_EACH_<n> macro with n parameters, picked by counting the
/// arguments: each argument is expanded once. (A chain of macros, each
/// passing the rest of the list on to the next, expanded the list's tail
/// again at each step: 0.2 M instructions of g++ per 7-entry pass.) Beyond 64 it falls back to the
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

#define QUARRY_PP_FOR_EACH_1(macro, data, a1) macro(data, a1)
#define QUARRY_PP_FOR_EACH_2(macro, data, a1, a2) macro(data, a1) macro(data, a2)
#define QUARRY_PP_FOR_EACH_3(macro, data, a1, a2, a3) \
  macro(data, a1) macro(data, a2) macro(data, a3)
#define QUARRY_PP_FOR_EACH_4(macro, data, a1, a2, a3, a4) \
  macro(data, a1) macro(data, a2) macro(data, a3) macro(data, a4)
#define QUARRY_PP_FOR_EACH_5(macro, data, a1, a2, a3, a4, a5) \
  macro(data, a1) macro(data, a2) macro(data, a3) macro(data, a4) macro(data, a5)
#define QUARRY_PP_FOR_EACH_6(macro, data, a1, a2, a3, a4, a5, a6) \
  macro(data, a1) macro(data, a2) macro(data, a3) macro(data, a4) macro(data, a5) macro(data, a6)
#define QUARRY_PP_FOR_EACH_7(macro, data, a1, a2, a3, a4, a5, a6, a7)                             \
  macro(data, a1) macro(data, a2) macro(data, a3) macro(data, a4) macro(data, a5) macro(data, a6) \
      macro(data, a7)
#define QUARRY_PP_FOR_EACH_8(macro, data, a1, a2, a3, a4, a5, a6, a7, a8)                         \
  macro(data, a1) macro(data, a2) macro(data, a3) macro(data, a4) macro(data, a5) macro(data, a6) \
      macro(data, a7) macro(data, a8)
#define QUARRY_PP_FOR_EACH_9(macro, data, a1, a2, a3, a4, a5, a6, a7, a8, a9)                     \
  macro(data, a1) macro(data, a2) macro(data, a3) macro(data, a4) macro(data, a5) macro(data, a6) \
      macro(data, a7) macro(data, a8) macro(data, a9)
#define QUARRY_PP_FOR_EACH_10(macro, data, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10)               \
  macro(data, a1) macro(data, a2) macro(data, a3) macro(data, a4) macro(data, a5) macro(data, a6) \
      macro(data, a7) macro(data, a8) macro(data, a9) macro(data, a10)
#define QUARRY_PP_FOR_EACH_11(macro, data, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11)          \
  macro(data, a1) macro(data, a2) macro(data, a3) macro(data, a4) macro(data, a5) macro(data, a6) \
      macro(data, a7) macro(data, a8) macro(data, a9) macro(data, a10) macro(data, a11)
#define QUARRY_PP_FOR_EACH_12(macro, data, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12)     \
  macro(data, a1) macro(data, a2) macro(data, a3) macro(data, a4) macro(data, a5) macro(data, a6) \
      macro(data, a7) macro(data, a8) macro(data, a9) macro(data, a10) macro(data, a11)           \
          macro(data, a12)
#define QUARRY_PP_FOR_EACH_13(macro, data, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13) \
  macro(data, a1) macro(data, a2) macro(data, a3) macro(data, a4) macro(data, a5) macro(data, a6)  \
      macro(data, a7) macro(data, a8) macro(data, a9) macro(data, a10) macro(data, a11)            \
          macro(data, a12) macro(data, a13)
#define QUARRY_PP_FOR_EACH_14(macro, data, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, \
                              a14)                                                                 \
  macro(data, a1) macro(data, a2) macro(data, a3) macro(data, a4) macro(data, a5) macro(data, a6)  \
      macro(data, a7) macro(data, a8) macro(data, a9) macro(data, a10) macro(data, a11)            \
          macro(data, a12) macro(data, a13) macro(data, a14)
#define QUARRY_PP_FOR_EACH_15(macro, data, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, \
                              a14, a15)                                                            \
  macro(data, a1) macro(data, a2) macro(data, a3) macro(data, a4) macro(data, a5) macro(data, a6)  \
      macro(data, a7) macro(data, a8) macro(data, a9) macro(data, a10) macro(data, a11)            \
          macro(data, a12) macro(data, a13) macro(data, a14) macro(data, a15)
#define QUARRY_PP_FOR_EACH_16(macro, data, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, \
                              a14, a15, a16)                                                       \
  macro(data, a1) macro(data, a2) macro(data, a3) macro(data, a4) macro(data, a5) macro(data, a6)  \
      macro(data, a7) macro(data, a8) macro(data, a9) macro(data, a10) macro(data, a11)            \
          macro(data, a12) macro(data, a13) macro(data, a14) macro(data, a15) macro(data, a16)
#define QUARRY_PP_FOR_EACH_17(macro, data, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, \
                              a14, a15, a16, a17)                                                  \
  macro(data, a1) macro(data, a2) macro(data, a3) macro(data, a4) macro(data, a5) macro(data, a6)  \
      macro(data, a7) macro(data, a8) macro(data, a9) macro(data, a10) macro(data, a11)            \
          macro(data, a12) macro(data, a13) macro(data, a14) macro(data, a15) macro(data, a16)     \
              macro(data, a17)
#define QUARRY_PP_FOR_EACH_18(macro, data, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, \
                              a14, a15, a16, a17, a18)                                             \
  macro(data, a1) macro(data, a2) macro(data, a3) macro(data, a4) macro(data, a5) macro(data, a6)  \
      macro(data, a7) macro(data, a8) macro(data, a9) macro(data, a10) macro(data, a11)            \
          macro(data, a12) macro(data, a13) macro(data, a14) macro(data, a15) macro(data, a16)     \
              macro(data, a17) macro(data, a18)
#define QUARRY_PP_FOR_EACH_19(macro, data, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, \
                              a14, a15, a16, a17, a18, a19)                                        \
  macro(data, a1) macro(data, a2) macro(data, a3) macro(data, a4) macro(data, a5) macro(data, a6)  \
      macro(data, a7) macro(data, a8) macro(data, a9) macro(data, a10) macro(data, a11)            \
          macro(data, a12) macro(data, a13) macro(data, a14) macro(data, a15) macro(data, a16)     \
              macro(data, a17) macro(data, a18) macro(data, a19)
#define QUARRY_PP_FOR_EACH_20(macro, data, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, \
                              a14, a15, a16, a17, a18, a19, a20)                                   \
  macro(data, a1) macro(data, a2) macro(data, a3) macro(data, a4) macro(data, a5) macro(data, a6)  \
      macro(data, a7) macro(data, a8) macro(data, a9) macro(data, a10) macro(data, a11)            \
          macro(data, a12) macro(data, a13) macro(data, a14) macro(data, a15) macro(data, a16)     \
              macro(data, a17) macro(data, a18) macro(data, a19) macro(data, a20)
#define QUARRY_PP_FOR_EACH_21(macro, data, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, \
                              a14, a15, a16, a17, a18, a19, a20, a21)                              \
  macro(data, a1) macro(data, a2) macro(data, a3) macro(data, a4) macro(data, a5) macro(data, a6)  \
      macro(data, a7) macro(data, a8) macro(data, a9) macro(data, a10) macro(data, a11)            \
          macro(data, a12) macro(data, a13) macro(data, a14) macro(data, a15) macro(data, a16)     \
              macro(data, a17) macro(data, a18) macro(data, a19) macro(data, a20) macro(data, a21)
#define QUARRY_PP_FOR_EACH_22(macro, data, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, \
                              a14, a15, a16, a17, a18, a19, a20, a21, a22)                         \
  macro(data, a1) macro(data, a2) macro(data, a3) macro(data, a4) macro(data, a5) macro(data, a6)  \
      macro(data, a7) macro(data, a8) macro(data, a9) macro(data, a10) macro(data, a11)            \
          macro(data, a12) macro(data, a13) macro(data, a14) macro(data, a15) macro(data, a16)     \
              macro(data, a17) macro(data, a18) macro(data, a19) macro(data, a20) macro(data, a21) \
                  macro(data, a22)
#define QUARRY_PP_FOR_EACH_23(macro, data, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, \
                              a14, a15, a16, a17, a18, a19, a20, a21, a22, a23)                    \
  macro(data, a1) macro(data, a2) macro(data, a3) macro(data, a4) macro(data, a5) macro(data, a6)  \
      macro(data, a7) macro(data, a8) macro(data, a9) macro(data, a10) macro(data, a11)            \
          macro(data, a12) macro(data, a13) macro(data, a14) macro(data, a15) macro(data, a16)     \
              macro(data, a17) macro(data, a18) macro(data, a19) macro(data, a20) macro(data, a21) \
                  macro(data, a22) macro(data, a23)
#define QUARRY_PP_FOR_EACH_24(macro, data, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, \
                              a14, a15, a16, a17, a18, a19, a20, a21, a22, a23, a24)               \
  macro(data, a1) macro(data, a2) macro(data, a3) macro(data, a4) macro(data, a5) macro(data, a6)  \
      macro(data, a7) macro(data, a8) macro(data, a9) macro(data, a10) macro(data, a11)            \
          macro(data, a12) macro(data, a13) macro(data, a14) macro(data, a15) macro(data, a16)     \
              macro(data, a17) macro(data, a18) macro(data, a19) macro(data, a20) macro(data, a21) \
                  macro(data, a22) macro(data, a23) macro(data, a24)
#define QUARRY_PP_FOR_EACH_25(macro, data, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, \
                              a14, a15, a16, a17, a18, a19, a20, a21, a22, a23, a24, a25)          \
  macro(data, a1) macro(data, a2) macro(data, a3) macro(data, a4) macro(data, a5) macro(data, a6)  \
      macro(data, a7) macro(data, a8) macro(data, a9) macro(data, a10) macro(data, a11)            \
          macro(data, a12) macro(data, a13) macro(data, a14) macro(data, a15) macro(data, a16)     \
              macro(data, a17) macro(data, a18) macro(data, a19) macro(data, a20) macro(data, a21) \
                  macro(data, a22) macro(data, a23) macro(data, a24) macro(data, a25)
#define QUARRY_PP_FOR_EACH_26(macro, data, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, \
                              a14, a15, a16, a17, a18, a19, a20, a21, a22, a23, a24, a25, a26)     \
  macro(data, a1) macro(data, a2) macro(data, a3) macro(data, a4) macro(data, a5) macro(data, a6)  \
      macro(data, a7) macro(data, a8) macro(data, a9) macro(data, a10) macro(data, a11)            \
          macro(data, a12) macro(data, a13) macro(data, a14) macro(data, a15) macro(data, a16)     \
              macro(data, a17) macro(data, a18) macro(data, a19) macro(data, a20) macro(data, a21) \
                  macro(data, a22) macro(data, a23) macro(data, a24) macro(data, a25)              \
                      macro(data, a26)
#define QUARRY_PP_FOR_EACH_27(macro, data, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, \
                              a14, a15, a16, a17, a18, a19, a20, a21, a22, a23, a24, a25, a26,     \
                              a27)                                                                 \
  macro(data, a1) macro(data, a2) macro(data, a3) macro(data, a4) macro(data, a5) macro(data, a6)  \
      macro(data, a7) macro(data, a8) macro(data, a9) macro(data, a10) macro(data, a11)            \
          macro(data, a12) macro(data, a13) macro(data, a14) macro(data, a15) macro(data, a16)     \
              macro(data, a17) macro(data, a18) macro(data, a19) macro(data, a20) macro(data, a21) \
                  macro(data, a22) macro(data, a23) macro(data, a24) macro(data, a25)              \
                      macro(data, a26) macro(data, a27)
#define QUARRY_PP_FOR_EACH_28(macro, data, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, \
                              a14, a15, a16, a17, a18, a19, a20, a21, a22, a23, a24, a25, a26,     \
                              a27, a28)                                                            \
  macro(data, a1) macro(data, a2) macro(data, a3) macro(data, a4) macro(data, a5) macro(data, a6)  \
      macro(data, a7) macro(data, a8) macro(data, a9) macro(data, a10) macro(data, a11)            \
          macro(data, a12) macro(data, a13) macro(data, a14) macro(data, a15) macro(data, a16)     \
              macro(data, a17) macro(data, a18) macro(data, a19) macro(data, a20) macro(data, a21) \
                  macro(data, a22) macro(data, a23) macro(data, a24) macro(data, a25)              \
                      macro(data, a26) macro(data, a27) macro(data, a28)
#define QUARRY_PP_FOR_EACH_29(macro, data, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, \
                              a14, a15, a16, a17, a18, a19, a20, a21, a22, a23, a24, a25, a26,     \
                              a27, a28, a29)                                                       \
  macro(data, a1) macro(data, a2) macro(data, a3) macro(data, a4) macro(data, a5) macro(data, a6)  \
      macro(data, a7) macro(data, a8) macro(data, a9) macro(data, a10) macro(data, a11)            \
          macro(data, a12) macro(data, a13) macro(data, a14) macro(data, a15) macro(data, a16)     \
              macro(data, a17) macro(data, a18) macro(data, a19) macro(data, a20) macro(data, a21) \
                  macro(data, a22) macro(data, a23) macro(data, a24) macro(data, a25)              \
                      macro(data, a26) macro(data, a27) macro(data, a28) macro(data, a29)
#define QUARRY_PP_FOR_EACH_30(macro, data, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, \
                              a14, a15, a16, a17, a18, a19, a20, a21, a22, a23, a24, a25, a26,     \
                              a27, a28, a29, a30)                                                  \
  macro(data, a1) macro(data, a2) macro(data, a3) macro(data, a4) macro(data, a5) macro(data, a6)  \
      macro(data, a7) macro(data, a8) macro(data, a9) macro(data, a10) macro(data, a11)            \
          macro(data, a12) macro(data, a13) macro(data, a14) macro(data, a15) macro(data, a16)     \
              macro(data, a17) macro(data, a18) macro(data, a19) macro(data, a20) macro(data, a21) \
                  macro(data, a22) macro(data, a23) macro(data, a24) macro(data, a25)              \
                      macro(data, a26) macro(data, a27) macro(data, a28) macro(data, a29)          \
                          macro(data, a30)
#define QUARRY_PP_FOR_EACH_31(macro, data, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, \
                              a14, a15, a16, a17, a18, a19, a20, a21, a22, a23, a24, a25, a26,     \
                              a27, a28, a29, a30, a31)                                             \
  macro(data, a1) macro(data, a2) macro(data, a3) macro(data, a4) macro(data, a5) macro(data, a6)  \
      macro(data, a7) macro(data, a8) macro(data, a9) macro(data, a10) macro(data, a11)            \
          macro(data, a12) macro(data, a13) macro(data, a14) macro(data, a15) macro(data, a16)     \
              macro(data, a17) macro(data, a18) macro(data, a19) macro(data, a20) macro(data, a21) \
                  macro(data, a22) macro(data, a23) macro(data, a24) macro(data, a25)              \
                      macro(data, a26) macro(data, a27) macro(data, a28) macro(data, a29)          \
                          macro(data, a30) macro(data, a31)
#define QUARRY_PP_FOR_EACH_32(macro, data, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, \
                              a14, a15, a16, a17, a18, a19, a20, a21, a22, a23, a24, a25, a26,     \
                              a27, a28, a29, a30, a31, a32)                                        \
  macro(data, a1) macro(data, a2) macro(data, a3) macro(data, a4) macro(data, a5) macro(data, a6)  \
      macro(data, a7) macro(data, a8) macro(data, a9) macro(data, a10) macro(data, a11)            \
          macro(data, a12) macro(data, a13) macro(data, a14) macro(data, a15) macro(data, a16)     \
              macro(data, a17) macro(data, a18) macro(data, a19) macro(data, a20) macro(data, a21) \
                  macro(data, a22) macro(data, a23) macro(data, a24) macro(data, a25)              \
                      macro(data, a26) macro(data, a27) macro(data, a28) macro(data, a29)          \
                          macro(data, a30) macro(data, a31) macro(data, a32)
#define QUARRY_PP_FOR_EACH_33(macro, data, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, \
                              a14, a15, a16, a17, a18, a19, a20, a21, a22, a23, a24, a25, a26,     \
                              a27, a28, a29, a30, a31, a32, a33)                                   \
  macro(data, a1) macro(data, a2) macro(data, a3) macro(data, a4) macro(data, a5) macro(data, a6)  \
      macro(data, a7) macro(data, a8) macro(data, a9) macro(data, a10) macro(data, a11)            \
          macro(data, a12) macro(data, a13) macro(data, a14) macro(data, a15) macro(data, a16)     \
              macro(data, a17) macro(data, a18) macro(data, a19) macro(data, a20) macro(data, a21) \
                  macro(data, a22) macro(data, a23) macro(data, a24) macro(data, a25)              \
                      macro(data, a26) macro(data, a27) macro(data, a28) macro(data, a29)          \
                          macro(data, a30) macro(data, a31) macro(data, a32) macro(data, a33)
#define QUARRY_PP_FOR_EACH_34(macro, data, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, \
                              a14, a15, a16, a17, a18, a19, a20, a21, a22, a23, a24, a25, a26,     \
                              a27, a28, a29, a30, a31, a32, a33, a34)                              \
  macro(data, a1) macro(data, a2) macro(data, a3) macro(data, a4) macro(data, a5) macro(data, a6)  \
      macro(data, a7) macro(data, a8) macro(data, a9) macro(data, a10) macro(data, a11)            \
          macro(data, a12) macro(data, a13) macro(data, a14) macro(data, a15) macro(data, a16)     \
              macro(data, a17) macro(data, a18) macro(data, a19) macro(data, a20) macro(data, a21) \
                  macro(data, a22) macro(data, a23) macro(data, a24) macro(data, a25)              \
                      macro(data, a26) macro(data, a27) macro(data, a28) macro(data, a29)          \
                          macro(data, a30) macro(data, a31) macro(data, a32) macro(data, a33)      \
                              macro(data, a34)
#define QUARRY_PP_FOR_EACH_35(macro, data, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, \
                              a14, a15, a16, a17, a18, a19, a20, a21, a22, a23, a24, a25, a26,     \
                              a27, a28, a29, a30, a31, a32, a33, a34, a35)                         \
  macro(data, a1) macro(data, a2) macro(data, a3) macro(data, a4) macro(data, a5) macro(data, a6)  \
      macro(data, a7) macro(data, a8) macro(data, a9) macro(data, a10) macro(data, a11)            \
          macro(data, a12) macro(data, a13) macro(data, a14) macro(data, a15) macro(data, a16)     \
              macro(data, a17) macro(data, a18) macro(data, a19) macro(data, a20) macro(data, a21) \
                  macro(data, a22) macro(data, a23) macro(data, a24) macro(data, a25)              \
                      macro(data, a26) macro(data, a27) macro(data, a28) macro(data, a29)          \
                          macro(data, a30) macro(data, a31) macro(data, a32) macro(data, a33)      \
                              macro(data, a34) macro(data, a35)
#define QUARRY_PP_FOR_EACH_36(macro, data, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, \
                              a14, a15, a16, a17, a18, a19, a20, a21, a22, a23, a24, a25, a26,     \
                              a27, a28, a29, a30, a31, a32, a33, a34, a35, a36)                    \
  macro(data, a1) macro(data, a2) macro(data, a3) macro(data, a4) macro(data, a5) macro(data, a6)  \
      macro(data, a7) macro(data, a8) macro(data, a9) macro(data, a10) macro(data, a11)            \
          macro(data, a12) macro(data, a13) macro(data, a14) macro(data, a15) macro(data, a16)     \
              macro(data, a17) macro(data, a18) macro(data, a19) macro(data, a20) macro(data, a21) \
                  macro(data, a22) macro(data, a23) macro(data, a24) macro(data, a25)              \
                      macro(data, a26) macro(data, a27) macro(data, a28) macro(data, a29)          \
                          macro(data, a30) macro(data, a31) macro(data, a32) macro(data, a33)      \
                              macro(data, a34) macro(data, a35) macro(data, a36)
#define QUARRY_PP_FOR_EACH_37(macro, data, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, \
                              a14, a15, a16, a17, a18, a19, a20, a21, a22, a23, a24, a25, a26,     \
                              a27, a28, a29, a30, a31, a32, a33, a34, a35, a36, a37)               \
  macro(data, a1) macro(data, a2) macro(data, a3) macro(data, a4) macro(data, a5) macro(data, a6)  \
      macro(data, a7) macro(data, a8) macro(data, a9) macro(data, a10) macro(data, a11)            \
          macro(data, a12) macro(data, a13) macro(data, a14) macro(data, a15) macro(data, a16)     \
              macro(data, a17) macro(data, a18) macro(data, a19) macro(data, a20) macro(data, a21) \
                  macro(data, a22) macro(data, a23) macro(data, a24) macro(data, a25)              \
                      macro(data, a26) macro(data, a27) macro(data, a28) macro(data, a29)          \
                          macro(data, a30) macro(data, a31) macro(data, a32) macro(data, a33)      \
                              macro(data, a34) macro(data, a35) macro(data, a36) macro(data, a37)
#define QUARRY_PP_FOR_EACH_38(macro, data, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, \
                              a14, a15, a16, a17, a18, a19, a20, a21, a22, a23, a24, a25, a26,     \
                              a27, a28, a29, a30, a31, a32, a33, a34, a35, a36, a37, a38)          \
  macro(data, a1) macro(data, a2) macro(data, a3) macro(data, a4) macro(data, a5) macro(data, a6)  \
      macro(data, a7) macro(data, a8) macro(data, a9) macro(data, a10) macro(data, a11)            \
          macro(data, a12) macro(data, a13) macro(data, a14) macro(data, a15) macro(data, a16)     \
              macro(data, a17) macro(data, a18) macro(data, a19) macro(data, a20) macro(data, a21) \
                  macro(data, a22) macro(data, a23) macro(data, a24) macro(data, a25)              \
                      macro(data, a26) macro(data, a27) macro(data, a28) macro(data, a29)          \
                          macro(data, a30) macro(data, a31) macro(data, a32) macro(data, a33)      \
                              macro(data, a34) macro(data, a35) macro(data, a36) macro(data, a37)  \
                                  macro(data, a38)
#define QUARRY_PP_FOR_EACH_39(macro, data, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, \
                              a14, a15, a16, a17, a18, a19, a20, a21, a22, a23, a24, a25, a26,     \
                              a27, a28, a29, a30, a31, a32, a33, a34, a35, a36, a37, a38, a39)     \
  macro(data, a1) macro(data, a2) macro(data, a3) macro(data, a4) macro(data, a5) macro(data, a6)  \
      macro(data, a7) macro(data, a8) macro(data, a9) macro(data, a10) macro(data, a11)            \
          macro(data, a12) macro(data, a13) macro(data, a14) macro(data, a15) macro(data, a16)     \
              macro(data, a17) macro(data, a18) macro(data, a19) macro(data, a20) macro(data, a21) \
                  macro(data, a22) macro(data, a23) macro(data, a24) macro(data, a25)              \
                      macro(data, a26) macro(data, a27) macro(data, a28) macro(data, a29)          \
                          macro(data, a30) macro(data, a31) macro(data, a32) macro(data, a33)      \
                              macro(data, a34) macro(data, a35) macro(data, a36) macro(data, a37)  \
                                  macro(data, a38) macro(data, a39)
#define QUARRY_PP_FOR_EACH_40(macro, data, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, \
                              a14, a15, a16, a17, a18, a19, a20, a21, a22, a23, a24, a25, a26,     \
                              a27, a28, a29, a30, a31, a32, a33, a34, a35, a36, a37, a38, a39,     \
                              a40)                                                                 \
  macro(data, a1) macro(data, a2) macro(data, a3) macro(data, a4) macro(data, a5) macro(data, a6)  \
      macro(data, a7) macro(data, a8) macro(data, a9) macro(data, a10) macro(data, a11)            \
          macro(data, a12) macro(data, a13) macro(data, a14) macro(data, a15) macro(data, a16)     \
              macro(data, a17) macro(data, a18) macro(data, a19) macro(data, a20) macro(data, a21) \
                  macro(data, a22) macro(data, a23) macro(data, a24) macro(data, a25)              \
                      macro(data, a26) macro(data, a27) macro(data, a28) macro(data, a29)          \
                          macro(data, a30) macro(data, a31) macro(data, a32) macro(data, a33)      \
                              macro(data, a34) macro(data, a35) macro(data, a36) macro(data, a37)  \
                                  macro(data, a38) macro(data, a39) macro(data, a40)
#define QUARRY_PP_FOR_EACH_41(macro, data, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, \
                              a14, a15, a16, a17, a18, a19, a20, a21, a22, a23, a24, a25, a26,     \
                              a27, a28, a29, a30, a31, a32, a33, a34, a35, a36, a37, a38, a39,     \
                              a40, a41)                                                            \
  macro(data, a1) macro(data, a2) macro(data, a3) macro(data, a4) macro(data, a5) macro(data, a6)  \
      macro(data, a7) macro(data, a8) macro(data, a9) macro(data, a10) macro(data, a11)            \
          macro(data, a12) macro(data, a13) macro(data, a14) macro(data, a15) macro(data, a16)     \
              macro(data, a17) macro(data, a18) macro(data, a19) macro(data, a20) macro(data, a21) \
                  macro(data, a22) macro(data, a23) macro(data, a24) macro(data, a25)              \
                      macro(data, a26) macro(data, a27) macro(data, a28) macro(data, a29)          \
                          macro(data, a30) macro(data, a31) macro(data, a32) macro(data, a33)      \
                              macro(data, a34) macro(data, a35) macro(data, a36) macro(data, a37)  \
                                  macro(data, a38) macro(data, a39) macro(data, a40)               \
                                      macro(data, a41)
#define QUARRY_PP_FOR_EACH_42(macro, data, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, \
                              a14, a15, a16, a17, a18, a19, a20, a21, a22, a23, a24, a25, a26,     \
                              a27, a28, a29, a30, a31, a32, a33, a34, a35, a36, a37, a38, a39,     \
                              a40, a41, a42)                                                       \
  macro(data, a1) macro(data, a2) macro(data, a3) macro(data, a4) macro(data, a5) macro(data, a6)  \
      macro(data, a7) macro(data, a8) macro(data, a9) macro(data, a10) macro(data, a11)            \
          macro(data, a12) macro(data, a13) macro(data, a14) macro(data, a15) macro(data, a16)     \
              macro(data, a17) macro(data, a18) macro(data, a19) macro(data, a20) macro(data, a21) \
                  macro(data, a22) macro(data, a23) macro(data, a24) macro(data, a25)              \
                      macro(data, a26) macro(data, a27) macro(data, a28) macro(data, a29)          \
                          macro(data, a30) macro(data, a31) macro(data, a32) macro(data, a33)      \
                              macro(data, a34) macro(data, a35) macro(data, a36) macro(data, a37)  \
                                  macro(data, a38) macro(data, a39) macro(data, a40)               \
                                      macro(data, a41) macro(data, a42)
#define QUARRY_PP_FOR_EACH_43(macro, data, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, \
                              a14, a15, a16, a17, a18, a19, a20, a21, a22, a23, a24, a25, a26,     \
                              a27, a28, a29, a30, a31, a32, a33, a34, a35, a36, a37, a38, a39,     \
                              a40, a41, a42, a43)                                                  \
  macro(data, a1) macro(data, a2) macro(data, a3) macro(data, a4) macro(data, a5) macro(data, a6)  \
      macro(data, a7) macro(data, a8) macro(data, a9) macro(data, a10) macro(data, a11)            \
          macro(data, a12) macro(data, a13) macro(data, a14) macro(data, a15) macro(data, a16)     \
              macro(data, a17) macro(data, a18) macro(data, a19) macro(data, a20) macro(data, a21) \
                  macro(data, a22) macro(data, a23) macro(data, a24) macro(data, a25)              \
                      macro(data, a26) macro(data, a27) macro(data, a28) macro(data, a29)          \
                          macro(data, a30) macro(data, a31) macro(data, a32) macro(data, a33)      \
                              macro(data, a34) macro(data, a35) macro(data, a36) macro(data, a37)  \
                                  macro(data, a38) macro(data, a39) macro(data, a40)               \
                                      macro(data, a41) macro(data, a42) macro(data, a43)
#define QUARRY_PP_FOR_EACH_44(macro, data, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, \
                              a14, a15, a16, a17, a18, a19, a20, a21, a22, a23, a24, a25, a26,     \
                              a27, a28, a29, a30, a31, a32, a33, a34, a35, a36, a37, a38, a39,     \
                              a40, a41, a42, a43, a44)                                             \
  macro(data, a1) macro(data, a2) macro(data, a3) macro(data, a4) macro(data, a5) macro(data, a6)  \
      macro(data, a7) macro(data, a8) macro(data, a9) macro(data, a10) macro(data, a11)            \
          macro(data, a12) macro(data, a13) macro(data, a14) macro(data, a15) macro(data, a16)     \
              macro(data, a17) macro(data, a18) macro(data, a19) macro(data, a20) macro(data, a21) \
                  macro(data, a22) macro(data, a23) macro(data, a24) macro(data, a25)              \
                      macro(data, a26) macro(data, a27) macro(data, a28) macro(data, a29)          \
                          macro(data, a30) macro(data, a31) macro(data, a32) macro(data, a33)      \
                              macro(data, a34) macro(data, a35) macro(data, a36) macro(data, a37)  \
                                  macro(data, a38) macro(data, a39) macro(data, a40)               \
                                      macro(data, a41) macro(data, a42) macro(data, a43)           \
                                          macro(data, a44)
#define QUARRY_PP_FOR_EACH_45(macro, data, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, \
                              a14, a15, a16, a17, a18, a19, a20, a21, a22, a23, a24, a25, a26,     \
                              a27, a28, a29, a30, a31, a32, a33, a34, a35, a36, a37, a38, a39,     \
                              a40, a41, a42, a43, a44, a45)                                        \
  macro(data, a1) macro(data, a2) macro(data, a3) macro(data, a4) macro(data, a5) macro(data, a6)  \
      macro(data, a7) macro(data, a8) macro(data, a9) macro(data, a10) macro(data, a11)            \
          macro(data, a12) macro(data, a13) macro(data, a14) macro(data, a15) macro(data, a16)     \
              macro(data, a17) macro(data, a18) macro(data, a19) macro(data, a20) macro(data, a21) \
                  macro(data, a22) macro(data, a23) macro(data, a24) macro(data, a25)              \
                      macro(data, a26) macro(data, a27) macro(data, a28) macro(data, a29)          \
                          macro(data, a30) macro(data, a31) macro(data, a32) macro(data, a33)      \
                              macro(data, a34) macro(data, a35) macro(data, a36) macro(data, a37)  \
                                  macro(data, a38) macro(data, a39) macro(data, a40)               \
                                      macro(data, a41) macro(data, a42) macro(data, a43)           \
                                          macro(data, a44) macro(data, a45)
#define QUARRY_PP_FOR_EACH_46(macro, data, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, \
                              a14, a15, a16, a17, a18, a19, a20, a21, a22, a23, a24, a25, a26,     \
                              a27, a28, a29, a30, a31, a32, a33, a34, a35, a36, a37, a38, a39,     \
                              a40, a41, a42, a43, a44, a45, a46)                                   \
  macro(data, a1) macro(data, a2) macro(data, a3) macro(data, a4) macro(data, a5) macro(data, a6)  \
      macro(data, a7) macro(data, a8) macro(data, a9) macro(data, a10) macro(data, a11)            \
          macro(data, a12) macro(data, a13) macro(data, a14) macro(data, a15) macro(data, a16)     \
              macro(data, a17) macro(data, a18) macro(data, a19) macro(data, a20) macro(data, a21) \
                  macro(data, a22) macro(data, a23) macro(data, a24) macro(data, a25)              \
                      macro(data, a26) macro(data, a27) macro(data, a28) macro(data, a29)          \
                          macro(data, a30) macro(data, a31) macro(data, a32) macro(data, a33)      \
                              macro(data, a34) macro(data, a35) macro(data, a36) macro(data, a37)  \
                                  macro(data, a38) macro(data, a39) macro(data, a40)               \
                                      macro(data, a41) macro(data, a42) macro(data, a43)           \
                                          macro(data, a44) macro(data, a45) macro(data, a46)
#define QUARRY_PP_FOR_EACH_47(macro, data, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, \
                              a14, a15, a16, a17, a18, a19, a20, a21, a22, a23, a24, a25, a26,     \
                              a27, a28, a29, a30, a31, a32, a33, a34, a35, a36, a37, a38, a39,     \
                              a40, a41, a42, a43, a44, a45, a46, a47)                              \
  macro(data, a1) macro(data, a2) macro(data, a3) macro(data, a4) macro(data, a5) macro(data, a6)  \
      macro(data, a7) macro(data, a8) macro(data, a9) macro(data, a10) macro(data, a11)            \
          macro(data, a12) macro(data, a13) macro(data, a14) macro(data, a15) macro(data, a16)     \
              macro(data, a17) macro(data, a18) macro(data, a19) macro(data, a20) macro(data, a21) \
                  macro(data, a22) macro(data, a23) macro(data, a24) macro(data, a25)              \
                      macro(data, a26) macro(data, a27) macro(data, a28) macro(data, a29)          \
                          macro(data, a30) macro(data, a31) macro(data, a32) macro(data, a33)      \
                              macro(data, a34) macro(data, a35) macro(data, a36) macro(data, a37)  \
                                  macro(data, a38) macro(data, a39) macro(data, a40)               \
                                      macro(data, a41) macro(data, a42) macro(data, a43)           \
                                          macro(data, a44) macro(data, a45) macro(data, a46)       \
                                              macro(data, a47)
#define QUARRY_PP_FOR_EACH_48(macro, data, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, \
                              a14, a15, a16, a17, a18, a19, a20, a21, a22, a23, a24, a25, a26,     \
                              a27, a28, a29, a30, a31, a32, a33, a34, a35, a36, a37, a38, a39,     \
                              a40, a41, a42, a43, a44, a45, a46, a47, a48)                         \
  macro(data, a1) macro(data, a2) macro(data, a3) macro(data, a4) macro(data, a5) macro(data, a6)  \
      macro(data, a7) macro(data, a8) macro(data, a9) macro(data, a10) macro(data, a11)            \
          macro(data, a12) macro(data, a13) macro(data, a14) macro(data, a15) macro(data, a16)     \
              macro(data, a17) macro(data, a18) macro(data, a19) macro(data, a20) macro(data, a21) \
                  macro(data, a22) macro(data, a23) macro(data, a24) macro(data, a25)              \
                      macro(data, a26) macro(data, a27) macro(data, a28) macro(data, a29)          \
                          macro(data, a30) macro(data, a31) macro(data, a32) macro(data, a33)      \
                              macro(data, a34) macro(data, a35) macro(data, a36) macro(data, a37)  \
                                  macro(data, a38) macro(data, a39) macro(data, a40)               \
                                      macro(data, a41) macro(data, a42) macro(data, a43)           \
                                          macro(data, a44) macro(data, a45) macro(data, a46)       \
                                              macro(data, a47) macro(data, a48)
#define QUARRY_PP_FOR_EACH_49(macro, data, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, \
                              a14, a15, a16, a17, a18, a19, a20, a21, a22, a23, a24, a25, a26,     \
                              a27, a28, a29, a30, a31, a32, a33, a34, a35, a36, a37, a38, a39,     \
                              a40, a41, a42, a43, a44, a45, a46, a47, a48, a49)                    \
  macro(data, a1) macro(data, a2) macro(data, a3) macro(data, a4) macro(data, a5) macro(data, a6)  \
      macro(data, a7) macro(data, a8) macro(data, a9) macro(data, a10) macro(data, a11)            \
          macro(data, a12) macro(data, a13) macro(data, a14) macro(data, a15) macro(data, a16)     \
              macro(data, a17) macro(data, a18) macro(data, a19) macro(data, a20) macro(data, a21) \
                  macro(data, a22) macro(data, a23) macro(data, a24) macro(data, a25)              \
                      macro(data, a26) macro(data, a27) macro(data, a28) macro(data, a29)          \
                          macro(data, a30) macro(data, a31) macro(data, a32) macro(data, a33)      \
                              macro(data, a34) macro(data, a35) macro(data, a36) macro(data, a37)  \
                                  macro(data, a38) macro(data, a39) macro(data, a40)               \
                                      macro(data, a41) macro(data, a42) macro(data, a43)           \
                                          macro(data, a44) macro(data, a45) macro(data, a46)       \
                                              macro(data, a47) macro(data, a48) macro(data, a49)
#define QUARRY_PP_FOR_EACH_50(macro, data, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, \
                              a14, a15, a16, a17, a18, a19, a20, a21, a22, a23, a24, a25, a26,     \
                              a27, a28, a29, a30, a31, a32, a33, a34, a35, a36, a37, a38, a39,     \
                              a40, a41, a42, a43, a44, a45, a46, a47, a48, a49, a50)               \
  macro(data, a1) macro(data, a2) macro(data, a3) macro(data, a4) macro(data, a5) macro(data, a6)  \
      macro(data, a7) macro(data, a8) macro(data, a9) macro(data, a10) macro(data, a11)            \
          macro(data, a12) macro(data, a13) macro(data, a14) macro(data, a15) macro(data, a16)     \
              macro(data, a17) macro(data, a18) macro(data, a19) macro(data, a20) macro(data, a21) \
                  macro(data, a22) macro(data, a23) macro(data, a24) macro(data, a25)              \
                      macro(data, a26) macro(data, a27) macro(data, a28) macro(data, a29)          \
                          macro(data, a30) macro(data, a31) macro(data, a32) macro(data, a33)      \
                              macro(data, a34) macro(data, a35) macro(data, a36) macro(data, a37)  \
                                  macro(data, a38) macro(data, a39) macro(data, a40)               \
                                      macro(data, a41) macro(data, a42) macro(data, a43)           \
                                          macro(data, a44) macro(data, a45) macro(data, a46)       \
                                              macro(data, a47) macro(data, a48) macro(data, a49)   \
                                                  macro(data, a50)
#define QUARRY_PP_FOR_EACH_51(macro, data, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, \
                              a14, a15, a16, a17, a18, a19, a20, a21, a22, a23, a24, a25, a26,     \
                              a27, a28, a29, a30, a31, a32, a33, a34, a35, a36, a37, a38, a39,     \
                              a40, a41, a42, a43, a44, a45, a46, a47, a48, a49, a50, a51)          \
  macro(data, a1) macro(data, a2) macro(data, a3) macro(data, a4) macro(data, a5) macro(data, a6)  \
      macro(data, a7) macro(data, a8) macro(data, a9) macro(data, a10) macro(data, a11)            \
          macro(data, a12) macro(data, a13) macro(data, a14) macro(data, a15) macro(data, a16)     \
              macro(data, a17) macro(data, a18) macro(data, a19) macro(data, a20) macro(data, a21) \
                  macro(data, a22) macro(data, a23) macro(data, a24) macro(data, a25)              \
                      macro(data, a26) macro(data, a27) macro(data, a28) macro(data, a29)          \
                          macro(data, a30) macro(data, a31) macro(data, a32) macro(data, a33)      \
                              macro(data, a34) macro(data, a35) macro(data, a36) macro(data, a37)  \
                                  macro(data, a38) macro(data, a39) macro(data, a40)               \
                                      macro(data, a41) macro(data, a42) macro(data, a43)           \
                                          macro(data, a44) macro(data, a45) macro(data, a46)       \
                                              macro(data, a47) macro(data, a48) macro(data, a49)   \
                                                  macro(data, a50) macro(data, a51)
#define QUARRY_PP_FOR_EACH_52(macro, data, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, \
                              a14, a15, a16, a17, a18, a19, a20, a21, a22, a23, a24, a25, a26,     \
                              a27, a28, a29, a30, a31, a32, a33, a34, a35, a36, a37, a38, a39,     \
                              a40, a41, a42, a43, a44, a45, a46, a47, a48, a49, a50, a51, a52)     \
  macro(data, a1) macro(data, a2) macro(data, a3) macro(data, a4) macro(data, a5) macro(data, a6)  \
      macro(data, a7) macro(data, a8) macro(data, a9) macro(data, a10) macro(data, a11)            \
          macro(data, a12) macro(data, a13) macro(data, a14) macro(data, a15) macro(data, a16)     \
              macro(data, a17) macro(data, a18) macro(data, a19) macro(data, a20) macro(data, a21) \
                  macro(data, a22) macro(data, a23) macro(data, a24) macro(data, a25)              \
                      macro(data, a26) macro(data, a27) macro(data, a28) macro(data, a29)          \
                          macro(data, a30) macro(data, a31) macro(data, a32) macro(data, a33)      \
                              macro(data, a34) macro(data, a35) macro(data, a36) macro(data, a37)  \
                                  macro(data, a38) macro(data, a39) macro(data, a40)               \
                                      macro(data, a41) macro(data, a42) macro(data, a43)           \
                                          macro(data, a44) macro(data, a45) macro(data, a46)       \
                                              macro(data, a47) macro(data, a48) macro(data, a49)   \
                                                  macro(data, a50) macro(data, a51)                \
                                                      macro(data, a52)
#define QUARRY_PP_FOR_EACH_53(                                                                     \
    macro, data, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, a15, a16, a17, a18,  \
    a19, a20, a21, a22, a23, a24, a25, a26, a27, a28, a29, a30, a31, a32, a33, a34, a35, a36, a37, \
    a38, a39, a40, a41, a42, a43, a44, a45, a46, a47, a48, a49, a50, a51, a52, a53)                \
  macro(data, a1) macro(data, a2) macro(data, a3) macro(data, a4) macro(data, a5) macro(data, a6)  \
      macro(data, a7) macro(data, a8) macro(data, a9) macro(data, a10) macro(data, a11)            \
          macro(data, a12) macro(data, a13) macro(data, a14) macro(data, a15) macro(data, a16)     \
              macro(data, a17) macro(data, a18) macro(data, a19) macro(data, a20) macro(data, a21) \
                  macro(data, a22) macro(data, a23) macro(data, a24) macro(data, a25)              \
                      macro(data, a26) macro(data, a27) macro(data, a28) macro(data, a29)          \
                          macro(data, a30) macro(data, a31) macro(data, a32) macro(data, a33)      \
                              macro(data, a34) macro(data, a35) macro(data, a36) macro(data, a37)  \
                                  macro(data, a38) macro(data, a39) macro(data, a40)               \
                                      macro(data, a41) macro(data, a42) macro(data, a43)           \
                                          macro(data, a44) macro(data, a45) macro(data, a46)       \
                                              macro(data, a47) macro(data, a48) macro(data, a49)   \
                                                  macro(data, a50) macro(data, a51)                \
                                                      macro(data, a52) macro(data, a53)
#define QUARRY_PP_FOR_EACH_54(                                                                     \
    macro, data, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, a15, a16, a17, a18,  \
    a19, a20, a21, a22, a23, a24, a25, a26, a27, a28, a29, a30, a31, a32, a33, a34, a35, a36, a37, \
    a38, a39, a40, a41, a42, a43, a44, a45, a46, a47, a48, a49, a50, a51, a52, a53, a54)           \
  macro(data, a1) macro(data, a2) macro(data, a3) macro(data, a4) macro(data, a5) macro(data, a6)  \
      macro(data, a7) macro(data, a8) macro(data, a9) macro(data, a10) macro(data, a11) macro(     \
          data, a12) macro(data, a13) macro(data, a14) macro(data, a15) macro(data, a16)           \
          macro(data, a17) macro(data, a18) macro(data, a19) macro(data, a20) macro(data, a21)     \
              macro(data, a22) macro(data, a23) macro(data, a24) macro(data, a25) macro(data, a26) \
                  macro(data, a27) macro(data, a28) macro(data, a29) macro(data, a30)              \
                      macro(data, a31) macro(data, a32) macro(data, a33) macro(data, a34)          \
                          macro(data, a35) macro(data, a36) macro(data, a37) macro(data, a38)      \
                              macro(data, a39) macro(data, a40) macro(data, a41) macro(data, a42)  \
                                  macro(data, a43) macro(data, a44) macro(data, a45)               \
                                      macro(data, a46) macro(data, a47) macro(data, a48)           \
                                          macro(data, a49) macro(data, a50) macro(data, a51)       \
                                              macro(data, a52) macro(data, a53) macro(data, a54)
#define QUARRY_PP_FOR_EACH_55(                                                                     \
    macro, data, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, a15, a16, a17, a18,  \
    a19, a20, a21, a22, a23, a24, a25, a26, a27, a28, a29, a30, a31, a32, a33, a34, a35, a36, a37, \
    a38, a39, a40, a41, a42, a43, a44, a45, a46, a47, a48, a49, a50, a51, a52, a53, a54, a55)      \
  macro(data, a1) macro(data, a2) macro(data, a3) macro(data, a4) macro(data, a5) macro(data, a6)  \
      macro(data, a7) macro(data, a8) macro(data, a9) macro(data, a10) macro(data, a11)            \
          macro(data, a12) macro(data, a13) macro(data, a14) macro(data, a15) macro(data, a16)     \
              macro(data, a17) macro(data, a18) macro(data, a19) macro(data, a20) macro(data, a21) \
                  macro(data, a22) macro(data, a23) macro(data, a24) macro(data, a25)              \
                      macro(data, a26) macro(data, a27) macro(data, a28) macro(data, a29)          \
                          macro(data, a30) macro(data, a31) macro(data, a32) macro(data, a33)      \
                              macro(data, a34) macro(data, a35) macro(data, a36) macro(data, a37)  \
                                  macro(data, a38) macro(data, a39) macro(data, a40)               \
                                      macro(data, a41) macro(data, a42) macro(data, a43)           \
                                          macro(data, a44) macro(data, a45) macro(data, a46)       \
                                              macro(data, a47) macro(data, a48) macro(data, a49)   \
                                                  macro(data, a50) macro(data, a51)                \
                                                      macro(data, a52) macro(data, a53)            \
                                                          macro(data, a54) macro(data, a55)
#define QUARRY_PP_FOR_EACH_56(                                                                     \
    macro, data, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, a15, a16, a17, a18,  \
    a19, a20, a21, a22, a23, a24, a25, a26, a27, a28, a29, a30, a31, a32, a33, a34, a35, a36, a37, \
    a38, a39, a40, a41, a42, a43, a44, a45, a46, a47, a48, a49, a50, a51, a52, a53, a54, a55, a56) \
  macro(data, a1) macro(data, a2) macro(data, a3) macro(data, a4) macro(data, a5) macro(data, a6)  \
      macro(data, a7) macro(data, a8) macro(data, a9) macro(data, a10) macro(data, a11) macro(     \
          data, a12) macro(data, a13) macro(data, a14) macro(data, a15) macro(data, a16)           \
          macro(data, a17) macro(data, a18) macro(data, a19) macro(data, a20) macro(data, a21)     \
              macro(data, a22) macro(data, a23) macro(data, a24) macro(data, a25) macro(data, a26) \
                  macro(data, a27) macro(data, a28) macro(data, a29) macro(data, a30)              \
                      macro(data, a31) macro(data, a32) macro(data, a33) macro(data, a34)          \
                          macro(data, a35) macro(data, a36) macro(data, a37) macro(data, a38)      \
                              macro(data, a39) macro(data, a40) macro(data, a41) macro(data, a42)  \
                                  macro(data, a43) macro(data, a44) macro(data, a45)               \
                                      macro(data, a46) macro(data, a47) macro(data, a48)           \
                                          macro(data, a49) macro(data, a50) macro(data, a51)       \
                                              macro(data, a52) macro(data, a53) macro(data, a54)   \
                                                  macro(data, a55) macro(data, a56)
#define QUARRY_PP_FOR_EACH_57(macro, data, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, \
                              a14, a15, a16, a17, a18, a19, a20, a21, a22, a23, a24, a25, a26,     \
                              a27, a28, a29, a30, a31, a32, a33, a34, a35, a36, a37, a38, a39,     \
                              a40, a41, a42, a43, a44, a45, a46, a47, a48, a49, a50, a51, a52,     \
                              a53, a54, a55, a56, a57)                                             \
  macro(data, a1) macro(data, a2) macro(data, a3) macro(data, a4) macro(data, a5) macro(data, a6)  \
      macro(data, a7) macro(data, a8) macro(data, a9) macro(data, a10) macro(data, a11)            \
          macro(data, a12) macro(data, a13) macro(data, a14) macro(data, a15) macro(data, a16)     \
              macro(data, a17) macro(data, a18) macro(data, a19) macro(data, a20) macro(data, a21) \
                  macro(data, a22) macro(data, a23) macro(data, a24) macro(data, a25)              \
                      macro(data, a26) macro(data, a27) macro(data, a28) macro(data, a29)          \
                          macro(data, a30) macro(data, a31) macro(data, a32) macro(data, a33)      \
                              macro(data, a34) macro(data, a35) macro(data, a36) macro(data, a37)  \
                                  macro(data, a38) macro(data, a39) macro(data, a40)               \
                                      macro(data, a41) macro(data, a42) macro(data, a43)           \
                                          macro(data, a44) macro(data, a45) macro(data, a46)       \
                                              macro(data, a47) macro(data, a48) macro(data, a49)   \
                                                  macro(data, a50) macro(data, a51)                \
                                                      macro(data, a52) macro(data, a53)            \
                                                          macro(data, a54) macro(data, a55)        \
                                                              macro(data, a56) macro(data, a57)
#define QUARRY_PP_FOR_EACH_58(macro, data, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, \
                              a14, a15, a16, a17, a18, a19, a20, a21, a22, a23, a24, a25, a26,     \
                              a27, a28, a29, a30, a31, a32, a33, a34, a35, a36, a37, a38, a39,     \
                              a40, a41, a42, a43, a44, a45, a46, a47, a48, a49, a50, a51, a52,     \
                              a53, a54, a55, a56, a57, a58)                                        \
  macro(data, a1) macro(data, a2) macro(data, a3) macro(data, a4) macro(data, a5) macro(data, a6)  \
      macro(data, a7) macro(data, a8) macro(data, a9) macro(data, a10) macro(data, a11) macro(     \
          data, a12) macro(data, a13) macro(data, a14) macro(data, a15) macro(data, a16)           \
          macro(data, a17) macro(data, a18) macro(data, a19) macro(data, a20) macro(data, a21)     \
              macro(data, a22) macro(data, a23) macro(data, a24) macro(data, a25) macro(data, a26) \
                  macro(data, a27) macro(data, a28) macro(data, a29) macro(data, a30)              \
                      macro(data, a31) macro(data, a32) macro(data, a33) macro(data, a34)          \
                          macro(data, a35) macro(data, a36) macro(data, a37) macro(data, a38)      \
                              macro(data, a39) macro(data, a40) macro(data, a41) macro(data, a42)  \
                                  macro(data, a43) macro(data, a44) macro(data, a45)               \
                                      macro(data, a46) macro(data, a47) macro(data, a48)           \
                                          macro(data, a49) macro(data, a50) macro(data, a51)       \
                                              macro(data, a52) macro(data, a53) macro(data, a54)   \
                                                  macro(data, a55) macro(data, a56)                \
                                                      macro(data, a57) macro(data, a58)
#define QUARRY_PP_FOR_EACH_59(macro, data, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, \
                              a14, a15, a16, a17, a18, a19, a20, a21, a22, a23, a24, a25, a26,     \
                              a27, a28, a29, a30, a31, a32, a33, a34, a35, a36, a37, a38, a39,     \
                              a40, a41, a42, a43, a44, a45, a46, a47, a48, a49, a50, a51, a52,     \
                              a53, a54, a55, a56, a57, a58, a59)                                   \
  macro(data, a1) macro(data, a2) macro(data, a3) macro(data, a4) macro(data, a5) macro(           \
      data, a6) macro(data, a7) macro(data, a8) macro(data, a9) macro(data, a10) macro(data, a11)  \
      macro(data, a12) macro(data, a13) macro(data, a14) macro(data, a15) macro(data, a16) macro(  \
          data, a17) macro(data, a18) macro(data, a19) macro(data, a20) macro(data, a21)           \
          macro(data, a22) macro(data, a23) macro(data, a24) macro(data, a25) macro(data, a26)     \
              macro(data, a27) macro(data, a28) macro(data, a29) macro(data, a30) macro(data, a31) \
                  macro(data, a32) macro(data, a33) macro(data, a34) macro(data, a35)              \
                      macro(data, a36) macro(data, a37) macro(data, a38) macro(data, a39)          \
                          macro(data, a40) macro(data, a41) macro(data, a42) macro(data, a43)      \
                              macro(data, a44) macro(data, a45) macro(data, a46) macro(data, a47)  \
                                  macro(data, a48) macro(data, a49) macro(data, a50)               \
                                      macro(data, a51) macro(data, a52) macro(data, a53)           \
                                          macro(data, a54) macro(data, a55) macro(data, a56)       \
                                              macro(data, a57) macro(data, a58) macro(data, a59)
#define QUARRY_PP_FOR_EACH_60(macro, data, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, \
                              a14, a15, a16, a17, a18, a19, a20, a21, a22, a23, a24, a25, a26,     \
                              a27, a28, a29, a30, a31, a32, a33, a34, a35, a36, a37, a38, a39,     \
                              a40, a41, a42, a43, a44, a45, a46, a47, a48, a49, a50, a51, a52,     \
                              a53, a54, a55, a56, a57, a58, a59, a60)                              \
  macro(data, a1) macro(data, a2) macro(data, a3) macro(data, a4) macro(data, a5) macro(data, a6)  \
      macro(data, a7) macro(data, a8) macro(data, a9) macro(data, a10) macro(data, a11) macro(     \
          data, a12) macro(data, a13) macro(data, a14) macro(data, a15) macro(data, a16)           \
          macro(data, a17) macro(data, a18) macro(data, a19) macro(data, a20) macro(data, a21)     \
              macro(data, a22) macro(data, a23) macro(data, a24) macro(data, a25) macro(data, a26) \
                  macro(data, a27) macro(data, a28) macro(data, a29) macro(data, a30)              \
                      macro(data, a31) macro(data, a32) macro(data, a33) macro(data, a34)          \
                          macro(data, a35) macro(data, a36) macro(data, a37) macro(data, a38)      \
                              macro(data, a39) macro(data, a40) macro(data, a41) macro(data, a42)  \
                                  macro(data, a43) macro(data, a44) macro(data, a45)               \
                                      macro(data, a46) macro(data, a47) macro(data, a48)           \
                                          macro(data, a49) macro(data, a50) macro(data, a51)       \
                                              macro(data, a52) macro(data, a53) macro(data, a54)   \
                                                  macro(data, a55) macro(data, a56)                \
                                                      macro(data, a57) macro(data, a58)            \
                                                          macro(data, a59) macro(data, a60)
#define QUARRY_PP_FOR_EACH_61(macro, data, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, \
                              a14, a15, a16, a17, a18, a19, a20, a21, a22, a23, a24, a25, a26,     \
                              a27, a28, a29, a30, a31, a32, a33, a34, a35, a36, a37, a38, a39,     \
                              a40, a41, a42, a43, a44, a45, a46, a47, a48, a49, a50, a51, a52,     \
                              a53, a54, a55, a56, a57, a58, a59, a60, a61)                         \
  macro(data, a1) macro(data, a2) macro(data, a3) macro(data, a4) macro(data, a5) macro(           \
      data, a6) macro(data, a7) macro(data, a8) macro(data, a9) macro(data, a10) macro(data, a11)  \
      macro(data, a12) macro(data, a13) macro(data, a14) macro(data, a15) macro(data, a16) macro(  \
          data, a17) macro(data, a18) macro(data, a19) macro(data, a20) macro(data, a21)           \
          macro(data, a22) macro(data, a23) macro(data, a24) macro(data, a25) macro(data, a26)     \
              macro(data, a27) macro(data, a28) macro(data, a29) macro(data, a30) macro(data, a31) \
                  macro(data, a32) macro(data, a33) macro(data, a34) macro(data, a35)              \
                      macro(data, a36) macro(data, a37) macro(data, a38) macro(data, a39)          \
                          macro(data, a40) macro(data, a41) macro(data, a42) macro(data, a43)      \
                              macro(data, a44) macro(data, a45) macro(data, a46) macro(data, a47)  \
                                  macro(data, a48) macro(data, a49) macro(data, a50)               \
                                      macro(data, a51) macro(data, a52) macro(data, a53)           \
                                          macro(data, a54) macro(data, a55) macro(data, a56)       \
                                              macro(data, a57) macro(data, a58) macro(data, a59)   \
                                                  macro(data, a60) macro(data, a61)
#define QUARRY_PP_FOR_EACH_62(macro, data, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, \
                              a14, a15, a16, a17, a18, a19, a20, a21, a22, a23, a24, a25, a26,     \
                              a27, a28, a29, a30, a31, a32, a33, a34, a35, a36, a37, a38, a39,     \
                              a40, a41, a42, a43, a44, a45, a46, a47, a48, a49, a50, a51, a52,     \
                              a53, a54, a55, a56, a57, a58, a59, a60, a61, a62)                    \
  macro(data, a1) macro(data, a2) macro(data, a3) macro(data, a4) macro(data, a5) macro(data, a6)  \
      macro(data, a7) macro(data, a8) macro(data, a9) macro(data, a10) macro(data, a11) macro(     \
          data, a12) macro(data, a13) macro(data, a14) macro(data, a15) macro(data, a16)           \
          macro(data, a17) macro(data, a18) macro(data, a19) macro(data, a20) macro(data, a21)     \
              macro(data, a22) macro(data, a23) macro(data, a24) macro(data, a25) macro(data, a26) \
                  macro(data, a27) macro(data, a28) macro(data, a29) macro(data, a30)              \
                      macro(data, a31) macro(data, a32) macro(data, a33) macro(data, a34)          \
                          macro(data, a35) macro(data, a36) macro(data, a37) macro(data, a38)      \
                              macro(data, a39) macro(data, a40) macro(data, a41) macro(data, a42)  \
                                  macro(data, a43) macro(data, a44) macro(data, a45)               \
                                      macro(data, a46) macro(data, a47) macro(data, a48)           \
                                          macro(data, a49) macro(data, a50) macro(data, a51)       \
                                              macro(data, a52) macro(data, a53) macro(data, a54)   \
                                                  macro(data, a55) macro(data, a56)                \
                                                      macro(data, a57) macro(data, a58)            \
                                                          macro(data, a59) macro(data, a60)        \
                                                              macro(data, a61) macro(data, a62)
#define QUARRY_PP_FOR_EACH_63(macro, data, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, \
                              a14, a15, a16, a17, a18, a19, a20, a21, a22, a23, a24, a25, a26,     \
                              a27, a28, a29, a30, a31, a32, a33, a34, a35, a36, a37, a38, a39,     \
                              a40, a41, a42, a43, a44, a45, a46, a47, a48, a49, a50, a51, a52,     \
                              a53, a54, a55, a56, a57, a58, a59, a60, a61, a62, a63)               \
  macro(data, a1) macro(data, a2) macro(data, a3) macro(data, a4) macro(data, a5) macro(           \
      data, a6) macro(data, a7) macro(data, a8) macro(data, a9) macro(data, a10) macro(data, a11)  \
      macro(data, a12) macro(data, a13) macro(data, a14) macro(data, a15) macro(data, a16) macro(  \
          data, a17) macro(data, a18) macro(data, a19) macro(data, a20) macro(data, a21)           \
          macro(data, a22) macro(data, a23) macro(data, a24) macro(data, a25) macro(data, a26)     \
              macro(data, a27) macro(data, a28) macro(data, a29) macro(data, a30) macro(data, a31) \
                  macro(data, a32) macro(data, a33) macro(data, a34) macro(data, a35)              \
                      macro(data, a36) macro(data, a37) macro(data, a38) macro(data, a39)          \
                          macro(data, a40) macro(data, a41) macro(data, a42) macro(data, a43)      \
                              macro(data, a44) macro(data, a45) macro(data, a46) macro(data, a47)  \
                                  macro(data, a48) macro(data, a49) macro(data, a50)               \
                                      macro(data, a51) macro(data, a52) macro(data, a53)           \
                                          macro(data, a54) macro(data, a55) macro(data, a56)       \
                                              macro(data, a57) macro(data, a58) macro(data, a59)   \
                                                  macro(data, a60) macro(data, a61)                \
                                                      macro(data, a62) macro(data, a63)
#define QUARRY_PP_FOR_EACH_64(macro, data, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, \
                              a14, a15, a16, a17, a18, a19, a20, a21, a22, a23, a24, a25, a26,     \
                              a27, a28, a29, a30, a31, a32, a33, a34, a35, a36, a37, a38, a39,     \
                              a40, a41, a42, a43, a44, a45, a46, a47, a48, a49, a50, a51, a52,     \
                              a53, a54, a55, a56, a57, a58, a59, a60, a61, a62, a63, a64)          \
  macro(data, a1) macro(data, a2) macro(data, a3) macro(data, a4) macro(data, a5) macro(           \
      data, a6) macro(data, a7) macro(data, a8) macro(data, a9) macro(data, a10) macro(data, a11)  \
      macro(data, a12) macro(data, a13) macro(data, a14) macro(data, a15) macro(data, a16) macro(  \
          data, a17) macro(data, a18) macro(data, a19) macro(data, a20) macro(data, a21)           \
          macro(data, a22) macro(data, a23) macro(data, a24) macro(data, a25) macro(data, a26)     \
              macro(data, a27) macro(data, a28) macro(data, a29) macro(data, a30) macro(data, a31) \
                  macro(data, a32) macro(data, a33) macro(data, a34) macro(data, a35)              \
                      macro(data, a36) macro(data, a37) macro(data, a38) macro(data, a39)          \
                          macro(data, a40) macro(data, a41) macro(data, a42) macro(data, a43)      \
                              macro(data, a44) macro(data, a45) macro(data, a46) macro(data, a47)  \
                                  macro(data, a48) macro(data, a49) macro(data, a50)               \
                                      macro(data, a51) macro(data, a52) macro(data, a53)           \
                                          macro(data, a54) macro(data, a55) macro(data, a56)       \
                                              macro(data, a57) macro(data, a58) macro(data, a59)   \
                                                  macro(data, a60) macro(data, a61)                \
                                                      macro(data, a62) macro(data, a63)            \
                                                          macro(data, a64)
#define QUARRY_PP_FOR_EACH_MANY(macro, data, ...) \
  QUARRY_PP_EXPAND(QUARRY_PP_FOR_EACH_STEP(macro, data, __VA_ARGS__))
#define QUARRY_PP_FOR_EACH_STEP(macro, data, first, ...) \
  macro(data, first) __VA_OPT__(QUARRY_PP_FOR_EACH_AGAIN QUARRY_PP_PARENS(macro, data, __VA_ARGS__))
#define QUARRY_PP_FOR_EACH_AGAIN() QUARRY_PP_FOR_EACH_STEP

/// QUARRY_PP_APPLY_<n>(m, (a...), (b...)) -> m(a...) m(b...): each argument is
/// a parenthesized argument list for m, and n their count (QUARRY_PP_COUNT_64,
/// MANY beyond 64). QUARRY_TABLE counts its columns once and runs its passes
/// over the columns with the same QUARRY_PP_APPLY_<n>: no count per pass, and
/// each entry is handed to m as is, without a macro that unpacks it.
#define QUARRY_PP_APPLY_1(m, a1) m a1
#define QUARRY_PP_APPLY_2(m, a1, a2) m a1 m a2
#define QUARRY_PP_APPLY_3(m, a1, a2, a3) m a1 m a2 m a3
#define QUARRY_PP_APPLY_4(m, a1, a2, a3, a4) m a1 m a2 m a3 m a4
#define QUARRY_PP_APPLY_5(m, a1, a2, a3, a4, a5) m a1 m a2 m a3 m a4 m a5
#define QUARRY_PP_APPLY_6(m, a1, a2, a3, a4, a5, a6) m a1 m a2 m a3 m a4 m a5 m a6
#define QUARRY_PP_APPLY_7(m, a1, a2, a3, a4, a5, a6, a7) m a1 m a2 m a3 m a4 m a5 m a6 m a7
#define QUARRY_PP_APPLY_8(m, a1, a2, a3, a4, a5, a6, a7, a8) m a1 m a2 m a3 m a4 m a5 m a6 m a7 m a8
#define QUARRY_PP_APPLY_9(m, a1, a2, a3, a4, a5, a6, a7, a8, a9) \
  m a1 m a2 m a3 m a4 m a5 m a6 m a7 m a8 m a9
#define QUARRY_PP_APPLY_10(m, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10) \
  m a1 m a2 m a3 m a4 m a5 m a6 m a7 m a8 m a9 m a10
#define QUARRY_PP_APPLY_11(m, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11) \
  m a1 m a2 m a3 m a4 m a5 m a6 m a7 m a8 m a9 m a10 m a11
#define QUARRY_PP_APPLY_12(m, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12) \
  m a1 m a2 m a3 m a4 m a5 m a6 m a7 m a8 m a9 m a10 m a11 m a12
#define QUARRY_PP_APPLY_13(m, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13) \
  m a1 m a2 m a3 m a4 m a5 m a6 m a7 m a8 m a9 m a10 m a11 m a12 m a13
#define QUARRY_PP_APPLY_14(m, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14) \
  m a1 m a2 m a3 m a4 m a5 m a6 m a7 m a8 m a9 m a10 m a11 m a12 m a13 m a14
#define QUARRY_PP_APPLY_15(m, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, a15) \
  m a1 m a2 m a3 m a4 m a5 m a6 m a7 m a8 m a9 m a10 m a11 m a12 m a13 m a14 m a15
#define QUARRY_PP_APPLY_16(m, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, a15, \
                           a16)                                                                 \
  m a1 m a2 m a3 m a4 m a5 m a6 m a7 m a8 m a9 m a10 m a11 m a12 m a13 m a14 m a15 m a16
#define QUARRY_PP_APPLY_17(m, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, a15, \
                           a16, a17)                                                            \
  m a1 m a2 m a3 m a4 m a5 m a6 m a7 m a8 m a9 m a10 m a11 m a12 m a13 m a14 m a15 m a16 m a17
#define QUARRY_PP_APPLY_18(m, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, a15, \
                           a16, a17, a18)                                                       \
  m a1 m a2 m a3 m a4 m a5 m a6 m a7 m a8 m a9 m a10 m a11 m a12 m a13 m a14 m a15 m a16 m a17 m a18
#define QUARRY_PP_APPLY_19(m, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, a15,  \
                           a16, a17, a18, a19)                                                   \
  m a1 m a2 m a3 m a4 m a5 m a6 m a7 m a8 m a9 m a10 m a11 m a12 m a13 m a14 m a15 m a16 m a17 m \
      a18 m a19
#define QUARRY_PP_APPLY_20(m, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, a15,  \
                           a16, a17, a18, a19, a20)                                              \
  m a1 m a2 m a3 m a4 m a5 m a6 m a7 m a8 m a9 m a10 m a11 m a12 m a13 m a14 m a15 m a16 m a17 m \
      a18 m a19 m a20
#define QUARRY_PP_APPLY_21(m, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, a15,  \
                           a16, a17, a18, a19, a20, a21)                                         \
  m a1 m a2 m a3 m a4 m a5 m a6 m a7 m a8 m a9 m a10 m a11 m a12 m a13 m a14 m a15 m a16 m a17 m \
      a18 m a19 m a20 m a21
#define QUARRY_PP_APPLY_22(m, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, a15,  \
                           a16, a17, a18, a19, a20, a21, a22)                                    \
  m a1 m a2 m a3 m a4 m a5 m a6 m a7 m a8 m a9 m a10 m a11 m a12 m a13 m a14 m a15 m a16 m a17 m \
      a18 m a19 m a20 m a21 m a22
#define QUARRY_PP_APPLY_23(m, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, a15,  \
                           a16, a17, a18, a19, a20, a21, a22, a23)                               \
  m a1 m a2 m a3 m a4 m a5 m a6 m a7 m a8 m a9 m a10 m a11 m a12 m a13 m a14 m a15 m a16 m a17 m \
      a18 m a19 m a20 m a21 m a22 m a23
#define QUARRY_PP_APPLY_24(m, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, a15,  \
                           a16, a17, a18, a19, a20, a21, a22, a23, a24)                          \
  m a1 m a2 m a3 m a4 m a5 m a6 m a7 m a8 m a9 m a10 m a11 m a12 m a13 m a14 m a15 m a16 m a17 m \
      a18 m a19 m a20 m a21 m a22 m a23 m a24
#define QUARRY_PP_APPLY_25(m, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, a15,  \
                           a16, a17, a18, a19, a20, a21, a22, a23, a24, a25)                     \
  m a1 m a2 m a3 m a4 m a5 m a6 m a7 m a8 m a9 m a10 m a11 m a12 m a13 m a14 m a15 m a16 m a17 m \
      a18 m a19 m a20 m a21 m a22 m a23 m a24 m a25
#define QUARRY_PP_APPLY_26(m, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, a15,  \
                           a16, a17, a18, a19, a20, a21, a22, a23, a24, a25, a26)                \
  m a1 m a2 m a3 m a4 m a5 m a6 m a7 m a8 m a9 m a10 m a11 m a12 m a13 m a14 m a15 m a16 m a17 m \
      a18 m a19 m a20 m a21 m a22 m a23 m a24 m a25 m a26
#define QUARRY_PP_APPLY_27(m, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, a15,  \
                           a16, a17, a18, a19, a20, a21, a22, a23, a24, a25, a26, a27)           \
  m a1 m a2 m a3 m a4 m a5 m a6 m a7 m a8 m a9 m a10 m a11 m a12 m a13 m a14 m a15 m a16 m a17 m \
      a18 m a19 m a20 m a21 m a22 m a23 m a24 m a25 m a26 m a27
#define QUARRY_PP_APPLY_28(m, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, a15,  \
                           a16, a17, a18, a19, a20, a21, a22, a23, a24, a25, a26, a27, a28)      \
  m a1 m a2 m a3 m a4 m a5 m a6 m a7 m a8 m a9 m a10 m a11 m a12 m a13 m a14 m a15 m a16 m a17 m \
      a18 m a19 m a20 m a21 m a22 m a23 m a24 m a25 m a26 m a27 m a28
#define QUARRY_PP_APPLY_29(m, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, a15,  \
                           a16, a17, a18, a19, a20, a21, a22, a23, a24, a25, a26, a27, a28, a29) \
  m a1 m a2 m a3 m a4 m a5 m a6 m a7 m a8 m a9 m a10 m a11 m a12 m a13 m a14 m a15 m a16 m a17 m \
      a18 m a19 m a20 m a21 m a22 m a23 m a24 m a25 m a26 m a27 m a28 m a29
#define QUARRY_PP_APPLY_30(m, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, a15,  \
                           a16, a17, a18, a19, a20, a21, a22, a23, a24, a25, a26, a27, a28, a29, \
                           a30)                                                                  \
  m a1 m a2 m a3 m a4 m a5 m a6 m a7 m a8 m a9 m a10 m a11 m a12 m a13 m a14 m a15 m a16 m a17 m \
      a18 m a19 m a20 m a21 m a22 m a23 m a24 m a25 m a26 m a27 m a28 m a29 m a30
#define QUARRY_PP_APPLY_31(m, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, a15,  \
                           a16, a17, a18, a19, a20, a21, a22, a23, a24, a25, a26, a27, a28, a29, \
                           a30, a31)                                                             \
  m a1 m a2 m a3 m a4 m a5 m a6 m a7 m a8 m a9 m a10 m a11 m a12 m a13 m a14 m a15 m a16 m a17 m \
      a18 m a19 m a20 m a21 m a22 m a23 m a24 m a25 m a26 m a27 m a28 m a29 m a30 m a31
#define QUARRY_PP_APPLY_32(m, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, a15,  \
                           a16, a17, a18, a19, a20, a21, a22, a23, a24, a25, a26, a27, a28, a29, \
                           a30, a31, a32)                                                        \
  m a1 m a2 m a3 m a4 m a5 m a6 m a7 m a8 m a9 m a10 m a11 m a12 m a13 m a14 m a15 m a16 m a17 m \
      a18 m a19 m a20 m a21 m a22 m a23 m a24 m a25 m a26 m a27 m a28 m a29 m a30 m a31 m a32
#define QUARRY_PP_APPLY_33(m, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, a15,  \
                           a16, a17, a18, a19, a20, a21, a22, a23, a24, a25, a26, a27, a28, a29, \
                           a30, a31, a32, a33)                                                   \
  m a1 m a2 m a3 m a4 m a5 m a6 m a7 m a8 m a9 m a10 m a11 m a12 m a13 m a14 m a15 m a16 m a17 m \
      a18 m a19 m a20 m a21 m a22 m a23 m a24 m a25 m a26 m a27 m a28 m a29 m a30 m a31 m a32 m  \
          a33
#define QUARRY_PP_APPLY_34(m, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, a15,  \
                           a16, a17, a18, a19, a20, a21, a22, a23, a24, a25, a26, a27, a28, a29, \
                           a30, a31, a32, a33, a34)                                              \
  m a1 m a2 m a3 m a4 m a5 m a6 m a7 m a8 m a9 m a10 m a11 m a12 m a13 m a14 m a15 m a16 m a17 m \
      a18 m a19 m a20 m a21 m a22 m a23 m a24 m a25 m a26 m a27 m a28 m a29 m a30 m a31 m a32 m  \
          a33 m a34
#define QUARRY_PP_APPLY_35(m, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, a15,  \
                           a16, a17, a18, a19, a20, a21, a22, a23, a24, a25, a26, a27, a28, a29, \
                           a30, a31, a32, a33, a34, a35)                                         \
  m a1 m a2 m a3 m a4 m a5 m a6 m a7 m a8 m a9 m a10 m a11 m a12 m a13 m a14 m a15 m a16 m a17 m \
      a18 m a19 m a20 m a21 m a22 m a23 m a24 m a25 m a26 m a27 m a28 m a29 m a30 m a31 m a32 m  \
          a33 m a34 m a35
#define QUARRY_PP_APPLY_36(m, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, a15,  \
                           a16, a17, a18, a19, a20, a21, a22, a23, a24, a25, a26, a27, a28, a29, \
                           a30, a31, a32, a33, a34, a35, a36)                                    \
  m a1 m a2 m a3 m a4 m a5 m a6 m a7 m a8 m a9 m a10 m a11 m a12 m a13 m a14 m a15 m a16 m a17 m \
      a18 m a19 m a20 m a21 m a22 m a23 m a24 m a25 m a26 m a27 m a28 m a29 m a30 m a31 m a32 m  \
          a33 m a34 m a35 m a36
#define QUARRY_PP_APPLY_37(m, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, a15,  \
                           a16, a17, a18, a19, a20, a21, a22, a23, a24, a25, a26, a27, a28, a29, \
                           a30, a31, a32, a33, a34, a35, a36, a37)                               \
  m a1 m a2 m a3 m a4 m a5 m a6 m a7 m a8 m a9 m a10 m a11 m a12 m a13 m a14 m a15 m a16 m a17 m \
      a18 m a19 m a20 m a21 m a22 m a23 m a24 m a25 m a26 m a27 m a28 m a29 m a30 m a31 m a32 m  \
          a33 m a34 m a35 m a36 m a37
#define QUARRY_PP_APPLY_38(m, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, a15,  \
                           a16, a17, a18, a19, a20, a21, a22, a23, a24, a25, a26, a27, a28, a29, \
                           a30, a31, a32, a33, a34, a35, a36, a37, a38)                          \
  m a1 m a2 m a3 m a4 m a5 m a6 m a7 m a8 m a9 m a10 m a11 m a12 m a13 m a14 m a15 m a16 m a17 m \
      a18 m a19 m a20 m a21 m a22 m a23 m a24 m a25 m a26 m a27 m a28 m a29 m a30 m a31 m a32 m  \
          a33 m a34 m a35 m a36 m a37 m a38
#define QUARRY_PP_APPLY_39(m, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, a15,  \
                           a16, a17, a18, a19, a20, a21, a22, a23, a24, a25, a26, a27, a28, a29, \
                           a30, a31, a32, a33, a34, a35, a36, a37, a38, a39)                     \
  m a1 m a2 m a3 m a4 m a5 m a6 m a7 m a8 m a9 m a10 m a11 m a12 m a13 m a14 m a15 m a16 m a17 m \
      a18 m a19 m a20 m a21 m a22 m a23 m a24 m a25 m a26 m a27 m a28 m a29 m a30 m a31 m a32 m  \
          a33 m a34 m a35 m a36 m a37 m a38 m a39
#define QUARRY_PP_APPLY_40(m, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, a15,  \
                           a16, a17, a18, a19, a20, a21, a22, a23, a24, a25, a26, a27, a28, a29, \
                           a30, a31, a32, a33, a34, a35, a36, a37, a38, a39, a40)                \
  m a1 m a2 m a3 m a4 m a5 m a6 m a7 m a8 m a9 m a10 m a11 m a12 m a13 m a14 m a15 m a16 m a17 m \
      a18 m a19 m a20 m a21 m a22 m a23 m a24 m a25 m a26 m a27 m a28 m a29 m a30 m a31 m a32 m  \
          a33 m a34 m a35 m a36 m a37 m a38 m a39 m a40
#define QUARRY_PP_APPLY_41(m, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, a15,  \
                           a16, a17, a18, a19, a20, a21, a22, a23, a24, a25, a26, a27, a28, a29, \
                           a30, a31, a32, a33, a34, a35, a36, a37, a38, a39, a40, a41)           \
  m a1 m a2 m a3 m a4 m a5 m a6 m a7 m a8 m a9 m a10 m a11 m a12 m a13 m a14 m a15 m a16 m a17 m \
      a18 m a19 m a20 m a21 m a22 m a23 m a24 m a25 m a26 m a27 m a28 m a29 m a30 m a31 m a32 m  \
          a33 m a34 m a35 m a36 m a37 m a38 m a39 m a40 m a41
#define QUARRY_PP_APPLY_42(m, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, a15,  \
                           a16, a17, a18, a19, a20, a21, a22, a23, a24, a25, a26, a27, a28, a29, \
                           a30, a31, a32, a33, a34, a35, a36, a37, a38, a39, a40, a41, a42)      \
  m a1 m a2 m a3 m a4 m a5 m a6 m a7 m a8 m a9 m a10 m a11 m a12 m a13 m a14 m a15 m a16 m a17 m \
      a18 m a19 m a20 m a21 m a22 m a23 m a24 m a25 m a26 m a27 m a28 m a29 m a30 m a31 m a32 m  \
          a33 m a34 m a35 m a36 m a37 m a38 m a39 m a40 m a41 m a42
#define QUARRY_PP_APPLY_43(m, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, a15,  \
                           a16, a17, a18, a19, a20, a21, a22, a23, a24, a25, a26, a27, a28, a29, \
                           a30, a31, a32, a33, a34, a35, a36, a37, a38, a39, a40, a41, a42, a43) \
  m a1 m a2 m a3 m a4 m a5 m a6 m a7 m a8 m a9 m a10 m a11 m a12 m a13 m a14 m a15 m a16 m a17 m \
      a18 m a19 m a20 m a21 m a22 m a23 m a24 m a25 m a26 m a27 m a28 m a29 m a30 m a31 m a32 m  \
          a33 m a34 m a35 m a36 m a37 m a38 m a39 m a40 m a41 m a42 m a43
#define QUARRY_PP_APPLY_44(m, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, a15,  \
                           a16, a17, a18, a19, a20, a21, a22, a23, a24, a25, a26, a27, a28, a29, \
                           a30, a31, a32, a33, a34, a35, a36, a37, a38, a39, a40, a41, a42, a43, \
                           a44)                                                                  \
  m a1 m a2 m a3 m a4 m a5 m a6 m a7 m a8 m a9 m a10 m a11 m a12 m a13 m a14 m a15 m a16 m a17 m \
      a18 m a19 m a20 m a21 m a22 m a23 m a24 m a25 m a26 m a27 m a28 m a29 m a30 m a31 m a32 m  \
          a33 m a34 m a35 m a36 m a37 m a38 m a39 m a40 m a41 m a42 m a43 m a44
#define QUARRY_PP_APPLY_45(m, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, a15,  \
                           a16, a17, a18, a19, a20, a21, a22, a23, a24, a25, a26, a27, a28, a29, \
                           a30, a31, a32, a33, a34, a35, a36, a37, a38, a39, a40, a41, a42, a43, \
                           a44, a45)                                                             \
  m a1 m a2 m a3 m a4 m a5 m a6 m a7 m a8 m a9 m a10 m a11 m a12 m a13 m a14 m a15 m a16 m a17 m \
      a18 m a19 m a20 m a21 m a22 m a23 m a24 m a25 m a26 m a27 m a28 m a29 m a30 m a31 m a32 m  \
          a33 m a34 m a35 m a36 m a37 m a38 m a39 m a40 m a41 m a42 m a43 m a44 m a45
#define QUARRY_PP_APPLY_46(m, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, a15,  \
                           a16, a17, a18, a19, a20, a21, a22, a23, a24, a25, a26, a27, a28, a29, \
                           a30, a31, a32, a33, a34, a35, a36, a37, a38, a39, a40, a41, a42, a43, \
                           a44, a45, a46)                                                        \
  m a1 m a2 m a3 m a4 m a5 m a6 m a7 m a8 m a9 m a10 m a11 m a12 m a13 m a14 m a15 m a16 m a17 m \
      a18 m a19 m a20 m a21 m a22 m a23 m a24 m a25 m a26 m a27 m a28 m a29 m a30 m a31 m a32 m  \
          a33 m a34 m a35 m a36 m a37 m a38 m a39 m a40 m a41 m a42 m a43 m a44 m a45 m a46
#define QUARRY_PP_APPLY_47(m, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, a15,  \
                           a16, a17, a18, a19, a20, a21, a22, a23, a24, a25, a26, a27, a28, a29, \
                           a30, a31, a32, a33, a34, a35, a36, a37, a38, a39, a40, a41, a42, a43, \
                           a44, a45, a46, a47)                                                   \
  m a1 m a2 m a3 m a4 m a5 m a6 m a7 m a8 m a9 m a10 m a11 m a12 m a13 m a14 m a15 m a16 m a17 m \
      a18 m a19 m a20 m a21 m a22 m a23 m a24 m a25 m a26 m a27 m a28 m a29 m a30 m a31 m a32 m  \
          a33 m a34 m a35 m a36 m a37 m a38 m a39 m a40 m a41 m a42 m a43 m a44 m a45 m a46 m a47
#define QUARRY_PP_APPLY_48(m, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, a15,   \
                           a16, a17, a18, a19, a20, a21, a22, a23, a24, a25, a26, a27, a28, a29,  \
                           a30, a31, a32, a33, a34, a35, a36, a37, a38, a39, a40, a41, a42, a43,  \
                           a44, a45, a46, a47, a48)                                               \
  m a1 m a2 m a3 m a4 m a5 m a6 m a7 m a8 m a9 m a10 m a11 m a12 m a13 m a14 m a15 m a16 m a17 m  \
      a18 m a19 m a20 m a21 m a22 m a23 m a24 m a25 m a26 m a27 m a28 m a29 m a30 m a31 m a32 m   \
          a33 m a34 m a35 m a36 m a37 m a38 m a39 m a40 m a41 m a42 m a43 m a44 m a45 m a46 m a47 \
              m a48
#define QUARRY_PP_APPLY_49(m, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, a15,   \
                           a16, a17, a18, a19, a20, a21, a22, a23, a24, a25, a26, a27, a28, a29,  \
                           a30, a31, a32, a33, a34, a35, a36, a37, a38, a39, a40, a41, a42, a43,  \
                           a44, a45, a46, a47, a48, a49)                                          \
  m a1 m a2 m a3 m a4 m a5 m a6 m a7 m a8 m a9 m a10 m a11 m a12 m a13 m a14 m a15 m a16 m a17 m  \
      a18 m a19 m a20 m a21 m a22 m a23 m a24 m a25 m a26 m a27 m a28 m a29 m a30 m a31 m a32 m   \
          a33 m a34 m a35 m a36 m a37 m a38 m a39 m a40 m a41 m a42 m a43 m a44 m a45 m a46 m a47 \
              m a48 m a49
#define QUARRY_PP_APPLY_50(m, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, a15,   \
                           a16, a17, a18, a19, a20, a21, a22, a23, a24, a25, a26, a27, a28, a29,  \
                           a30, a31, a32, a33, a34, a35, a36, a37, a38, a39, a40, a41, a42, a43,  \
                           a44, a45, a46, a47, a48, a49, a50)                                     \
  m a1 m a2 m a3 m a4 m a5 m a6 m a7 m a8 m a9 m a10 m a11 m a12 m a13 m a14 m a15 m a16 m a17 m  \
      a18 m a19 m a20 m a21 m a22 m a23 m a24 m a25 m a26 m a27 m a28 m a29 m a30 m a31 m a32 m   \
          a33 m a34 m a35 m a36 m a37 m a38 m a39 m a40 m a41 m a42 m a43 m a44 m a45 m a46 m a47 \
              m a48 m a49 m a50
#define QUARRY_PP_APPLY_51(m, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, a15,   \
                           a16, a17, a18, a19, a20, a21, a22, a23, a24, a25, a26, a27, a28, a29,  \
                           a30, a31, a32, a33, a34, a35, a36, a37, a38, a39, a40, a41, a42, a43,  \
                           a44, a45, a46, a47, a48, a49, a50, a51)                                \
  m a1 m a2 m a3 m a4 m a5 m a6 m a7 m a8 m a9 m a10 m a11 m a12 m a13 m a14 m a15 m a16 m a17 m  \
      a18 m a19 m a20 m a21 m a22 m a23 m a24 m a25 m a26 m a27 m a28 m a29 m a30 m a31 m a32 m   \
          a33 m a34 m a35 m a36 m a37 m a38 m a39 m a40 m a41 m a42 m a43 m a44 m a45 m a46 m a47 \
              m a48 m a49 m a50 m a51
#define QUARRY_PP_APPLY_52(m, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, a15,   \
                           a16, a17, a18, a19, a20, a21, a22, a23, a24, a25, a26, a27, a28, a29,  \
                           a30, a31, a32, a33, a34, a35, a36, a37, a38, a39, a40, a41, a42, a43,  \
                           a44, a45, a46, a47, a48, a49, a50, a51, a52)                           \
  m a1 m a2 m a3 m a4 m a5 m a6 m a7 m a8 m a9 m a10 m a11 m a12 m a13 m a14 m a15 m a16 m a17 m  \
      a18 m a19 m a20 m a21 m a22 m a23 m a24 m a25 m a26 m a27 m a28 m a29 m a30 m a31 m a32 m   \
          a33 m a34 m a35 m a36 m a37 m a38 m a39 m a40 m a41 m a42 m a43 m a44 m a45 m a46 m a47 \
              m a48 m a49 m a50 m a51 m a52
#define QUARRY_PP_APPLY_53(m, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, a15,   \
                           a16, a17, a18, a19, a20, a21, a22, a23, a24, a25, a26, a27, a28, a29,  \
                           a30, a31, a32, a33, a34, a35, a36, a37, a38, a39, a40, a41, a42, a43,  \
                           a44, a45, a46, a47, a48, a49, a50, a51, a52, a53)                      \
  m a1 m a2 m a3 m a4 m a5 m a6 m a7 m a8 m a9 m a10 m a11 m a12 m a13 m a14 m a15 m a16 m a17 m  \
      a18 m a19 m a20 m a21 m a22 m a23 m a24 m a25 m a26 m a27 m a28 m a29 m a30 m a31 m a32 m   \
          a33 m a34 m a35 m a36 m a37 m a38 m a39 m a40 m a41 m a42 m a43 m a44 m a45 m a46 m a47 \
              m a48 m a49 m a50 m a51 m a52 m a53
#define QUARRY_PP_APPLY_54(m, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, a15,   \
                           a16, a17, a18, a19, a20, a21, a22, a23, a24, a25, a26, a27, a28, a29,  \
                           a30, a31, a32, a33, a34, a35, a36, a37, a38, a39, a40, a41, a42, a43,  \
                           a44, a45, a46, a47, a48, a49, a50, a51, a52, a53, a54)                 \
  m a1 m a2 m a3 m a4 m a5 m a6 m a7 m a8 m a9 m a10 m a11 m a12 m a13 m a14 m a15 m a16 m a17 m  \
      a18 m a19 m a20 m a21 m a22 m a23 m a24 m a25 m a26 m a27 m a28 m a29 m a30 m a31 m a32 m   \
          a33 m a34 m a35 m a36 m a37 m a38 m a39 m a40 m a41 m a42 m a43 m a44 m a45 m a46 m a47 \
              m a48 m a49 m a50 m a51 m a52 m a53 m a54
#define QUARRY_PP_APPLY_55(m, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, a15,   \
                           a16, a17, a18, a19, a20, a21, a22, a23, a24, a25, a26, a27, a28, a29,  \
                           a30, a31, a32, a33, a34, a35, a36, a37, a38, a39, a40, a41, a42, a43,  \
                           a44, a45, a46, a47, a48, a49, a50, a51, a52, a53, a54, a55)            \
  m a1 m a2 m a3 m a4 m a5 m a6 m a7 m a8 m a9 m a10 m a11 m a12 m a13 m a14 m a15 m a16 m a17 m  \
      a18 m a19 m a20 m a21 m a22 m a23 m a24 m a25 m a26 m a27 m a28 m a29 m a30 m a31 m a32 m   \
          a33 m a34 m a35 m a36 m a37 m a38 m a39 m a40 m a41 m a42 m a43 m a44 m a45 m a46 m a47 \
              m a48 m a49 m a50 m a51 m a52 m a53 m a54 m a55
#define QUARRY_PP_APPLY_56(m, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, a15,   \
                           a16, a17, a18, a19, a20, a21, a22, a23, a24, a25, a26, a27, a28, a29,  \
                           a30, a31, a32, a33, a34, a35, a36, a37, a38, a39, a40, a41, a42, a43,  \
                           a44, a45, a46, a47, a48, a49, a50, a51, a52, a53, a54, a55, a56)       \
  m a1 m a2 m a3 m a4 m a5 m a6 m a7 m a8 m a9 m a10 m a11 m a12 m a13 m a14 m a15 m a16 m a17 m  \
      a18 m a19 m a20 m a21 m a22 m a23 m a24 m a25 m a26 m a27 m a28 m a29 m a30 m a31 m a32 m   \
          a33 m a34 m a35 m a36 m a37 m a38 m a39 m a40 m a41 m a42 m a43 m a44 m a45 m a46 m a47 \
              m a48 m a49 m a50 m a51 m a52 m a53 m a54 m a55 m a56
#define QUARRY_PP_APPLY_57(m, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, a15,   \
                           a16, a17, a18, a19, a20, a21, a22, a23, a24, a25, a26, a27, a28, a29,  \
                           a30, a31, a32, a33, a34, a35, a36, a37, a38, a39, a40, a41, a42, a43,  \
                           a44, a45, a46, a47, a48, a49, a50, a51, a52, a53, a54, a55, a56, a57)  \
  m a1 m a2 m a3 m a4 m a5 m a6 m a7 m a8 m a9 m a10 m a11 m a12 m a13 m a14 m a15 m a16 m a17 m  \
      a18 m a19 m a20 m a21 m a22 m a23 m a24 m a25 m a26 m a27 m a28 m a29 m a30 m a31 m a32 m   \
          a33 m a34 m a35 m a36 m a37 m a38 m a39 m a40 m a41 m a42 m a43 m a44 m a45 m a46 m a47 \
              m a48 m a49 m a50 m a51 m a52 m a53 m a54 m a55 m a56 m a57
#define QUARRY_PP_APPLY_58(                                                                        \
    m, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, a15, a16, a17, a18, a19, a20,  \
    a21, a22, a23, a24, a25, a26, a27, a28, a29, a30, a31, a32, a33, a34, a35, a36, a37, a38, a39, \
    a40, a41, a42, a43, a44, a45, a46, a47, a48, a49, a50, a51, a52, a53, a54, a55, a56, a57, a58) \
  m a1 m a2 m a3 m a4 m a5 m a6 m a7 m a8 m a9 m a10 m a11 m a12 m a13 m a14 m a15 m a16 m a17 m   \
      a18 m a19 m a20 m a21 m a22 m a23 m a24 m a25 m a26 m a27 m a28 m a29 m a30 m a31 m a32 m    \
          a33 m a34 m a35 m a36 m a37 m a38 m a39 m a40 m a41 m a42 m a43 m a44 m a45 m a46 m a47  \
              m a48 m a49 m a50 m a51 m a52 m a53 m a54 m a55 m a56 m a57 m a58
#define QUARRY_PP_APPLY_59(m, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, a15,   \
                           a16, a17, a18, a19, a20, a21, a22, a23, a24, a25, a26, a27, a28, a29,  \
                           a30, a31, a32, a33, a34, a35, a36, a37, a38, a39, a40, a41, a42, a43,  \
                           a44, a45, a46, a47, a48, a49, a50, a51, a52, a53, a54, a55, a56, a57,  \
                           a58, a59)                                                              \
  m a1 m a2 m a3 m a4 m a5 m a6 m a7 m a8 m a9 m a10 m a11 m a12 m a13 m a14 m a15 m a16 m a17 m  \
      a18 m a19 m a20 m a21 m a22 m a23 m a24 m a25 m a26 m a27 m a28 m a29 m a30 m a31 m a32 m   \
          a33 m a34 m a35 m a36 m a37 m a38 m a39 m a40 m a41 m a42 m a43 m a44 m a45 m a46 m a47 \
              m a48 m a49 m a50 m a51 m a52 m a53 m a54 m a55 m a56 m a57 m a58 m a59
#define QUARRY_PP_APPLY_60(m, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, a15,   \
                           a16, a17, a18, a19, a20, a21, a22, a23, a24, a25, a26, a27, a28, a29,  \
                           a30, a31, a32, a33, a34, a35, a36, a37, a38, a39, a40, a41, a42, a43,  \
                           a44, a45, a46, a47, a48, a49, a50, a51, a52, a53, a54, a55, a56, a57,  \
                           a58, a59, a60)                                                         \
  m a1 m a2 m a3 m a4 m a5 m a6 m a7 m a8 m a9 m a10 m a11 m a12 m a13 m a14 m a15 m a16 m a17 m  \
      a18 m a19 m a20 m a21 m a22 m a23 m a24 m a25 m a26 m a27 m a28 m a29 m a30 m a31 m a32 m   \
          a33 m a34 m a35 m a36 m a37 m a38 m a39 m a40 m a41 m a42 m a43 m a44 m a45 m a46 m a47 \
              m a48 m a49 m a50 m a51 m a52 m a53 m a54 m a55 m a56 m a57 m a58 m a59 m a60
#define QUARRY_PP_APPLY_61(m, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, a15,   \
                           a16, a17, a18, a19, a20, a21, a22, a23, a24, a25, a26, a27, a28, a29,  \
                           a30, a31, a32, a33, a34, a35, a36, a37, a38, a39, a40, a41, a42, a43,  \
                           a44, a45, a46, a47, a48, a49, a50, a51, a52, a53, a54, a55, a56, a57,  \
                           a58, a59, a60, a61)                                                    \
  m a1 m a2 m a3 m a4 m a5 m a6 m a7 m a8 m a9 m a10 m a11 m a12 m a13 m a14 m a15 m a16 m a17 m  \
      a18 m a19 m a20 m a21 m a22 m a23 m a24 m a25 m a26 m a27 m a28 m a29 m a30 m a31 m a32 m   \
          a33 m a34 m a35 m a36 m a37 m a38 m a39 m a40 m a41 m a42 m a43 m a44 m a45 m a46 m a47 \
              m a48 m a49 m a50 m a51 m a52 m a53 m a54 m a55 m a56 m a57 m a58 m a59 m a60 m a61
#define QUARRY_PP_APPLY_62(m, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, a15,   \
                           a16, a17, a18, a19, a20, a21, a22, a23, a24, a25, a26, a27, a28, a29,  \
                           a30, a31, a32, a33, a34, a35, a36, a37, a38, a39, a40, a41, a42, a43,  \
                           a44, a45, a46, a47, a48, a49, a50, a51, a52, a53, a54, a55, a56, a57,  \
                           a58, a59, a60, a61, a62)                                               \
  m a1 m a2 m a3 m a4 m a5 m a6 m a7 m a8 m a9 m a10 m a11 m a12 m a13 m a14 m a15 m a16 m a17 m  \
      a18 m a19 m a20 m a21 m a22 m a23 m a24 m a25 m a26 m a27 m a28 m a29 m a30 m a31 m a32 m   \
          a33 m a34 m a35 m a36 m a37 m a38 m a39 m a40 m a41 m a42 m a43 m a44 m a45 m a46 m a47 \
              m a48 m a49 m a50 m a51 m a52 m a53 m a54 m a55 m a56 m a57 m a58 m a59 m a60 m a61 \
                  m a62
#define QUARRY_PP_APPLY_63(m, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, a15,   \
                           a16, a17, a18, a19, a20, a21, a22, a23, a24, a25, a26, a27, a28, a29,  \
                           a30, a31, a32, a33, a34, a35, a36, a37, a38, a39, a40, a41, a42, a43,  \
                           a44, a45, a46, a47, a48, a49, a50, a51, a52, a53, a54, a55, a56, a57,  \
                           a58, a59, a60, a61, a62, a63)                                          \
  m a1 m a2 m a3 m a4 m a5 m a6 m a7 m a8 m a9 m a10 m a11 m a12 m a13 m a14 m a15 m a16 m a17 m  \
      a18 m a19 m a20 m a21 m a22 m a23 m a24 m a25 m a26 m a27 m a28 m a29 m a30 m a31 m a32 m   \
          a33 m a34 m a35 m a36 m a37 m a38 m a39 m a40 m a41 m a42 m a43 m a44 m a45 m a46 m a47 \
              m a48 m a49 m a50 m a51 m a52 m a53 m a54 m a55 m a56 m a57 m a58 m a59 m a60 m a61 \
                  m a62 m a63
#define QUARRY_PP_APPLY_64(m, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, a15,   \
                           a16, a17, a18, a19, a20, a21, a22, a23, a24, a25, a26, a27, a28, a29,  \
                           a30, a31, a32, a33, a34, a35, a36, a37, a38, a39, a40, a41, a42, a43,  \
                           a44, a45, a46, a47, a48, a49, a50, a51, a52, a53, a54, a55, a56, a57,  \
                           a58, a59, a60, a61, a62, a63, a64)                                     \
  m a1 m a2 m a3 m a4 m a5 m a6 m a7 m a8 m a9 m a10 m a11 m a12 m a13 m a14 m a15 m a16 m a17 m  \
      a18 m a19 m a20 m a21 m a22 m a23 m a24 m a25 m a26 m a27 m a28 m a29 m a30 m a31 m a32 m   \
          a33 m a34 m a35 m a36 m a37 m a38 m a39 m a40 m a41 m a42 m a43 m a44 m a45 m a46 m a47 \
              m a48 m a49 m a50 m a51 m a52 m a53 m a54 m a55 m a56 m a57 m a58 m a59 m a60 m a61 \
                  m a62 m a63 m a64
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
