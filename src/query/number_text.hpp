// How a driver hands json() the database's own text of a number: PostgreSQL
// sends integers and doubles as text, already valid JSON numbers, and
// copying that text costs far less than formatting the parsed value again
// (std::to_chars of a double: about 570 instructions). Internal.
#pragma once

#include <cstddef>

namespace quarry::detail {

/// Set in Cell::size of an integer or real cell whose data and size (this
/// bit cleared) also hold the database's text of the number. Readers store
/// only true lengths in size, which never reach this bit, so that a stale
/// size left in a number cell by a reader that keeps no text is never taken
/// for it.
inline constexpr std::size_t number_text_flag = std::size_t{1} << (sizeof(std::size_t) * 8 - 1);

}  // namespace quarry::detail
