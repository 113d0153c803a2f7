// Whether text has exactly the shape "DDDD-DD-DD DD:DD:DD" (a digit where D
// is): the form Quarry stores timestamps in on SQLite, which both the
// timestamp parser and json() meet on most rows and take a fast path for.
// Internal header.
#pragma once

#include <bit>
#include <cstdint>
#include <cstring>
#include <string_view>

namespace quarry::detail {

/// Eight bytes of `p` as one little-endian word (the byte at p[i] in bits 8i).
inline std::uint64_t load_le64(const char* p) noexcept {
  std::uint64_t w;
  std::memcpy(&w, p, 8);
  if constexpr (std::endian::native == std::endian::big) w = __builtin_bswap64(w);
  return w;
}

/// The shape of eight bytes of text: 'D' for a digit, any other character
/// for itself ("DDDD-DD-").
struct WordShape {
  static constexpr std::uint64_t byte_ones = 0x0101010101010101ULL;
  std::uint64_t digits = 0, fixed_mask = 0, fixed = 0;  // byte i in bits 8i
  explicit constexpr WordShape(const char (&pattern)[9]) noexcept {
    for (std::size_t i = 0; i < 8; ++i) {
      const std::uint64_t byte = std::uint64_t{0xFF} << (8 * i);
      if (pattern[i] == 'D') {
        digits |= byte;
      } else {
        fixed_mask |= byte;
        fixed |= std::uint64_t{static_cast<unsigned char>(pattern[i])} << (8 * i);
      }
    }
  }
  /// Whether the word fits, all bytes at once: x = w ^ '0' maps '0'..'9' to
  /// 0..9, and a byte of x is a digit when its high nibble is 0 and adding 6
  /// to it does not reach 0x10. (Where a high nibble is set, the second test
  /// may see a carry from it, but the first has failed.)
  constexpr bool fits(std::uint64_t w) const noexcept {
    const std::uint64_t x = (w ^ (byte_ones * '0')) & digits;
    const std::uint64_t ones = digits & byte_ones;
    return (x & ones * 0xF0) == 0 && ((x + ones * 0x06) & ones * 0x10) == 0 &&
           (w & fixed_mask) == fixed;
  }
};

/// Whether `t` is exactly "DDDD-DD-DD DD:DD:DD": three words checked, the
/// last overlapping the second.
inline bool stored_timestamp_shape(std::string_view t) noexcept {
  static constexpr WordShape date_word("DDDD-DD-"), day_time_word("DD DD:DD"),
      time_word("DD:DD:DD");
  return t.size() == 19 && date_word.fits(load_le64(t.data())) &&
         day_time_word.fits(load_le64(t.data() + 8)) && time_word.fits(load_le64(t.data() + 11));
}

}  // namespace quarry::detail
