// Placeholder until the codegen branch is merged: `quarry codegen`.
#include <CLI/CLI.hpp>

#include "cli.hpp"
#include "commands.hpp"

namespace quarry::cli {

void add_codegen_command(CLI::App& app) {
  CLI::App* codegen = app.add_subcommand("codegen", "Write C++ models for a database's tables");
  codegen->allow_extras();
  codegen->callback([] { throw CliError("codegen is not built in yet", exit_failure); });
}

}  // namespace quarry::cli
