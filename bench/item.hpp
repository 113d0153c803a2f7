// The benchmark row: the struct every C++ implementation fills, how row i of
// the data set is made, and the timestamp text helpers that the hand-written
// and peer implementations share (so that they differ only in how they talk
// to the database). No SQLite header here: SOCI's sqlite3 backend header must
// be the first to include <sqlite3.h> in its translation unit.
#pragma once

#include <charconv>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace bench {

inline constexpr std::int64_t row_count = 100'000;

/// The typed row. `created` is the same type as quarry::Timestamp.
struct Item {
  std::int64_t id{};
  std::string name;
  double score{};
  std::chrono::local_time<std::chrono::microseconds> created{};
  std::optional<std::string> note;
  friend bool operator==(const Item&, const Item&) = default;
};

/// The schema of `item`; the insert case uses the same table in a second file.
inline constexpr const char* item_schema =
    "CREATE TABLE item (\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  name TEXT NOT NULL,\n"
    "  score REAL NOT NULL,\n"
    "  created TEXT NOT NULL,  -- 'YYYY-MM-DD HH:MM:SS'\n"
    "  note TEXT               -- NULL in every third row\n"
    ")";

inline constexpr const char* select_all_sql = "SELECT id, name, score, created, note FROM item";
inline constexpr const char* insert_sql =
    "INSERT INTO item (id, name, score, created, note) VALUES (?, ?, ?, ?, ?)";

// ------------------------------------------------------------ text helpers

/// Parses exactly "YYYY-MM-DD HH:MM:SS" (the stored form) into `out`. This is
/// what a hand-written loop would do for a column it knows the shape of; the
/// raw, SQLiteCpp and SOCI implementations all use it.
inline bool parse_timestamp_fixed(const char* s, std::size_t n,
                                  std::chrono::local_time<std::chrono::microseconds>& out) {
  if (n != 19 || s[4] != '-' || s[7] != '-' || s[10] != ' ' || s[13] != ':' || s[16] != ':')
    return false;
  const auto num = [s](int pos, int len) {
    int v = 0;
    for (int i = pos; i < pos + len; ++i) v = v * 10 + (s[i] - '0');
    return v;
  };
  using namespace std::chrono;
  const year_month_day ymd{year{num(0, 4)}, month{static_cast<unsigned>(num(5, 2))},
                           day{static_cast<unsigned>(num(8, 2))}};
  out = local_days{ymd} + hours{num(11, 2)} + minutes{num(14, 2)} + seconds{num(17, 2)};
  return true;
}

/// Writes `t` (whole seconds) as "YYYY-MM-DD HH:MM:SS" into `buf` (19 chars,
/// not terminated); returns 19.
inline std::size_t format_timestamp_fixed(std::chrono::local_time<std::chrono::microseconds> t,
                                          char* buf) {
  using namespace std::chrono;
  const auto day_point = floor<days>(t);
  const year_month_day ymd{day_point};
  const hh_mm_ss<seconds> hms{floor<seconds>(t - day_point)};
  const auto put = [buf](int pos, int len, int v) {
    for (int i = pos + len - 1; i >= pos; --i, v /= 10) buf[i] = static_cast<char>('0' + v % 10);
  };
  put(0, 4, static_cast<int>(ymd.year()));
  buf[4] = '-';
  put(5, 2, static_cast<int>(static_cast<unsigned>(ymd.month())));
  buf[7] = '-';
  put(8, 2, static_cast<int>(static_cast<unsigned>(ymd.day())));
  buf[10] = ' ';
  put(11, 2, static_cast<int>(hms.hours().count()));
  buf[13] = ':';
  put(14, 2, static_cast<int>(hms.minutes().count()));
  buf[16] = ':';
  put(17, 2, static_cast<int>(hms.seconds().count()));
  return 19;
}

// ------------------------------------------------------------ the rows

/// splitmix64: a fixed, portable pseudo-random sequence, so the data is the
/// same on every machine and every run.
inline std::uint64_t mix(std::uint64_t x) {
  x += 0x9E3779B97F4A7C15ull;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
  return x ^ (x >> 31);
}

/// Row `i` (1-based id) of the data set. Names are 6–30 characters of
/// lowercase letters and spaces; one in 50 carries a double quote, one in 70
/// a backslash and one in 13 a two-byte UTF-8 letter, so JSON escaping is
/// exercised but not dominant. Scores are in [0, 100) with up to six decimals.
/// `created` advances 317 s per row from 2023-01-01 00:00:00. Every third
/// row's note is NULL.
inline Item make_item(std::int64_t i) {
  using namespace std::chrono;
  Item it;
  it.id = i;
  std::uint64_t r = mix(static_cast<std::uint64_t>(i));
  const std::size_t len = 6 + r % 25;
  it.name.reserve(len + 4);
  for (std::size_t k = 0; k < len; ++k) {
    // Appended, not inserted afterwards: GCC 12 warns falsely on
    // std::string::insert here (-Wrestrict, GCC bug 105329).
    if (k == len / 3 && i % 70 == 0) it.name += '\\';
    if (k == len / 2 && i % 50 == 0) it.name += '"';
    r = mix(r);
    const unsigned c = r % 28;
    it.name += c < 26 ? static_cast<char>('a' + c) : ' ';
  }
  if (i % 13 == 0) it.name += "\xC3\xA9";  // é
  it.score = static_cast<double>(mix(r) % 100'000'000) / 1e6;
  it.created = local_days{year{2023} / January / 1} + seconds{317 * (i - 1)};
  if (i % 3 != 0) {
    it.note = "note " + std::to_string(i) + (i % 2 == 0 ? " for an even row" : " odd");
  }
  return it;
}

/// All rows of the data set, in id order.
inline std::vector<Item> make_items() {
  std::vector<Item> items;
  items.reserve(static_cast<std::size_t>(row_count));
  for (std::int64_t i = 1; i <= row_count; ++i) items.push_back(make_item(i));
  return items;
}

}  // namespace bench
