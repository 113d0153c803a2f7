// The benchmark harness: wall-clock timing with std::chrono::steady_clock,
// medians over repetitions, and the results table that bench/README.md shows.
// Deliberately small: Google Benchmark's output is not the table we want, and
// every case here is either long (milliseconds, timed per run) or looped
// inside the timed function (nanoseconds, timed per batch of operations).
#pragma once

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <cstdio>
#include <functional>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <fmt/core.h>

#if defined(__GLIBC__)
#include <malloc.h>  // malloc_trim
#endif

namespace bench {

/// Keeps the compiler from deleting a computation whose result is unused.
template <class T>
inline void do_not_optimize(T const& value) {
  asm volatile("" : : "r,m"(value) : "memory");
}

/// The median of `samples` (the mean of the two middle ones for an even count).
inline double median(std::vector<double> samples) {
  if (samples.empty()) return 0.0;
  std::sort(samples.begin(), samples.end());
  const std::size_t n = samples.size();
  return n % 2 == 1 ? samples[n / 2] : (samples[n / 2 - 1] + samples[n / 2]) / 2.0;
}

/// Hands the heap's free memory back to the system (glibc's malloc_trim), so
/// that every timed call starts from the same allocator state, as a program
/// running the work once would: nothing of the previous call's freed memory
/// is left mapped for the next one to reuse. Without it, who pays for the
/// page faults of 100,000 rows depends on who ran before: glibc gives a
/// freed heap top back to the system only when it exceeds the trim
/// threshold, so a contestant whose free trims the heap leaves the next one
/// to fault about 20 MB in again (in case 1, ~5,000 faults, 8-12 ms on the
/// benchmark VM, paid by whichever implementation came after the raw loop),
/// while one that does not trim leaves the next one a warm heap.
inline void release_free_memory() {
#if defined(__GLIBC__)
  malloc_trim(0);
#endif
}

/// Seconds taken by one call of `fn`.
template <class F>
double time_once(F&& fn) {
  const auto start = std::chrono::steady_clock::now();
  fn();
  const auto stop = std::chrono::steady_clock::now();
  return std::chrono::duration<double>(stop - start).count();
}

/// Runs `fn` once untimed (to warm the page cache, the allocator and any
/// statement cache), then `reps` timed times; returns the median in seconds
/// and logs min/median/max to stderr so that the spread is on record.
template <class F>
double measure(std::string_view name, int reps, F&& fn) {
  fn();
  std::vector<double> samples;
  samples.reserve(static_cast<std::size_t>(reps));
  for (int i = 0; i < reps; ++i) {
    release_free_memory();
    samples.push_back(time_once(fn));
  }
  const double med = median(samples);
  fmt::print(stderr, "  {:<44} median {:>10.3f} ms  (min {:.3f}, max {:.3f}, n={})\n", name,
             med * 1e3, *std::min_element(samples.begin(), samples.end()) * 1e3,
             *std::max_element(samples.begin(), samples.end()) * 1e3, reps);
  return med;
}

/// One contestant of an interleaved measurement.
struct Contestant {
  std::string name;
  std::function<void()> fn;
  std::function<void()> setup = {};  // run untimed before every call of fn, if set
};

/// Like measure(), for several implementations of one case: each round runs
/// every contestant once, in turn (in the given order, then shuffled), so
/// that a slow stretch of the machine (another build, frequency scaling)
/// hurts all of them alike instead of whichever happened to run then. One
/// untimed warm-up round comes first.
/// A contestant's `setup` (e.g. emptying the table an insert fills) runs
/// before each of its calls, outside the timed span, and then the heap's
/// free memory is released (release_free_memory), so that no contestant
/// inherits a warm or a trimmed heap from the one before it.
/// Returns the medians in seconds, in the order given.
inline std::vector<double> measure_interleaved(std::string_view case_name, int reps,
                                               const std::vector<Contestant>& contestants) {
  for (const auto& c : contestants) {
    if (c.setup) c.setup();
    c.fn();
  }
  std::vector<std::vector<double>> samples(contestants.size());
  // Each round runs the contestants in an order of its own (the same every
  // run of the program): what one call leaves behind in the allocator, the
  // caches or the page cache then falls on a different contestant each
  // round, and a median is not moved by it, where a fixed order makes one
  // contestant always follow the same other.
  std::vector<std::size_t> order(contestants.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::minstd_rand shuffle_rng(20261201);
  for (int r = 0; r < reps; ++r) {
    if (r > 0) std::shuffle(order.begin(), order.end(), shuffle_rng);
    for (const std::size_t i : order) {
      if (contestants[i].setup) contestants[i].setup();
      release_free_memory();
      samples[i].push_back(time_once(contestants[i].fn));
    }
  }
  std::vector<double> medians;
  for (std::size_t i = 0; i < contestants.size(); ++i) {
    const auto& s = samples[i];
    medians.push_back(median(s));
    fmt::print(stderr, "  {:<20} {:<34} median {:>10.3f} ms  (min {:.3f}, max {:.3f}, n={})\n",
               case_name, contestants[i].name, medians.back() * 1e3,
               *std::min_element(s.begin(), s.end()) * 1e3,
               *std::max_element(s.begin(), s.end()) * 1e3, reps);
  }
  return medians;
}

// ------------------------------------------------------------------ the table

/// How a median is shown: milliseconds for whole-data-set cases, nanoseconds
/// per operation for the small ones, operations per second for throughput
/// (where higher is better) and megabytes for memory.
enum class Unit { ms, ns_per_op, per_second, megabytes };

/// One line of the results table. An absent median means the implementation
/// was not run; `note` then says why ("skipped: SOCI not found").
struct Row {
  std::string case_name;
  std::string implementation;
  std::optional<double> median;  // seconds; ns/op, ops/s or MB with those units
  Unit unit = Unit::ms;
  std::optional<double> ratio_vs_raw;  // median / raw median
  std::string goal;                    // e.g. "Quarry ≤ 1.10× raw"
  std::string met;                     // "yes", "NO", "", or a reason ("skipped", "n/a")
  std::string note;
};

/// The goal verdict as the table shows it.
inline std::string verdict(bool met) {
  return met ? "yes" : "NO";
}

inline std::string format_median(const Row& r) {
  if (!r.median) return r.note.empty() ? "skipped" : r.note;
  if (r.unit == Unit::ns_per_op) return fmt::format("{:.1f} ns/op", *r.median);
  if (r.unit == Unit::per_second) return fmt::format("{:.0f} q/s", *r.median);
  if (r.unit == Unit::megabytes) return fmt::format("{:.1f} MB", *r.median);
  const double ms = *r.median * 1e3;
  return ms >= 100 ? fmt::format("{:.1f} ms", ms) : fmt::format("{:.2f} ms", ms);
}

/// Prints `rows` as a Markdown table (readable as plain text, pasteable into
/// bench/README.md). Column widths count code points, so "≤" and "×" align.
inline void print_table(std::FILE* out, const std::vector<Row>& rows) {
  const std::vector<std::string> header = {"case",         "implementation", "median",
                                           "ratio vs raw", "goal",           "met?"};
  std::vector<std::vector<std::string>> cells;
  for (const auto& r : rows) {
    cells.push_back({r.case_name, r.implementation, format_median(r),
                     r.ratio_vs_raw ? fmt::format("{:.2f}×", *r.ratio_vs_raw) : std::string("—"),
                     r.goal.empty() ? std::string("—") : r.goal,
                     r.met.empty() ? std::string("—") : r.met});
  }
  const auto width = [](std::string_view s) {
    std::size_t n = 0;
    for (unsigned char c : s) n += (c & 0xC0) != 0x80;  // count UTF-8 lead bytes only
    return n;
  };
  std::vector<std::size_t> w(header.size());
  for (std::size_t i = 0; i < header.size(); ++i) w[i] = width(header[i]);
  for (const auto& line : cells)
    for (std::size_t i = 0; i < line.size(); ++i) w[i] = std::max(w[i], width(line[i]));
  const auto print_line = [&](const std::vector<std::string>& line) {
    std::string s = "|";
    for (std::size_t i = 0; i < line.size(); ++i) {
      s += ' ';
      s += line[i];
      s.append(w[i] - width(line[i]) + 1, ' ');
      s += '|';
    }
    fmt::print(out, "{}\n", s);
  };
  print_line(header);
  std::string rule = "|";
  for (std::size_t i = 0; i < header.size(); ++i) rule += std::string(w[i] + 2, '-') + "|";
  fmt::print(out, "{}\n", rule);
  for (const auto& line : cells) print_line(line);
}

}  // namespace bench
