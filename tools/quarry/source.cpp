// The database source of the quarry tool: opens the URL (a SQLite file
// read-only, and only when it exists: reflecting must never create or change
// a database), reflects it with the command's filters, and turns each failure
// into the message and exit status the user should see.
#include "source.hpp"

#include <filesystem>

#include <fmt/format.h>

#include <quarry/driver/database.hpp>
#include <quarry/driver/url.hpp>
#include <quarry/error.hpp>
#include <quarry/schema/reflect.hpp>

namespace quarry::cli {

namespace {

/// The URL to open: a SQLite file gets mode=ro unless the URL says otherwise.
std::string url_to_open(const std::string& url) {
  DatabaseUrl parsed;
  try {
    parsed = parse_database_url(url);
  } catch (const UrlError& e) {
    throw CliError(e.what(), exit_usage);
  }
  if (parsed.scheme != "sqlite" || parsed.in_memory()) return url;
  std::error_code ec;
  if (!std::filesystem::exists(parsed.path, ec)) {
    throw CliError(fmt::format("no SQLite database file {} (from {})", parsed.path, url),
                   exit_failure);
  }
  if (parsed.query.count("mode")) return url;
  return url + (url.find('?') == std::string::npos ? "?mode=ro" : "&mode=ro");
}

}  // namespace

Schema reflect_database(const SourceOptions& source, Progress& progress) {
  std::string shown = detail::redact_database_url(source.url);
  std::string url = url_to_open(source.url);
  progress.start(fmt::format("connecting to {}", shown));
  std::optional<Database> db;
  try {
    db.emplace(Database::open(url, {.pool_size = 1}));
  } catch (const UrlError& e) {
    throw CliError(e.what(), exit_usage);
  } catch (const Error& e) {
    throw CliError(e.what(), exit_failure);
  }
  progress.done("connected");

  // --only and --exclude are applied by the caller, as for a schema file, so
  // that a name matching nothing gets the same message from either source.
  ReflectOptions options;
  options.schemas = source.schemas;
  options.views = source.views;
  if (progress.enabled()) {
    options.progress = [&progress](std::size_t done, std::size_t total) {
      progress.count("read", done, total, "catalogue queries");
    };
  }
  progress.start("reading the schema");
  Schema schema;
  try {
    schema = reflect_sync(*db, options);
  } catch (const UsageError& e) {
    throw CliError(e.what(), exit_usage);  // a --schema that does not exist
  } catch (const Error& e) {
    throw CliError(fmt::format("reading the schema of {} failed: {}", shown, e.what()),
                   exit_failure);
  }
  progress.done(schema_summary(schema));
  return schema;
}

}  // namespace quarry::cli
