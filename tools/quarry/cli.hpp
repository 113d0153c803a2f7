// What the subcommands of the quarry tool share: the error that sets the exit
// status, progress messages on stderr, where a schema comes from (a database
// URL or a quarry-schema JSON file) and how output reaches its file without
// ever leaving half of it behind.
#pragma once

#include <chrono>
#include <cstdio>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <quarry/schema/schema.hpp>

namespace CLI {
class App;
}

namespace quarry::cli {

/// Exit statuses (docs/cli.md): 0 success; 1 the work failed (server
/// unreachable, output not writable, bad JSON file, rendering failed); 2 the
/// command line is wrong (unknown option, bad URL, no such table).
inline constexpr int exit_failure = 1;
inline constexpr int exit_usage = 2;

/// An error for the user: printed as "quarry <command>: error: <message>",
/// then the process exits with `status`.
class CliError : public std::runtime_error {
 public:
  CliError(const std::string& message, int status) : std::runtime_error(message), status_(status) {}
  int status() const noexcept { return status_; }

 private:
  int status_;
};

/// Progress on stderr ("reflecting ... 200 tables, 0.31 s"): on when stderr
/// is a terminal or --progress is given, off with --quiet, so that scripts
/// and pipes see only the output and errors.
class Progress {
 public:
  void configure(bool force_on, bool quiet);
  /// Starts a step: prints "quarry: <what>..." and remembers the time.
  void start(std::string_view what);
  /// Ends the step with a result ("200 tables").
  void done(std::string_view result);
  /// Within a step: "quarry:   generated 120/200 tables", about ten lines
  /// per step however large `total` is, and always the last one.
  void count(std::string_view verb, std::size_t done, std::size_t total, std::string_view noun);
  bool enabled() const noexcept { return enabled_; }

 private:
  bool enabled_ = false;
  std::chrono::steady_clock::time_point started_{};
};

/// Where the schema comes from, and which part of it to take.
struct SourceOptions {
  std::string url;          ///< a database URL, or empty with schema_json
  std::string schema_json;  ///< a quarry-schema JSON file ("-" = stdin), or empty
  std::vector<std::string> only;
  std::vector<std::string> exclude;
  std::vector<std::string> schemas;
  bool views = true;
};

/// Adds URL, --schema-json, --only, --exclude, --schema, --views/--no-views.
void add_source_options(CLI::App& command, SourceOptions& source);

/// Reads the schema the options name: reflection of the database, or the
/// JSON file filtered the same way. Throws CliError with the status to exit
/// with (bad URL or no such table: 2; unreachable database, unreadable or
/// invalid file: 1).
Schema load_schema(const SourceOptions& source, Progress& progress);

/// Output to a file that appears complete or not at all: the bytes go to a
/// temporary file beside the target, which replaces it on commit(). Created
/// before the work starts, so an unwritable path fails at once. An empty path
/// means stdout.
class Output {
 public:
  explicit Output(std::string path);
  Output(const Output&) = delete;
  Output& operator=(const Output&) = delete;
  ~Output();  ///< removes the temporary file unless committed

  void write(std::string_view bytes);
  /// Flushes and renames the temporary file onto the target.
  void commit();
  bool to_stdout() const noexcept { return path_.empty(); }
  const std::string& path() const noexcept { return path_; }

 private:
  std::string path_;
  std::string temp_path_;
  std::FILE* file_ = nullptr;
  bool committed_ = false;
};

/// "1 table", "2 tables": a count with its noun.
std::string count_of(std::size_t n, std::string_view noun);

/// "5 tables, 1 view, 0 enum types".
std::string schema_summary(const Schema& schema);

/// The table names from a list of comma-separated values ("a,b" "c").
std::vector<std::string> split_names(const std::vector<std::string>& values);

}  // namespace quarry::cli
