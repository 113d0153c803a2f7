// The shared parts of the quarry tool: progress, schema sources, and output
// files written through a temporary file and a rename.
#include "cli.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <iostream>
#include <iterator>
#include <set>
#include <sstream>

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include <quarry/error.hpp>
#include <quarry/schema/json.hpp>
#include <quarry/schema/lookup.hpp>

#include "source.hpp"

namespace quarry::cli {

// ---------------------------------------------------------------- progress

void Progress::configure(bool force_on, bool quiet) {
  enabled_ = !quiet && (force_on || isatty(STDERR_FILENO) == 1);
}

void Progress::start(std::string_view what) {
  started_ = std::chrono::steady_clock::now();
  if (enabled_) std::cerr << "quarry: " << what << "..." << std::endl;
}

void Progress::done(std::string_view result) {
  if (!enabled_) return;
  std::chrono::duration<double> took = std::chrono::steady_clock::now() - started_;
  std::cerr << fmt::format("quarry:   {} ({:.2f} s)", result, took.count()) << std::endl;
}

void Progress::count(std::string_view verb, std::size_t done, std::size_t total,
                     std::string_view noun) {
  if (!enabled_ || total == 0) return;
  std::size_t every = std::max<std::size_t>(1, total / 10);
  if (done != total && done % every != 0) return;
  std::cerr << fmt::format("quarry:   {} {}/{} {}", verb, done, total, noun) << std::endl;
}

// ---------------------------------------------------------------- sources

std::string count_of(std::size_t n, std::string_view noun) {
  return fmt::format("{} {}{}", n, noun, n == 1 ? "" : "s");
}

std::string schema_summary(const Schema& schema) {
  std::size_t views = 0;
  for (const auto& t : schema.tables) views += t.is_view ? 1 : 0;
  return fmt::format("{}, {}, {}", count_of(schema.tables.size() - views, "table"),
                     count_of(views, "view"), count_of(schema.enums.size(), "enum type"));
}

std::vector<std::string> split_names(const std::vector<std::string>& values) {
  std::vector<std::string> out;
  for (const auto& v : values) {
    std::size_t start = 0;
    while (start <= v.size()) {
      std::size_t comma = v.find(',', start);
      if (comma == std::string::npos) comma = v.size();
      std::string name = v.substr(start, comma - start);
      if (!name.empty()) out.push_back(std::move(name));
      start = comma + 1;
    }
  }
  return out;
}

void add_source_options(CLI::App& command, SourceOptions& source) {
  command.add_option(
      "url", source.url,
      "Database URL: sqlite:///file.db, postgresql://user@host/db (see docs/cli.md)");
  command
      .add_option("--schema-json", source.schema_json,
                  "Read the schema from a quarry-schema JSON file (from `quarry reflect --json`; "
                  "- for stdin) instead of a database")
      ->type_name("FILE");
  command
      .add_option("--only", source.only,
                  "Only these tables and views (repeatable, or comma-separated; schema.name for "
                  "a table outside the default schema)")
      ->type_name("TABLE,...");
  command.add_option("--exclude", source.exclude, "Leave these tables out (as --only)")
      ->type_name("TABLE,...");
  command
      .add_option("--schema", source.schemas,
                  "PostgreSQL schemas (namespaces) to read (repeatable; default: the current "
                  "schema of the connection)")
      ->type_name("NAME");
  command.add_flag("--views,!--no-views", source.views, "Include views (default) or not");
}

namespace {

std::string read_file(const std::string& path) {
  if (path == "-") {
    std::ostringstream text;
    text << std::cin.rdbuf();
    return text.str();
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw CliError(fmt::format("cannot read schema file {}: {}", path, std::strerror(errno)),
                   exit_failure);
  }
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

/// The table `name` names (plain or schema.name), or a usage error naming it
/// and the closest table of the schema.
const TableSchema* find_named(const Schema& schema, const std::string& name,
                              std::string_view option, std::string_view where) {
  for (const auto& t : schema.tables) {
    if (qualified_name(t) == name) return &t;
  }
  for (const auto& t : schema.tables) {
    if (t.name == name) return &t;
  }
  std::vector<std::string> names;
  for (const auto& t : schema.tables) names.push_back(qualified_name(t));
  std::vector<std::string_view> candidates(names.begin(), names.end());
  std::string suggestion = quarry::detail::closest_name(name, candidates);
  throw CliError(
      fmt::format("{}: no table \"{}\" in {}{}", option, name, where,
                  suggestion.empty() ? "" : fmt::format("; did you mean \"{}\"?", suggestion)),
      exit_usage);
}

/// --only, --exclude and --no-views applied to a schema (`where` names it in
/// messages), and --schema too when `by_namespace` (a file: reflection has
/// already read only those namespaces, and names the current one "").
Schema filter(Schema schema, const SourceOptions& source, std::string_view where,
              bool by_namespace) {
  std::set<const TableSchema*> keep;
  std::vector<std::string> only = split_names(source.only);
  if (only.empty()) {
    for (const auto& t : schema.tables) keep.insert(&t);
  } else {
    for (const auto& name : only) keep.insert(find_named(schema, name, "--only", where));
  }
  for (const auto& name : split_names(source.exclude)) {
    keep.erase(find_named(schema, name, "--exclude", where));
  }
  Schema out;
  for (const auto& t : schema.tables) {
    if (!keep.count(&t)) continue;
    if (t.is_view && !source.views) continue;
    if (by_namespace && !source.schemas.empty()) {
      // A table of the default schema has schema "" in the file; --schema
      // names real namespaces, so "" matches none of them except "".
      bool listed = false;
      for (const auto& s : source.schemas) listed |= s == t.schema;
      if (!listed) continue;
    }
    out.tables.push_back(t);
  }
  out.enums = std::move(schema.enums);
  return out;
}

}  // namespace

Schema load_schema(const SourceOptions& source, Progress& progress) {
  if (source.url.empty() && source.schema_json.empty()) {
    throw CliError("give a database URL, or --schema-json FILE", exit_usage);
  }
  if (!source.url.empty() && !source.schema_json.empty()) {
    throw CliError("give a database URL or --schema-json FILE, not both", exit_usage);
  }
  if (!source.url.empty()) {
    Schema schema = reflect_database(source, progress);
    return filter(std::move(schema), source, "the database", false);
  }

  progress.start(
      fmt::format("reading {}", source.schema_json == "-" ? "stdin" : source.schema_json));
  std::string text = read_file(source.schema_json);
  Schema schema;
  try {
    schema = schema_from_json(text);
  } catch (const SchemaJsonError& e) {
    throw CliError(
        fmt::format("{}: {}", source.schema_json == "-" ? "stdin" : source.schema_json, e.what()),
        exit_failure);
  }
  schema = filter(std::move(schema), source, "the schema file", true);
  progress.done(schema_summary(schema));
  return schema;
}

// ---------------------------------------------------------------- output

Output::Output(std::string path) : path_(std::move(path)) {
  if (path_.empty()) return;
  std::string directory = ".";
  std::string base = path_;
  if (auto slash = path_.rfind('/'); slash != std::string::npos) {
    directory = slash == 0 ? "/" : path_.substr(0, slash);
    base = path_.substr(slash + 1);
  }
  if (base.empty())
    throw CliError(fmt::format("cannot write {}: it names a directory", path_), exit_failure);
  struct stat info {};
  if (::stat(path_.c_str(), &info) == 0 && S_ISDIR(info.st_mode)) {
    throw CliError(fmt::format("cannot write {}: it is a directory", path_), exit_failure);
  }
  temp_path_ = fmt::format("{}/.{}.quarry-XXXXXX", directory, base);
  int fd = ::mkstemp(temp_path_.data());
  if (fd < 0) {
    int error = errno;
    temp_path_.clear();
    throw CliError(fmt::format("cannot write {}: {}", path_, std::strerror(error)), exit_failure);
  }
  // mkstemp creates the file 0600; the output gets the mode a new file would.
  mode_t mask = ::umask(0);
  ::umask(mask);
  ::fchmod(fd, 0666 & ~mask);
  file_ = ::fdopen(fd, "wb");
  if (!file_) {
    int error = errno;
    ::close(fd);
    ::unlink(temp_path_.c_str());
    throw CliError(fmt::format("cannot write {}: {}", path_, std::strerror(error)), exit_failure);
  }
}

Output::~Output() {
  if (file_) std::fclose(file_);
  if (!committed_ && !temp_path_.empty()) ::unlink(temp_path_.c_str());
}

void Output::write(std::string_view bytes) {
  std::FILE* out = file_ ? file_ : stdout;
  if (std::fwrite(bytes.data(), 1, bytes.size(), out) != bytes.size()) {
    throw CliError(
        fmt::format("cannot write {}: {}", to_stdout() ? "stdout" : path_, std::strerror(errno)),
        exit_failure);
  }
}

void Output::commit() {
  if (to_stdout()) {
    if (std::fflush(stdout) != 0) {
      throw CliError(fmt::format("cannot write stdout: {}", std::strerror(errno)), exit_failure);
    }
    return;
  }
  std::FILE* file = file_;
  file_ = nullptr;
  if (std::fflush(file) != 0 || ::fsync(::fileno(file)) != 0) {
    int error = errno;
    std::fclose(file);
    throw CliError(fmt::format("cannot write {}: {}", path_, std::strerror(error)), exit_failure);
  }
  if (std::fclose(file) != 0) {
    throw CliError(fmt::format("cannot write {}: {}", path_, std::strerror(errno)), exit_failure);
  }
  if (::rename(temp_path_.c_str(), path_.c_str()) != 0) {
    throw CliError(fmt::format("cannot write {}: {}", path_, std::strerror(errno)), exit_failure);
  }
  committed_ = true;
}

}  // namespace quarry::cli
