// A small SQL tokenizer for reading back what databases print: the CREATE
// TABLE / CREATE INDEX text SQLite keeps, and the defaults, checks and view
// queries both backends re-print. It knows quoted identifiers ("x", `x`,
// [x]), string literals with doubled quotes, comments and nested
// parentheses; it does not parse SQL's grammar.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace quarry::detail {

struct SqlToken {
  enum Kind : unsigned char { word, quoted, string, number, symbol, comment };
  Kind kind = symbol;
  /// word: as written; quoted: the identifier with quotes removed and
  /// doubled quotes undone; string: the literal as written, quotes included;
  /// comment: the text inside /* */ or after --, trimmed.
  std::string text;
  std::size_t begin = 0;  ///< offset of the token in the source
  std::size_t end = 0;    ///< one past its last character

  bool is_word(std::string_view keyword) const;  ///< a bare word, case-insensitively
  bool is(char c) const { return kind == symbol && text.size() == 1 && text[0] == c; }
  /// An identifier (bare or quoted): its name.
  bool is_name() const { return kind == word || kind == quoted; }
};

/// The tokens of `sql`, comments included. Throws UsageError at an
/// unterminated string, quoted identifier or comment, naming the offset.
std::vector<SqlToken> tokenize_sql(std::string_view sql);

/// Index of the token that closes the parenthesis at `open`; throws
/// UsageError when it is unbalanced.
std::size_t matching_paren(const std::vector<SqlToken>& tokens, std::size_t open);

/// Splits tokens[begin, end) at top-level commas (comments dropped) into
/// [begin, end) ranges.
std::vector<std::pair<std::size_t, std::size_t>> split_top_level(
    const std::vector<SqlToken>& tokens, std::size_t begin, std::size_t end);

/// The source text covered by tokens[begin, end), trimmed.
std::string source_text(std::string_view sql, const std::vector<SqlToken>& tokens,
                        std::size_t begin, std::size_t end);

}  // namespace quarry::detail
