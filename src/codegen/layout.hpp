// Layout of generated code: calls wrapped to the line width the way
// clang-format's Google style does it, and clang-format itself when present.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace quarry::detail::codegen {

inline constexpr std::size_t line_width = 100;

/// `head` + arguments joined by ", " + `tail`, wrapped at line_width with
/// continuation lines aligned after `head` (the arguments are bin-packed).
std::string wrap_call(std::string_view head, const std::vector<std::string>& args,
                      std::string_view tail);

/// `text` as `prefix`-led comment lines ("/// "), wrapped at line_width.
std::string comment_lines(std::string_view prefix, std::string_view text);

/// `source` formatted by clang-format (Google style, 100 columns), or
/// nullopt when clang-format is not on PATH or fails.
std::optional<std::string> run_clang_format(const std::string& source);

}  // namespace quarry::detail::codegen
