// Placeholder until the reflection branch is merged: the database source.
#include "source.hpp"

namespace quarry::cli {

Schema reflect_database(const SourceOptions&, Progress&) {
  throw CliError("reading a database is not built in yet; use --schema-json FILE", exit_failure);
}

}  // namespace quarry::cli
