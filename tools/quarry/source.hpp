// Reading a live database's schema for the quarry tool: opening the URL
// (read-only for SQLite files), reflecting it, and turning each failure into
// the CliError the user should see.
#pragma once

#include <quarry/schema/schema.hpp>

#include "cli.hpp"

namespace quarry::cli {

/// Reflects the database at source.url: the namespaces of --schema, views
/// unless --no-views. (--only and --exclude are load_schema's to apply.)
Schema reflect_database(const SourceOptions& source, Progress& progress);

}  // namespace quarry::cli
