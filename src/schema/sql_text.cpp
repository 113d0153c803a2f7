// The SQL tokenizer behind reflection and schema comparison (sql_text.hpp),
// and normalize_sql.
#include "schema/sql_text.hpp"

#include <algorithm>
#include <cctype>

#include <fmt/format.h>

#include <quarry/error.hpp>
#include <quarry/schema/compare.hpp>

namespace quarry::detail {

namespace {

bool word_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '$' ||
         static_cast<unsigned char>(c) >= 0x80;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string trimmed(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return std::string(s);
}

}  // namespace

bool SqlToken::is_word(std::string_view keyword) const {
  if (kind != word || text.size() != keyword.size()) return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(text[i])) !=
        std::tolower(static_cast<unsigned char>(keyword[i])))
      return false;
  }
  return true;
}

std::vector<SqlToken> tokenize_sql(std::string_view sql) {
  std::vector<SqlToken> out;
  std::size_t i = 0;
  const std::size_t n = sql.size();
  auto unterminated = [&](std::string_view what, std::size_t at) {
    return UsageError(fmt::format("unterminated {} at offset {} of SQL: {}", what, at, sql));
  };
  while (i < n) {
    char c = sql[i];
    if (std::isspace(static_cast<unsigned char>(c))) {
      ++i;
      continue;
    }
    SqlToken t;
    t.begin = i;
    if (c == '-' && i + 1 < n && sql[i + 1] == '-') {
      std::size_t e = sql.find('\n', i);
      if (e == std::string_view::npos) e = n;
      t.kind = SqlToken::comment;
      t.text = trimmed(sql.substr(i + 2, e - i - 2));
      i = e;
    } else if (c == '/' && i + 1 < n && sql[i + 1] == '*') {
      std::size_t e = sql.find("*/", i + 2);
      if (e == std::string_view::npos) throw unterminated("comment", i);
      t.kind = SqlToken::comment;
      t.text = trimmed(sql.substr(i + 2, e - i - 2));
      i = e + 2;
    } else if (c == '\'') {
      // A string literal; '' inside is one quote. PostgreSQL's E'..' and
      // N'..' prefixes arrive as a word followed by the string.
      std::size_t j = i + 1;
      for (;;) {
        if (j >= n) throw unterminated("string literal", i);
        if (sql[j] == '\'') {
          if (j + 1 < n && sql[j + 1] == '\'') {
            j += 2;
            continue;
          }
          break;
        }
        ++j;
      }
      t.kind = SqlToken::string;
      t.text = std::string(sql.substr(i, j + 1 - i));
      i = j + 1;
    } else if (c == '"' || c == '`' || c == '[') {
      char close = c == '[' ? ']' : c;
      std::size_t j = i + 1;
      std::string name;
      for (;;) {
        if (j >= n) throw unterminated("quoted identifier", i);
        if (sql[j] == close) {
          if (close != ']' && j + 1 < n && sql[j + 1] == close) {
            name += close;
            j += 2;
            continue;
          }
          break;
        }
        name += sql[j++];
      }
      t.kind = SqlToken::quoted;
      t.text = std::move(name);
      i = j + 1;
    } else if (std::isdigit(static_cast<unsigned char>(c)) ||
               (c == '.' && i + 1 < n && std::isdigit(static_cast<unsigned char>(sql[i + 1])))) {
      std::size_t j = i;
      while (j < n && (std::isalnum(static_cast<unsigned char>(sql[j])) || sql[j] == '.' ||
                       ((sql[j] == '+' || sql[j] == '-') && j > i &&
                        (sql[j - 1] == 'e' || sql[j - 1] == 'E'))))
        ++j;
      t.kind = SqlToken::number;
      t.text = std::string(sql.substr(i, j - i));
      i = j;
    } else if (word_char(c)) {
      std::size_t j = i;
      while (j < n && word_char(sql[j])) ++j;
      t.kind = SqlToken::word;
      t.text = std::string(sql.substr(i, j - i));
      i = j;
    } else {
      // Operators of two characters stay one token, so that `::`, `<>`,
      // `!=`, `<=`, `>=`, `||` and `->` survive normalisation.
      static constexpr std::string_view two[] = {"::", "<>", "!=", "<=", ">=", "||",
                                                 "->", "==", "<<", ">>", "~~"};
      t.kind = SqlToken::symbol;
      t.text = std::string(1, c);
      for (auto op : two) {
        if (sql.substr(i, 2) == op) t.text = std::string(op);
      }
      if (t.text == "->" && sql.substr(i, 3) == "->>") t.text = "->>";
      i += t.text.size();
    }
    t.end = i;
    out.push_back(std::move(t));
  }
  return out;
}

std::size_t matching_paren(const std::vector<SqlToken>& tokens, std::size_t open) {
  int depth = 0;
  for (std::size_t i = open; i < tokens.size(); ++i) {
    if (tokens[i].is('(')) ++depth;
    if (tokens[i].is(')') && --depth == 0) return i;
  }
  throw UsageError(fmt::format("unbalanced parenthesis at offset {}", tokens[open].begin));
}

std::vector<std::pair<std::size_t, std::size_t>> split_top_level(
    const std::vector<SqlToken>& tokens, std::size_t begin, std::size_t end) {
  std::vector<std::pair<std::size_t, std::size_t>> parts;
  int depth = 0;
  std::size_t start = begin;
  for (std::size_t i = begin; i < end; ++i) {
    if (tokens[i].is('(')) ++depth;
    if (tokens[i].is(')')) --depth;
    if (depth == 0 && tokens[i].is(',')) {
      parts.emplace_back(start, i);
      start = i + 1;
    }
  }
  if (start < end) parts.emplace_back(start, end);
  return parts;
}

std::string source_text(std::string_view sql, const std::vector<SqlToken>& tokens,
                        std::size_t begin, std::size_t end) {
  if (begin >= end) return {};
  return trimmed(sql.substr(tokens[begin].begin, tokens[end - 1].end - tokens[begin].begin));
}

namespace {

// Normalisation works on a token list without comments; each token is
// rendered as it is compared: bare words lower-cased, identifiers that need
// no quotes unquoted.
bool plain_identifier(std::string_view s) {
  if (s.empty() || std::isdigit(static_cast<unsigned char>(s[0]))) return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}

bool is_numeric_literal(std::string_view s) {
  if (!s.empty() && (s[0] == '-' || s[0] == '+')) s.remove_prefix(1);
  if (s.empty()) return false;
  bool digit = false;
  for (char c : s) {
    if (std::isdigit(static_cast<unsigned char>(c))) {
      digit = true;
    } else if (c != '.' && c != 'e' && c != 'E' && c != '-' && c != '+') {
      return false;
    }
  }
  return digit;
}

// Words that may follow the first word of a type name in a cast.
bool type_continuation(const SqlToken& t) {
  for (auto w : {"varying", "precision", "without", "with", "time", "zone"}) {
    if (t.is_word(w)) return true;
  }
  return false;
}

bool numeric_type(std::string_view name) {
  for (auto w : {"integer", "int", "int2", "int4", "int8", "smallint", "bigint", "numeric",
                 "decimal", "real", "double", "float4", "float8"}) {
    if (name == w) return true;
  }
  return false;
}

// The tokens between parentheses [open, close] form one group that can go
// without changing what the expression means, for comparison purposes.
bool connective(const SqlToken& t) {
  return t.is_word("and") || t.is_word("or");
}

void strip_parentheses(std::vector<SqlToken>& toks) {
  bool changed = true;
  while (changed) {
    changed = false;
    for (std::size_t i = 0; i < toks.size(); ++i) {
      if (!toks[i].is('(')) continue;
      std::size_t close;
      try {
        close = matching_paren(toks, i);
      } catch (const UsageError&) {
        return;
      }
      bool call = i > 0 && (toks[i - 1].is_name() || toks[i - 1].is(']'));
      if (call && i > 0 && toks[i - 1].kind == SqlToken::word) {
        // Keywords before a parenthesis do not make it a call.
        for (auto w : {"and", "or", "not", "check", "where", "when", "then", "else", "on"}) {
          if (toks[i - 1].is_word(w)) call = false;
        }
      }
      if (call) continue;
      bool whole = i == 0 && close == toks.size() - 1;
      bool single = close == i + 2;
      // A group without AND/OR at its top level between boolean connectives
      // (or the edges): comparison binds tighter than AND and OR.
      bool comparison = false;
      {
        bool has_connective = false, has_select = false;
        int depth = 0;
        for (std::size_t k = i + 1; k < close; ++k) {
          if (toks[k].is('(')) ++depth;
          if (toks[k].is(')')) --depth;
          if (depth == 0 && connective(toks[k])) has_connective = true;
          if (toks[k].is_word("select")) has_select = true;
        }
        bool before = i == 0 || toks[i - 1].is('(') || connective(toks[i - 1]);
        bool after = close + 1 == toks.size() || toks[close + 1].is(')') ||
                     connective(toks[close + 1]) || toks[close + 1].is(',');
        comparison = !has_connective && !has_select && before && after;
      }
      if (whole || single || comparison) {
        toks.erase(toks.begin() + static_cast<std::ptrdiff_t>(close));
        toks.erase(toks.begin() + static_cast<std::ptrdiff_t>(i));
        changed = true;
        break;
      }
    }
  }
}

}  // namespace

}  // namespace quarry::detail

namespace quarry {

std::string normalize_sql(std::string_view sql) {
  using detail::SqlToken;
  std::vector<SqlToken> all;
  try {
    all = detail::tokenize_sql(sql);
  } catch (const UsageError&) {
    return std::string(sql);  // not SQL we can read: compared as written
  }
  std::vector<SqlToken> toks;
  for (auto& t : all) {
    if (t.kind == SqlToken::comment) continue;
    if (t.kind == SqlToken::word) t.text = detail::lower(t.text);
    if (t.kind == SqlToken::quoted && detail::plain_identifier(t.text)) t.kind = SqlToken::word;
    if (t.is(';')) continue;
    if (t.kind == SqlToken::symbol && t.text == "!=") t.text = "<>";
    if (t.kind == SqlToken::symbol && t.text == "==") t.text = "=";
    toks.push_back(std::move(t));
  }
  // Drop `::type` casts; a numeric string cast to a number is that number
  // (PostgreSQL prints the default -1 as '-1'::integer).
  std::vector<SqlToken> out;
  for (std::size_t i = 0; i < toks.size(); ++i) {
    if (!(toks[i].kind == SqlToken::symbol && toks[i].text == "::")) {
      out.push_back(toks[i]);
      continue;
    }
    std::size_t j = i + 1;
    std::string type_name;
    if (j < toks.size() && toks[j].is_name()) {
      type_name = toks[j].text;
      ++j;
      // schema-qualified type
      if (j + 1 < toks.size() && toks[j].is('.') && toks[j + 1].is_name()) {
        type_name = toks[j + 1].text;
        j += 2;
      }
      while (j < toks.size() && detail::type_continuation(toks[j])) ++j;
      if (j < toks.size() && toks[j].is('(')) {
        try {
          j = detail::matching_paren(toks, j) + 1;
        } catch (const UsageError&) {
        }
      }
      while (j + 1 < toks.size() && toks[j].is('[') && toks[j + 1].is(']')) j += 2;
    }
    if (!out.empty() && out.back().kind == SqlToken::string && detail::numeric_type(type_name)) {
      std::string inner = out.back().text.substr(1, out.back().text.size() - 2);
      if (detail::is_numeric_literal(inner)) {
        out.pop_back();
        if (inner[0] == '-' || inner[0] == '+') {
          SqlToken sign;
          sign.kind = SqlToken::symbol;
          sign.text = std::string(1, inner[0]);
          out.push_back(sign);
          inner.erase(0, 1);
        }
        SqlToken number;
        number.kind = SqlToken::number;
        number.text = inner;
        out.push_back(number);
      }
    }
    i = j - 1;
  }
  detail::strip_parentheses(out);
  std::string text;
  for (const auto& t : out) {
    if (!text.empty()) text += ' ';
    if (t.kind == SqlToken::quoted) {
      text += '"';
      for (char c : t.text) {
        if (c == '"') text += '"';
        text += c;
      }
      text += '"';
    } else {
      text += t.text;
    }
  }
  return text;
}

}  // namespace quarry
