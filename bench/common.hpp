// What the benchmark programs share beyond the harness: the minimal JSON
// writer of the raw baselines, the untimed result checks, the table rows
// (baseline, Quarry, peer) with their goal verdicts, and argument and
// environment helpers. Used by bench_sqlite.cpp and bench_pg.cpp. Each
// program includes <boost/json/src.hpp> once itself (header-only Boost.JSON).
#pragma once

#include <charconv>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <fmt/core.h>
#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

#include "harness.hpp"
#include "item.hpp"

namespace bench {

// ------------------------------------------------------------ JSON text

/// Appends `s` as a JSON string: quotes, backslashes and control characters
/// escaped, everything else (UTF-8 included) copied in runs.
inline void append_json_string(std::string& out, const char* s, std::size_t n) {
  out += '"';
  std::size_t run = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out.append(s + run, i - run);
    run = i + 1;
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\r':
        out += "\\r";
        break;
      default: {
        static constexpr char hex[] = "0123456789abcdef";
        const char esc[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
        out.append(esc, 6);
      }
    }
  }
  out.append(s + run, n - run);
  out += '"';
}

template <class T>
void append_number(std::string& out, T v) {
  char buf[32];
  const auto res = std::to_chars(buf, buf + sizeof buf, v);  // shortest round-trip for double
  out.append(buf, res.ptr);
}

// ------------------------------------------------------------ checks (untimed)
// Every implementation must produce what raw produces.

inline bool same_rows(std::string_view who, const std::vector<Item>& got,
                      const std::vector<Item>& want) {
  if (got.size() != want.size()) {
    fmt::print(stderr, "CHECK FAILED: {} returned {} rows, raw {}\n", who, got.size(), want.size());
    return false;
  }
  for (std::size_t i = 0; i < got.size(); ++i) {
    if (!(got[i] == want[i])) {
      fmt::print(stderr, "CHECK FAILED: {} differs from raw at row id {}\n", who, want[i].id);
      return false;
    }
  }
  return true;
}

/// JSON outputs are compared as parsed values (key order and number
/// spelling may differ); a byte difference alone is only reported.
inline bool same_json(std::string_view who, const std::string& got, const std::string& want) {
  if (got == want) return true;
  std::size_t at = 0;
  while (at < got.size() && at < want.size() && got[at] == want[at]) ++at;
  const auto around = [&](const std::string& s) {
    const std::size_t from = at > 40 ? at - 40 : 0;
    return s.substr(from, 80);
  };
  try {
    if (boost::json::parse(got) == boost::json::parse(want)) {
      fmt::print(stderr,
                 "note: {} JSON equals raw's as a value but not byte for byte (at {}):\n"
                 "  {}: {}\n  raw: {}\n",
                 who, at, who, around(got), around(want));
      return true;
    }
  } catch (const std::exception& e) {
    fmt::print(stderr, "CHECK FAILED: {} JSON does not parse: {}\n", who, e.what());
    return false;
  }
  fmt::print(stderr, "CHECK FAILED: {} JSON differs from raw at byte {}:\n  {}: {}\n  raw: {}\n",
             who, at, who, around(got), around(want));
  return false;
}

// ------------------------------------------------------------ table rows

inline bench::Row baseline_row(std::string case_name, std::string impl, double median,
                               bench::Unit unit = bench::Unit::ms) {
  bench::Row r;
  r.case_name = std::move(case_name);
  r.implementation = std::move(impl);
  r.median = median;
  r.unit = unit;
  r.ratio_vs_raw = 1.0;
  r.goal = "baseline";
  return r;
}

/// Quarry's own line: its median, the ratio to raw and whether it is within
/// `limit`. For a throughput (Unit::per_second, higher is better) the ratio
/// must be at least `limit`, else at most.
inline bench::Row quarry_row(std::string case_name, std::string impl, std::optional<double> median,
                             double raw, double limit, bench::Unit unit = bench::Unit::ms) {
  bench::Row r;
  r.case_name = std::move(case_name);
  r.implementation = std::move(impl);
  r.unit = unit;
  const bool higher_is_better = unit == bench::Unit::per_second;
  r.goal = fmt::format("{} {:.2f}× raw", higher_is_better ? "≥" : "≤", limit);
  if (median) {
    r.median = median;
    r.ratio_vs_raw = *median / raw;
    r.met = bench::verdict(higher_is_better ? *r.ratio_vs_raw >= limit : *r.ratio_vs_raw <= limit);
  } else {
    r.note = "not built (Quarry API pending)";
    r.met = "n/a";
  }
  return r;
}

/// A peer's line: its median, its ratio to raw, and whether Quarry beats it
/// by at least `factor` (1.0: no slower; `strict`: faster). With
/// Unit::per_second the medians are throughputs: Quarry's speedup is then
/// its throughput over the peer's.
inline bench::Row peer_row(std::string case_name, std::string impl, std::optional<double> median,
                           std::string skipped, double raw, std::optional<double> quarry,
                           double factor, bool strict = false, bench::Unit unit = bench::Unit::ms) {
  bench::Row r;
  r.case_name = std::move(case_name);
  r.implementation = std::move(impl);
  r.unit = unit;
  if (factor > 1.0)
    r.goal = fmt::format("Quarry ≥ {:g}× faster", factor);
  else
    r.goal = strict ? "Quarry faster" : "Quarry no slower";
  if (!median) {
    r.note = skipped.empty() ? "skipped" : skipped;
    r.met = "skipped";
    return r;
  }
  r.median = median;
  r.ratio_vs_raw = *median / raw;
  if (!quarry) {
    r.met = "n/a";
    return r;
  }
  const double speedup = unit == bench::Unit::per_second ? *quarry / *median : *median / *quarry;
  const bool ok = strict ? speedup > factor : speedup >= factor;
  r.met = fmt::format("{} ({:.2f}×)", bench::verdict(ok), speedup);
  return r;
}

inline int int_arg(int argc, char** argv, std::string_view flag, int fallback) {
  for (int i = 1; i + 1 < argc; ++i)
    if (flag == argv[i]) return std::atoi(argv[i + 1]);
  return fallback;
}

inline bool flag_arg(int argc, char** argv, std::string_view flag) {
  for (int i = 1; i < argc; ++i)
    if (flag == argv[i]) return true;
  return false;
}

// ------------------------------------------------------------ child processes

inline std::string shell_quote(std::string_view s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'')
      out += "'\\''";
    else
      out += c;
  }
  return out + "'";
}

inline std::string env_or(const char* name, std::string fallback) {
  const char* v = std::getenv(name);
  return (v != nullptr && *v != '\0') ? std::string(v) : fallback;
}

}  // namespace bench
